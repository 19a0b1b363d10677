/**
 * The `matches` predicate of custom rules, run by a linear-time matcher instead of V8's
 * backtracking engine. A backtracking engine takes O(n^3) on `.*:.*:x` against 1 000 colons
 * (seconds) and exponential time on `(a+)+b`; a config author should not be able to hang CI
 * with a plausible pattern. This is a Thompson-NFA simulation (Pike VM without captures): every
 * input character advances every live state once, so a test costs O(input × program) at most.
 *
 * The supported syntax is the part of JavaScript's `u`-mode regular expressions a compliance
 * check needs, with the same meaning: literals, `.`, classes `[a-z0-9_-]` / `[^...]`, `\d \w \s`
 * (and `\D \W \S`), escapes (`\.`, `\n`, `\x41`, `\u0041`, `\u{1F600}`), groups `(...)` and
 * `(?:...)`, alternation `|`, quantifiers `* + ? {n} {n,} {n,m}` (lazy forms are accepted and
 * mean the same for a yes/no test), and the anchors `^` and `$`. Matching is a search, as
 * `RegExp.test`: anchor with `^...$` to match the whole value. Backreferences, lookaround, word
 * boundaries and Unicode property escapes are refused with a message that says so.
 */

export const MAX_PATTERN_LENGTH = 256;
/** Program size after expanding counted repetition (`a{100}` is 100 instructions). */
const MAX_PROGRAM = 2000;
const MAX_COUNT = 100;
/** Longer values are not tested (the caller decides what that means); bounds time per value. */
export const MAX_SUBJECT_LENGTH = 65_536;

export class PatternError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatternError';
  }
}

type Range = readonly [number, number];

interface CharSet {
  readonly ranges: readonly Range[];
  readonly negated: boolean;
}

type Node =
  | { kind: 'char'; set: CharSet }
  | { kind: 'seq'; items: Node[] }
  | { kind: 'alt'; options: Node[] }
  | { kind: 'repeat'; node: Node; min: number; max: number }
  | { kind: 'assert'; at: 'start' | 'end' };

const cp = (ch: string): number => ch.codePointAt(0)!;
const DIGIT: Range[] = [[0x30, 0x39]];
const WORD: Range[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
// ECMAScript WhiteSpace and LineTerminator code points (what `\s` matches).
const SPACE: Range[] = [
  [0x09, 0x0d], [0x20, 0x20], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a],
  [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff],
];
const LINE_TERMINATORS: Range[] = [[0x0a, 0x0a], [0x0d, 0x0d], [0x2028, 0x2029]];
const SYNTAX_CHARS = '^$\\.*+?()[]{}|/';
const SIMPLE_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, f: 0x0c, v: 0x0b };

function inRanges(ranges: readonly Range[], c: number): boolean {
  for (const [lo, hi] of ranges) if (c >= lo && c <= hi) return true;
  return false;
}

/** The complement of a sorted-or-not range list, for `\D \W \S` inside a class. */
function complement(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= 0x10ffff) out.push([next, 0x10ffff]);
  return out;
}

class Parser {
  private readonly chars: string[];
  private pos = 0;

  constructor(private readonly source: string) {
    this.chars = Array.from(source);
  }

  parse(): Node {
    const node = this.alternation();
    if (this.pos < this.chars.length) this.fail(`unmatched "${this.chars[this.pos]}"`);
    return node;
  }

  private fail(what: string): never {
    throw new PatternError(`${what} at position ${this.pos + 1} of the pattern`);
  }

  private peek(offset = 0): string | undefined {
    return this.chars[this.pos + offset];
  }

