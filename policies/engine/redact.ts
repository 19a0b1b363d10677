/**
 * Keeps secrets out of every report: values Terraform marks sensitive, and values of attributes
 * that are secret by nature even when a provider forgets to mark them. Rules are told never to
 * print such values; this is the net under them.
 *
 * Matching only the raw value let secrets through in ways test/reliability/secrets.test.ts
 * found, so the net also catches:
 * - the JSON-escaped form (rules print values with JSON.stringify: `"a\"b"` is not `a"b`);
 * - other ASCII case (a rule printed a protocol upper-cased);
 * - the strings inside a secret that is a JSON document (a policy's Sid or Effect printed alone);
 * - values marked sensitive on *other* resources of the plan (a rule named a related resource's
 *   value without listing it as evidence): those are matched in every finding of the plan.
 */
import { BoundedCache } from './bounded-cache';
import type { Instance } from './graph';
import type { JsonValue } from './types';

const SECRET_NAME = /pass(word|phrase)?|secret|private_key|token|credential|auth_key|api_key|access_key|signing_key|seed|pem$/i;
/** Names that mention a secret but hold metadata about it (credential_duration, secret_arn, token_validity). */
const SECRET_METADATA = /(_arn|_id|_ids|_name|_type|_duration|_seconds|_ttl|_length|_version|_enabled|_count|_days|_period|_rotation|_validity|_units|_policy|_rules?)$/i;

/** Attribute names repeat on every resource of a type: decide each once. */
const secretNames = new BoundedCache<string, boolean>(10_000);

function isSecretName(name: string): boolean {
  let secret = secretNames.get(name);
  if (secret === undefined) {
    secret = SECRET_NAME.test(name) && !SECRET_METADATA.test(name);
    secretNames.set(name, secret);
  }
  return secret;
}
const MIN_SECRET_LENGTH = 3;
/** Strings inside a sensitive JSON document; shorter ones are policy vocabulary ("Allow", "Deny"). */
const MIN_EMBEDDED_LENGTH = 6;
/**
 * Plan-wide secrets are matched in the findings of every resource; a short one would redact
 * ordinary words of unrelated messages, and the resource's own findings match it anyway.
 */
const MIN_PLAN_SECRET_LENGTH = 8;
/**
 * Deeper than the loader lets any input be (MAX_DEPTH in load/sections.ts), so every level of a
 * plan value is seen: a sensitive leaf below a shallower cut-off used to go unredacted.
 */
const MAX_DEPTH = 1024;
export const REDACTED = '[redacted]';

function addEmbedded(value: unknown, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    if (text.length >= MIN_EMBEDDED_LENGTH) out.add(text);
  } else if (Array.isArray(value)) {
    for (const v of value) addEmbedded(v, out, depth + 1);
  } else if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) addEmbedded(v, out, depth + 1);
  }
}

function addSecret(text: string, out: Set<string>): void {
  if (text.length < MIN_SECRET_LENGTH) return;
  out.add(text);
  // A policy or other JSON document held as a string: its parts are as secret as the whole.
  if (/^\s*[[{]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return;
    }
    addEmbedded(parsed, out, 0);
  }
}

function collect(value: unknown, marks: unknown, inheritedSecret: boolean, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || value === undefined || value === null) return;
  const secret = inheritedSecret || marks === true;
  if (typeof value === 'string' || typeof value === 'number') {
    if (secret) addSecret(String(value), out);
    return;
  }
  if (Array.isArray(value)) {
    const markList = Array.isArray(marks) ? marks : undefined;
    for (let i = 0; i < value.length; i++) collect(value[i], markList?.[i], secret, out, depth + 1);
    return;
  }
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const markRecord = typeof marks === 'object' && marks !== null ? (marks as Record<string, unknown>) : undefined;
    for (const k of Object.keys(record)) {
      const childMarks = markRecord !== undefined && Object.prototype.hasOwnProperty.call(markRecord, k) ? markRecord[k] : undefined;
      collect(record[k], childMarks, secret || isSecretName(k), out, depth + 1);
    }
  }
}

/** Secret strings of one instance (after and before). */
export function secretsOf(instance: Instance): Set<string> {
  const out = new Set<string>();
  collect(instance.raw.after as JsonValue, instance.raw.afterSensitive, false, out, 0);
  collect(instance.raw.before as JsonValue, instance.raw.beforeSensitive, false, out, 0);
  return out;
}

/** Follows the sensitivity marks only (small next to the values), collecting what they mark. */
function collectMarked(value: unknown, marks: unknown, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || value === undefined || value === null || marks === undefined || marks === null || marks === false) return;
  if (marks === true) {
    collect(value, true, true, out, depth);
    return;
  }
  if (Array.isArray(marks)) {
    if (Array.isArray(value)) for (let i = 0; i < marks.length; i++) collectMarked(value[i], marks[i], out, depth + 1);
    return;
  }
  if (typeof marks === 'object' && typeof value === 'object' && !Array.isArray(value)) {
    // for-in, not Object.entries: most plans mark nothing, and their marks are a copy of the
    // value's shape with empty objects and lists, walked for every resource of the plan.
    const record = marks as Record<string, unknown>;
    for (const k in record) {
      if (Object.prototype.hasOwnProperty.call(record, k) && Object.prototype.hasOwnProperty.call(value, k)) {
        collectMarked((value as Record<string, unknown>)[k], record[k], out, depth + 1);
      }
    }
  }
}

