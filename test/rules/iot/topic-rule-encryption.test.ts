import { topicRuleEncryption } from '../../../policies/rules/iot/topic-rule-encryption';
import { plan, type PlanBuilder } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { IOT_POLICIES, IOT_SCOPE } from './support';

const R = 'aws_iot_topic_rule';

/** A topic rule whose `action` block's `leaf` refers to `target` (type.name.attr). */
function ruleTo(action: string, leaf: string, target: string, module?: string): PlanBuilder {
  const ref = target.split('.').slice(0, 2).join('.');
  return plan().resource(R, 'r', { module, values: { name: 'r', enabled: true, sql: "SELECT * FROM 'd/+/x'", [action]: [{}] }, unknown: [`${action}.0.${leaf}`], refs: { [`${action}.${leaf}`]: [target, ref] } });
}

ruleTester(topicRuleEncryption, {
  valid: [
    { name: 'SNS with a KMS key', plan: ruleTo('sns', 'target_arn', 'aws_sns_topic.t.arn').resource('aws_sns_topic', 't', { values: { name: 't' }, unknown: ['kms_master_key_id'], refs: { kms_master_key_id: ['aws_kms_key.k.arn'] } }) },
    { name: 'SNS with the AWS-managed key', plan: ruleTo('sns', 'target_arn', 'aws_sns_topic.t.arn').resource('aws_sns_topic', 't', { values: { name: 't', kms_master_key_id: 'alias/aws/sns' } }) },
    { name: 'Kinesis with KMS', plan: ruleTo('kinesis', 'stream_name', 'aws_kinesis_stream.s.name').resource('aws_kinesis_stream', 's', { values: { name: 's', encryption_type: 'KMS' } }) },
    { name: 'SQS with SSE-SQS accepted by acceptServiceManagedEncryption', params: { acceptServiceManagedEncryption: true }, plan: ruleTo('sqs', 'queue_url', 'aws_sqs_queue.q.url').resource('aws_sqs_queue', 'q', { values: { name: 'q' }, unknown: ['sqs_managed_sse_enabled', 'url'] }) },
    { name: 'Firehose with a customer-managed key', plan: ruleTo('firehose', 'delivery_stream_name', 'aws_kinesis_firehose_delivery_stream.f.name').resource('aws_kinesis_firehose_delivery_stream', 'f', { values: { name: 'f', server_side_encryption: [{ enabled: true, key_type: 'CUSTOMER_MANAGED_CMK' }] } }) },
    {
      name: 'destination matched by its known name, not a reference',
      plan: plan()
        .resource(R, 'r', { values: { name: 'r', kinesis: [{ stream_name: 'telemetry', partition_key: 'x' }] } })
        .resource('aws_kinesis_stream', 's', { values: { name: 'telemetry', encryption_type: 'KMS' } }),
    },
    { name: 'a destination outside the plan is not judged here', plan: plan().resource(R, 'r', { values: { name: 'r', sns: [{ target_arn: 'arn:aws:sns:us-east-1:123456789012:elsewhere' }] } }) },
    { name: 'lambda and republish store nothing', plan: plan().resource(R, 'r', { values: { name: 'r', lambda: [{ function_arn: 'arn:aws:lambda:us-east-1:123456789012:function:f' }], republish: [{ topic: 'x' }] } }) },
    { name: 'module instance with a KMS topic', plan: ruleTo('sns', 'target_arn', 'aws_sns_topic.t.arn', 'module.m').resource('aws_sns_topic', 't', { module: 'module.m', values: { kms_master_key_id: 'arn:aws:kms:us-east-1:123456789012:key/1' } }) },
    { name: 'real plan: KMS SNS, SSE-KMS S3 companion, DynamoDB CMK', plan: IOT_POLICIES, addresses: [`${R}.telemetry_to_sns_encrypted_ok`, `${R}.telemetry_to_s3_ok`, `${R}.telemetry_to_dynamodb_ok`] },
    { name: 'real plan (iot-scope): KMS SQS', plan: IOT_SCOPE, addresses: [`${R}.to_kms_sqs_ok`, `${R}.same_account_lambda_ok`, `${R}.cross_account_sns_bad`] },
  ],
  invalid: [
    {
      name: 'SNS without a key',
      plan: ruleTo('sns', 'target_arn', 'aws_sns_topic.t.arn').resource('aws_sns_topic', 't', { values: { name: 't', kms_master_key_id: null } }),
      findings: [{ address: `${R}.r`, attribute: 'sns[0].target_arn', message: 'sends device messages (action sns) to aws_sns_topic.t, which has no kms_master_key_id, so SNS stores the messages unencrypted', related: 'aws_sns_topic.t' }],
    },
    { name: 'Kinesis encryption_type NONE', plan: ruleTo('kinesis', 'stream_name', 'aws_kinesis_stream.s.name').resource('aws_kinesis_stream', 's', { values: { name: 's', encryption_type: 'NONE' } }), findings: [{ address: `${R}.r`, message: 'encryption_type NONE' }] },
    { name: 'SQS with SSE disabled', plan: ruleTo('sqs', 'queue_url', 'aws_sqs_queue.q.url').resource('aws_sqs_queue', 'q', { values: { sqs_managed_sse_enabled: false } }), findings: [{ address: `${R}.r`, message: 'sqs_managed_sse_enabled = false' }] },
    { name: 'SQS with SSE-SQS only (default)', plan: ruleTo('sqs', 'queue_url', 'aws_sqs_queue.q.url').resource('aws_sqs_queue', 'q', { unknown: ['sqs_managed_sse_enabled'] }), findings: [{ address: `${R}.r`, message: 'SSE-SQS' }] },
    { name: 'Firehose without SSE', plan: ruleTo('firehose', 'delivery_stream_name', 'aws_kinesis_firehose_delivery_stream.f.name').resource('aws_kinesis_firehose_delivery_stream', 'f', { values: { server_side_encryption: [] } }), findings: [{ address: `${R}.r`, message: 'Firehose buffers the records unencrypted' }] },
    {
      name: 'S3 with an AES256 companion',
      plan: ruleTo('s3', 'bucket_name', 'aws_s3_bucket.b.bucket')
        .resource('aws_s3_bucket', 'b', { values: { bucket: 'b' } })
        .resource('aws_s3_bucket_server_side_encryption_configuration', 'b', { values: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'AES256' }] }] }, unknown: ['bucket'], refs: { bucket: ['aws_s3_bucket.b.id'] } }),
      findings: [{ address: `${R}.r`, message: 'SSE-S3 (AES256)', related: 'aws_s3_bucket_server_side_encryption_configuration.b' }],
    },
    { name: 'DynamoDB with the AWS-owned key', plan: ruleTo('dynamodb', 'table_name', 'aws_dynamodb_table.t.name').resource('aws_dynamodb_table', 't', { values: { name: 't' }, unknown: ['server_side_encryption'] }), findings: [{ address: `${R}.r`, message: 'AWS-owned key' }] },
    {
      name: 'an error action to an unencrypted topic',
      plan: plan()
        .resource(R, 'r', { values: { name: 'r', error_action: [{ sns: [{}] }] }, unknown: ['error_action.0.sns.0.target_arn'], refs: { 'error_action.sns.target_arn': ['aws_sns_topic.t.arn'] } })
        .resource('aws_sns_topic', 't', { values: { kms_master_key_id: null } }),
      findings: [{ address: `${R}.r`, attribute: 'error_action[0].sns[0].target_arn', message: 'error action sns' }],
    },
    { name: 'a key known only after apply with no reference', plan: ruleTo('sns', 'target_arn', 'aws_sns_topic.t.arn').resource('aws_sns_topic', 't', { unknown: ['kms_master_key_id'] }), findings: [{ address: `${R}.r`, status: 'unknown' }] },
    { name: 'module instance', plan: ruleTo('kinesis', 'stream_name', 'aws_kinesis_stream.s.name', 'module.m["a"]').resource('aws_kinesis_stream', 's', { module: 'module.m["a"]', values: { encryption_type: 'NONE' } }), findings: [{ address: `module.m["a"].${R}.r`, related: 'module.m["a"].aws_kinesis_stream.s' }] },
    { name: 'real plan (iot-policies): plain SNS topic', plan: IOT_POLICIES, findings: [{ address: `${R}.alerts_to_unencrypted_sns_bad`, related: 'aws_sns_topic.alerts_unencrypted_bad' }] },
    {
      name: 'real plan (iot-scope): SQS without SSE, SSE-S3 bucket, plain log group in an error action',
      plan: IOT_SCOPE,
      findings: [
        { address: `${R}.to_plain_sqs_bad`, message: 'sqs_managed_sse_enabled = false' },
        { address: `${R}.to_sse_s3_bucket_bad`, message: 'SSE-S3' },
        { address: `${R}.logs_error_action_bad`, message: 'error action cloudwatch_logs', related: 'aws_cloudwatch_log_group.rule_errors_plain' },
      ],
    },
  ],
});
