/** Small, shared vocabulary for rule checks: reading values the way HIPAA rules need them. */
import type { AttributeValue, Evidence, Join, JsonValue, Outcome, ResourceInstance } from '../engine/types';

/** Renders a value for a message; sensitive values never are. */
export function show(value: AttributeValue): string {
  if (value.state === 'unknown') return '(known after apply)';
  if (value.state === 'absent') return '(not set)';
  if (value.sensitive) return '(sensitive)';
  return JSON.stringify(value.value);
}

export function isKnown(v: AttributeValue): v is Extract<AttributeValue, { state: 'known' }> {
  return v.state === 'known';
}

/** A known value that is set: not null, not "", not an empty list. */
export function knownValue(v: AttributeValue): JsonValue | undefined {
  if (v.state !== 'known' || v.value === null || v.value === '') return undefined;
  if (Array.isArray(v.value) && v.value.length === 0) return undefined;
  return v.value;
}

export function isTrue(v: AttributeValue): boolean {
  return v.state === 'known' && v.value === true;
}

/** `true` → 'yes', explicit false/null/absent → 'no', unknown → 'unknown'. */
export function flag(v: AttributeValue): 'yes' | 'no' | 'unknown' {
  if (v.state === 'unknown') return 'unknown';
  return v.state === 'known' && (v.value === true || v.value === 'true') ? 'yes' : 'no';
}

const AWS_MANAGED_KEY = /^(arn:aws[\w-]*:kms:[^:]*:[^:]*:)?alias\/aws\//;

/**
 * Whether a KMS key attribute names a key: a known ARN/id/alias, or a value known only after
 * apply that the configuration wires to something (a key created in the same plan). An unknown
 * value with no reference is undecidable at plan time.
 */
export function kmsKey(v: AttributeValue): 'customer' | 'aws-managed' | 'none' | 'unknown' {
  if (v.state === 'unknown') return v.references.length > 0 ? 'customer' : 'unknown';
  const value = knownValue(v);
  if (typeof value !== 'string') return 'none';
  return AWS_MANAGED_KEY.test(value) ? 'aws-managed' : 'customer';
}

export function evidenceOf(join: Join): Evidence {
  return { attribute: join.attribute, related: join.instance.address, via: join.via };
}

export function fail(attribute: string, message: string, extra: Partial<Outcome> = {}): Outcome {
  return { status: 'fail', attribute, message, ...extra };
}

export function unknown(attribute: string, message: string, extra: Partial<Outcome> = {}): Outcome {
  return { status: 'unknown', attribute, message, ...extra };
}

export function pass(attribute: string, message: string, extra: Partial<Outcome> = {}): Outcome {
  return { status: 'pass', attribute, message, ...extra };
}

export function skip(message: string): Outcome {
  return { status: 'skip', message };
}

/** Dotted attribute path for messages and findings. */
export function dotted(path: ReadonlyArray<string | number>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
}

export type { ResourceInstance };
