/**
 * IOT-008: IoT topic rules deliver device data only to destinations that encrypt it at rest
 * with KMS. A topic rule copies every matching device message — vital signs, pump telemetry —
 * into SNS, SQS, Kinesis, Firehose, S3, DynamoDB or CloudWatch Logs; the destination in the plan
 * is found through the graph and judged by destination-encryption.ts. Destinations outside the
 * plan are not judged here (IOT-009 checks their account; BAA-003 their eligibility).
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { DESTINATIONS, viaEvidence } from './shared/destination-encryption';
import { actionAttribute, topicRuleActions } from './shared/topic-rule-actions';

export const topicRuleEncryption: Rule = {
  id: 'IOT-008',
  title: 'IoT topic rules send device data only to destinations encrypted with KMS',
  family: 'iot',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_iot_topic_rule'],
  rationale:
    'Topic rules are where device data leaves IoT Core for storage: every message a rule selects is written to its destinations, so an unencrypted SNS topic, Kinesis stream or SQS queue behind a rule stores ePHI in the clear (164.312(a)(2)(iv)). SSE-S3, SSE-SQS, DynamoDB\'s AWS-owned key and CloudWatch Logs\' service encryption do encrypt, but with keys whose use is never logged in CloudTrail; KMS gives the audit trail and the ability to revoke access by key policy, so they are findings unless acceptServiceManagedEncryption is set. Error actions are judged too: they receive the same messages when the main action fails.',
  remediation:
    'Encrypt the destination with a KMS key: kms_master_key_id on aws_sns_topic / aws_sqs_queue, encryption_type = "KMS" on aws_kinesis_stream, server_side_encryption on Firehose and DynamoDB, an SSE-KMS aws_s3_bucket_server_side_encryption_configuration, kms_key_id on the log group.',
  params: {
    acceptServiceManagedEncryption: {
      description: 'Accept destinations encrypted only with service-owned keys (SSE-S3, SSE-SQS, DynamoDB AWS-owned key, CloudWatch Logs service encryption).',
      default: false,
    },
  },
  docs: {
    defaults:
      'Provider 5.x / AWS defaults: aws_sns_topic and aws_kinesis_stream store data unencrypted unless a key is set (encryption_type "NONE"); SQS queues get SSE-SQS (since 2022-10); S3 buckets get SSE-S3 (since 2023-01); DynamoDB tables use an AWS-owned key; CloudWatch Logs encrypts with a service key. Destinations are matched by reference, or by known ARN / queue URL / name.',
    anchors: ['cdk-nag HIPAA.Security SNSEncryptedKMS / S3DefaultEncryptionKMS (for the destinations)', 'AWS Config sns-encrypted-kms, kinesis-stream-encrypted', 'AWS IoT rule actions (developer guide)'],
    example: {
      fail: 'resource "aws_sns_topic" "alerts" { name = "alerts" }\nresource "aws_iot_topic_rule" "alerts" {\n  name = "alerts"\n  enabled = true\n  sql = "SELECT * FROM \'devices/+/alerts\'"\n  sql_version = "2016-03-23"\n  sns {\n    target_arn = aws_sns_topic.alerts.arn\n    role_arn   = aws_iam_role.rules.arn\n  }\n}',
      pass: 'resource "aws_sns_topic" "alerts" {\n  name              = "alerts"\n  kms_master_key_id = aws_kms_key.iot.arn\n}',
    },
  },
  check(rule: ResourceInstance, ctx: RuleContext): Outcome[] {
    const acceptService = ctx.params.acceptServiceManagedEncryption === true;
    const outcomes: Outcome[] = [];
    for (const action of topicRuleActions(rule)) {
      const spec = DESTINATIONS[action.kind];
      if (spec === undefined) continue;
      const attribute = actionAttribute(action, spec.leaf);
      for (const join of ctx.graph.referencesOf(rule, attribute, { types: [spec.type], matchValues: spec.matchValues })) {
        const destination = join.instance;
        const verdict = spec.judge(destination, ctx.graph);
        const evidence = [evidenceOf(join), ...viaEvidence(verdict)];
        const what = `${rule.address} sends device messages (${action.label}) to ${destination.address}, which ${verdict.detail}`;
        if (verdict.state === 'kms' || (verdict.state === 'service' && acceptService)) outcomes.push(pass(attribute, what, { evidence }));
        else if (verdict.state === 'unknown') outcomes.push(unknown(attribute, `${what}; planwarden cannot tell whether it is encrypted`, { evidence }));
        else outcomes.push(fail(attribute, `${what}; encrypt ${destination.address} with a KMS key`, { evidence }));
      }
    }
    return outcomes.length > 0 ? outcomes : [pass('sql', `${rule.address} delivers to no storage destination in this plan`)];
  },
};
