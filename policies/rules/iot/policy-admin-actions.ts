/**
 * IOT-004: device policies grant no administrative (control-plane) IoT actions. A device that
 * may iot:CreateThing, iot:AttachPolicy or iot:UpdateCertificate can re-provision the fleet,
 * attach broader policies to its own certificate or revoke others'. Whole-service patterns
 * (`*`, `iot:*`, NotAction) are IOT-001's; this rule reports named and partly wildcarded
 * control-plane actions (`iot:Create*`, `iot:Get*`).
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import type { PolicyProblem, ProblemKind } from './policy';
import { stringList } from './shared/params';
import { judgeProblems } from './shared/policy-view';
import { remediationFor } from './shared/remediation';

const KINDS: ReadonlySet<ProblemKind> = new Set(['admin-action']);

export const policyAdminActions: Rule = {
  id: 'IOT-004',
  title: 'IoT device policies grant no administrative IoT actions',
  family: 'iot',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
  resourceTypes: ['aws_iot_policy'],
  rationale:
    'IoT policies are attached to device certificates, thing groups and Cognito identities: every action they allow is available to a device. Device Defender\'s Cognito-role checks (UNAUTHENTICATED_/AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK, reason ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS) treat even one control-plane action on one resource as noncompliant for device identities; a device that can create things, attach policies or update certificates can raise its own privileges and reach every device that carries ePHI (164.308(a)(4)(ii)(B), 164.312(a)(1)).',
  remediation: 'Remove control-plane IoT actions (iot:Create*, iot:Delete*, iot:Update*, iot:Attach*, iot:List*, iot:Describe*…) from device policies; operators get them through IAM roles.',
  params: {
    allowedAdminActions: {
      description: 'Administrative actions, as written in the policy (e.g. "iot:DescribeEndpoint"), that device policies may hold; compared case-insensitively. Default: none.',
      default: [],
    },
  },
  docs: {
    defaults: 'IoT policies only ever apply to device principals (certificates, thing groups, Cognito identities); IAM users and roles never use them.',
    anchors: [
      'AWS IoT Device Defender UNAUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK / AUTHENTICATED_COGNITO_ROLE_OVERLY_PERMISSIVE_CHECK (ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS)',
      'Device Defender IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK (ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS)',
    ],
    example: {
      fail: 'Statement = [{ Effect = "Allow", Action = ["iot:CreateThing", "iot:AttachPolicy"], Resource = "*" }]',
      pass: 'Statement = [{ Effect = "Allow", Action = "iot:Publish", Resource = "arn:aws:iot:us-east-1:123456789012:topic/devices/$${iot:Connection.Thing.ThingName}/*" }]',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const allowed = new Set(stringList(ctx.params.allowedAdminActions).map((a) => a.toLowerCase()));
    return judgeProblems(instance, ctx, {
      kinds: KINDS,
      what: 'whether it grants administrative IoT actions',
      passes: 'grants no administrative IoT actions',
      remediationFor,
      accept: (p: PolicyProblem) => p.actions.every((a) => allowed.has(a.toLowerCase())),
    });
  },
};
