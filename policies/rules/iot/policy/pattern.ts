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

function pushChars(atoms: Atom[], text: string, wildcards: boolean): void {
  for (const ch of text) {
    if (wildcards && ch === '*') atoms.push(ANY);
    else if (wildcards && ch === '?') atoms.push(ONE);
    else atoms.push(ch);
  }
}

const compiled = new Map<string, readonly Atom[]>();
const MAX_CACHED = 4096;

/** Atoms of a policy string with variables kept as atoms (`${*}`-style variables become literal characters). */
export function compilePattern(text: string, dialect: Dialect = 'rendered'): readonly Atom[] {
  if (typeof text !== 'string') return [];
  const key = dialect + '\u0000' + text;
  const hit = compiled.get(key);
  if (hit !== undefined) return hit;
  const atoms: Atom[] = [];
  for (const part of scanTemplate(text, dialect)) {
    if (typeof part === 'string') pushChars(atoms, part, true);
    else if (part.kind === 'literal-character' && part.literal !== undefined) atoms.push(part.literal);
    else atoms.push(part);
  }
  if (compiled.size >= MAX_CACHED) compiled.clear();
  compiled.set(key, atoms);
  return atoms;
}

const plainCompiled = new Map<string, readonly Atom[]>();

/** Atoms of a plain glob with no variables (action names). */
export function plainGlob(text: string): readonly Atom[] {
  if (typeof text !== 'string') return [];
  const hit = plainCompiled.get(text);
  if (hit !== undefined) return hit;
  const atoms: Atom[] = [];
  pushChars(atoms, text, true);
  if (plainCompiled.size >= MAX_CACHED) plainCompiled.clear();
  plainCompiled.set(text, atoms);
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
  const atoms = pattern.some(isVariableAtom) ? bindPattern(pattern, undefined) : pattern;
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
