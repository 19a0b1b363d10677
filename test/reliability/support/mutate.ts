/**
 * Ways to break a real plan, as fast-check arbitraries and plain functions: replace, delete or
 * retype any value at any depth, add hostile keys, truncate or corrupt the bytes, re-encode.
 * The result is always bytes, because that is what the CLI reads.
 */
import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../../policies/engine/types';
import { isObject } from './seeds';

/** A JSON token written as is (a number JSON.stringify cannot produce), spliced in after stringify. */
const RAW = '\u0001raw:';

export const RAW_NUMBERS = ['1e309', '-1e309', '1e-400', '123456789012345678901234567890', '-0', '0.1e1', '1E+2', '-0.0e-0'];

/** Scalars that have broken parsers and comparisons somewhere. */
export const HOSTILE_SCALARS: readonly JsonValue[] = [
  null, true, false, 0, -1, 1.5, 2 ** 53 + 2, -(2 ** 31), Number.MAX_VALUE, Number.MIN_VALUE,
  '', ' ', 'NaN', 'Infinity', '-Infinity', 'null', 'undefined', 'true', '0x1F', '1e309', '-0', '00012',
  '__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString',
  '${aws_s3_bucket.b.id}', '$${literal}', '%{ if true }x%{ endif }', '*', 'arn:aws:kms:*:*:key/*', 'alias/aws/s3',
  'aws:kms', 'AES256', 'TLSv1', 'HTTP', '\u0000', '\ud800', '\u202e', '\u2028', 'ü', '😀', 'a\nb', '"', '\\',
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}',
  '{"Statement":', '[]', '{}',
  ...RAW_NUMBERS.map((n) => RAW + n),
];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__'];

/** An object whose own keys are prototype names (JSON.parse makes them own properties). */
export function protoObject(value: JsonValue): JsonObject {
  const out: JsonObject = {};
  for (const key of PROTO_KEYS) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

export function nested(depth: number, leaf: JsonValue = 1, kind: 'list' | 'object' = 'list'): JsonValue {
  let v: JsonValue = leaf;
  for (let i = 0; i < depth; i++) v = kind === 'list' ? [v] : { a: v };
  return v;
}

export const hostileValue: fc.Arbitrary<JsonValue> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_SCALARS) },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<JsonValue> },
  { weight: 1, arbitrary: fc.constantFrom<JsonValue>([], {}, [null], [{}], [[]], { polluted: true }) },
  { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_SCALARS).map(protoObject) },
  // Either side of the loader's 512-level limit; deeper values are hostile.test.ts's job (fast-check
  // itself overflows the stack printing a counterexample thousands of levels deep).
  { weight: 1, arbitrary: fc.record({ depth: fc.integer({ min: 50, max: 700 }), kind: fc.constantFrom<'list' | 'object'>('list', 'object') }).map(({ depth, kind }) => nested(depth, 'x', kind)) },
  { weight: 1, arbitrary: fc.integer({ min: 1000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
);

/** Every path into a value, parents before children. Cached per seed by the caller. */
export function pathsOf(value: JsonValue, limit = 200_000): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const stack: Array<{ v: JsonValue; p: Array<string | number> }> = [{ v: value, p: [] }];
  while (stack.length > 0 && out.length < limit) {
    const { v, p } = stack.pop()!;
    out.push(p);
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, p: [...p, i] }));
    else if (isObject(v)) for (const k of Object.keys(v)) stack.push({ v: v[k], p: [...p, k] });
  }
  return out;
}

export type Mutation =
  | { op: 'replace'; at: number; value: JsonValue }
  | { op: 'delete'; at: number }
  | { op: 'hostile-key'; at: number; key: string; value: JsonValue }
  | { op: 'duplicate'; at: number }
  | { op: 'wrap'; at: number }
  | { op: 'empty'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: hostileValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('hostile-key' as const), at: fc.nat(), key: fc.constantFrom(...PROTO_KEYS, 'polluted', ''), value: hostileValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('wrap' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('empty' as const), at: fc.nat() }) },
);

function setOwn(obj: JsonObject, key: string, value: JsonValue): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Applies mutations to a deep copy of `doc` (paths are picked from `paths`, modulo their count). */
export function applyMutations(doc: JsonValue, paths: ReadonlyArray<ReadonlyArray<string | number>>, mutations: readonly Mutation[]): JsonValue {
  let root = structuredClone(doc);
  for (const m of mutations) {
    const path = paths[m.at % paths.length];
    // Find the container and the current value; paths may be stale after earlier mutations.
    let parent: JsonValue | undefined;
    let current: JsonValue | undefined = root;
    for (const step of path) {
      parent = current;
      if (Array.isArray(current) && typeof step === 'number') current = current[step];
      else if (isObject(current) && typeof step === 'string' && Object.prototype.hasOwnProperty.call(current, step)) current = current[step];
      else {
        current = undefined;
        break;
      }
    }
    if (current === undefined) continue;
    const last = path[path.length - 1];
    const put = (value: JsonValue | undefined) => {
      if (path.length === 0) {
        if (value !== undefined) root = value;
        return;
      }
      if (Array.isArray(parent) && typeof last === 'number') {
        if (value === undefined) parent.splice(last, 1);
        else parent[last] = value;
      } else if (isObject(parent) && typeof last === 'string') {
        if (value === undefined) delete parent[last];
        else setOwn(parent, last, value);
      }
    };
    switch (m.op) {
      case 'replace':
        put(m.value);
        break;
      case 'delete':
        put(undefined);
        break;
      case 'hostile-key':
        if (isObject(current)) setOwn(current, m.key, m.value);
        else put(protoObject(m.value));
        break;
      case 'duplicate':
        if (Array.isArray(current) && current.length > 0) current.push(structuredClone(current[0]));
        else if (Array.isArray(parent)) parent.push(structuredClone(current));
        break;
      case 'wrap':
        put([current]);
        break;
      case 'empty':
        put(Array.isArray(current) ? [] : isObject(current) ? {} : '');
        break;
    }
  }
  return root;
}

/** JSON text with the raw tokens spliced in. */
export function serialize(doc: JsonValue): string {
  const text = JSON.stringify(doc);
  return text.includes(RAW) ? text.replace(/"\\u0001raw:([^"]*)"/g, '$1') : text;
}

export type Encoding = 'utf8' | 'utf8-bom' | 'utf16le-bom' | 'utf16be-bom' | 'utf16le' | 'utf16be';

export function encode(text: string, encoding: Encoding): Buffer {
  const le = () => Buffer.from(text, 'utf16le');
  switch (encoding) {
    case 'utf8':
      return Buffer.from(text, 'utf8');
    case 'utf8-bom':
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    case 'utf16le-bom':
      return Buffer.concat([Buffer.from([0xff, 0xfe]), le()]);
    case 'utf16be-bom':
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le().swap16()]);
    case 'utf16le':
      return le();
    case 'utf16be':
      return le().swap16();
  }
}

export type ByteDamage =
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; byte: number }
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'drop-range'; at: number; length: number };

export const byteDamage: fc.Arbitrary<ByteDamage> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('drop-range' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 64 }) }),
);

export function damage(bytes: Buffer, d: ByteDamage): Buffer {
  if (bytes.length === 0) return bytes;
  const at = d.at % bytes.length;
  switch (d.op) {
    case 'truncate':
      return bytes.subarray(0, at);
    case 'flip': {
      const copy = Buffer.from(bytes);
      copy[at] = d.byte;
      return copy;
    }
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(d.bytes), bytes.subarray(at)]);
    case 'drop-range':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + d.length)]);
  }
}
