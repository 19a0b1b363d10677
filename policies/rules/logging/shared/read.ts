/**
 * How the logging rules read a plan. Logging settings are mostly switches with a provider or AWS
 * default, lists of log types, and destinations (ARNs, bucket names) that are often known only
 * after apply. A destination wired to something in the configuration proves it is set even when
 * its value is unknown; an unknown value with no references cannot be judged.
 */
import type { AttributePath, AttributeValue, JsonValue, ResourceInstance } from '../../../engine/types';
import { toPath } from '../../../engine/values';

export type Setting = 'on' | 'off' | 'unknown';

/**
 * A boolean switch: a known true/false (or "true"/"false"), the default when omitted or null,
 * and unknown when Terraform learns the value at apply time.
 */
export function setting(value: AttributeValue, whenOmitted: 'on' | 'off'): Setting {
  if (value.state === 'unknown') return 'unknown';
  if (value.state === 'absent' || value.value === null) return whenOmitted;
  if (value.value === true || value.value === 'true') return 'on';
  if (value.value === false || value.value === 'false') return 'off';
  return whenOmitted;
}

export type Destination = 'set' | 'unset' | 'unknown';

/**
 * Whether a destination (ARN, bucket, log group) is set: a known non-empty string, or a value
 * known only after apply. For an attribute the provider does not compute (the usual case for a
 * destination) an unknown value can only come from the configuration, so it is set even when
 * Terraform wrote no references (attributes of `dynamic` blocks have none). For a computed
 * attribute (`computed = true`) only references prove it was configured.
 */
export function destination(value: AttributeValue, computed = false): Destination {
  if (value.state === 'unknown') return value.references.length > 0 || !computed ? 'set' : 'unknown';
  if (value.state === 'absent') return 'unset';
  const v = value.value;
  if (typeof v === 'string') return v.trim() === '' ? 'unset' : 'set';
  if (Array.isArray(v)) return v.some((x) => typeof x === 'string' && x.trim() !== '') ? 'set' : 'unset';
  return 'unset';
}

/** A known string value, or undefined (unset, empty, unknown, or not a string). */
export function knownText(value: AttributeValue): string | undefined {
  return value.state === 'known' && typeof value.value === 'string' && value.value !== '' ? value.value : undefined;
}

/** A known number, or undefined. */
export function knownNumber(value: AttributeValue): number | undefined {
  return value.state === 'known' && typeof value.value === 'number' ? value.value : undefined;
}

/** The strings of a known list (or set); [] for null/omitted; undefined when the list is unknown. */
export function knownStrings(value: AttributeValue): string[] | undefined {
  if (value.state === 'unknown') return undefined;
  if (value.state === 'absent' || value.value === null) return [];
  return asStrings(value.value);
}

function asStrings(v: JsonValue): string[] {
  if (typeof v === 'string') return v === '' ? [] : [v];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x !== '');
  return [];
}

/**
 * A list attribute's known strings, and whether it is (wholly or partly) unknown: Terraform
 * writes an element known only after apply as null in `after` and true in `after_unknown`.
 */
export function stringList(instance: ResourceInstance, path: string | AttributePath): { values: string[]; unknown: boolean } {
  const whole = instance.attr(path);
  const values = knownStrings(whole);
  if (values === undefined) return { values: [], unknown: true };
  const list = whole.state === 'known' && Array.isArray(whole.value) ? whole.value : [];
  const base = typeof path === 'string' ? toPath(path) : path;
  const unknown = list.some((_, i) => instance.attr([...base, i]).state === 'unknown');
  return { values, unknown };
}

/** "a, b and c" for messages. */
export function listText(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
