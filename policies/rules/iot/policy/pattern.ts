/**
 * IoT policy patterns as sequences of atoms, and matching them.
 *
 * A policy string (a Resource, an action, a StringLike value) is a sequence of literal
 * characters, the two policy wildcards — `*` (any run of characters, `/` included, possibly
 * empty) and `?` (exactly one character) — and policy variables. `#` and `+` are ordinary
 * characters here: MQTT gives them meaning, the policy language does not.
 *
 * Matching is the classic linear-backtracking glob match (no regular expressions, so no
 * catastrophic backtracking on hostile input); characters are Unicode code points.
 */
import { BoundedCache } from './memo';
import { scanTemplate, substitutedText, type Dialect, type PolicyVariable, type RequestContext } from './variables';

export const ANY: unique symbol = Symbol('*');
export const ONE: unique symbol = Symbol('?');

/** A literal character (one code point), a wildcard, or an unsubstituted variable. */
export type Atom = string | typeof ANY | typeof ONE | PolicyVariable;

export function isVariableAtom(atom: Atom): atom is PolicyVariable {
  return typeof atom === 'object' && atom !== null;
}

export function isWildcardAtom(atom: Atom): atom is typeof ANY | typeof ONE {
  return atom === ANY || atom === ONE;
}

/** One atom per code point of `text` (as `for…of` splits it: a surrogate pair is one, a lone surrogate one). */
function pushChars(atoms: Atom[], text: string, wildcards: boolean): void {
  if (SURROGATE.test(text)) {
    pushCodePoints(atoms, text, wildcards);
    return;
  }
  // Every code unit is a code point: let split() cut the runs between wildcards.
  let from = 0;
  if (wildcards) {
    for (let i = nextWildcard(text, 0); i >= 0; i = nextWildcard(text, from)) {
      if (i > from) pushAll(atoms, text.slice(from, i).split(''));
      atoms.push(text.charCodeAt(i) === 0x2a ? ANY : ONE);
      from = i + 1;
    }
  }
  if (from === 0) pushAll(atoms, text.split(''));
  else if (from < text.length) pushAll(atoms, text.slice(from).split(''));
}

/** Index of the next `*` or `?` at or after `from`, or -1. */
function nextWildcard(text: string, from: number): number {
  const star = text.indexOf('*', from);
  const question = text.indexOf('?', from);
  return star < 0 ? question : question < 0 ? star : Math.min(star, question);
}

function pushAll(atoms: Atom[], chars: readonly string[]): void {
  if (chars.length <= 4096) atoms.push(...chars);
  else for (let i = 0; i < chars.length; i++) atoms.push(chars[i]);
}

function pushCodePoints(atoms: Atom[], text: string, wildcards: boolean): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        atoms.push(text.slice(i, i + 2));
        i++;
        continue;
      }
    }
    if (wildcards && c === 0x2a) atoms.push(ANY);
    else if (wildcards && c === 0x3f) atoms.push(ONE);
    else atoms.push(text[i]);
  }
}

const MAX_CACHED = 4096;
const MAX_CACHED_ATOMS = 1 << 20;
/** A compiled policy string: its atoms, and what matching learns about them (computed once). */
export interface CompiledPattern {
  readonly atoms: readonly Atom[];
  shape?: PatternShape;
}

/**
 * Per dialect (anything but terraform-template reads as rendered), keyed by the text itself.
 * Callers share the cached atoms and must not change them.
 */
const compiledRendered = new BoundedCache<string, CompiledPattern>(MAX_CACHED, MAX_CACHED_ATOMS);
const compiledTemplate = new BoundedCache<string, CompiledPattern>(MAX_CACHED, MAX_CACHED_ATOMS);
const NOTHING: CompiledPattern = { atoms: [] };

/** Atoms of a policy string with variables kept as atoms (`${*}`-style variables become literal characters). */
export function compilePattern(text: string, dialect: Dialect = 'rendered'): readonly Atom[] {
  return compiledPattern(text, dialect).atoms;
}

