/** aws_cloudwatch_log_group (AWS provider 5.x). */
import type { PlanObject, PlanValue } from '../plan-values';
import { arn, computed, tagAttributes, type TaggedShape } from './common';

export interface LogGroupShape extends TaggedShape {
  readonly name: string;
  readonly retentionInDays: number;
  /** A key ARN, unknown while the key is being created, or null when none is configured. */
  readonly kmsKeyId: PlanValue;
}

export function logGroup(shape: LogGroupShape): PlanObject {
  const known = shape.existing;
  return {
    arn: computed(known, arn(shape.account, 'logs', `log-group:${shape.name}`)),
    id: computed(known, shape.name),
    kms_key_id: shape.kmsKeyId === null && known ? '' : shape.kmsKeyId,
    log_group_class: computed(known, 'STANDARD'),
    name: shape.name,
    name_prefix: computed(known, ''),
    retention_in_days: shape.retentionInDays,
    skip_destroy: false,
    ...tagAttributes(shape),
  };
}
