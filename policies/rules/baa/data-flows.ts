/**
 * BAA-003 (advisory): data leaving a PHI resource goes only to eligible services, over HTTPS, and
 * outside AWS only to hosts the organisation has a business associate agreement with.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext, ScopeDecision } from '../../engine/types';
import { judgeReferences, judgeService, judgeUrl, type FlowSettings } from './flows/destination';
import { FLOW_KINDS, type FlowDestination } from './flows/kinds';
import { LIST_DATE, NOT_ELIGIBLE_IDS } from './list';
import { scoped } from './verdict';

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The flow is in PHI scope when it is, or when a resource it reads from is. */
function flowScope(instance: ResourceInstance, sources: readonly string[], ctx: RuleContext): ScopeDecision {
  const own = ctx.phiScope(instance);
  if (own.inScope) return own;
  for (const attribute of sources) {
    for (const join of ctx.graph.referencesOf(instance, attribute)) {
      const source = ctx.phiScope(join.instance);
      if (source.inScope) return { inScope: true, reason: `reads from ${join.instance.address}: ${source.reason}` };
    }
  }
  return own;
}

function judge(instance: ResourceInstance, destination: FlowDestination, ctx: RuleContext, settings: FlowSettings): Outcome[] {
  const { attribute, label } = destination;
  const outcomes = destination.service ? judgeService(instance, attribute, label, destination.service.cloudFormationType, destination.service.facts, settings) : [];
  if (destination.kind === 'url') outcomes.push(...judgeUrl(instance, attribute, label, ctx, settings));
  if (destination.kind === 'reference') outcomes.push(...judgeReferences(instance, attribute, label, ctx, settings));
  return outcomes;
}

export const dataFlows: Rule = {
  id: 'BAA-003',
  title: 'Data flows from PHI resources reach only eligible services, over HTTPS, or covered third parties',
  family: 'baa',
  severity: 'high',
  enforcement: 'advisory',
  hipaa: ['164.308(b)(1)', '164.314(a)(1)', '164.312(e)(1)'],
  resourceTypes: [...FLOW_KINDS.keys()].sort(),
  rationale:
    'A resource that forwards data — an SNS subscription, a Firehose delivery stream, a CloudWatch Logs subscription filter, an IoT topic rule action, an EventBridge API destination or a Pipe — ' +
    'moves ePHI from an eligible service to wherever it points. If that is a service not on AWS\'s HIPAA Eligible Services Reference ' +
    `(last updated ${LIST_DATE}), or a host outside AWS, the AWS BAA stops at the boundary and 164.308(b)(1) asks for another business associate agreement; over plain HTTP the data also crosses ` +
    'the network unencrypted (164.312(e)(1)). planwarden follows the configuration references of each destination and classifies what they reach like BAA-001 does, judges each IoT action by the ' +
    'service it delivers to, and reads destination URLs. A flow is in PHI scope when it is, or when a resource it reads from (topic, log group, source stream, pipe source) is. Advisory: planwarden ' +
    'cannot see what a flow carries (a filter pattern or rule SQL may strip ePHI) nor whether a third party signed a BAA; allowExternalHosts records those that have. A URL built from other ' +
    'resources is judged by the resources it refers to, since its scheme is known only after apply.',
  remediation:
    'Point flows that carry ePHI at eligible AWS services or at https:// endpoints of parties your organisation has a business associate agreement with (list those hosts in allowExternalHosts); ' +
    'never at plain http:// endpoints.',
  params: {
    allowExternalHosts: {
      description: 'Hosts outside AWS that your organisation has a business associate agreement with, as an exact host or *.example.com for its subdomains; HTTPS only.',
      default: [],
    },
    allowServices: {
      description: "Not-eligible service ids accepted as destinations, for a service your organisation has its own written agreement with AWS for (as in BAA-001).",
      default: [],
      allowed: NOT_ELIGIBLE_IDS,
    },
  },
  docs: {
    defaults:
      'AWS endpoints are hosts under amazonaws.com, amazonaws.com.cn, on.aws (Lambda function URLs) and api.aws. SNS email, email-json, SMS and mobile push subscriptions are not judged. ' +
      'hashicorp/aws 5.100.0 refuses http:// for Firehose HTTP endpoints and IoT http actions, so their findings are about hosts outside AWS; SNS subscriptions accept http://.',
    anchors: ['no peer rule: data-flow destinations against the HIPAA Eligible Services Reference are not checked by cdk-nag, AWS Config, Checkov, Prowler or Steampipe'],
    example: {
      fail: 'resource "aws_sns_topic_subscription" "webhook" {\n  topic_arn = aws_sns_topic.lab_results.arn\n  protocol  = "http"\n  endpoint  = "http://hooks.example.com/lab-results"\n}',
      pass: 'resource "aws_sns_topic_subscription" "queue" {\n  topic_arn = aws_sns_topic.lab_results.arn\n  protocol  = "sqs"\n  endpoint  = aws_sqs_queue.lab_results.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const kind = FLOW_KINDS.get(instance.type);
    if (kind === undefined) return [];
    const settings: FlowSettings = { allowHosts: strings(ctx.params.allowExternalHosts), allowServices: strings(ctx.params.allowServices) };
    const outcomes = kind.destinations(instance).flatMap((d) => judge(instance, d, ctx, settings));
    return scoped(instance.address, outcomes, () => flowScope(instance, kind.sources, ctx));
  },
};
