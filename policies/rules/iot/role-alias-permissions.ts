/**
 * IOT-006: the IAM role behind an IoT role alias is least-privilege. Devices exchange their
 * certificate for this role's AWS credentials (iot:AssumeRoleWithCertificate), so every device
 * allowed to use the alias holds what the role holds. The role is found through role_arn; its
 * permissions are folded from inline policies, role policies and attachments (role-policies.ts)
 * and judged as Device Defender's IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK does (iam-breadth.ts).
 */
import type { Evidence, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, knownValue, pass, unknown } from '../support';
import { builtFrom } from './shared/document-source';
import { managedPolicyProblem, permissionProblems, type PermissionProblem, type PermissionSettings } from './shared/iam-breadth';
import { stringList } from './shared/params';
import { awsManagedPolicyName, rolePolicies } from './shared/role-policies';
import { statementLabel } from './shared/policy-view';

const MAX_FINDINGS_PER_DOCUMENT = 8;

function describe(problem: PermissionProblem): string {
  return `${statementLabel(problem)} allows ${problem.actions.join(', ')} on ${problem.resource}: it ${problem.reason} [Device Defender ${problem.ddReason}]`;
}

function boundaryNote(role: ResourceInstance): string {
  const boundary = role.attr('permissions_boundary');
  if (boundary.state === 'unknown' || typeof knownValue(boundary) === 'string') {
    return ' (the role has a permissions boundary, which planwarden does not intersect; if it removes these actions, waive with that reason)';
  }
  return '';
}

function judgeRole(alias: ResourceInstance, role: ResourceInstance, via: Evidence, ctx: RuleContext, settings: PermissionSettings): Outcome[] {
  const outcomes: Outcome[] = [];
  const allowedManaged = new Set(stringList(ctx.params.allowedManagedPolicies));
  const policies = rolePolicies(role, ctx.graph);
  const note = boundaryNote(role);
  const lead = `${alias.address} hands devices the credentials of ${role.address}`;
  for (const doc of policies.documents) {
    const evidence = [via, ...doc.evidence];
    if (doc.source.kind === 'unknown') {
      outcomes.push(unknown('role_arn', `${lead}, whose policy ${doc.origin} is known only after apply (${doc.source.reason}); planwarden cannot tell what it grants`, { evidence }));
    } else if (doc.source.kind === 'invalid') {
      outcomes.push(unknown('role_arn', `${lead}, whose policy ${doc.origin} does not parse as an IAM policy; planwarden cannot tell what it grants`, { evidence }));
    } else if (doc.source.kind === 'document') {
      const problems = permissionProblems(doc.source.document, settings);
      for (const problem of problems.slice(0, MAX_FINDINGS_PER_DOCUMENT)) {
        outcomes.push(fail('role_arn', `${lead}; ${doc.origin} ${describe(problem)}${note}`, { evidence }));
      }
    }
  }
  for (const ref of policies.arns) {
    const evidence = [via, ...ref.evidence];
    const name = awsManagedPolicyName(ref.arn);
    if (allowedManaged.has(ref.arn) || (name !== undefined && allowedManaged.has(name))) continue;
    const problem = name === undefined ? undefined : managedPolicyProblem(name);
    if (problem !== undefined) {
      outcomes.push(fail('role_arn', `${lead}, which has the AWS-managed policy ${name} attached (${ref.origin}): it ${problem.reason} [Device Defender ${problem.ddReason}]${note}`, { evidence }));
    } else {
      outcomes.push(
        unknown('role_arn', `${lead}, which has ${ref.arn} attached (${ref.origin}); that policy's document is not in this plan, so planwarden cannot tell what it grants`, {
          evidence,
          remediation: 'Review the policy and list its ARN (or AWS-managed name) in allowedManagedPolicies, or manage it in this configuration.',
        }),
      );
    }
  }
  for (const gap of policies.unresolved) {
    outcomes.push(unknown('role_arn', `${lead}; ${gap.origin}: ${gap.reason}, so planwarden cannot tell what it grants`, { evidence: [via, ...gap.evidence] }));
  }
  if (outcomes.length === 0) {
    const count = policies.documents.length + policies.arns.length;
    outcomes.push(pass('role_arn', count === 0 ? `${lead}, which has no permission policies in this plan` : `${lead}, whose ${count} policies grant no administrative, auditing or fleet-wide access`, { evidence: [via] }));
  }
  return outcomes;
}

