/**
 * The permission policies of an aws_iam_role as the plan shows them, Trivy-adapter style: one
 * list folded from the role's inline_policy blocks and managed_policy_arns, aws_iam_role_policy,
 * aws_iam_role_policy_attachment and aws_iam_policy_attachment companions (found by reference or
 * by the role's known name), and the aws_iam_policy documents those attachments name. An ARN
 * whose document is not in the plan (an AWS-managed policy, or a customer policy managed
 * elsewhere) is returned as such; the caller decides what it knows about it.
 */
import type { Evidence, Join, PlanGraph, ResourceInstance } from '../../../engine/types';
import { evidenceOf, knownValue } from '../../support';
import { readPolicyDocument, type DocumentSource } from './document-source';

export interface RoleDocument {
  /** Where the document lives, for messages: `aws_iam_role_policy.x`, `aws_iam_role.r inline_policy "name"`. */
  readonly origin: string;
  readonly source: DocumentSource;
  readonly evidence: readonly Evidence[];
}

export interface RolePolicyArn {
  readonly arn: string;
  readonly origin: string;
  readonly evidence: readonly Evidence[];
}

export interface RolePolicies {
  readonly documents: readonly RoleDocument[];
  /** Policy ARNs whose document is not in the plan. */
  readonly arns: readonly RolePolicyArn[];
  /** Attachments whose policy cannot be told at plan time. */
  readonly unresolved: readonly { readonly origin: string; readonly reason: string; readonly evidence: readonly Evidence[] }[];
}

const ROLE_MATCH = ['name', 'id'];

function withEvidence(join: Join, extra: readonly Evidence[] = []): Evidence[] {
  return [evidenceOf(join), ...extra];
}

/** The aws_iam_policy documents, or the literal ARN, an attachment's `policy_arn` names. */
function attachedPolicy(holder: ResourceInstance, graph: PlanGraph, via: readonly Evidence[], out: { documents: RoleDocument[]; arns: RolePolicyArn[]; unresolved: RolePolicies['unresolved'][number][] }): void {
  const policies = graph.referencesOf(holder, 'policy_arn', { types: ['aws_iam_policy'], matchValues: ['arn'] });
  for (const join of policies) {
    out.documents.push({ origin: join.instance.address, source: readPolicyDocument(join.instance, 'policy', graph), evidence: withEvidence(join, via) });
  }
  if (policies.length > 0) return;
  const arn = holder.attr('policy_arn');
  const value = knownValue(arn);
  if (typeof value === 'string') out.arns.push({ arn: value, origin: holder.address, evidence: [...via] });
  else if (arn.state === 'unknown') out.unresolved.push({ origin: holder.address, reason: 'its policy_arn is known only after apply and names no aws_iam_policy in the plan', evidence: [...via] });
}

export function rolePolicies(role: ResourceInstance, graph: PlanGraph): RolePolicies {
  const out = { documents: [] as RoleDocument[], arns: [] as RolePolicyArn[], unresolved: [] as RolePolicies['unresolved'][number][] };

  // Inline policies on the role itself (the provider marks the block computed when omitted).
  for (const block of role.blocks('inline_policy')) {
    const name = knownValue(role.attr([...block, 'name']));
    const path = `inline_policy[${String(block[block.length - 1])}].policy`;
    const source = readPolicyDocument(role, path, graph);
    if (source.kind !== 'absent') out.documents.push({ origin: `${role.address} inline_policy${typeof name === 'string' ? ` "${name}"` : ''}`, source, evidence: [{ attribute: 'inline_policy' }] });
  }
  const managed = role.attr('managed_policy_arns');
  // By reference, or by known ARN through the graph's value index (linear in the plan).
  const managedJoins = managed.state === 'absent' ? [] : graph.referencesOf(role, 'managed_policy_arns', { types: ['aws_iam_policy'], matchValues: ['arn'] });
  for (const join of managedJoins) out.documents.push({ origin: join.instance.address, source: readPolicyDocument(join.instance, 'policy', graph), evidence: [evidenceOf(join)] });
  const managedList = knownValue(managed);
  if (Array.isArray(managedList)) {
    const inPlan = new Set(managedJoins.map((j) => knownValue(j.instance.attr('arn'))));
    for (const arn of managedList) {
      if (typeof arn === 'string' && !inPlan.has(arn)) out.arns.push({ arn, origin: `${role.address} managed_policy_arns`, evidence: [{ attribute: 'managed_policy_arns' }] });
    }
  } else if (managed.state === 'unknown' && managed.references.length > 0 && managedJoins.length === 0) {
    out.unresolved.push({ origin: `${role.address} managed_policy_arns`, reason: 'it is known only after apply', evidence: [{ attribute: 'managed_policy_arns' }] });
  }

  for (const join of graph.referrers(role, { types: ['aws_iam_role_policy'], attribute: 'role', matchValues: ROLE_MATCH })) {
    out.documents.push({ origin: join.instance.address, source: readPolicyDocument(join.instance, 'policy', graph), evidence: [evidenceOf(join)] });
  }
  for (const join of graph.referrers(role, { types: ['aws_iam_role_policy_attachment'], attribute: 'role', matchValues: ROLE_MATCH })) {
    attachedPolicy(join.instance, graph, [evidenceOf(join)], out);
  }
  for (const join of graph.referrers(role, { types: ['aws_iam_policy_attachment'], attribute: 'roles', matchValues: ROLE_MATCH })) {
    attachedPolicy(join.instance, graph, [evidenceOf(join)], out);
  }
  return out;
}

/** The name of an AWS-managed policy ARN (`arn:aws:iam::aws:policy/service-role/AWSIoTLogging` → `AWSIoTLogging`), else undefined. */
export function awsManagedPolicyName(arn: string): string | undefined {
  const m = /^arn:aws[\w-]*:iam::aws:policy\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  return m?.[1];
}