/** Values marked sensitive anywhere in the plan, long enough to match in any finding. */
export function markedSecretsOf(instances: readonly Instance[]): Set<string> {
  const all = new Set<string>();
  for (const instance of instances) {
    collectMarked(instance.raw.after, instance.raw.afterSensitive, all, 0);
    collectMarked(instance.raw.before, instance.raw.beforeSensitive, all, 0);
  }
  return new Set([...all].filter((s) => s.length >= MIN_PLAN_SECRET_LENGTH));
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Lower-cases ASCII letters only, so that positions in the result are positions in the input. */
function asciiLower(text: string): string {
  // Native toLowerCase is the same thing on ASCII text (nearly every message) and much cheaper.
  if (ASCII_ONLY.test(text)) return text.toLowerCase();
  return text.replace(/[A-Z]+/g, (m) => m.toLowerCase());
}

const START_TABLE_SIZE = 4096;

function startHash(text: string, i: number): number {
  return (text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) & (START_TABLE_SIZE - 1);
}

/** The first three UTF-16 code units of `text` at `i` as one number: a map key with no string built. */
function keyAt(text: string, i: number): number {
  return text.charCodeAt(i) * 4294967296 + text.charCodeAt(i + 1) * 65536 + text.charCodeAt(i + 2);
}

/**
 * A set of secrets compiled for search: each secret and its JSON-escaped form, compared without
 * ASCII case, indexed by their first characters so a text is scanned once whatever the number
 * of secrets (a plan may hold thousands).
 */
export class SecretMatcher {
  private readonly byPrefix = new Map<number, string[]>();
  /** Hashes of the first two characters of every pattern: most positions of a text are ruled out here. */
  private readonly starts = new Uint8Array(START_TABLE_SIZE);
  /** The first three characters of the patterns, each once: where a match can start. */
  readonly prefixes: readonly string[];

  constructor(secrets: Iterable<string>) {
    const prefixes = new Set<string>();
    for (const secret of secrets) {
      if (secret.length < MIN_SECRET_LENGTH) continue;
      for (const form of new Set([secret, JSON.stringify(secret).slice(1, -1)])) {
        const pattern = asciiLower(form);
        this.starts[startHash(pattern, 0)] = 1;
        prefixes.add(pattern.slice(0, MIN_SECRET_LENGTH));
        const key = keyAt(pattern, 0);
        const list = this.byPrefix.get(key);
        if (list) list.push(pattern);
        else this.byPrefix.set(key, [pattern]);
      }
    }
    for (const list of this.byPrefix.values()) list.sort((a, b) => b.length - a.length);
    this.prefixes = [...prefixes];
  }

  get empty(): boolean {
    return this.byPrefix.size === 0;
  }

  /** Length of the longest secret starting at `i` of the (ASCII-lower-cased) text, 0 if none. */
  matchAt(lower: string, i: number): number {
    if (this.starts[startHash(lower, i)] === 0) return 0;
    const candidates = this.byPrefix.get(keyAt(lower, i));
    if (!candidates) return 0;
    for (const pattern of candidates) if (lower.startsWith(pattern, i)) return pattern.length;
    return 0;
  }
}

/**
 * Up to this many distinct pattern prefixes, a text is searched for each prefix with indexOf
 * (native) instead of being tried at every position: generated secrets share a few prefixes,
 * and findings' messages are scanned by the tens of thousands.
 */
const MAX_SEARCHED_PREFIXES = 8;

/** Where a secret of the matchers may start in `lower`, ascending; undefined when there are too many prefixes to search. */
function candidateStarts(lower: string, active: readonly SecretMatcher[]): number[] | undefined {
  let count = 0;
  for (const m of active) count += m.prefixes.length;
  if (count > MAX_SEARCHED_PREFIXES) return undefined;
  const starts: number[] = [];
  for (const m of active) {
    for (const prefix of m.prefixes) {
      for (let at = lower.indexOf(prefix); at >= 0; at = lower.indexOf(prefix, at + 1)) starts.push(at);
    }
  }
  if (count > 1) starts.sort((a, b) => a - b);
  return starts;
}

function longestMatchAt(lower: string, i: number, active: readonly SecretMatcher[]): number {
  let length = 0;
  for (const m of active) length = Math.max(length, m.matchAt(lower, i));
  return length;
}

/** Replaces every occurrence of any secret of the matchers, longest first at each position. */
export function redactWith(text: string, matchers: readonly SecretMatcher[]): string {
  const active = matchers.filter((m) => !m.empty);
  if (active.length === 0 || text.length < MIN_SECRET_LENGTH) return text;
  const lower = asciiLower(text);
  // Every position a secret can start at, or (too many prefixes) every position.
  const starts = candidateStarts(lower, active);
  if (starts !== undefined && starts.length === 0) return text;
  let out = '';
  let copied = 0;
  const last = text.length - MIN_SECRET_LENGTH;
  const visit = (i: number): void => {
    if (i < copied) return; // inside a secret already replaced
    const length = longestMatchAt(lower, i, active);
    if (length === 0) return;
    out += text.slice(copied, i) + REDACTED;
    copied = i + length;
  };
  if (starts !== undefined) for (const i of starts) visit(i);
  else for (let i = 0; i <= last; i++) visit(i);
  return copied === 0 ? text : out + text.slice(copied);
}

export function redact(text: string, secrets: Iterable<string>): string {
  return redactWith(text, [new SecretMatcher(secrets)]);
}

const NO_SECRETS = new SecretMatcher([]);
const instanceMatchers = new WeakMap<Instance, SecretMatcher>();

/**
 * The compiled secrets of one instance, built on its first finding and shared by all of them
 * (and by findings of other resources that name it as evidence). Instances never change.
 */
export function secretMatcherOf(instance: Instance): SecretMatcher {
  let matcher = instanceMatchers.get(instance);
  if (matcher === undefined) {
    const secrets = secretsOf(instance);
    matcher = secrets.size === 0 ? NO_SECRETS : new SecretMatcher(secrets);
    instanceMatchers.set(instance, matcher);
  }
  return matcher;
}
