/**
 * Terraform addresses: `module.a["x"].module.b.aws_s3_bucket.logs[0]`.
 * Instance keys may hold dots, brackets and escaped quotes, so addresses are tokenized, not split.
 */
import { BoundedCache } from './bounded-cache';

export interface ModuleStep {
  name: string;
  key: string | number | undefined;
}

export interface ParsedAddress {
  modules: ModuleStep[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key: string | number | undefined;
}

/** Renders an instance key the way Terraform prints it: [0] or ["name"]. */
export function formatKey(key: string | number | undefined): string {
  if (key === undefined) return '';
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export function formatModuleAddress(modules: readonly ModuleStep[]): string {
  return modules.map((m) => `module.${m.name}${formatKey(m.key)}`).join('.');
}

/** The configuration path of a module instance address: keys dropped (module.a["x"].module.b → module.a.module.b). */
export function moduleConfigPath(modules: readonly ModuleStep[]): string {
  return modules.map((m) => `module.${m.name}`).join('.');
}

/** Splits an address into dot-separated parts, keeping bracketed keys attached to their part. */
function splitParts(address: string): Array<{ name: string; key: string | number | undefined }> | undefined {
  const parts: Array<{ name: string; key: string | number | undefined }> = [];
  let i = 0;
  while (i < address.length) {
    let j = i;
    while (j < address.length && address[j] !== '.' && address[j] !== '[') j++;
    const name = address.slice(i, j);
    if (name === '') return undefined;
    let key: string | number | undefined;
    if (address[j] === '[') {
      const parsed = parseKey(address, j);
      if (!parsed) return undefined;
      key = parsed.key;
      j = parsed.end;
    }
    parts.push({ name, key });
    if (j < address.length) {
      if (address[j] !== '.') return undefined;
      j++;
      if (j === address.length) return undefined;
    }
    i = j;
  }
  return parts;
}

/** Parses `[0]` or `["k"]` starting at `start` (the `[`); returns the key and the index after `]`. */
function parseKey(text: string, start: number): { key: string | number; end: number } | undefined {
  if (text[start + 1] === '"') {
    let k = start + 2;
    while (k < text.length) {
      if (text[k] === '\\') k += 2;
      else if (text[k] === '"') break;
      else k++;
    }
    if (text[k + 1] !== ']') return undefined;
    try {
      return { key: JSON.parse(text.slice(start + 1, k + 1)) as string, end: k + 2 };
    } catch {
      return undefined;
    }
  }
  const close = text.indexOf(']', start);
  if (close < 0) return undefined;
  const digits = text.slice(start + 1, close);
  if (!/^\d+$/.test(digits)) return undefined;
  return { key: Number(digits), end: close + 1 };
}

/** Parses a resource instance address; undefined when it is not one. */
export function parseAddress(address: string): ParsedAddress | undefined {
  const parts = splitParts(address);
  if (!parts) return undefined;
  const modules: ModuleStep[] = [];
  let i = 0;
  while (i + 1 < parts.length && parts[i].name === 'module' && parts[i].key === undefined) {
    modules.push({ name: parts[i + 1].name, key: parts[i + 1].key });
    i += 2;
  }
  let mode: 'managed' | 'data' = 'managed';
  if (parts[i]?.name === 'data' && parts[i].key === undefined) {
    mode = 'data';
    i++;
  }
  const rest = parts.slice(i);
  if (rest.length !== 2 || rest[0].key !== undefined) return undefined;
  return { modules, mode, type: rest[0].name, name: rest[1].name, key: rest[1].key };
}

/**
 * Parses a module instance address (`module.a["x"].module.b`, or '' for root).
 * Returns undefined when the text is not a module address.
 */
export function parseModuleAddress(address: string): ModuleStep[] | undefined {
  if (address === '') return [];
  const parts = splitParts(address);
  if (!parts || parts.length % 2 !== 0) return undefined;
  const modules: ModuleStep[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (parts[i].name !== 'module' || parts[i].key !== undefined) return undefined;
    modules.push({ name: parts[i + 1].name, key: parts[i + 1].key });
  }
  return modules;
}

/**
 * A reference as Terraform lists it in `expressions.*.references`, split into its parts:
 * `aws_s3_bucket.b[0].id` → [{aws_s3_bucket}, {b, key 0}, {id}]. Undefined when malformed.
 */
export function parseReference(reference: string): ReferenceParts | undefined {
  // The same few references recur on every instance of a resource: parse each text once.
  let parsed = parsedReferences.get(reference);
  if (parsed === undefined) {
    const parts = splitParts(reference);
    parsed = parts === undefined ? MALFORMED : Object.freeze(parts.map((p) => Object.freeze(p)));
    parsedReferences.set(reference, parsed);
  }
  return parsed === MALFORMED ? undefined : parsed;
}

type ReferenceParts = ReadonlyArray<Readonly<{ name: string; key: string | number | undefined }>>;
const MALFORMED: ReferenceParts = Object.freeze([]);
const parsedReferences = new BoundedCache<string, ReferenceParts>(50_000);
