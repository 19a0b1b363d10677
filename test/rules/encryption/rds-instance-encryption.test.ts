import { rdsInstanceEncryption } from '../../../policies/rules/encryption/rds-instance-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, STORAGE_SOURCES } from './fixtures';

const DB = 'aws_db_instance';

ruleTester(rdsInstanceEncryption, {
  valid: [
    { name: 'storage_encrypted = true', plan: plan().resource(DB, 'db', { values: { engine: 'postgres', storage_encrypted: true }, unknown: ['kms_key_id', 'snapshot_identifier'] }) },
    { name: 'Aurora instance: the cluster decides', plan: plan().resource(DB, 'db', { values: { engine: 'aurora-postgresql', storage_encrypted: null } }) },
    {
      name: 'read replica of an encrypted source in the same plan',
      plan: plan()
        .resource(DB, 'src', { values: { identifier: 'src', engine: 'postgres', storage_encrypted: true } })
        .resource(DB, 'replica', { values: { replicate_source_db: 'src', storage_encrypted: null }, refs: { replicate_source_db: ['aws_db_instance.src.identifier', 'aws_db_instance.src'] } }),
    },
    { name: 'cross-region replica naming its key', plan: plan().resource(DB, 'replica', { values: { replicate_source_db: 'arn:aws:rds:us-east-1:111122223333:db:src', storage_encrypted: null, kms_key_id: 'arn:aws:kms:us-west-2:111122223333:key/1' } }) },
    {
      name: 'customer-managed key required and named in a module instance',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource(DB, 'this', { module: 'module.db["a"]', values: { engine: 'mysql', storage_encrypted: true }, unknown: ['kms_key_id'], refs: { kms_key_id: ['var.kms_key_arn'] } }).moduleCall('module.db', { inputs: { kms_key_arn: ['aws_kms_key.db.arn'] } }).resource('aws_kms_key', 'db', { unknown: ['arn'] }),
    },
    { name: 'real plan: encrypted instance', plan: DATABASES, addresses: [`${DB}.postgres_encrypted_ok`] },
    { name: 'real plan: encrypted source, its replica, and a for_each module instance', plan: STORAGE_SOURCES, addresses: [`${DB}.source_encrypted_ok`, `${DB}.replica_of_encrypted_ok`, `module.tenant_db["alpha"].${DB}.this`] },
  ],
  invalid: [
    { name: 'storage_encrypted omitted (plan: null)', plan: plan().resource(DB, 'db', { values: { engine: 'postgres', storage_encrypted: null }, unknown: ['snapshot_identifier'] }), findings: [{ address: `${DB}.db`, attribute: 'storage_encrypted', message: 'RDS default: unencrypted' }] },
    { name: 'storage_encrypted = false', plan: plan().resource(DB, 'db', { values: { engine: 'mysql', storage_encrypted: false } }), findings: [{ address: `${DB}.db`, message: 'set storage_encrypted = true' }] },
    { name: 'storage_encrypted known only after apply', plan: plan().resource(DB, 'db', { values: { engine: 'mysql' }, unknown: ['storage_encrypted'], refs: { storage_encrypted: ['var.encrypted'] } }), findings: [{ address: `${DB}.db`, status: 'unknown' }] },
    {
      name: 'read replica of a source outside the plan',
      plan: plan().resource(DB, 'replica', { values: { replicate_source_db: 'prod-db', storage_encrypted: null }, unknown: ['kms_key_id'] }),
      findings: [{ address: `${DB}.replica`, status: 'unknown', attribute: 'replicate_source_db', message: 'source DB instance that this plan does not show' }],
    },
    {
      name: 'snapshot restore whose snapshot id comes from an unset module variable',
      plan: plan().resource(DB, 'this', { module: 'module.db', values: { engine: 'postgres', storage_encrypted: false }, unknown: ['snapshot_identifier'], refs: { snapshot_identifier: ['var.snapshot_identifier'] } }).moduleCall('module.db'),
      findings: [{ address: `module.db.${DB}.this`, status: 'unknown', message: 'var.snapshot_identifier' }],
    },
    {
      name: 'customer-managed key required, instance on aws/rds',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource(DB, 'db', { values: { engine: 'postgres', storage_encrypted: true }, unknown: ['kms_key_id'] }),
      findings: [{ address: `${DB}.db`, attribute: 'kms_key_id', message: 'aws/rds' }],
    },
    {
      name: 'real plan: omitted and false',
      plan: DATABASES,
      findings: [
        { address: `${DB}.postgres_unencrypted_bad`, message: 'does not set storage_encrypted' },
        { address: `${DB}.mysql_default_params_bad`, message: 'has storage_encrypted = false' },
      ],
    },
    {
      name: 'real plan: unencrypted source, its replica and a restore from its snapshot, and a for_each module instance',
      plan: STORAGE_SOURCES,
      findings: [
        { address: `${DB}.source_unencrypted_bad`, attribute: 'storage_encrypted' },
        { address: `${DB}.replica_of_unencrypted_bad`, attribute: 'replicate_source_db', related: `${DB}.source_unencrypted_bad`, via: 'reference' },
        { address: `${DB}.restored_from_unencrypted_bad`, attribute: 'snapshot_identifier', related: 'aws_db_snapshot.of_unencrypted_bad' },
        { address: `module.tenant_db["beta"].${DB}.this`, message: 'has storage_encrypted = false' },
      ],
    },
  ],
});
