/**
 * Keeps secrets out of every report: values Terraform marks sensitive, and values of attributes
 * that are secret by nature even when a provider forgets to mark them. Rules are told never to
 * print such values; this is the net under them.
 */
import type { Instance } from './graph';
import type { JsonValue } from './types';

const SECRET_NAME = /pass(word|phrase)?|secret|private_key|token|credential|auth_key|api_key|access_key|signing_key|seed|pem$/i;
const MIN_SECRET_LENGTH = 3;
const MAX_DEPTH = 64;
export const REDACTED = '[redacted]';

function collect(value: unknown, marks: unknown, inheritedSecret: boolean, out: Set<string>, depth: number): void {
  if (depth > MAX_DEPTH || value === undefined || value === null) return;
  const secret = inheritedSecret || marks === true;
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    if (secret && text.length >= MIN_SECRET_LENGTH) out.add(text);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => collect(v, Array.isArray(marks) ? marks[i] : undefined, secret, out, depth + 1));
    return;
  }
  if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const childMarks = typeof marks === 'object' && marks !== null && Object.prototype.hasOwnProperty.call(marks, k) ? (marks as Record<string, unknown>)[k] : undefined;
      collect(v, childMarks, secret || SECRET_NAME.test(k), out, depth + 1);
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

export function redact(text: string, secrets: Iterable<string>): string {
  let out = text;
  // Longest first, so a secret that contains another is removed whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
