/**
 * IOT-003: IoT policies hold no potential misconfigurations — Device Defender's
 * IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK, and the mistakes that usually precede it:
 * MQTT wildcards (# and +) in Deny statements, which IoT takes literally, and Denies that a
 * wildcard subscription gets around; # and + in topic/ resources (a grant that matches no
 * message, and is often "fixed" with *); actions paired with a resource type they are never
 * checked against; unknown action names; and documents AWS would refuse or read differently
 * (not JSON, over 2048 characters, no Version 2012-10-17 while using policy variables).
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass } from '../support';
import type { ParseProblem, PolicyAnalysis, ProblemKind } from './policy';
import { POLICY_ATTRIBUTE, describeProblem, evidenceOfSource, newNote, policyView, subject, unreadable } from './shared/policy-view';
import { remediationFor } from './shared/remediation';

const KINDS: ReadonlySet<ProblemKind> = new Set(['mqtt-wildcard-in-deny', 'mqtt-wildcard-in-topic-resource', 'action-resource-mismatch', 'unknown-action']);

/** Parse warnings that change what AWS does with the document. */
const WARNINGS: ReadonlySet<ParseProblem['code']> = new Set(['exceeds-aws-size-limit', 'unknown-element', 'resource-not-arn', 'unsupported-version']);

function usesVariables(text: string): boolean {
  return text.includes('${');
}

export const policyMisconfiguration: Rule = {
  id: 'IOT-003',
  title: 'IoT policies hold no MQTT wildcards in Deny statements or other misconfigurations',
  family: 'iot',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  resourceTypes: ['aws_iot_policy'],
  rationale:
    'IoT policies use IAM wildcards (* and ?); MQTT\'s # and + are literal characters in them. Device Defender\'s IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK flags Deny statements written with # or + (they deny almost nothing) and Denies that an allowed wildcard subscription gets around, because the access control an author believes in is not the one AWS enforces (164.312(a)(1)). The same misreading in an Allow, an action paired with the wrong resource type, or a misspelt action leaves a grant that does nothing — and is typically "fixed" by widening it to *.',
  remediation:
    'Write topics with * and ? only, pair each action with its resource type (Subscribe → topicfilter/, Publish/Receive → topic/, Connect → client/, shadow and job APIs → thing/), and keep Version "2012-10-17" so policy variables are substituted.',
  params: {},
  docs: {
    defaults: 'AWS refuses IoT policy documents over 2048 characters (whitespace excluded) and reads ${…} policy variables only under Version "2012-10-17".',
    anchors: [
      'AWS IoT Device Defender IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK (POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT, TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS)',
      'AWS IoT developer guide: actions and the resources they are checked against',
    ],
    example: {
      fail: 'Statement = [\n  { Effect = "Allow", Action = "iot:Subscribe", Resource = "arn:aws:iot:us-east-1:123456789012:topicfilter/building/*" },\n  { Effect = "Deny", Action = "iot:Subscribe", Resource = "arn:aws:iot:us-east-1:123456789012:topicfilter/building/control_room/#" },\n]',
      pass: 'Statement = [\n  { Effect = "Allow", Action = "iot:Subscribe", Resource = "arn:aws:iot:us-east-1:123456789012:topicfilter/building/$${iot:Connection.Thing.ThingName}/*" },\n  { Effect = "Deny", Action = "iot:Subscribe", Resource = "arn:aws:iot:us-east-1:123456789012:topicfilter/building/control_room/*" },\n]',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const view = policyView(instance, ctx);
    const source = view.source;
    const who = subject(instance, source);
    const evidence = evidenceOfSource(source);
    if (source.kind === 'invalid') {
      const errors = source.problems.filter((p) => p.severity === 'error');
      return errors.slice(0, 5).map((p) =>
        fail(POLICY_ATTRIBUTE, `${who}: the document is not a valid IoT policy${p.path !== '' ? ` at ${p.path}` : ''}: ${p.message} AWS will refuse it at apply`, {
          evidence,
          remediation: 'Fix the policy document so it is valid JSON with Version "2012-10-17" and Statement entries holding Effect, Action and Resource.',
        }),
      );
    }
    const early = unreadable(instance, view, 'whether it holds MQTT wildcards or other misconfigurations');
    if (early !== undefined) return [early];
    if (source.kind !== 'document') return [];
    const analysis = view.analysis as PolicyAnalysis;
    const outcomes: Outcome[] = analysis.problems
      .filter((p) => KINDS.has(p.kind))
      .map((p) => fail(POLICY_ATTRIBUTE, `${who}: ${describeProblem(p)}${newNote(view, p)}`, { evidence, remediation: remediationFor(p) }));
    let text: string | undefined;
    for (const warning of source.warnings) {
      if (!WARNINGS.has(warning.code)) continue;
      // Without Version 2012-10-17 only documents that use policy variables read differently.
      if (warning.code === 'unsupported-version' && !usesVariables((text ??= JSON.stringify(source.document.statements)))) continue;
      outcomes.push(
        fail(POLICY_ATTRIBUTE, `${who}: ${warning.path !== '' ? `${warning.path}: ` : ''}${warning.message}`, {
          evidence,
          remediation:
            warning.code === 'exceeds-aws-size-limit'
              ? 'Split the document into several policies (a certificate may have up to 10 attached) or shorten it.'
              : warning.code === 'unsupported-version'
                ? 'Set Version = "2012-10-17" so AWS substitutes the policy variables.'
                : 'Correct the element or resource so AWS reads the statement as intended.',
        }),
      );
    }
    return outcomes.length > 0 ? outcomes : [pass(POLICY_ATTRIBUTE, `${who} holds no MQTT wildcards in Deny statements and no dead or misspelt grants`, { evidence })];
  },
};
