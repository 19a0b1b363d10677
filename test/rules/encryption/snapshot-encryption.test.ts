import { snapshotEncryption } from '../../../policies/rules/encryption/snapshot-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { STORAGE_SOURCES } from './fixtures';

const SNAP = 'aws_db_snapshot';
const COPY = 'aws_db_snapshot_copy';

ruleTester(snapshotEncryption, {
  valid: [
    {
      name: 'snapshot of an encrypted instance',
      plan: plan().resource('aws_db_instance', 'db', { values: { identifier: 'db', storage_encrypted: true } }).resource(SNAP, 's', { values: { db_instance_identifier: 'db' }, unknown: ['encrypted'], refs: { db_instance_identifier: ['aws_db_instance.db.identifier'] } }),
    },
    { name: 'existing snapshot the plan reports encrypted (no-op)', plan: plan().resource(SNAP, 's', { action: 'no-op', values: { db_instance_identifier: 'elsewhere', encrypted: true } }) },
    { name: 'copy naming a key, source outside the plan', plan: plan().resource(COPY, 'c', { values: { source_db_snapshot_identifier: 'arn:aws:rds:us-east-1:111122223333:snapshot:s', kms_key_id: 'alias/backup' }, unknown: ['encrypted'] }) },
    { name: 'EBS snapshot copy with encrypted = true', plan: plan().resource('aws_ebs_snapshot_copy', 'c', { values: { source_snapshot_id: 'snap-1', encrypted: true } }) },
    { name: 'EBS snapshot copy covered by the account default', plan: plan().resource('aws_ebs_encryption_by_default', 'on', { values: { enabled: true } }).resource('aws_ebs_snapshot_copy', 'c', { values: { source_snapshot_id: 'snap-1', encrypted: false } }) },
    {
      name: 'real plan: copy with a CMK, cluster snapshot of an encrypted member, replicated backups, encrypted EBS copy',
      plan: STORAGE_SOURCES,
      addresses: [`${COPY}.copy_with_cmk_ok`, 'aws_db_cluster_snapshot.of_member_ok', 'aws_db_instance_automated_backups_replication.cross_region_ok', 'aws_ebs_snapshot_copy.encrypted_copy_ok'],
    },
  ],
  invalid: [
    {
      name: 'snapshot of an unencrypted instance in a module',
      plan: plan()
        .resource('aws_db_instance', 'db', { module: 'module.app["a"]', values: { identifier: 'db', storage_encrypted: false } })
        .resource(SNAP, 's', { module: 'module.app["a"]', values: { db_instance_identifier: 'db' }, unknown: ['encrypted'], refs: { db_instance_identifier: ['aws_db_instance.db.identifier'] } }),
      findings: [{ address: `module.app["a"].${SNAP}.s`, attribute: 'db_instance_identifier', related: 'module.app["a"].aws_db_instance.db', message: 'a snapshot cannot add encryption' }],
    },
    { name: 'existing snapshot the plan reports unencrypted', plan: plan().resource(SNAP, 's', { action: 'no-op', values: { db_instance_identifier: 'elsewhere', encrypted: false } }), findings: [{ address: `${SNAP}.s`, message: 'reports encrypted = false' }] },
    { name: 'snapshot of an instance outside the plan', plan: plan().resource(SNAP, 's', { values: { db_instance_identifier: 'elsewhere' }, unknown: ['encrypted'] }), findings: [{ address: `${SNAP}.s`, status: 'unknown' }] },
    {
      name: 'customer-managed key required, copy on an AWS-managed key',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource(COPY, 'c', { values: { source_db_snapshot_identifier: 's', kms_key_id: 'alias/aws/rds' } }),
      findings: [{ address: `${COPY}.c`, attribute: 'kms_key_id', message: 'AWS-managed' }],
    },
    {
      name: 'real plan: snapshots and copies of unencrypted sources',
      plan: STORAGE_SOURCES,
      findings: [
        { address: `${SNAP}.of_unencrypted_bad`, related: 'aws_db_instance.source_unencrypted_bad' },
        { address: `${COPY}.copy_without_key_bad`, message: 'set kms_key_id on this copy' },
        { address: 'aws_neptune_cluster_snapshot.of_omitted_bad', related: 'aws_neptune_cluster.omitted_bad' },
        { address: 'aws_ebs_snapshot.of_plain_bad', related: 'aws_ebs_volume.plain_bad' },
        { address: 'aws_ebs_snapshot_copy.plain_copy_bad', related: 'aws_ebs_snapshot.of_plain_bad' },
      ],
    },
  ],
});
