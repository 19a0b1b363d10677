/**
 * Where an IoT topic rule action delivers, and how that destination encrypts at rest, read
 * from the destination resource in the plan (found through the graph by reference or by its
 * known name / ARN / URL). Each judge says:
 * - kms: encrypted under a KMS key (customer-managed or AWS-managed);
 * - service: encrypted by the service with a key nobody can audit (SSE-S3, SSE-SQS, DynamoDB's
 *   AWS-owned key, CloudWatch Logs' service encryption) — the AWS default for those services;
 * - none: stored unencrypted;
 * - unknown: known only after apply.
 */
import type { AttributeValue, Join, PlanGraph, ResourceInstance } from '../../../engine/types';
import { evidenceOf, knownValue, kmsKey } from '../../support';
import type { ActionKind } from './topic-rule-actions';

export type EncryptionState = 'kms' | 'service' | 'none' | 'unknown';

export interface EncryptionVerdict {
  readonly state: EncryptionState;
  /** Completes "…, which …": "has no kms_master_key_id, so SNS stores messages unencrypted". */
  readonly detail: string;
  /** The companion the verdict rests on, when not the destination itself. */
  readonly via?: Join;
}

export interface DestinationSpec {
  /** Path of the attribute naming the destination, under the action block. */
  readonly leaf: readonly (string | number)[];
  readonly type: string;
  /** Attributes of the destination whose known values may equal the action's value. */
  readonly matchValues: readonly string[];
  judge(destination: ResourceInstance, graph: PlanGraph): EncryptionVerdict;
}

function text(v: AttributeValue): string | undefined {
  const value = knownValue(v);
  return typeof value === 'string' ? value : undefined;
}

function keyState(v: AttributeValue): 'kms' | 'none' | 'unknown' {
  const key = kmsKey(v);
  return key === 'customer' || key === 'aws-managed' ? 'kms' : key;
}

const sns: DestinationSpec['judge'] = (topic) => {
  const key = keyState(topic.attr('kms_master_key_id'));
  if (key === 'kms') return { state: 'kms', detail: 'encrypts messages with KMS' };
  if (key === 'unknown') return { state: 'unknown', detail: 'has a kms_master_key_id known only after apply' };
  return { state: 'none', detail: 'has no kms_master_key_id, so SNS stores the messages unencrypted' };
};

const sqs: DestinationSpec['judge'] = (queue) => {
  const key = keyState(queue.attr('kms_master_key_id'));
  if (key === 'kms') return { state: 'kms', detail: 'encrypts messages with KMS' };
  if (key === 'unknown') return { state: 'unknown', detail: 'has a kms_master_key_id known only after apply' };
  const managed = queue.attr('sqs_managed_sse_enabled');
  if (managed.state === 'known' && managed.value === false) return { state: 'none', detail: 'sets sqs_managed_sse_enabled = false and no KMS key, so SQS stores the messages unencrypted' };
  return { state: 'service', detail: 'has no KMS key, so only SSE-SQS (a key owned by SQS, the AWS default) protects the messages' };
};

const kinesis: DestinationSpec['judge'] = (stream) => {
  const type = stream.attr('encryption_type');
  if (type.state === 'unknown') return { state: 'unknown', detail: 'has an encryption_type known only after apply' };
  return text(type) === 'KMS' ? { state: 'kms', detail: 'encrypts records with KMS' } : { state: 'none', detail: 'has encryption_type NONE (the default), so Kinesis stores the records unencrypted' };
};

const firehose: DestinationSpec['judge'] = (stream) => {
  const enabled = stream.attr(['server_side_encryption', 0, 'enabled']);
  if (enabled.state === 'unknown') return { state: 'unknown', detail: 'has server-side encryption known only after apply' };
  if (!(enabled.state === 'known' && enabled.value === true)) return { state: 'none', detail: 'has no server_side_encryption, so Firehose buffers the records unencrypted' };
  return text(stream.attr(['server_side_encryption', 0, 'key_type'])) === 'CUSTOMER_MANAGED_CMK'
    ? { state: 'kms', detail: 'encrypts records with a customer-managed KMS key' }
    : { state: 'service', detail: 'encrypts records with an AWS-owned key only' };
};

const S3_COMPANION = 'aws_s3_bucket_server_side_encryption_configuration';

