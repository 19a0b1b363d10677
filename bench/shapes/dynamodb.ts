/** aws_dynamodb_table (AWS provider 5.x, see test/fixtures/plans/baa-services.json). */
import { UNKNOWN_LIST, type PlanObject, type PlanValue } from '../plan-values';
import { arn, computed, tagAttributes, type TaggedShape } from './common';

export interface DynamoDbTableShape extends TaggedShape {
  readonly name: string;
  /** A customer managed key ARN (or unknown), or null for the AWS owned key (no server_side_encryption block). */
  readonly kmsKeyArn: PlanValue;
  readonly pointInTimeRecovery: boolean;
}

export function dynamoDbTable(shape: DynamoDbTableShape): PlanObject {
  const known = shape.existing;
  return {
    arn: computed(known, arn(shape.account, 'dynamodb', `table/${shape.name}`)),
    attribute: [
      { name: 'record_id', type: 'S' },
      { name: 'recorded_at', type: 'N' },
    ],
    billing_mode: 'PAY_PER_REQUEST',
    deletion_protection_enabled: true,
    global_secondary_index: [],
    hash_key: 'record_id',
    id: computed(known, shape.name),
    import_table: [],
    local_secondary_index: [],
    name: shape.name,
    on_demand_throughput: [],
    point_in_time_recovery: [{ enabled: shape.pointInTimeRecovery, recovery_period_in_days: computed(known, 35) }],
    range_key: 'recorded_at',
    read_capacity: computed(known, 0),
    replica: [],
    restore_date_time: null,
    restore_source_name: null,
    restore_source_table_arn: null,
    restore_to_latest_time: null,
    // Without a block the provider computes it at apply (create) and reads back an empty list.
    server_side_encryption:
      shape.kmsKeyArn === null ? computed(known, [], UNKNOWN_LIST) : [{ enabled: true, kms_key_arn: shape.kmsKeyArn }],
    stream_arn: computed(known, ''),
    stream_enabled: false,
    stream_label: computed(known, ''),
    stream_view_type: computed(known, ''),
    table_class: 'STANDARD',
    ...tagAttributes(shape),
    timeouts: null,
    ttl: [{ attribute_name: 'expires_at', enabled: true }],
    write_capacity: computed(known, 0),
  };
}