/** compilePattern, with the matching shape for matchBound. */
export function compiledPattern(text: string, dialect: Dialect = 'rendered'): CompiledPattern {
  if (typeof text !== 'string') return NOTHING;
  const cache = dialect === 'terraform-template' ? compiledTemplate : compiledRendered;
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const atoms = freshAtoms(text, dialect);
  const compiled: CompiledPattern = { atoms };
  cache.set(text, compiled, atoms.length);
  return compiled;
}

/** compilePattern without the cache: a new array the caller owns (for text compiled once). */
export function freshAtoms(text: string, dialect: Dialect = 'rendered'): Atom[] {
  const atoms: Atom[] = [];
  for (const part of scanTemplate(text, dialect)) {
    if (typeof part === 'string') pushChars(atoms, part, true);
    else if (part.kind === 'literal-character' && part.literal !== undefined) atoms.push(part.literal);
    else atoms.push(part);
  }
  return atoms;
}

const plainCompiled = new BoundedCache<string, readonly Atom[]>(MAX_CACHED, MAX_CACHED_ATOMS);

/** Atoms of a plain glob with no variables (action names). */
export function plainGlob(text: string): readonly Atom[] {
  if (typeof text !== 'string') return [];
  const hit = plainCompiled.get(text);
  if (hit !== undefined) return hit;
  const atoms: Atom[] = [];
  pushChars(atoms, text, true);
  plainCompiled.set(text, atoms, atoms.length);
  return atoms;
}

/**
 * Replaces every variable by the literal text it takes in `ctx` — its value, or its own
 * `${...}` text when unresolved (what AWS does). The result has no variable atoms.
 */
export function bindPattern(atoms: readonly Atom[], ctx: RequestContext | undefined): readonly Atom[] {
  if (!atoms.some(isVariableAtom)) return atoms;
  const bound: Atom[] = [];
  for (const atom of atoms) {
    if (isVariableAtom(atom)) pushChars(bound, substitutedText(atom, ctx), false);
    else bound.push(atom);
  }
  return bound;
}

/**
 * Whether the pattern matches the whole text. Variable atoms left in the pattern match only
 * their own `${...}` text. O(pattern × text) worst case, linear in the common case.
 */
export function globMatch(pattern: readonly Atom[], text: string, ignoreCase = false): boolean {
  if (typeof text !== 'string') return false;
  return matchAtoms(pattern.some(isVariableAtom) ? bindPattern(pattern, undefined) : pattern, text, ignoreCase);
}

/** What matching needs to know about a compiled pattern. */
interface PatternShape {
  /** Holds `*` or `?` (or anything that is neither a literal nor a variable). */
  readonly open: boolean;
  readonly variable: boolean;
  /** Runs of literal characters, joined, and the variables between them, in order. */
  readonly runs: readonly (string | PolicyVariable)[];
}

function shapeOf(atoms: readonly Atom[]): PatternShape {
  let open = false;
  let variable = false;
  const runs: (string | PolicyVariable)[] = [];
  let literal = '';
  for (const atom of atoms) {
    if (typeof atom === 'string') literal += atom;
    else if (isVariableAtom(atom)) {
      variable = true;
      if (literal !== '') runs.push(literal);
      literal = '';
      runs.push(atom);
    } else open = true;
  }
  if (literal !== '') runs.push(literal);
  return { open, variable, runs };
}

/**
 * globMatch(bindPattern(compiled.atoms, ctx), text). Without wildcards the pattern matches
 * exactly the text it binds to, so when the text has no surrogates (each character one code
 * unit, as each bound atom must then be) that is a string comparison.
 */
export function matchBound(compiled: CompiledPattern, text: string, ctx: RequestContext | undefined): boolean {
  if (typeof text !== 'string') return false;
  const atoms = compiled.atoms;
  const shape = (compiled.shape ??= shapeOf(atoms));
  if (!shape.open && !SURROGATE.test(text)) {
    let at = 0;
    for (const run of shape.runs) {
      const piece = typeof run === 'string' ? run : substitutedText(run, ctx);
      if (!text.startsWith(piece, at)) return false;
      at += piece.length;
    }
    return at === text.length;
  }
  return matchAtoms(shape.variable ? bindPattern(atoms, ctx) : atoms, text, false);
}

