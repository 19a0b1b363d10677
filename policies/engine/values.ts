/**
 * Reading one attribute of a planned resource: its value, whether Terraform knows it yet
 * (`after_unknown`), whether it is sensitive (`after_sensitive`), and what the configuration
 * says it refers to. Plan JSON writes nested blocks as lists; CDKTF synth writes single blocks
 * as objects. Access tolerates both so rules are written once.
 */
import { BoundedCache } from './bounded-cache';
import type { AttributePath, AttributeValue, JsonValue } from './types';

/** References per attribute path, with list indices dropped: 'rule.apply_server_side_encryption_by_default.kms_master_key_id'. */
export type ExpressionIndex = ReadonlyMap<string, readonly string[]>;

const NO_REFERENCES: readonly string[] = [];

/** Rules name the same few hundred paths over and over: parse each text once. */
const parsedPaths = new BoundedCache<string, AttributePath>(10_000);
/** The expression-index key of each cached path (attribute reads are the hottest loop of a run). */
const pathKeys = new WeakMap<AttributePath, string>();

/** 'a.b[0].c', 'a.0.c' or ['a', 0, 'c'] → ['a', 0, 'c']. */
export function toPath(path: string | AttributePath): AttributePath {
  if (typeof path !== 'string') return path;
  const cached = parsedPaths.get(path);
  if (cached !== undefined) return cached;
  const parsed = Object.freeze(parsePath(path));
  parsedPaths.set(path, parsed);
  pathKeys.set(parsed, expressionKey(parsed));
  return parsed;
}

function parsePath(path: string): AttributePath {
  const out: Array<string | number> = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1] !== '') out.push(/^\d+$/.test(m[1]) ? Number(m[1]) : m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** The expression-index key of a path: names only, indices dropped. */
export function expressionKey(path: AttributePath): string {
  return path.filter((p) => typeof p === 'string').join('.');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own-property read that never walks the prototype chain (`__proto__` keys in hostile plans). */
function own(container: unknown, key: string | number): unknown {
  if (Array.isArray(container)) {
    return typeof key === 'number' ? container[key] : undefined;
  }
  if (isObject(container) && typeof key === 'string' && Object.prototype.hasOwnProperty.call(container, key)) {
    return container[key];
  }
  return undefined;
}

/**
 * One step of the walk. A numeric step on an object is the single-block case (CDKTF); a name
 * step on a one-element list descends into it (plan JSON single nested block).
 */
function step(container: unknown, key: string | number): unknown {
  if (typeof key === 'number' && isObject(container)) return key === 0 ? container : undefined;
  if (typeof key === 'string' && Array.isArray(container)) {
    return container.length === 1 ? own(container[0], key) : undefined;
  }
  return own(container, key);
}

export interface ValueSource {
  value: JsonValue | undefined;
  unknown: JsonValue | undefined;
  sensitive: JsonValue | undefined;
  expressions: ExpressionIndex;
}

/** What the configuration says the attribute at `path` refers to, without reading its value. */
export function referencesAt(expressions: ExpressionIndex, pathInput: string | AttributePath): readonly string[] {
  if (expressions.size === 0) return NO_REFERENCES;
  const path = toPath(pathInput);
  return expressions.get(pathKeys.get(path) ?? expressionKey(path)) ?? NO_REFERENCES;
}

export function readAttribute(source: ValueSource, pathInput: string | AttributePath): AttributeValue {
  const path = toPath(pathInput);
  const references = referencesAt(source.expressions, path);
  let value: unknown = source.value;
  let unknown: unknown = source.unknown;
  let sensitive: unknown = source.sensitive;
  let isSensitive = sensitive === true;
  for (const key of path) {
    if (unknown === true) return { state: 'unknown', sensitive: isSensitive, references };
    value = step(value, key);
    unknown = step(unknown, key);
    sensitive = step(sensitive, key);
    if (sensitive === true) isSensitive = true;
  }
  if (unknown === true) return { state: 'unknown', sensitive: isSensitive, references };
  if (value === undefined) return { state: 'absent', references };
  return { state: 'known', value: value as JsonValue, sensitive: isSensitive || containsTrue(sensitive), references };
}

/**
 * A known value is sensitive as a whole if any part of it is marked sensitive. The walk goes
 * deeper than the loader lets any input be (load/sections.ts MAX_DEPTH); a cut-off at 64 levels
 * let a value with a deeper sensitive leaf be printed. Past the limit it assumes a mark (fails closed).
 */
function containsTrue(marks: unknown, depth = 0): boolean {
  if (marks === true) return true;
  if (typeof marks !== 'object' || marks === null) return false;
  if (depth > 1024) return true;
  for (const v of Object.values(marks)) if (containsTrue(v, depth + 1)) return true;
  return false;
}

/** Paths of the elements of a block list (or of a single block object) at `path`. */
export function listBlocks(source: ValueSource, pathInput: string | AttributePath): AttributePath[] {
  const path = toPath(pathInput);
  let value: unknown = source.value;
  for (const key of path) value = step(value, key);
  if (Array.isArray(value)) return value.map((_, i) => [...path, i]);
  if (isObject(value)) return [[...path, 0]];
  return [];
}
