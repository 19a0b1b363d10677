/**
 * How the encryption rules read a plan. Two questions recur in every rule: "is encryption
 * switched on?" and "whose key is it?". Both must tell apart an attribute the configuration
 * leaves to the provider or AWS (its default applies) from one set to something Terraform only
 * learns at apply time (a reference: it is configured, we just cannot see the value).
 *
 * The plan cannot say directly whether an attribute was written in the configuration.
 * - An attribute the provider does NOT compute is null (known) when omitted, so an unknown value
 *   means the configuration set it to something only known after apply. Callers say so with
 *   `computed = false`.
 * - For a computed attribute, omitted shows as unknown with no expression in the configuration,
 *   so no references; a configured expression unknown at plan time nearly always refers to
 *   something (a resource, a variable, `each.value`). Unknown without references therefore
 *   reads as "left to the default". Two shapes defeat this test, and both make it read
 *   "default": attributes inside a `dynamic` block (Terraform writes no expressions for them)
 *   and plans whose `configuration` section was stripped. Rules pass `computed = false` for every
 *   attribute the provider does not compute, which covers most key attributes in nested blocks.
 */
import type { AttributePath, AttributeValue, PlanGraph, ResourceInstance } from '../../engine/types';
import { toPath } from '../../engine/values';
import { dotted } from '../support';

/** on/off: a known boolean (or the "true"/"false" strings some schemas use); default: omitted or null; unknown: configured but known only after apply. */
export type Switch = 'on' | 'off' | 'default' | 'unknown';

export function readSwitch(value: AttributeValue, computed = true): Switch {
  if (value.state === 'unknown') return value.references.length > 0 || !computed ? 'unknown' : 'default';
  if (value.state === 'absent') return 'default';
  const v = value.value;
  if (v === true || v === 'true') return 'on';
  if (v === false || v === 'false') return 'off';
  return 'default';
}

/**
 * Whose key protects the data:
 * - customer: a key ARN, id or alias you manage, or a reference to a key known only after apply;
 * - aws-managed: an `alias/aws/<service>` key, whose policy you cannot change;
 * - default: nothing set, so the service's own default applies (an AWS-managed or AWS-owned key, or none).
 * There is no "unknown": a key attribute known only after apply but wired to something proves a key is set.
 */
export type KeyOwner = 'customer' | 'aws-managed' | 'default';

const AWS_MANAGED_KEY = /^(arn:aws[\w-]*:kms:[^:]*:[^:]*:)?alias\/aws\//;

export function readKey(value: AttributeValue, computed = true): KeyOwner {
  if (value.state === 'unknown') return value.references.length > 0 || !computed ? 'customer' : 'default';
  if (value.state === 'absent') return 'default';
  const v = value.value;
  if (typeof v !== 'string' || v.trim() === '') return 'default';
  return AWS_MANAGED_KEY.test(v) ? 'aws-managed' : 'customer';
}

/** A string attribute's known value, or undefined when unset, null or unknown. */
export function knownString(value: AttributeValue): string | undefined {
  return value.state === 'known' && typeof value.value === 'string' && value.value !== '' ? value.value : undefined;
}

/** Whether a value is set in the configuration: a known non-empty value, or an unknown one wired to something (any unknown one, for an attribute the provider does not compute). */
export function isSet(value: AttributeValue, computed = true): boolean {
  if (value.state === 'unknown') return value.references.length > 0 || !computed;
  if (value.state === 'absent') return false;
  const v = value.value;
  return v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

const attributeNames = new WeakMap<AttributePath, string>();

/** The dotted attribute name of a block path, indices dropped: ['encrypt_at_rest', 0, 'enabled'] → 'encrypt_at_rest.enabled'. */
export function attributeName(path: AttributePath): string {
  // Paths parsed from text (toPath) are frozen and shared: name each once. Other arrays may change, so are named every time.
  const frozen = Object.isFrozen(path);
  if (frozen) {
    const known = attributeNames.get(path);
    if (known !== undefined) return known;
  }
  const name = dotted(path.filter((p) => typeof p === 'string'));
  if (frozen) attributeNames.set(path, name);
  return name;
}

/** A path inside a single nested block (list in plan JSON, object in CDKTF synth). */
export function inBlock(block: string, attribute: string): AttributePath {
  const path: Array<string | number> = [];
  for (const name of block.split('.')) path.push(name, 0);
  path.push(attribute);
  return path;
}

/** Describes a key reading for a message; a sensitive value is never printed. */
export function describeKey(instance: ResourceInstance, path: string | AttributePath): string {
  const value = instance.attr(path);
  if (value.state === 'unknown') return 'a key known only after apply';
  if (value.state === 'known' && value.sensitive) return 'a sensitive value';
  const v = knownString(value);
  return v === undefined ? 'no key' : JSON.stringify(v);
}

/**
 * For a value known only after apply whose expression names nothing but module variables
 * (`var.kms_key_arn`), and whose variables lead to no resource in this plan: those variables.
 * A variable set to a constant would be known at plan time, so such a value is most often a
 * null default that the provider then computes. Undefined in every other case.
 */
export function unresolvedVariables(instance: ResourceInstance, path: string | AttributePath, graph: PlanGraph): string[] | undefined {
  return unresolvedVariablesIn(instance.attr(path), instance, path, graph);
}

/** unresolvedVariables for a value already read from `instance` at `path`. */
export function unresolvedVariablesIn(value: AttributeValue, instance: ResourceInstance, path: string | AttributePath, graph: PlanGraph): string[] | undefined {
  if (value.state !== 'unknown' || value.references.length === 0) return undefined;
  if (!value.references.every((r) => r.startsWith('var.'))) return undefined;
  if (graph.referencesOf(instance, attributeName(toPath(path))).length > 0) return undefined;
  return [...new Set(value.references)];
}
