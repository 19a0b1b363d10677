/**
 * Canonical forms of IoT policy documents, so that a fleet's policies — the same statements with
 * each tenant's or device type's own topic names (`topic/t0042/pump/${iot:Connection.Thing.ThingName}/telemetry`)
 * — are analysed once.
 *
 * A canonical form renames literal name segments: each maximal run of `[A-Za-z0-9_.-]` between
 * separators (`/`, `:`, the ends) in the resource-name part of an ARN pattern becomes a
 * placeholder token of the same length, numbered in order of first appearance; the same literal
 * gets the same token everywhere in the document. The analysis of the canonical document, with
 * every token written back as its literal, is the analysis of the original document:
 *
 * - Tokens are private-use characters (U+E000…U+F8FF), which the document may not contain
 *   anywhere, and no token equals a segment left alone: renaming is injective on segments, and
 *   tokens are written back unambiguously.
 * - The analysis looks at resource text only through string equality (of names, ARNs, cache and
 *   dedup keys), glob matching, lengths (tokens keep every length, index and the 1024-character
 *   substitution limit), and the characters `/`, `+`, `#`, `$`, `*`, `?` and variables (scope,
 *   MQTT validity, `$aws/` families) — none of which a renamed segment holds. Names in the `$…`
 *   space (reserved topics) are left alone altogether.
 * - Glob matching commutes with segment renaming when no pattern holds `?` and every `*` and
 *   every policy variable is a whole segment: a literal segment of a pattern then matches exactly
 *   a whole segment of the text, and a `*` a run of whole segments.
 * - Every other string the analysis puts into names and ARNs is one of its constants
 *   (`pw-other-device`, `$aws/things/…`, the sample ARN prefix, resource types) or the text of an
 *   unresolved variable: segments equal to one of those, holding `pw-`, or appearing anywhere
 *   nothing is renamed (ARN prefix fields, resource types, `$…` names) are never renamed.
 * - Conditions are allowed only on `iot:Connection.Thing.IsAttached`, with values free of
 *   variables: their truth depends on the connection, never on a name.
 * - Problems are sorted by resource text: written back, they are sorted again, which gives the
 *   original order (problems that tie keep the order the analysis found them in).
 *
 * Documents outside these rules are analysed as they are. test/rules/iot/policy/canonical.test.ts
 * compares canonical and direct analyses of generated documents and of tenant variants of them.
 */
import type { PolicyAnalysis } from './analyze';
import type { ConditionEntry, PolicyDocument, PolicyStatement } from './document';
import { compareProblems, type PolicyProblem } from './problems';

export interface CanonicalDocument {
  /** The statements with literal name segments replaced by tokens (a rendered document). */
  readonly document: PolicyDocument;
  /** The canonical statements, written out unambiguously: equal keys, equal canonical documents. */
  readonly key: string;
  /** The literal each token stands for, by token number. */
  readonly literals: readonly string[];
}

const TOKEN_FIRST = 0xe000;
/** Fills tokens longer than one character; never a token's first character. */
const TOKEN_FILL = '\uf8ff';
const MAX_TOKENS = 0xf8fe - TOKEN_FIRST;
/** Private-use characters: tokens. */
const PRIVATE_USE = /[\ue000-\uf8ff]/;
const TOKEN = /[\ue000-\uf8fe]\uf8ff*/g;
const IS_ATTACHED = 'iot:connection.thing.isattached';
/** A (possibly empty) run of the characters of a renamable segment, from `lastIndex`. */
const NAME_RUN = /[A-Za-z0-9_.-]*/y;

const COLON = 0x3a;
const SLASH = 0x2f;
const STAR = 0x2a;
const QUESTION = 0x3f;
const DOLLAR = 0x24;
const OPEN_BRACE = 0x7b;

function isSeparator(c: number): boolean {
  return c === SLASH || c === COLON;
}

/** `[A-Za-z0-9_.-]`: the characters of a renamable segment. */
function isNameChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d;
}