  private alternation(): Node {
    const options = [this.sequence()];
    while (this.peek() === '|') {
      this.pos++;
      options.push(this.sequence());
    }
    return options.length === 1 ? options[0] : { kind: 'alt', options };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.pos < this.chars.length && this.peek() !== '|' && this.peek() !== ')') {
      items.push(this.quantified(this.atom()));
    }
    return { kind: 'seq', items };
  }

  private atom(): Node {
    const ch = this.peek()!;
    switch (ch) {
      case '(':
        return this.group();
      case '[':
        return this.charClass();
      case '.':
        this.pos++;
        return { kind: 'char', set: { ranges: LINE_TERMINATORS, negated: true } };
      case '^':
        this.pos++;
        return { kind: 'assert', at: 'start' };
      case '$':
        this.pos++;
        return { kind: 'assert', at: 'end' };
      case '\\':
        return { kind: 'char', set: this.escape(false) };
      case '*':
      case '+':
      case '?':
      case '{':
        return this.fail(`nothing to repeat before "${ch}"`);
      case ']':
      case '}':
        return this.fail(`unescaped "${ch}" (write \\${ch})`);
      default:
        this.pos++;
        return { kind: 'char', set: { ranges: [[cp(ch), cp(ch)]], negated: false } };
    }
  }

  private group(): Node {
    this.pos++;
    if (this.peek() === '?') {
      if (this.peek(1) !== ':') this.fail('lookahead, lookbehind and named groups are not supported; use (...) or (?:...)');
      this.pos += 2;
    }
    const inner = this.alternation();
    if (this.peek() !== ')') this.fail('missing ")"');
    this.pos++;
    return inner;
  }

  private quantified(node: Node): Node {
    const ch = this.peek();
    let min: number;
    let max: number;
    if (ch === '*') [min, max] = [0, Infinity];
    else if (ch === '+') [min, max] = [1, Infinity];
    else if (ch === '?') [min, max] = [0, 1];
    else if (ch === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(this.chars.slice(this.pos, this.pos + 12).join(''));
      if (!m) return this.fail('"{" starts no valid {n}, {n,} or {n,m} (write \\{ for a literal brace)');
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      if (min > max) this.fail(`{${min},${max}}: the minimum is larger than the maximum`);
      if (min > MAX_COUNT || (max !== Infinity && max > MAX_COUNT)) this.fail(`counted repetition above ${MAX_COUNT} is not supported`);
      this.pos += m[0].length - 1;
    } else return node;
    if (node.kind === 'assert') this.fail('an anchor cannot be repeated');
    this.pos++;
    if (this.peek() === '?') this.pos++; // lazy: same yes/no answer
    const next = this.peek();
    if (next === '*' || next === '+' || next === '?' || next === '{') this.fail(`nothing to repeat before "${next}"`);
    return { kind: 'repeat', node, min, max };
  }

  /** One escape; inside a class, `\b` is not a boundary but is refused too (rarely meant). */
  private escape(inClass: boolean): CharSet {
    this.pos++;
    const ch = this.peek();
    if (ch === undefined) return this.fail('the pattern ends with "\\"');
    this.pos++;
    const single = (c: number): CharSet => ({ ranges: [[c, c]], negated: false });
    switch (ch) {
      case 'd':
        return { ranges: DIGIT, negated: false };
      case 'D':
        return { ranges: DIGIT, negated: true };
      case 'w':
        return { ranges: WORD, negated: false };
      case 'W':
        return { ranges: WORD, negated: true };
      case 's':
        return { ranges: SPACE, negated: false };
      case 'S':
        return { ranges: SPACE, negated: true };
      case 'x': {
        const hex = this.chars.slice(this.pos, this.pos + 2).join('');
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) return this.fail('\\x needs two hex digits');
        this.pos += 2;
        return single(parseInt(hex, 16));
      }
      case 'u': {
        const rest = this.chars.slice(this.pos, this.pos + 8).join('');
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(rest);
        if (braced && parseInt(braced[1], 16) <= 0x10ffff) {
          this.pos += braced[0].length;
          return single(parseInt(braced[1], 16));
        }
        if (!/^[0-9a-fA-F]{4}/.test(rest)) return this.fail('\\u needs four hex digits or {hex}');
        this.pos += 4;
        return single(parseInt(rest.slice(0, 4), 16));
      }
      case '0':
        if (/[0-9]/.test(this.peek() ?? '')) return this.fail('octal escapes are not supported');
        return single(0);
      default:
        break;
    }
    if (SIMPLE_ESCAPES[ch] !== undefined) return single(SIMPLE_ESCAPES[ch]);
    if (/[1-9]/.test(ch) || ch === 'k') return this.fail('backreferences are not supported');
    if (ch === 'b' || ch === 'B') return this.fail('word boundaries (\\b, \\B) are not supported');
    if (ch === 'p' || ch === 'P') return this.fail('Unicode property escapes are not supported');
    if (SYNTAX_CHARS.includes(ch) || (inClass && ch === '-')) return single(cp(ch));
    return this.fail(`unknown escape "\\${ch}"`);
  }

  private charClass(): Node {
    this.pos++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.pos++;
    }
    const ranges: Range[] = [];
    while (this.peek() !== ']') {
      if (this.peek() === undefined) this.fail('missing "]"');
      const low = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.pos++;
        const high = this.classAtom();
        if (typeof low !== 'number' || typeof high !== 'number') this.fail('a class escape like \\d cannot bound a range');
        if (low > high) this.fail('a range out of order in a character class');
        ranges.push([low, high]);
      } else if (typeof low === 'number') ranges.push([low, low]);
      else ranges.push(...low.ranges);
    }
    this.pos++;
    return { kind: 'char', set: { ranges, negated } };
  }

  /** A single code point, or (for \d \w \s and their negations) a set of ranges. */
  private classAtom(): number | { ranges: Range[] } {
    const ch = this.peek()!;
    if (ch === '\\') {
      const set = this.escape(true);
      if (set.ranges.length === 1 && !set.negated && set.ranges[0][0] === set.ranges[0][1]) return set.ranges[0][0];
      return { ranges: set.negated ? complement(set.ranges) : [...set.ranges] };
    }
    this.pos++;
    return cp(ch);
  }
}

