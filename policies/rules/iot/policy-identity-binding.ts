/**
 * IOT-005 (advisory): device policies bind client IDs and topics to the device's identity. A
 * Connect, Publish or Subscribe grant on a static client ID, topic or thing name that names no
 * device variable is shared by every device holding the policy: any of them can use that
 * client ID (disconnecting the others) or read and write those topics. Noisy by design — fleet
 * topics and single-device policies are legitimate — so it is advisory, and the params accept
 * static client IDs and shared topic prefixes.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import type { PolicyProblem, ProblemKind } from './policy';
import { SHARED_TOPIC_PREFIXES, sharedPrefixes, underSharedPrefix } from './shared/params';
import { judgeProblems } from './shared/policy-view';
import { remediationFor } from './shared/remediation';

const KINDS: ReadonlySet<ProblemKind> = new Set(['identity-not-bound']);

export const policyIdentityBinding: Rule = {
  id: 'IOT-005',
  title: 'IoT device policies bind client IDs and topics to the device identity',
  family: 'iot',
  severity: 'low',
  enforcement: 'advisory',
  hipaa: ['164.312(d)', '164.312(a)(1)'],
  resourceTypes: ['aws_iot_policy'],
  rationale:
    'One IoT policy usually serves a whole fleet. A resource written with a fixed name (client/gateway, topic/telemetry) instead of a policy variable (client/${iot:Connection.Thing.ThingName}, topic/telemetry/${iot:Connection.Thing.ThingName}) is shared by every device that holds the policy, so messages from different patients\' devices mix on one topic and one device can impersonate another\'s client ID. Device Defender sees the effect at run time (CONFLICTING_CLIENT_IDS_CHECK, DEVICE_CERTIFICATE_SHARED_CHECK); this rule finds the cause in the plan. Advisory: static names are right for single-device policies and fleet-wide topics, which the params accept.',
  remediation:
    'Use policy variables: client/${iot:Connection.Thing.ThingName}, topic/<prefix>/${iot:Connection.Thing.ThingName}/*, topicfilter/<prefix>/${iot:Connection.Thing.ThingName}/* (write $${…} in HCL and CDKTF strings); list deliberately shared topic prefixes in sharedTopicPrefixes.',
  params: {
    allowStaticClientIds: {
      description: 'Accept iot:Connect on fixed client IDs (policies written for exactly one device).',
      default: false,
    },
    sharedTopicPrefixes: SHARED_TOPIC_PREFIXES,
  },
  docs: {
    defaults: 'AWS substitutes ${iot:Connection.Thing.ThingName} with the name of the thing the connecting certificate is attached to; fixed names are matched as written.',
    anchors: ['AWS IoT Device Defender CONFLICTING_CLIENT_IDS_CHECK and DEVICE_CERTIFICATE_SHARED_CHECK (runtime; static counterpart)', 'AWS IoT developer guide: thing policy variables'],
    example: {
      fail: 'Statement = [{ Effect = "Allow", Action = "iot:Publish", Resource = "arn:aws:iot:us-east-1:123456789012:topic/telemetry" }]',
      pass: 'Statement = [{ Effect = "Allow", Action = "iot:Publish", Resource = "arn:aws:iot:us-east-1:123456789012:topic/telemetry/$${iot:Connection.Thing.ThingName}" }]',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const allowStatic = ctx.params.allowStaticClientIds === true;
    const prefixes = sharedPrefixes(ctx.params.sharedTopicPrefixes);
    return judgeProblems(instance, ctx, {
      kinds: KINDS,
      what: 'whether it binds client IDs and topics to the device',
      passes: 'binds every client ID and topic it grants to the device identity (or to an accepted shared prefix)',
      remediationFor,
      accept: (p: PolicyProblem) => (p.action === 'iot:Connect' ? allowStatic : underSharedPrefix(p.resource, prefixes)),
    });
  },
};
