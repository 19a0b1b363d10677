/** aws_db_instance, with its master password: in the plan text, marked in after_sensitive. */
import { sensitive, UNKNOWN_LIST, type PlanObject, type PlanValue } from '../plan-values';
import { arn, computed, tagAttributes, type TaggedShape } from './common';

export interface DbInstanceShape extends TaggedShape {
  readonly identifier: string;
  readonly password: string;
  readonly storageEncrypted: boolean;
  /** The key ARN when storage is encrypted with a customer managed key (or unknown). */
  readonly kmsKeyArn: PlanValue;
  readonly resourceId: string;
}

export function dbInstance(shape: DbInstanceShape): PlanObject {
  const known = shape.existing;
  const { account, identifier } = shape;
  const endpointHost = `${identifier}.c${shape.resourceId.slice(0, 10).toLowerCase()}.${account.region}.rds.amazonaws.com`;
  return {
    address: computed(known, endpointHost),
    allocated_storage: 100,
    allow_major_version_upgrade: null,
    apply_immediately: false,
    arn: computed(known, arn(account, 'rds', `db:${identifier}`)),
    auto_minor_version_upgrade: true,
    availability_zone: computed(known, `${account.region}a`),
    backup_retention_period: 35,
    backup_target: computed(known, 'region'),
    backup_window: '03:00-04:00',
    blue_green_update: [],
    ca_cert_identifier: computed(known, 'rds-ca-rsa2048-g1'),
    character_set_name: computed(known, ''),
    copy_tags_to_snapshot: true,
    customer_owned_ip_enabled: null,
    db_name: 'records',
    db_subnet_group_name: 'phi-private',
    dedicated_log_volume: false,
    delete_automated_backups: true,
    deletion_protection: true,
    domain: null,
    enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'],
    endpoint: computed(known, `${endpointHost}:5432`),
    engine: 'postgres',
    engine_version: '16.4',
    engine_version_actual: computed(known, '16.4'),
    final_snapshot_identifier: `${identifier}-final`,
    hosted_zone_id: computed(known, 'Z2R2ITUGPM61AM'),
    iam_database_authentication_enabled: true,
    id: computed(known, `db-${shape.resourceId}`),
    identifier,
    instance_class: 'db.r6g.large',
    iops: computed(known, 3000),
    kms_key_id: shape.storageEncrypted ? shape.kmsKeyArn : computed(known, ''),
    latest_restorable_time: computed(known, '2025-06-01T11:55:00Z'),
    license_model: computed(known, 'postgresql-license'),
    listener_endpoint: computed(known, [], UNKNOWN_LIST),
    maintenance_window: 'sun:05:00-sun:06:00',
    manage_master_user_password: null,
    master_user_secret: computed(known, [], UNKNOWN_LIST),
    monitoring_interval: 60,
    multi_az: true,
    network_type: computed(known, 'IPV4'),
    parameter_group_name: 'phi-postgres16',
    password: sensitive(shape.password),
    performance_insights_enabled: true,
    port: computed(known, 5432),
    publicly_accessible: false,
    replicas: computed(known, [], UNKNOWN_LIST),
    resource_id: computed(known, `db-${shape.resourceId}`),
    restore_to_point_in_time: [],
    s3_import: [],
    skip_final_snapshot: false,
    status: computed(known, 'available'),
    storage_encrypted: shape.storageEncrypted,
    storage_type: 'gp3',
    ...tagAttributes(shape),
    timeouts: null,
    username: 'records_admin',
    vpc_security_group_ids: computed(known, ['sg-0' + shape.resourceId.slice(0, 16).toLowerCase()], UNKNOWN_LIST),
  };
}
