/**
 * Attribute values as the generator models them, and the four JSON views Terraform derives
 * from one value in `terraform show -json`: the known part (`after`, planned `values`), the
 * unknown mask (`after_unknown`) and the sensitive mask (`after_sensitive`, `sensitive_values`).
 *
 * The masks follow Terraform's own jsonplan code (unknownAsBool, omitUnknowns) and jsonstate
 * (SensitiveAsBool), so generated plans carry the same quirks as real ones: containers always
 * appear in the masks, known primitives are left out of objects but kept as `false` in lists,
 * and an unknown list or map is `[]` / `{}` in the sensitive mask.
 */
import type { JsonObject, JsonValue } from '../policies/engine/types';

/** "Known after apply". The kind matters for the sensitive mask of the unknown attribute. */
export class Unknown {
  constructor(readonly kind: 'primitive' | 'list' | 'map') {}
}

/** A value Terraform marks sensitive (its text is still in the plan; the mask says to hide it). */
export class Sensitive {
  constructor(readonly value: PlanValue) {}
}

export type PlanValue =
  | null
  | boolean
  | number
  | string
  | Unknown
  | Sensitive
  | readonly PlanValue[]
  | PlanObject;

export interface PlanObject {
  readonly [key: string]: PlanValue;
}

export const UNKNOWN = new Unknown('primitive');
export const UNKNOWN_LIST = new Unknown('list');
export const UNKNOWN_MAP = new Unknown('map');

export function sensitive(value: PlanValue): Sensitive {
  return new Sensitive(value);
}

function isPlanObject(value: PlanValue): value is PlanObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Unknown) && !(value instanceof Sensitive);
}

/** Object keys in the order Terraform writes them (cty sorts attribute and map keys). */
function sortedKeys(value: PlanObject): string[] {
  return Object.keys(value).sort();
}

export function isWhollyKnown(value: PlanValue): boolean {
  if (value instanceof Unknown) return false;
  if (value instanceof Sensitive) return isWhollyKnown(value.value);
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (isPlanObject(value)) return Object.keys(value).every((k) => isWhollyKnown(value[k]));
  return true;
}

/** The value with unknown attributes dropped (unknown list elements become null), keys sorted. */
export function knownPart(value: PlanValue): JsonValue {
  if (value instanceof Sensitive) return knownPart(value.value);
  if (value instanceof Unknown) return null;
  if (Array.isArray(value)) return value.map(knownPart);
  if (isPlanObject(value)) {
    const out: JsonObject = {};
    for (const key of sortedKeys(value)) {
      const child = value[key];
      if (child instanceof Unknown) continue;
      out[key] = knownPart(child);
    }
    return out;
  }
  return value as JsonValue;
}

/** Terraform's unknownAsBool: true where unknown, containers kept, known primitives omitted from objects. */
export function unknownMask(value: PlanValue): JsonValue {
  if (value instanceof Sensitive) return unknownMask(value.value);
  if (value instanceof Unknown) return true;
  if (value === null) return false;
  if (Array.isArray(value)) return value.map(unknownMask);
  if (isPlanObject(value)) {
    const out: JsonObject = {};
    for (const key of sortedKeys(value)) {
      const mask = unknownMask(value[key]);
      if (mask !== false) out[key] = mask;
    }
    return out;
  }
  return false;
}

/** Terraform's SensitiveAsBool: true where sensitive; unknown lists/maps are []/{}; containers kept. */
export function sensitiveMask(value: PlanValue): JsonValue {
  if (value instanceof Sensitive) return true;
  if (value instanceof Unknown) {
    if (value.kind === 'list') return [];
    if (value.kind === 'map') return {};
    return false;
  }
  if (value === null) return false;
  if (Array.isArray(value)) return value.map(sensitiveMask);
  if (isPlanObject(value)) {
    const out: JsonObject = {};
    for (const key of sortedKeys(value)) {
      const mask = sensitiveMask(value[key]);
      if (mask !== false) out[key] = mask;
    }
    return out;
  }
  return false;
}