function isPrivateUse(c: number): boolean {
  return c >= 0xe000 && c <= 0xf8ff;
}

function isLowerLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/**
 * The ARN fields (through the fifth colon) of the last pattern whose fields passed the checks,
 * and their pinned segments: a pattern starting with the same text has the same fields.
 */
let lastFields: { readonly text: string; readonly pins: readonly string[] } | undefined;

/** What the reading of a document collects. */
interface Reading {
  /** Segments left alone somewhere: never renamed anywhere. */
  readonly pinned: string[];
  /** Per Resource pattern read, in order: the [start, end) of each renamable segment, or undefined. */
  readonly plans: (number[] | undefined)[];
  /** Whether some pattern has a renamable segment. */
  renamable: boolean;
}

/** Pins the segments of `text` (between separators) that a renamable literal could equal. */
function pinSegments(text: string, from: number, to: number, pinned: string[]): void {
  let start = from;
  let renamable = true;
  for (let i = from; i <= to; i++) {
    const c = i < to ? text.charCodeAt(i) : SLASH;
    if (isSeparator(c)) {
      if (renamable && i > start) pinned.push(text.slice(start, i));
      start = i + 1;
      renamable = true;
    } else if (!isNameChar(c)) renamable = false;
  }
}

/** Reads one Resource pattern: false when it breaks the rules (the document is then not canonicalised). */
function readPattern(pattern: string, reading: Reading): boolean {
  reading.plans.push(undefined);
  if (pattern === '*') return true;
  const n = pattern.length;
  if (!pattern.startsWith('arn:')) return false;
  // (`?` and private-use characters are refused as the loops below meet them.)
  // The analysis cuts the resource part at the fifth colon of the raw text; patterns mostly share their fields.
  let c5: number;
  if (lastFields !== undefined && pattern.startsWith(lastFields.text)) {
    c5 = lastFields.text.length - 1;
    for (const pin of lastFields.pins) reading.pinned.push(pin);
  } else {
    c5 = 3;
    for (let colons = 1; colons < 5; colons++) {
      c5 = pattern.indexOf(':', c5 + 1);
      if (c5 < 0) return false;
    }
    // ARN fields: no variables, `*` only as a whole field; their segments are pinned.
    let from = 0;
    for (let i = 0; i <= c5; i++) {
      const c = pattern.charCodeAt(i);
      if (c === QUESTION || isPrivateUse(c)) return false;
      if (c === DOLLAR && pattern.charCodeAt(i + 1) === OPEN_BRACE) return false;
      if (c === STAR && (i !== from || !isSeparator(pattern.charCodeAt(i + 1)))) return false;
      if (isSeparator(c)) from = i + 1;
    }
    const pins: string[] = [];
    pinSegments(pattern, 0, c5, pins);
    for (const pin of pins) reading.pinned.push(pin);
    lastFields = { text: pattern.slice(0, c5 + 1), pins };
  }
  let start = 0;
  // The resource part: `*`, or a lower-case type, or a type, `/` and a name.
  let i = c5 + 1;
  if (i === n - 1 && pattern.charCodeAt(i) === STAR) return true;
  const typeStart = i;
  while (i < n && isLowerLetter(pattern.charCodeAt(i))) i++;
  if (i === typeStart || (i < n && pattern.charCodeAt(i) !== SLASH)) return false;
  reading.pinned.push(pattern.slice(typeStart, i));
  if (i === n) return true;
  const nameStart = i + 1;
  // Reserved `$…` names keep every segment (their families and levels are read literally).
  if (pattern.charCodeAt(nameStart) === DOLLAR && pattern.charCodeAt(nameStart + 1) !== OPEN_BRACE) {
    for (let j = nameStart; j < n; j++) {
      const c = pattern.charCodeAt(j);
      if (c === QUESTION || isPrivateUse(c)) return false;
    }
    pinSegments(pattern, nameStart, n, reading.pinned);
    return true;
  }
  const ranges: number[] = [];
  start = nameStart;
  let renamable = true;
  for (i = nameStart; i <= n; i++) {
    // Skip a run of `[A-Za-z0-9_.-]` at once (this loop reads every name of every policy).
    NAME_RUN.lastIndex = i;
    NAME_RUN.test(pattern);
    i = NAME_RUN.lastIndex;
    const c = i < n ? pattern.charCodeAt(i) : SLASH;
    if (c === SLASH || c === COLON) {
      if (i > start) {
        if (renamable) ranges.push(start, i);
        else pinSegments(pattern, start, i, reading.pinned);
      }
      start = i + 1;
      renamable = true;
      continue;
    }
    if (c === QUESTION || (c >= 0xe000 && c <= 0xf8ff)) return false;
    renamable = false;
    if (c === STAR) {
      // `*` only as a whole segment.
      if (i !== start || (i + 1 < n && !isSeparator(pattern.charCodeAt(i + 1)))) return false;
    } else if (c === DOLLAR && pattern.charCodeAt(i + 1) === OPEN_BRACE) {
      const close = pattern.indexOf('}', i + 2);
      if (close >= 0) {
        // A variable: a whole segment, whose own text (the value of an unresolved variable) is pinned.
        if (i !== start || (close + 1 < n && !isSeparator(pattern.charCodeAt(close + 1)))) return false;
        for (let j = i + 2; j < close; j++) {
          const v = pattern.charCodeAt(j);
          if (v === QUESTION || isPrivateUse(v)) return false;
        }
        pinSegments(pattern, i, close + 1, reading.pinned);
        i = close;
      }
    }
  }
  if (ranges.length > 0) {
    reading.plans[reading.plans.length - 1] = ranges;
    reading.renamable = true;
  }
  return true;
}

