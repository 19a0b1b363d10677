/**
 * IOT-001: IoT policies are not overly permissive — Device Defender's
 * IOT_POLICY_OVERLY_PERMISSIVE_CHECK, before apply. Fails on Allow statements that cover every
 * IoT action (`*`, `iot:*`), Allow + NotAction / NotResource, and data-plane grants that reach
 * other devices: Publish / Subscribe / Receive (with a broad Subscribe) / GetRetainedMessage on
 * broad topics, reserved `$aws/things/*` topics, shadow and job-execution APIs on `thing/*`,
 * and any role alias. Connect / DeleteConnection breadth is IOT-002's.
 *
 * A statement that allows every action is one finding; the other devices' resources it reaches
 * are listed in that finding rather than as one finding per action.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import type { PolicyAnalysis, PolicyProblem, ProblemKind } from './policy';
import { SHARED_TOPIC_PREFIXES, sharedPrefixes, underSharedPrefix } from './shared/params';
import { POLICY_ATTRIBUTE, describeProblem, evidenceOfSource, newNote, policyView, subject, unreadable } from './shared/policy-view';
import { remediationFor } from './shared/remediation';

const ACTION_LEVEL: ReadonlySet<ProblemKind> = new Set(['wildcard-action', 'allow-not-action', 'allow-not-resource']);
const BREADTH: ReadonlySet<ProblemKind> = new Set([
  'publish-broad',
  'subscribe-broad',
  'receive-broad',
  'retained-message-broad',
  'reserved-topic-access',
  'thing-api-any-thing',
  'rolealias-broad',
]);
/** Kinds a shared topic prefix may accept (never reserved topics, things or role aliases). */
const TOPIC_KINDS: ReadonlySet<ProblemKind> = new Set(['publish-broad', 'subscribe-broad', 'receive-broad', 'retained-message-broad']);

const SHORT: Partial<Record<ProblemKind, string>> = {
  'publish-broad': 'publish to other devices\' topics',
  'subscribe-broad': 'subscribe to other devices\' topics',
  'receive-broad': 'receive other devices\' messages',
  'retained-message-broad': 'read other devices\' retained messages',
  'reserved-topic-access': 'use other things\' reserved $aws/ topics',
  'thing-api-any-thing': 'read or change other things\' shadows and job executions',
  'rolealias-broad': 'assume any role alias',
};

/** "It also reaches other devices: publish to … (e.g. arn…), …" for the breadth problems folded into an action-level one. */
function reachNote(folded: readonly PolicyProblem[]): string {
  if (folded.length === 0) return '';
  const parts = folded.slice(0, 4).map((p) => `${SHORT[p.kind] ?? p.kind}${p.witness !== undefined ? ` (e.g. ${p.witness})` : ''}`);
  return `. Through it a device can ${parts.join('; ')}${folded.length > 4 ? `; and ${folded.length - 4} more` : ''}`;
}

export const policyOverlyPermissive: Rule = {
  id: 'IOT-001',
  title: 'IoT policies do not allow every action or other devices\' topics, shadows and jobs',
  family: 'iot',
  severity: 'critical',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.312(e)(1)'],
  resourceTypes: ['aws_iot_policy'],
  rationale:
    'A device policy is the access control between devices that carry ePHI (164.312(a)(1)) and the authorization each device holds (164.308(a)(4)(ii)(B)). Device Defender\'s IOT_POLICY_OVERLY_PERMISSIVE_CHECK flags policies that let one device send or receive MQTT messages for a broad set of devices, or read and modify their shadows and job executions: one stolen device certificate then reads every patient monitor\'s telemetry or rewrites another pump\'s shadow. planwarden parses the document and proves each finding with a concrete resource of another device that the whole policy (deny statements included) still allows.',
  remediation:
    'Grant only the data-plane actions a device needs, on its own resources: client/${iot:Connection.Thing.ThingName}, topic/<prefix>/${iot:Connection.Thing.ThingName}/*, topicfilter/<prefix>/${iot:Connection.Thing.ThingName}/*, thing/${iot:Connection.Thing.ThingName} (write $${…} in HCL and CDKTF strings).',
  params: { sharedTopicPrefixes: SHARED_TOPIC_PREFIXES },
  docs: {
    defaults:
      'AWS evaluates IoT policies like IAM (explicit Deny wins; `*` and `?` are the only wildcards, `*` crosses topic levels; # and + are literal). Terraform plans carry aws_iot_policy.policy as JSON with sorted keys and ${iot:…} variables unescaped. A document known only after apply (e.g. jsonencode over a resource ARN) is reported unknown, never passed.',
    anchors: ['AWS IoT Device Defender IOT_POLICY_OVERLY_PERMISSIVE_CHECK (ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS)', 'KICS IoT Policy Allows Action as Wildcard / Wildcard Resource (CloudFormation)'],
    example: {
      fail: 'resource "aws_iot_policy" "device" {\n  name = "device"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "iot:*", Resource = "*" }]\n  })\n}',
      pass: 'resource "aws_iot_policy" "device" {\n  name = "device"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [\n      { Effect = "Allow", Action = ["iot:Publish", "iot:Receive"], Resource = "arn:aws:iot:us-east-1:123456789012:topic/devices/$${iot:Connection.Thing.ThingName}/*" },\n      { Effect = "Allow", Action = "iot:Subscribe", Resource = "arn:aws:iot:us-east-1:123456789012:topicfilter/devices/$${iot:Connection.Thing.ThingName}/*" },\n    ]\n  })\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const view = policyView(instance, ctx);
    const early = unreadable(instance, view, 'whether it allows every action or other devices\' resources');
    if (early !== undefined) return [early];
    const analysis = view.analysis as PolicyAnalysis;
    const prefixes = sharedPrefixes(ctx.params.sharedTopicPrefixes);
    const problems = analysis.problems.filter(
      (p) => ACTION_LEVEL.has(p.kind) || (BREADTH.has(p.kind) && !(TOPIC_KINDS.has(p.kind) && underSharedPrefix(p.resource, prefixes))),
    );
    const who = subject(instance, view.source);
    const evidence = evidenceOfSource(view.source);
    const outcomes: Outcome[] = [];
    const actionLevelStatements = new Set(problems.filter((p) => ACTION_LEVEL.has(p.kind)).map((p) => p.statementIndex));
    const foldedInto = new Set<number>();
    for (const problem of problems) {
      if (ACTION_LEVEL.has(problem.kind)) {
        // The statement's breadth problems go into its first action-level finding.
        const folded = foldedInto.has(problem.statementIndex) ? [] : problems.filter((p) => p.statementIndex === problem.statementIndex && BREADTH.has(p.kind));
        foldedInto.add(problem.statementIndex);
        outcomes.push(fail(POLICY_ATTRIBUTE, `${who}: ${describeProblem(problem)}${reachNote(folded)}${newNote(view, problem)}`, { evidence, remediation: remediationFor(problem) }));
      } else if (!actionLevelStatements.has(problem.statementIndex)) {
        outcomes.push(fail(POLICY_ATTRIBUTE, `${who}: ${describeProblem(problem)}${newNote(view, problem)}`, { evidence, remediation: remediationFor(problem) }));
      }
    }
    if (outcomes.length === 0 && analysis.truncated) {
      outcomes.push(unknown(POLICY_ATTRIBUTE, `${who}: the document is too large to analyse completely, so planwarden cannot confirm it is scoped`, { evidence }));
    }
    return outcomes.length > 0 ? outcomes : [pass(POLICY_ATTRIBUTE, `${who} allows no wildcard actions and no other device's topics, shadows or jobs`, { evidence })];
  },
};
