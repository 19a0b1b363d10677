/**
 * JSONPath for custom rules: the paths a config may write, and evaluating them over a resource's
 * planned values with `jsonpath-plus` (script evaluation off).
 *
 * A config is data, and a path must never become code. `jsonpath-plus` with `eval: false`
 * already refuses filter and script expressions; on top of that only a small grammar is
 * accepted (an allow-list, not a deny-list of dangerous characters):
 *
 *   $  followed by 1–32 of:  .name   .*   ..name   ..*   [N]   [*]   ['key']   ["key"]   ..['key']
 *
 * where `name` is a Terraform attribute name (letters, digits, `_`, `-`), `N` a list index, and
 * a quoted key holds no quote, backslash, `@`, `$`, `(`, `)`, `?`, `` ` ``, `~` or `^` (so no filter
 * `?(`, script `(@`, parent `^`, property-name `~` or type-selector `@string()` syntax can hide
 * in it). `__proto__`, `constructor` and `prototype` are refused anywhere: they are never
 * Terraform attributes, and refusing them keeps prototype-chain lookups out entirely.
 */
import { JSONPath } from 'jsonpath-plus';
import type { AttributePath, JsonValue } from '../types';

export const MAX_PATH_LENGTH = 512;
const MAX_SEGMENTS = 32;
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

const SEGMENT = new RegExp(
  [
    /\.\.?[A-Za-z_][A-Za-z0-9_-]*/.source, // .name, ..name
    /\.\.?\*/.source, // .*, ..*
    /(?:\.\.)?\[(?:\d{1,6}|\*|'[^'"\\@$()?`~^\[\]]{1,256}'|"[^'"\\@$()?`~^\[\]]{1,256}")\]/.source, // [0] [*] ['k'] ["k"], optionally after ..
  ].join('|'),
  'y',
);

export class PathError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PathError';
  }
}

export interface SafePath {
  readonly text: string;
  /** The path cut after each segment: `$.a`, `$.a[*]`, `$.a[*].b`; the last one is the whole path. */
  readonly prefixes: readonly string[];
  /** The attribute the first step names (`.name` or `['name']`), when it names one. */
  readonly firstName?: string;
}

/** The name a segment looks up, for the forbidden-name check. */
function segmentName(segment: string): string | undefined {
  const m = /^\.\.?([A-Za-z_][A-Za-z0-9_-]*)$/.exec(segment) ?? /\[(?:'([^']*)'|"([^"]*)")\]$/.exec(segment);
  if (!m) return undefined;
  return m[1] ?? m[2];
}

/** Parses a config path against the allowed grammar, or throws PathError saying why not. */
export function parseSafePath(text: string): SafePath {
  if (text.length > MAX_PATH_LENGTH) throw new PathError(`longer than ${MAX_PATH_LENGTH} characters`);
  if (!text.startsWith('$')) throw new PathError('must start with $ (the resource\'s planned values)');
  if (/\?\s*\(|\(\s*@|@|\(|\)|`|\^|~/.test(text)) {
    throw new PathError('filter, script, parent (^), property-name (~) and type-selector (@) expressions are not allowed; use names, [index], [*] and ..');
  }
  const segments: string[] = [];
  let pos = 1;
  while (pos < text.length) {
    SEGMENT.lastIndex = pos;
    const m = SEGMENT.exec(text);
    if (!m) throw new PathError(`unexpected "${text.slice(pos, pos + 12)}" at character ${pos + 1}; expected .name, [index], [*], ['key'] or ..name`);
    const name = segmentName(m[0]);
    if (name !== undefined && FORBIDDEN_NAMES.has(name)) throw new PathError(`"${name}" is not an attribute name (prototype keys are refused)`);
    segments.push(m[0]);
    pos += m[0].length;
  }
  if (segments.length === 0) throw new PathError('name at least one attribute, e.g. $.versioning[0].enabled');
  if (segments.length > MAX_SEGMENTS) throw new PathError(`more than ${MAX_SEGMENTS} steps`);
  const prefixes = segments.map((_, i) => '$' + segments.slice(0, i + 1).join(''));
  const first = segments[0];
  const firstName = first.startsWith('..') || first.includes('*') || /^\[\d/.test(first) ? undefined : segmentName(first);
  return firstName === undefined ? { text, prefixes } : { text, prefixes, firstName };
}

export interface PathMatch {
  /** Where the value sits, as ResourceInstance.attr() takes it. */
  readonly path: AttributePath;
  readonly value: JsonValue;
}

interface RawMatch {
  pointer: string;
  value: JsonValue;
}

/** RFC 6901 pointer → steps; a step into a list is a number, into an object a string. */
function stepsOf(pointer: string, doc: JsonValue): AttributePath {
  const steps: Array<string | number> = [];
  let node: JsonValue | undefined = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      steps.push(Number(key));
      node = node[Number(key)];
    } else {
      steps.push(key);
      node = node !== null && typeof node === 'object' && Object.prototype.hasOwnProperty.call(node, key) ? node[key] : undefined;
    }
  }
  return steps;
}

/** Evaluates an already-parsed path over a document; no match is an empty list. */
export function queryPath(path: string, doc: JsonValue | undefined): PathMatch[] {
  if (doc === undefined || doc === null || typeof doc !== 'object') return [];
  const found = JSONPath({ path, json: doc, eval: false, resultType: 'all', wrap: true }) as RawMatch[];
  return found.map((m) => ({ path: stepsOf(m.pointer, doc), value: m.value }));
}

/** `a[0].b` for messages and the finding's attribute. */
export function formatAttributePath(path: AttributePath): string {
  let out = '';
  for (const step of path) {
    if (typeof step === 'number') out += `[${step}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(step)) out += out === '' ? step : `.${step}`;
    else out += `[${JSON.stringify(step)}]`;
  }
  return out;
}
