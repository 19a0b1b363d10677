/** aws_sqs_queue (AWS provider 5.x, see test/fixtures/plans/baa-services.json). */
import { UNKNOWN, type PlanObject, type PlanValue } from '../plan-values';
import { arn, computed, tagAttributes, type TaggedShape } from './common';

export type QueueEncryption = 'kms' | 'sqs-managed' | 'none';

export interface SqsQueueShape extends TaggedShape {
  readonly name: string;
  readonly encryption: QueueEncryption;
  /** The key ARN when encryption is 'kms' (unknown while the key is being created). */
  readonly kmsKeyArn: PlanValue;
}

export function sqsQueue(shape: SqsQueueShape): PlanObject {
  const known = shape.existing;
  const { account, name } = shape;
  const url = `https://sqs.${account.region}.amazonaws.com/${account.accountId}/${name}`;
  // Unset, sqs_managed_sse_enabled is computed; set explicitly it is known at plan time.
  const managedSse: PlanValue =
    shape.encryption === 'sqs-managed' ? true : shape.encryption === 'none' ? false : known ? false : UNKNOWN;
  return {
    arn: computed(known, arn(account, 'sqs', name)),
    content_based_deduplication: false,
    deduplication_scope: computed(known, ''),
    delay_seconds: 0,
    fifo_queue: false,
    fifo_throughput_limit: computed(known, ''),
    id: computed(known, url),
    kms_data_key_reuse_period_seconds: computed(known, 300),
    kms_master_key_id: shape.encryption === 'kms' ? shape.kmsKeyArn : known ? '' : null,
    max_message_size: 262144,
    message_retention_seconds: 1209600,
    name,
    name_prefix: computed(known, ''),
    policy: computed(known, ''),
    receive_wait_time_seconds: 20,
    redrive_allow_policy: computed(known, ''),
    redrive_policy: computed(known, ''),
    sqs_managed_sse_enabled: managedSse,
    ...tagAttributes(shape),
    timeouts: null,
    url: computed(known, url),
    visibility_timeout_seconds: 60,
  };
}
