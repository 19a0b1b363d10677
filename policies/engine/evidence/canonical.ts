/**
 * Canonical JSON (RFC 8785, the JSON Canonicalization Scheme): object keys sorted by UTF-16 code
 * units, no insignificant whitespace, numbers and strings as ECMAScript's JSON.stringify writes
 * them (which is what JCS specifies). Evidence is signed byte for byte, so the same record must
 * always give the same bytes, and an auditor can re-derive them with any JCS implementation.
 */
import type { JsonValue } from '../types';

const MAX_DEPTH = 64;

export function canonicalJson(value: JsonValue): string {
  return write(value, 0);
}

function write(value: JsonValue, depth: number): string {
  if (depth > MAX_DEPTH) throw new Error('canonical JSON: nested deeper than 64 levels');
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('canonical JSON: a number that is not finite');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => write(v, depth + 1)).join(',')}]`;
  // Default sort compares UTF-16 code units, as JCS requires; undefined members are left out.
  const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${write(value[k], depth + 1)}`).join(',')}}`;
}
