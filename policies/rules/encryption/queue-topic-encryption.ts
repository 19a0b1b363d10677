/**
 * ENC-010: SQS queues and SNS topics encrypt messages at rest with a customer-managed key.
 * One concern — messages waiting in AWS messaging services — with each service's defaults.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass } from '../support';
import { judgeKey, type KeyContext, keyContext, keyRemediation } from './key-requirement';
import { readKey, readSwitch } from './read';

function judgeQueue(queue: ResourceInstance, keys: KeyContext): Outcome {
  if (readKey(queue.attr('kms_master_key_id'), false) !== 'default') {
    return judgeKey({ instance: queue, path: 'kms_master_key_id', serviceDefault: 'the AWS-managed aws/sqs key', defaultEncrypts: true, ...keys, computed: false });
  }
  const managed = readSwitch(queue.attr('sqs_managed_sse_enabled'));
  const remediation = keyRemediation('kms_master_key_id');
  if (managed === 'off') {
    return fail('sqs_managed_sse_enabled', `${queue.address} sets sqs_managed_sse_enabled = false and no kms_master_key_id, so messages are not encrypted at rest; set kms_master_key_id to a customer-managed aws_kms_key`, { remediation });
  }
  if (!keys.requireCustomerManagedKey) {
    if (managed === 'unknown') return pass('sqs_managed_sse_enabled', `${queue.address}: sqs_managed_sse_enabled is known only after apply; SSE-SQS is the AWS default`);
    return pass('sqs_managed_sse_enabled', `${queue.address} uses SSE-SQS (allowed)`);
  }
  const how = managed === 'on' ? 'uses SSE-SQS (sqs_managed_sse_enabled = true)' : 'sets no kms_master_key_id, so only the SSE-SQS default applies';
  return fail('kms_master_key_id', `${queue.address} ${how}, with a key AWS owns; set kms_master_key_id to a customer-managed aws_kms_key`, { remediation });
}

export const queueTopicEncryption: Rule = {
  id: 'ENC-010',
  title: 'SQS queues and SNS topics encrypt messages with a customer-managed key',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_sqs_queue', 'aws_sns_topic'],
  rationale:
    'Messages carrying ePHI sit at rest in queues and topics until delivered (164.312(a)(2)(iv)). SNS topics are unencrypted unless kms_master_key_id is set. New SQS queues are encrypted with SSE-SQS (an AWS-owned key) unless sqs_managed_sse_enabled = false; planwarden asks for a customer-managed key on both by default — it also lets services such as EventBridge or S3 notifications publish only when the key policy allows them — and requireCustomerManagedKey = false accepts SSE-SQS and the AWS-managed alias/aws/sqs and alias/aws/sns keys (an SNS topic still needs some key).',
  remediation: keyRemediation('kms_master_key_id'),
  params: {
    requireCustomerManagedKey: {
      description: 'Require kms_master_key_id to name a customer-managed key; false accepts SSE-SQS and the AWS-managed aws/sqs and aws/sns keys.',
      default: true,
    },
  },
  docs: {
    defaults:
      'Provider 5.x: aws_sqs_queue.sqs_managed_sse_enabled is computed (unknown when omitted; AWS turns SSE-SQS on for new queues since 2022-10), kms_master_key_id null when omitted; aws_sns_topic.kms_master_key_id null when omitted (unencrypted).',
    anchors: ['cdk-nag SNSEncryptedKMS', 'cdk-nag AwsSolutions-SQS2', 'AWS Config sns-encrypted-kms', 'Checkov CKV_AWS_26, CKV_AWS_27, CKV2_AWS_73'],
    example: {
      fail: 'resource "aws_sns_topic" "alerts" {\n  name = "phi-alerts"\n}',
      pass: 'resource "aws_sns_topic" "alerts" {\n  name              = "phi-alerts"\n  kms_master_key_id = aws_kms_key.messaging.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    if (instance.type === 'aws_sqs_queue') return judgeQueue(instance, keys);
    return judgeKey({ instance, path: 'kms_master_key_id', serviceDefault: 'no encryption', defaultEncrypts: false, ...keys, computed: false });
  },
};
