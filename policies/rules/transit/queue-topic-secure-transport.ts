/**
 * TLS-017 (advisory): SQS queues and SNS topics carrying ePHI deny requests made without TLS.
 * Both services answer HTTP on their regional endpoints; AWS SDKs use HTTPS, but only a policy
 * deny on aws:SecureTransport = false makes a plain-HTTP client fail instead of leaking.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { skip } from '../support';
import { judgeSecureTransport, policiesOf } from './shared/secure-transport';

interface Service {
  readonly noun: string;
  readonly companion: string;
  readonly attribute: string;
  readonly matchValues: readonly string[];
  readonly actions: readonly string[];
  readonly statement: string;
  readonly whenNone: string;
}

const SERVICES: Record<string, Service> = {
  aws_sqs_queue: {
    noun: 'queue',
    companion: 'aws_sqs_queue_policy',
    attribute: 'queue_url',
    matchValues: ['id', 'url'],
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'],
    statement: 'an aws_sqs_queue_policy statement { "Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }',
    whenNone: ', so SQS accepts plain-HTTP requests from any principal the account allows',
  },
  aws_sns_topic: {
    noun: 'topic',
    companion: 'aws_sns_topic_policy',
    attribute: 'arn',
    matchValues: ['arn'],
    actions: ['sns:Publish'],
    statement: 'a topic policy statement { "Effect": "Deny", "Principal": "*", "Action": "sns:Publish", "Condition": { "Bool": { "aws:SecureTransport": "false" } } }',
    whenNone: ' of its own, so the AWS default policy applies and it does not refuse plain-HTTP publishers',
  },
};

export const queueTopicSecureTransport: Rule = {
  id: 'TLS-017',
  title: 'SQS queues and SNS topics deny requests made without TLS',
  family: 'transit',
  severity: 'low',
  enforcement: 'advisory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  resourceTypes: Object.keys(SERVICES),
  rationale:
    'Messages often carry ePHI. SQS and SNS answer HTTP as well as HTTPS, so a misconfigured client can send or fetch messages in cleartext unless the resource policy denies aws:SecureTransport = false (164.312(e)(1)). Advisory because AWS SDKs default to HTTPS. Relies on: provider 5.x shows an omitted `policy` on aws_sqs_queue / aws_sns_topic as unknown — read as "no policy" (SNS then applies its default owner-only policy, which has no TLS condition).',
  remediation: 'Add a policy statement denying the queue\'s sqs:* (the topic\'s sns:Publish) to Principal "*" when aws:SecureTransport is "false", in aws_sqs_queue_policy / aws_sns_topic_policy or the inline policy.',
  params: {},
  docs: {
    defaults: 'An omitted policy is unknown in the plan and treated as none. Companions are found through aws_sqs_queue_policy.queue_url and aws_sns_topic_policy.arn. Only resources in PHI scope are checked.',
    anchors: ['cdk-nag AwsSolutions-SQS4 (SQSQueueSSLRequestsOnly)', 'cdk-nag AwsSolutions-SNS3 (SNSTopicSSLPublishOnly)'],
    example: {
      fail: 'resource "aws_sqs_queue" "intake" {\n  name = "phi-intake"\n}',
      pass: 'resource "aws_sqs_queue_policy" "intake" {\n  queue_url = aws_sqs_queue.intake.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "sqs:*"\n      Resource  = aws_sqs_queue.intake.arn\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })\n}',
    },
  },
  check(target: ResourceInstance, ctx: RuleContext): Outcome[] {
    const service = SERVICES[target.type];
    const scope = ctx.phiScope(target);
    if (!scope.inScope) return [skip(`${target.address} is outside PHI scope (${scope.reason})`)];
    const companions = ctx.graph.referrers(target, { types: [service.companion], attribute: service.attribute, matchValues: service.matchValues });
    return judgeSecureTransport(target, policiesOf(ctx.graph, target, companions), {
      noun: service.noun,
      query: { actions: service.actions },
      whenNone: service.whenNone,
      statementHint: service.statement,
      scope: scope.reason,
    });
  },
};