const s3: DestinationSpec['judge'] = (bucket, graph) => {
  const companions = graph.referrers(bucket, { types: [S3_COMPANION], attribute: 'bucket', matchValues: ['bucket', 'id'] });
  const holders = companions.length > 0 ? companions.map((j) => ({ instance: j.instance, path: ['rule'], via: j as Join | undefined })) : [{ instance: bucket, path: ['server_side_encryption_configuration', 0, 'rule'], via: undefined }];
  let weakest: EncryptionVerdict = { state: 'kms', detail: 'encrypts objects with SSE-KMS' };
  const rank: Record<EncryptionState, number> = { kms: 0, unknown: 1, service: 2, none: 3 };
  for (const holder of holders) {
    const rules = holder.instance.blocks(holder.path);
    const whole = holder.instance.attr(holder.path);
    let verdict: EncryptionVerdict;
    if (rules.length === 0) {
      verdict =
        whole.state === 'unknown' && holder.via !== undefined
          ? { state: 'unknown', detail: 'has an encryption rule known only after apply', via: holder.via }
          : { state: 'service', detail: 'has no SSE-KMS configuration, so only S3\'s default SSE-S3 protects the objects' };
    } else {
      const algorithm = holder.instance.attr([...rules[0], 'apply_server_side_encryption_by_default', 0, 'sse_algorithm']);
      const value = text(algorithm);
      verdict =
        algorithm.state === 'unknown'
          ? { state: 'unknown', detail: 'has an sse_algorithm known only after apply' }
          : value === 'aws:kms' || value === 'aws:kms:dsse'
            ? { state: 'kms', detail: `encrypts objects with ${value}` }
            : { state: 'service', detail: 'uses SSE-S3 (AES256), not SSE-KMS' };
      if (holder.via !== undefined) verdict = { ...verdict, via: holder.via };
    }
    if (rank[verdict.state] > rank[weakest.state]) weakest = verdict;
  }
  return weakest;
};

const dynamodb: DestinationSpec['judge'] = (table) => {
  const enabled = table.attr(['server_side_encryption', 0, 'enabled']);
  if (enabled.state === 'known' && enabled.value === true) return { state: 'kms', detail: 'encrypts items with KMS' };
  const key = table.attr(['server_side_encryption', 0, 'kms_key_arn']);
  if (enabled.state === 'unknown' && key.references.length > 0) return { state: 'kms', detail: 'encrypts items with a KMS key from this plan' };
  return { state: 'service', detail: 'has no server_side_encryption, so only DynamoDB\'s AWS-owned key protects the items' };
};

const logGroup: DestinationSpec['judge'] = (group) => {
  const key = keyState(group.attr('kms_key_id'));
  if (key === 'kms') return { state: 'kms', detail: 'encrypts log events with KMS' };
  if (key === 'unknown') return { state: 'unknown', detail: 'has a kms_key_id known only after apply' };
  return { state: 'service', detail: 'has no kms_key_id, so only CloudWatch Logs\' service encryption protects the events' };
};

/** The actions whose destination stores device data, and how to judge it. Others (lambda, http, republish…) store nothing themselves. */
export const DESTINATIONS: Partial<Record<ActionKind, DestinationSpec>> = {
  sns: { leaf: ['target_arn'], type: 'aws_sns_topic', matchValues: ['arn', 'id'], judge: sns },
  sqs: { leaf: ['queue_url'], type: 'aws_sqs_queue', matchValues: ['url', 'id'], judge: sqs },
  kinesis: { leaf: ['stream_name'], type: 'aws_kinesis_stream', matchValues: ['name'], judge: kinesis },
  firehose: { leaf: ['delivery_stream_name'], type: 'aws_kinesis_firehose_delivery_stream', matchValues: ['name'], judge: firehose },
  s3: { leaf: ['bucket_name'], type: 'aws_s3_bucket', matchValues: ['bucket', 'id'], judge: s3 },
  dynamodb: { leaf: ['table_name'], type: 'aws_dynamodb_table', matchValues: ['name'], judge: dynamodb },
  dynamodbv2: { leaf: ['put_item', 0, 'table_name'], type: 'aws_dynamodb_table', matchValues: ['name'], judge: dynamodb },
  cloudwatch_logs: { leaf: ['log_group_name'], type: 'aws_cloudwatch_log_group', matchValues: ['name'], judge: logGroup },
};

export function viaEvidence(verdict: EncryptionVerdict): ReturnType<typeof evidenceOf>[] {
  return verdict.via !== undefined ? [evidenceOf(verdict.via)] : [];
}
