/**
 * The "whose key?" verdict shared by the encryption rules. Where a service always encrypts with
 * a key AWS owns or manages, HIPAA's encryption spec is met, but the key policy, rotation and
 * the CloudTrail record of each decrypt belong to AWS; planwarden asks for a customer-managed
 * key by default and a rule parameter (`requireCustomerManagedKey`) accepts the AWS default.
 */
import type { AttributePath, Outcome, Params, ParamSpec, PlanGraph, ResourceInstance, RuleContext } from '../../engine/types';
import { toPath } from '../../engine/values';
import { fail, pass, unknown } from '../support';
import { attributeName, describeKey, readKey, unresolvedVariablesIn } from './read';

/** The parameter every encryption rule with a key choice offers, under the same name. */
export function customerKeyParam(defaultValue: boolean, serviceDefault: string): Record<string, ParamSpec> {
  return {
    requireCustomerManagedKey: {
      description: defaultValue
        ? `Require a customer-managed KMS key; false accepts ${serviceDefault}.`
        : `Require a customer-managed KMS key instead of ${serviceDefault}.`,
      default: defaultValue,
    },
  };
}

export function requiresCustomerKey(params: Params): boolean {
  return params.requireCustomerManagedKey === true;
}

/** What every key verdict needs from the rule context: the parameter, and the graph to trace variables. */
export interface KeyContext {
  requireCustomerManagedKey: boolean;
  graph: PlanGraph;
}

export function keyContext(ctx: RuleContext): KeyContext {
  return { requireCustomerManagedKey: requiresCustomerKey(ctx.params), graph: ctx.graph };
}

export interface KeyCheck {
  instance: ResourceInstance;
  /** Path of the key attribute (a block path for nested blocks). */
  path: string | AttributePath;
  /** What the service uses when no key is set, for messages: 'the AWS-managed aws/sns key'. */
  serviceDefault: string;
  /** Whether the service encrypts at all without a key (false: no key means no encryption). */
  defaultEncrypts: boolean;
  requireCustomerManagedKey: boolean;
  /** With the graph, a key wired only to module variables that lead to no resource is not taken as proof of a key. */
  graph?: PlanGraph;
  /** false when the provider does not compute the key attribute: an unknown value then proves a key is set. */
  computed?: boolean;
  /** Names the thing checked when it is not the whole resource, e.g. 'replica in us-west-2'. */
  subject?: string;
  evidence?: Outcome['evidence'];
}

export function keyRemediation(attribute: string): string {
  return `Set ${attribute} to the ARN of a customer-managed aws_kms_key (with enable_key_rotation = true).`;
}

/** Judges one key attribute: a pass, or a fail naming the attribute and the value to set. */
export function judgeKey(check: KeyCheck): Outcome {
  const { instance, path } = check;
  const attribute = attributeName(toPath(path));
  const who = check.subject ? `${instance.address} (${check.subject})` : instance.address;
  // Only findings carry the remediation: a pass does not build it.
  const extra = () => ({ evidence: check.evidence, remediation: keyRemediation(attribute) });
  const value = instance.attr(path);
  const owner = readKey(value, check.computed ?? true);
  const variables = owner === 'customer' && check.graph ? unresolvedVariablesIn(value, instance, path, check.graph) : undefined;
  if (variables) {
    // Wired only to module variables that lead to no resource in this plan: most often a null
    // default, which leaves the service's own key. Not proof of a key either way.
    if (!check.requireCustomerManagedKey) return pass(attribute, `${who}: ${attribute} comes from ${variables.join(', ')}; any key, or the service default, is allowed`, { evidence: check.evidence });
    return unknown(
      attribute,
      `${who}: ${attribute} comes from ${variables.join(', ')}, which leads to no key in this plan; if it is null, ${check.serviceDefault} is used — set it to a customer-managed aws_kms_key`,
      extra(),
    );
  }
  if (owner === 'customer') return pass(attribute, `${who} encrypts with a customer-managed key`, { evidence: check.evidence });
  if (owner === 'aws-managed') {
    if (!check.requireCustomerManagedKey) return pass(attribute, `${who} encrypts with an AWS-managed key (allowed)`, { evidence: check.evidence });
    return fail(
      attribute,
      `${who}: ${attribute} = ${describeKey(instance, path)} is an AWS-managed key whose policy you cannot change; set ${attribute} to a customer-managed aws_kms_key`,
      extra(),
    );
  }
  if (!check.defaultEncrypts) {
    return fail(attribute, `${who} sets no ${attribute}, so it is not encrypted at rest; set ${attribute} to a customer-managed aws_kms_key`, extra());
  }
  if (!check.requireCustomerManagedKey) return pass(attribute, `${who} relies on ${check.serviceDefault} (allowed)`, { evidence: check.evidence });
  return fail(
    attribute,
    `${who} sets no ${attribute}, so ${check.serviceDefault} is used; set ${attribute} to a customer-managed aws_kms_key`,
    extra(),
  );
}
