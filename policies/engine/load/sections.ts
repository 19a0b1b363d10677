/**
 * A plan's top-level sections, found by scanning the UTF-8 bytes and parsed only when asked
 * for. `resource_changes` and `configuration` are what the evaluator reads; `planned_values`,
 * `prior_state` and `variables` (often 40% of a plan) are parsed only if needed. Objects and
 * lists of a file read into WebAssembly memory are skipped by a twin of scanContainer there
 * (fast-skip.ts); otherwise strings are skipped with Buffer.indexOf. A section
 * larger than V8's maximum string length is parsed element by element, so plans of any size
 * up to what Node can read evaluate.
 */
import type { JsonValue } from '../types';
import { fastSkip } from './fast-skip';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
/** Sections up to this many bytes are decoded and parsed in one call. */
const WHOLE_SECTION_LIMIT = 256 * 1024 * 1024;
/**
 * Real plans nest about 20 levels deep (the deepest of the test corpus is 21). Deeper input is
 * refused here, before parsing, because everything downstream may recurse over values: a rule's
 * JSON.stringify overflows the stack near 4,000 levels, which would be a crash (exit 3) rather
 * than bad input (exit 2). 512 leaves room for any real plan and stays far below the stack.
 */
export const MAX_DEPTH = 512;

/** Why the scan stopped: malformed JSON, nesting deeper than MAX_DEPTH, or a non-list section too large to parse. */
export type ScanProblem = 'syntax' | 'too-deep' | 'too-large';

export class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly problem: ScanProblem = 'syntax',
  ) {
    super(`JSON structure error at byte ${offset}`);
  }
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

function skipSpace(buf: Buffer, i: number): number {
  while (i < buf.length && isSpace(buf[i])) i++;
  return i;
}

/** `i` at an opening quote; returns the index after the closing quote. */
function skipString(buf: Buffer, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q < 0) throw new ScanError(i);
    let backslashes = 0;
    for (let k = q - 1; k > i && buf[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** `i` at the first byte of a value; returns the index just after it. */
export function skipValue(buf: Buffer, i: number): number {
  const first = buf[i];
  if (first === QUOTE) return skipString(buf, i);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let j = i;
    while (j < buf.length) {
      const b = buf[j];
      if (b === COMMA || b === CLOSE_BRACE || b === CLOSE_BRACKET || isSpace(b)) break;
      j++;
    }
    if (j === i) throw new ScanError(i);
    return j;
  }
  // The same scan in WebAssembly; on any problem it steps aside and scanContainer says what.
  return fastSkip(buf, i) ?? scanContainer(buf, i);
}

/** `i` at `{` or `[`; returns the index just after its match. The reference for skip.wat. */
export function scanContainer(buf: Buffer, i: number): number {
  let depth = 0;
  let j = i;
  while (j < buf.length) {
    const b = buf[j];
    if (b === QUOTE) {
      j = skipString(buf, j);
      continue;
    }
    if (b === OPEN_BRACE || b === OPEN_BRACKET) {
      if (++depth > MAX_DEPTH) throw new ScanError(j, 'too-deep');
    } else if (b === CLOSE_BRACE || b === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return j + 1;
    }
    j++;
  }
  throw new ScanError(i);
}

export interface Range {
  start: number;
  end: number;
}

/** The byte ranges of the members of the top-level object; undefined when the text is not an object. */
export function scanTopLevel(buf: Buffer): Map<string, Range> | undefined {
  let i = skipSpace(buf, 0);
  if (buf[i] !== OPEN_BRACE) return undefined;
  const members = new Map<string, Range>();
  i = skipSpace(buf, i + 1);
  if (buf[i] === CLOSE_BRACE) return trailing(buf, i + 1, members);
  for (;;) {
    if (buf[i] !== QUOTE) throw new ScanError(i);
    const keyEnd = skipString(buf, i);
    let key: string;
    try {
      key = JSON.parse(buf.toString('utf8', i, keyEnd)) as string;
    } catch {
      // A control character or a bad escape in a key is bad input (exit 2), not a crash.
      throw new ScanError(i);
    }
    i = skipSpace(buf, keyEnd);
    if (buf[i] !== COLON) throw new ScanError(i);
    const start = skipSpace(buf, i + 1);
    const end = skipValue(buf, start);
    members.set(key, { start, end });
    i = skipSpace(buf, end);
    if (buf[i] === COMMA) {
      i = skipSpace(buf, i + 1);
      continue;
    }
    if (buf[i] === CLOSE_BRACE) return trailing(buf, i + 1, members);
    throw new ScanError(i);
  }
}

function trailing(buf: Buffer, i: number, members: Map<string, Range>): Map<string, Range> {
  const rest = skipSpace(buf, i);
  if (rest !== buf.length) throw new ScanError(rest);
  return members;
}

/** Parses one section: whole when it fits in a string, else a list element by element. */
export function parseSection(buf: Buffer, range: Range): JsonValue {
  if (range.end - range.start <= WHOLE_SECTION_LIMIT) return JSON.parse(buf.toString('utf8', range.start, range.end)) as JsonValue;
  // An input problem (exit 2), not an internal error: typed so the loader can say so.
  if (buf[range.start] !== OPEN_BRACKET) throw new ScanError(range.start, 'too-large');
  const out: JsonValue[] = [];
  let i = skipSpace(buf, range.start + 1);
  if (buf[i] === CLOSE_BRACKET) return out;
  for (;;) {
    const end = skipValue(buf, i);
    out.push(JSON.parse(buf.toString('utf8', i, end)) as JsonValue);
    i = skipSpace(buf, end);
    if (buf[i] === COMMA) {
      i = skipSpace(buf, i + 1);
      continue;
    }
    if (buf[i] === CLOSE_BRACKET) return out;
    throw new ScanError(i);
  }
}

/** A top-level object whose members are parsed on first use. */
export class LazyDocument {
  private readonly parsed = new Map<string, JsonValue>();

  constructor(
    private readonly buf: Buffer,
    private readonly members: Map<string, Range>,
  ) {}

  keys(): string[] {
    return [...this.members.keys()];
  }

  has(key: string): boolean {
    return this.members.has(key);
  }

  get(key: string): JsonValue | undefined {
    if (this.parsed.has(key)) return this.parsed.get(key);
    const range = this.members.get(key);
    if (!range) return undefined;
    const value = parseSection(this.buf, range);
    this.parsed.set(key, value);
    return value;
  }

  /** Every member parsed (for small documents such as CDKTF synth output). */
  toObject(): Record<string, JsonValue> {
    const out: Record<string, JsonValue> = {};
    for (const key of this.members.keys()) {
      Object.defineProperty(out, key, { value: this.get(key) as JsonValue, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
}