/** The glob match proper; variable atoms must already be bound. */
function matchAtoms(atoms: readonly Atom[], text: string, ignoreCase: boolean): boolean {
  const subject = ignoreCase ? text.toLowerCase() : text;
  // Index code units directly unless the text has surrogate pairs (then `?` must take a whole code point).
  const chars: ArrayLike<string> = SURROGATE.test(subject) ? Array.from(subject) : subject;
  const same = (atom: Atom, ch: string): boolean =>
    atom === ONE || (typeof atom === 'string' && (ignoreCase ? atom.toLowerCase() === ch : atom === ch));
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < chars.length) {
    if (p < atoms.length && atoms[p] !== ANY && same(atoms[p], chars[t])) {
      p++;
      t++;
    } else if (p < atoms.length && atoms[p] === ANY) {
      starP = p;
      starT = t;
      p++;
    } else if (starP >= 0) {
      p = starP + 1;
      starT++;
      t = starT;
    } else {
      return false;
    }
  }
  while (p < atoms.length && atoms[p] === ANY) p++;
  return p === atoms.length;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * The pattern suffixes that must match the rest of a string once `prefix` has been consumed:
 * `S` matches `prefix + x` exactly when one of the residuals matches `x`. A variable atom met
 * while consuming the prefix is treated as taking one or more characters (its value is unknown).
 * Returns [] when no string starting with `prefix` can match.
 */
export function residuals(pattern: readonly Atom[], prefix: string): (readonly Atom[])[] {
  const literal = literalResiduals(pattern, prefix);
  if (literal !== undefined) return literal;
  // `*` may match nothing, so a `*` state also stands at the atom after it.
  const close = (states: Set<number>): Set<number> => {
    for (const i of [...states]) {
      let j = i;
      while (j < pattern.length && pattern[j] === ANY && !states.has(j + 1)) {
        states.add(j + 1);
        j++;
      }
    }
    return states;
  };
  let states = close(new Set([0]));
  for (const ch of prefix) {
    const next = new Set<number>();
    for (const i of states) {
      if (i >= pattern.length) continue;
      const atom = pattern[i];
      if (atom === ANY) next.add(i);
      else if (isVariableAtom(atom)) {
        // An unknown value takes at least this character and may take more.
        next.add(i);
        next.add(i + 1);
      } else if (atom === ONE || atom === ch) next.add(i + 1);
    }
    states = close(next);
    if (states.size === 0) return [];
  }
  // A state right after a `*` state adds nothing: `*R` already matches whatever `R` does.
  const kept = [...states].filter((i) => !(states.has(i - 1) && pattern[i - 1] === ANY));
  return kept.sort((a, b) => a - b).map((i) => pattern.slice(i));
}

/**
 * residuals() when the pattern spells the prefix with literal characters only (the usual
 * `topic/…` after `topic/`): while every atom read is a literal, the only state is the next
 * atom, so a literal mismatch leaves no state and a full match leaves exactly the rest.
 * Undefined when a wildcard, a variable or the pattern's end is met first (the general case).
 */
function literalResiduals(pattern: readonly Atom[], prefix: string): (readonly Atom[])[] | undefined {
  let i = 0;
  for (const ch of prefix) {
    const atom = pattern[i];
    if (typeof atom !== 'string') return undefined;
    if (atom !== ch) return [];
    i++;
  }
  return [pattern.slice(i)];
}

/** Renders atoms back to policy text (wildcards as `*`/`?`, variables as written). */
export function atomsToText(atoms: readonly Atom[]): string {
  let out = '';
  for (const atom of atoms) {
    if (atom === ANY) out += '*';
    else if (atom === ONE) out += '?';
    else if (isVariableAtom(atom)) out += atom.raw;
    else out += atom;
  }
  return out;
}