function conditionAllowed(entry: ConditionEntry): boolean {
  return (
    typeof entry.operator === 'string' &&
    typeof entry.key === 'string' &&
    entry.key.toLowerCase() === IS_ATTACHED &&
    !PRIVATE_USE.test(entry.operator) &&
    Array.isArray(entry.values) &&
    entry.values.every((v) => typeof v === 'string' && !v.includes('${') && !PRIVATE_USE.test(v))
  );
}

function statementAllowed(st: PolicyStatement): boolean {
  return (
    (st.sid === undefined || (typeof st.sid === 'string' && !PRIVATE_USE.test(st.sid))) &&
    st.action.patterns.every((p) => typeof p === 'string' && !PRIVATE_USE.test(p)) &&
    st.resource.patterns.every((p) => typeof p === 'string') &&
    st.conditions.every(conditionAllowed)
  );
}

/**
 * Appends a statement to a key: its parts joined by `|`, every free text after its length, so
 * the key reads back unambiguously.
 */
function putStatement(parts: string[], st: PolicyStatement, patterns: readonly string[]): void {
  const put = (text: string): void => {
    parts.push(String(text.length), text);
  };
  parts.push(String(st.index));
  if (st.sid === undefined) parts.push('-');
  else put(st.sid);
  put(st.effect);
  parts.push(st.action.negated ? 'N' : 'A', String(st.action.patterns.length));
  for (const p of st.action.patterns) put(p);
  parts.push(st.resource.negated ? 'N' : 'R', String(patterns.length));
  for (const p of patterns) put(p);
  parts.push(String(st.conditions.length));
  for (const c of st.conditions) {
    put(c.operator);
    put(c.key);
    parts.push(String(c.values.length));
    for (const v of c.values) put(v);
  }
}

/**
 * The canonical form of a document's (well-formed) statements, or undefined when the document is
 * outside the rules above or has nothing to rename. `constantSegments`: the segments of the
 * strings the analysis builds names from.
 */