type Instr =
  | { op: 'char'; set: CharSet }
  | { op: 'split'; a: number; b: number }
  | { op: 'jump'; to: number }
  | { op: 'assert'; at: 'start' | 'end' }
  | { op: 'match' };

class Compiler {
  readonly program: Instr[] = [];

  private emit(instr: Instr): number {
    if (this.program.length >= MAX_PROGRAM) {
      throw new PatternError(`the pattern is too large once repetition is expanded (over ${MAX_PROGRAM} steps); simplify it`);
    }
    this.program.push(instr);
    return this.program.length - 1;
  }

  compile(node: Node): void {
    switch (node.kind) {
      case 'char':
        this.emit({ op: 'char', set: node.set });
        return;
      case 'assert':
        this.emit({ op: 'assert', at: node.at });
        return;
      case 'seq':
        for (const item of node.items) this.compile(item);
        return;
      case 'alt': {
        const jumps: number[] = [];
        node.options.forEach((option, i) => {
          if (i === node.options.length - 1) {
            this.compile(option);
            return;
          }
          const split = this.emit({ op: 'split', a: 0, b: 0 });
          this.patchSplit(split, this.program.length, -1);
          this.compile(option);
          jumps.push(this.emit({ op: 'jump', to: -1 }));
          this.patchSplit(split, -1, this.program.length);
        });
        for (const j of jumps) (this.program[j] as { to: number }).to = this.program.length;
        return;
      }
      case 'repeat': {
        for (let i = 0; i < node.min; i++) this.compile(node.node);
        if (node.max === Infinity) {
          const split = this.emit({ op: 'split', a: 0, b: 0 });
          this.compile(node.node);
          this.emit({ op: 'jump', to: split });
          this.patchSplit(split, split + 1, this.program.length);
          return;
        }
        const splits: number[] = [];
        for (let i = node.min; i < node.max; i++) {
          const split = this.emit({ op: 'split', a: 0, b: 0 });
          this.patchSplit(split, split + 1, -1);
          splits.push(split);
          this.compile(node.node);
        }
        for (const s of splits) this.patchSplit(s, -1, this.program.length);
        return;
      }
    }
  }

  private patchSplit(at: number, a: number, b: number): void {
    const instr = this.program[at] as { op: 'split'; a: number; b: number };
    if (a >= 0) instr.a = a;
    if (b >= 0) instr.b = b;
  }
}

function setHas(set: CharSet, c: number): boolean {
  return inRanges(set.ranges, c) !== set.negated;
}

export interface SafePattern {
  readonly source: string;
  /** Whether the pattern occurs in `text` (as RegExp.prototype.test with the `u` flag). */
  test(text: string): boolean;
}

/** Compiles a pattern for linear-time matching, or throws PatternError saying what is wrong. */
export function compileSafePattern(source: string): SafePattern {
  if (source.length === 0) throw new PatternError('the pattern is empty');
  if (source.length > MAX_PATTERN_LENGTH) throw new PatternError(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
  const ast = new Parser(source).parse();
  const compiler = new Compiler();
  compiler.compile(ast);
  compiler.program.push({ op: 'match' });
  const program = compiler.program;

  return {
    source,
    test(text: string): boolean {
      if (text.length > MAX_SUBJECT_LENGTH) throw new RangeError(`value longer than ${MAX_SUBJECT_LENGTH} characters`);
      const input = Array.from(text, cp);
      const seen = new Int32Array(program.length).fill(-1);
      let generation = 0;
      let current: number[] = [];
      // Adds a thread and follows its jumps, splits and anchors; true when it reaches `match`.
      const add = (list: number[], start: number, pos: number): boolean => {
        const stack = [start];
        while (stack.length > 0) {
          const pc = stack.pop()!;
          if (seen[pc] === generation) continue;
          seen[pc] = generation;
          const instr = program[pc];
          switch (instr.op) {
            case 'match':
              return true;
            case 'jump':
              stack.push(instr.to);
              break;
            case 'split':
              stack.push(instr.b, instr.a);
              break;
            case 'assert':
              if (instr.at === 'start' ? pos === 0 : pos === input.length) stack.push(pc + 1);
              break;
            case 'char':
              list.push(pc);
              break;
          }
        }
        return false;
      };
      for (let pos = 0; ; pos++) {
        // A new thread at every position: the search is unanchored, like RegExp.test.
        if (add(current, 0, pos)) return true;
        if (pos === input.length) return false;
        const c = input[pos];
        const next: number[] = [];
        generation++;
        for (const pc of current) {
          const instr = program[pc] as { op: 'char'; set: CharSet };
          if (setHas(instr.set, c) && add(next, pc + 1, pos + 1)) return true;
        }
        current = next;
      }
    },
  };
}