export const roleAliasPermissions: Rule = {
  id: 'IOT-006',
  title: 'IoT role aliases hand out least-privilege AWS credentials',
  family: 'iot',
  severity: 'critical',
  enforcement: 'hard-mandatory',
  hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
  resourceTypes: ['aws_iot_role_alias'],
  rationale:
    'A role alias lets any device whose IoT policy allows iot:AssumeRoleWithCertificate on it exchange its certificate for temporary AWS credentials of the role. Device Defender\'s IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK flags roles that give administrative access to a service ("iot:*", "dynamodb:*", "iam:*"), access to the security-auditing services (IAM, CloudTrail, GuardDuty, Inspector, Trusted Advisor), IoT administrative actions or broad IoT data-plane access: a single compromised device would then hold them, which defeats the access authorization HIPAA asks for (164.308(a)(4)(ii)(B), 164.312(a)(1)).',
  remediation:
    'Give the role only the actions the device needs, on resources scoped to the device, e.g. s3:PutObject on arn:aws:s3:::uploads/${credentials-iot:ThingName}/* (write $${…} in HCL); detach AdministratorAccess, *FullAccess and security-auditing policies.',
  params: {
    allowedServices: {
      description:
        'Service prefixes (e.g. "s3", "kinesis") the role may use. Empty (the default) accepts any service; a list makes every other service a finding, the static counterpart of IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK.',
      default: [],
    },
    allowedManagedPolicies: {
      description: 'Policy ARNs (or AWS-managed policy names) whose documents are not in the plan and that have been reviewed; they are accepted instead of reported unknown.',
      default: [],
    },
  },
  docs: {
    defaults:
      'The role\'s policies are judged from the plan: aws_iam_role inline_policy / managed_policy_arns, aws_iam_role_policy, aws_iam_role_policy_attachment, aws_iam_policy_attachment and the aws_iam_policy documents they name. AWS-managed policies are judged by name (AdministratorAccess, PowerUserAccess, *FullAccess, security-auditing and IoT admin policies); other ARNs are unknown.',
    anchors: [
      'AWS IoT Device Defender IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK',
      'Device Defender IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK (via allowedServices)',
      'Checkov CKV_AWS_62 / CKV_AWS_63 / CKV_AWS_355 (IAM wildcards)',
    ],
    example: {
      fail: 'resource "aws_iam_role_policy_attachment" "device" {\n  role       = aws_iam_role.device.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\nresource "aws_iot_role_alias" "device" {\n  alias    = "device"\n  role_arn = aws_iam_role.device.arn\n}',
      pass: 'resource "aws_iam_role_policy" "device" {\n  role = aws_iam_role.device.id\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "arn:aws:s3:::uploads/$${credentials-iot:ThingName}/*" }]\n  })\n}',
    },
  },
  check(alias: ResourceInstance, ctx: RuleContext): Outcome[] {
    const settings: PermissionSettings = { allowedServices: stringList(ctx.params.allowedServices).map((s) => s.toLowerCase()) };
    const roles = ctx.graph.referencesOf(alias, 'role_arn', { types: ['aws_iam_role'], matchValues: ['arn'] });
    if (roles.length === 0) {
      const arn = alias.attr('role_arn');
      const value = knownValue(arn);
      const what = typeof value === 'string' ? `the role ${value}, which is not in this plan` : `a role known only after apply (${builtFrom(arn.references)})`;
      return [
        unknown('role_arn', `${alias.address} hands devices the credentials of ${what}; planwarden cannot see its permissions`, {
          remediation: 'Check the role with the same configuration that manages it, or manage the role and its policies in this configuration so they can be checked before apply.',
        }),
      ];
    }
    return roles.flatMap((join) => judgeRole(alias, join.instance, evidenceOf(join), ctx, settings));
  },
};