export function canonicalize(statements: readonly PolicyStatement[], dialect: unknown, constantSegments: ReadonlySet<string>): CanonicalDocument | undefined {
  if (dialect !== 'rendered') return undefined;
  const reading: Reading = { pinned: [], plans: [], renamable: false };
  for (const st of statements) {
    if (!statementAllowed(st)) return undefined;
    for (const pattern of st.resource.patterns) if (!readPattern(pattern, reading)) return undefined;
  }
  if (!reading.renamable) return undefined;
  const tokens = new Map<string, string>();
  const literals: string[] = [];
  const pinned = reading.pinned.length > 32 ? new Set(reading.pinned) : reading.pinned;
  const isPinned = (segment: string): boolean => (Array.isArray(pinned) ? pinned.includes(segment) : (pinned as Set<string>).has(segment));
  const rename = (segment: string): string => {
    let tok = tokens.get(segment);
    if (tok === undefined) {
      if (isPinned(segment) || constantSegments.has(segment) || segment.includes('pw-') || literals.length >= MAX_TOKENS) tok = segment;
      else {
        tok = String.fromCharCode(TOKEN_FIRST + literals.length) + TOKEN_FILL.repeat(segment.length - 1);
        literals.push(segment);
      }
      tokens.set(segment, tok);
    }
    return tok;
  };
  const parts: string[] = [];
  let read = 0;
  const canonicalStatements = statements.map((st): PolicyStatement => {
    let renamed = false;
    const patterns = st.resource.patterns.map((pattern) => {
      const ranges = reading.plans[read++];
      if (ranges === undefined) return pattern;
      let out = '';
      let at = 0;
      for (let r = 0; r < ranges.length; r += 2) {
        out += pattern.slice(at, ranges[r]) + rename(pattern.slice(ranges[r], ranges[r + 1]));
        at = ranges[r + 1];
      }
      out += pattern.slice(at);
      if (out !== pattern) renamed = true;
      return out;
    });
    putStatement(parts, st, patterns);
    return renamed ? { ...st, resource: { negated: st.resource.negated, patterns } } : st;
  });
  if (literals.length === 0) return undefined;
  return { document: { dialect: 'rendered', statements: canonicalStatements }, key: parts.join('|'), literals };
}

/** Writes tokens back as their literals; undefined when a token is not one of ours. */
function restoreText(text: string, literals: readonly string[]): string | undefined {
  if (!PRIVATE_USE.test(text)) return text;
  let ok = true;
  const out = text.replace(TOKEN, (tok) => {
    const literal = literals[tok.charCodeAt(0) - TOKEN_FIRST];
    if (literal === undefined || literal.length !== tok.length) {
      ok = false;
      return tok;
    }
    return literal;
  });
  return ok && !PRIVATE_USE.test(out) ? out : undefined;
}

/** The analysis of the original document from its canonical document's; undefined if anything does not write back. */
export function restoreAnalysis(analysis: PolicyAnalysis, literals: readonly string[]): PolicyAnalysis | undefined {
  const problems: PolicyProblem[] = [];
  for (const problem of analysis.problems) {
    const resource = restoreText(problem.resource, literals);
    const detail = restoreText(problem.detail, literals);
    const witness = problem.witness === undefined ? undefined : restoreText(problem.witness, literals);
    const related = problem.related === undefined ? undefined : restoreText(problem.related.resource, literals);
    if (resource === undefined || detail === undefined) return undefined;
    if ((problem.witness !== undefined && witness === undefined) || (problem.related !== undefined && related === undefined)) return undefined;
    if (PRIVATE_USE.test(problem.action) || problem.actions.some((a) => PRIVATE_USE.test(a))) return undefined;
    // The same properties in the same order (the spread keeps the order, the rest replaces values).
    problems.push({
      ...problem,
      actions: [...problem.actions],
      resource,
      ...(witness === undefined ? {} : { witness }),
      detail,
      ...(problem.related === undefined ? {} : { related: { ...problem.related, resource: related as string } }),
    });
  }
  return { problems: problems.sort(compareProblems), truncated: analysis.truncated };
}
