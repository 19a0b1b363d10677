/**
 * What a custom rule asks of the values its path finds. One predicate per rule:
 *   exists: true | false        the attribute is set (not null) / is not set
 *   equals: scalar              every value found equals it
 *   in: [scalars]               every value found is one of them
 *   matches: 'pattern'          every value found is a string the pattern occurs in (see regex.ts)
 *   gte: n, lte: n (or both)    every value found is a number (or numeric string) within bounds
 * A value predicate fails when nothing is set: a rule that says "must be X" is not met by "unset".
 */
import { compileSafePattern, MAX_SUBJECT_LENGTH, type SafePattern } from './regex';
import type { JsonValue } from '../types';

export type Scalar = string | number | boolean;

export type PredicateSpec =
  | { readonly exists: boolean }
  | { readonly equals: Scalar }
  | { readonly in: readonly Scalar[] }
  | { readonly matches: string }
  | { readonly gte?: number; readonly lte?: number };

export type PredicateKind = 'exists' | 'equals' | 'in' | 'matches' | 'range';

export function predicateKind(spec: PredicateSpec): PredicateKind {
  if ('exists' in spec) return 'exists';
  if ('equals' in spec) return 'equals';
  if ('in' in spec) return 'in';
  if ('matches' in spec) return 'matches';
  return 'range';
}

/** Why a value failed, in words that never repeat the value (it may be sensitive). */
export type ValueVerdict = { ok: true } | { ok: false; why: string };

const NUMERIC = /^-?\d+(\.\d+)?$/;

function asNumber(value: JsonValue): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  // Some providers plan numbers as strings ("90"); accept plain decimal text, nothing looser.
  if (typeof value === 'string' && NUMERIC.test(value)) return Number(value);
  return undefined;
}

function describe(value: Scalar): string {
  return JSON.stringify(value);
}

/** A compiled value test; `exists` is decided by the rule from presence alone. */
export function valueTest(spec: PredicateSpec): ((value: JsonValue) => ValueVerdict) | undefined {
  if ('exists' in spec) return undefined;
  if ('equals' in spec) {
    const wanted = spec.equals;
    return (v) => (v === wanted ? { ok: true } : { ok: false, why: `is not ${describe(wanted)}` });
  }
  if ('in' in spec) {
    const allowed = spec.in;
    return (v) =>
      (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && allowed.includes(v)
        ? { ok: true }
        : { ok: false, why: `is not one of ${allowed.map(describe).join(', ')}` };
  }
  if ('matches' in spec) {
    const pattern: SafePattern = compileSafePattern(spec.matches);
    return (v) => {
      if (typeof v !== 'string') return { ok: false, why: 'is not a string' };
      // Longer values are not matched (time bound); failing closed is the HIPAA-safe side.
      if (v.length > MAX_SUBJECT_LENGTH) return { ok: false, why: `is longer than ${MAX_SUBJECT_LENGTH} characters and was not matched` };
      return pattern.test(v) ? { ok: true } : { ok: false, why: `does not match /${spec.matches}/` };
    };
  }
  const { gte, lte } = spec;
  const bounds = [gte !== undefined ? `≥ ${gte}` : '', lte !== undefined ? `≤ ${lte}` : ''].filter((b) => b !== '').join(' and ');
  return (v) => {
    const n = asNumber(v);
    if (n === undefined) return { ok: false, why: 'is not a number' };
    if ((gte !== undefined && n < gte) || (lte !== undefined && n > lte)) return { ok: false, why: `is not ${bounds}` };
    return { ok: true };
  };
}
