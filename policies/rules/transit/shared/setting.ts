/**
 * How a configured setting reads in a plan, told apart the way transit rules need it: a value
 * written in the configuration, a setting left out (so the provider or AWS default applies), or
 * a value that only exists after apply.
 *
 * Terraform marks an omitted Optional+Computed attribute (ssl_policy, transit_encryption_enabled,
 * parameter_group_name, ...) as "known after apply" exactly like a value computed from another
 * resource. The difference is in `configuration`: an omitted attribute has no expression, so no
 * references, while `ssl_policy = var.policy` or `= aws_x.y.name` lists what it comes from.
 * CDKTF synth omits the attribute altogether.
 */
import type { AttributePath, AttributeValue, JsonValue, ResourceInstance } from '../../../engine/types';

export type Setting =
  | { readonly kind: 'set'; readonly value: JsonValue; readonly sensitive: boolean }
  | { readonly kind: 'omitted' }
  | { readonly kind: 'unknown'; readonly references: readonly string[] };

export function settingOf(value: AttributeValue): Setting {
  if (value.state === 'unknown') {
    return value.references.length > 0 ? { kind: 'unknown', references: value.references } : { kind: 'omitted' };
  }
  if (value.state === 'absent' || value.value === null || value.value === '') return { kind: 'omitted' };
  return { kind: 'set', value: value.value, sensitive: value.sensitive };
}

export function setting(instance: ResourceInstance, path: string | AttributePath): Setting {
  return settingOf(instance.attr(path));
}

/** A set string value, or undefined (omitted, unknown, or not a string). */
export function setString(s: Setting): string | undefined {
  return s.kind === 'set' && typeof s.value === 'string' ? s.value : undefined;
}

/** A set boolean, accepting the "true"/"false" strings CDKTF and some modules write. */
export function setBoolean(s: Setting): boolean | undefined {
  if (s.kind !== 'set') return undefined;
  if (typeof s.value === 'boolean') return s.value;
  if (s.value === 'true') return true;
  if (s.value === 'false') return false;
  return undefined;
}

/** The string elements of a set list value (a single string counts as a one-element list). */
export function setStrings(s: Setting): string[] | undefined {
  if (s.kind !== 'set') return undefined;
  if (typeof s.value === 'string') return [s.value];
  if (Array.isArray(s.value)) return s.value.filter((v): v is string => typeof v === 'string');
  return undefined;
}

/** Why a value is unknown, for messages: what the configuration says it comes from. */
export function fromWhat(s: Extract<Setting, { kind: 'unknown' }>): string {
  return s.references.length > 0 ? ` (it comes from ${s.references[0]})` : '';
}

/** A set value for a message: the string itself, or "(sensitive)" — a sensitive value never reaches a finding. */
export function printable(s: Setting): string {
  if (s.kind !== 'set') return s.kind === 'omitted' ? '(not set)' : '(known after apply)';
  if (s.sensitive) return '(sensitive)';
  return typeof s.value === 'string' ? s.value : JSON.stringify(s.value);
}
