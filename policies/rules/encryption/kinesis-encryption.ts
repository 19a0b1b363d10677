/**
 * ENC-011: Kinesis data streams and Firehose delivery streams encrypt records at rest. Both are
 * unencrypted unless asked; Kinesis Video Streams always encrypt and are judged with the other
 * always-encrypted services (ENC-024).
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext } from './key-requirement';
import { inBlock, knownString, readSwitch } from './read';

function judgeStream(stream: ResourceInstance, keys: KeyContext): Outcome {
  const type = stream.attr('encryption_type');
  if (type.state === 'unknown') return unknown('encryption_type', `${stream.address}: encryption_type is known only after apply`);
  const value = knownString(type);
  if (value !== 'KMS') {
    return fail('encryption_type', `${stream.address} sets encryption_type = ${JSON.stringify(value ?? 'NONE')}, so records are stored unencrypted; set encryption_type = "KMS" and kms_key_id`, {
      remediation: 'Set encryption_type = "KMS" and kms_key_id to a customer-managed aws_kms_key (or "alias/aws/kinesis").',
    });
  }
  return judgeKey({ instance: stream, path: 'kms_key_id', serviceDefault: 'no key (Kinesis needs one with KMS)', defaultEncrypts: false, ...keys, computed: false });
}

function judgeFirehose(firehose: ResourceInstance, keys: KeyContext): Outcome {
  // With a Kinesis stream or MSK topic as its source, Firehose cannot add SSE: the source's encryption applies.
  for (const source of ['kinesis_source_configuration', 'msk_source_configuration']) {
    if (firehose.blocks(source).length > 0) return pass(source, `${firehose.address} reads from a ${source.startsWith('kinesis') ? 'Kinesis stream' : 'MSK topic'}, whose own encryption applies`);
  }
  const enabled = readSwitch(firehose.attr(inBlock('server_side_encryption', 'enabled')), false);
  if (enabled === 'unknown') return unknown('server_side_encryption.enabled', `${firehose.address}: server_side_encryption.enabled is known only after apply`);
  if (enabled !== 'on') {
    return fail('server_side_encryption.enabled', `${firehose.address} does not enable server-side encryption; add server_side_encryption { enabled = true, key_type = "CUSTOMER_MANAGED_CMK", key_arn = <aws_kms_key> }`, {
      remediation: 'Add server_side_encryption { enabled = true; key_type = "CUSTOMER_MANAGED_CMK"; key_arn = aws_kms_key.<name>.arn }.',
    });
  }
  const keyType = knownString(firehose.attr(inBlock('server_side_encryption', 'key_type')));
  if (keyType === 'CUSTOMER_MANAGED_CMK') {
    return judgeKey({ instance: firehose, path: inBlock('server_side_encryption', 'key_arn'), serviceDefault: 'no key', defaultEncrypts: false, ...keys, computed: false });
  }
  if (!keys.requireCustomerManagedKey) return pass('server_side_encryption.key_type', `${firehose.address} encrypts with the AWS-owned Firehose key (allowed)`);
  return fail('server_side_encryption.key_type', `${firehose.address} encrypts with the AWS-owned Firehose key; set key_type = "CUSTOMER_MANAGED_CMK" and key_arn to a customer-managed aws_kms_key`, {
    remediation: 'Set server_side_encryption.key_type = "CUSTOMER_MANAGED_CMK" and key_arn to a customer-managed aws_kms_key.',
  });
}

export const kinesisEncryption: Rule = {
  id: 'ENC-011',
  title: 'Kinesis data streams and Firehose delivery streams encrypt records at rest',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_kinesis_stream', 'aws_kinesis_firehose_delivery_stream'],
  rationale:
    'Streams hold ePHI records for hours to days (164.312(a)(2)(iv)). A Kinesis data stream is unencrypted unless encryption_type = "KMS" with a key; a Firehose delivery stream fed directly (Direct PUT) is unencrypted at rest unless server_side_encryption is enabled, and with a Kinesis or MSK source the source\'s encryption applies. The destination bucket\'s default encryption is judged by ENC-001. requireCustomerManagedKey asks for a customer-managed key instead of aws/kinesis or Firehose\'s AWS-owned key.',
  remediation: 'Kinesis: set encryption_type = "KMS" and kms_key_id. Firehose: add server_side_encryption { enabled = true, key_type = "CUSTOMER_MANAGED_CMK", key_arn = … }.',
  params: customerKeyParam(false, 'the AWS-managed aws/kinesis key and the AWS-owned Firehose key'),
  docs: {
    defaults:
      'Provider 5.x: aws_kinesis_stream.encryption_type defaults to "NONE"; aws_kinesis_firehose_delivery_stream.server_side_encryption is absent (disabled) unless declared, and key_type defaults to AWS_OWNED_CMK when enabled.',
    anchors: ['AWS Config kinesis-stream-encrypted', 'cdk-nag AwsSolutions-KDS1, AwsSolutions-KDS3, AwsSolutions-KDF1', 'Checkov CKV_AWS_43, CKV_AWS_185, CKV_AWS_240, CKV_AWS_241'],
    example: {
      fail: 'resource "aws_kinesis_stream" "vitals" {\n  name = "vitals"\n}',
      pass: 'resource "aws_kinesis_stream" "vitals" {\n  name            = "vitals"\n  encryption_type = "KMS"\n  kms_key_id      = aws_kms_key.stream.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    return instance.type === 'aws_kinesis_stream' ? judgeStream(instance, keys) : judgeFirehose(instance, keys);
  },
};
