import { dbClusterEncryption } from '../../../policies/rules/encryption/db-cluster-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, STORAGE_SOURCES } from './fixtures';

const RDS = 'aws_rds_cluster';

ruleTester(dbClusterEncryption, {
  valid: [
    { name: 'Aurora cluster with storage_encrypted = true', plan: plan().resource(RDS, 'c', { values: { engine: 'aurora-mysql', storage_encrypted: true } }) },
    { name: 'Aurora Serverless v1 (always encrypted)', plan: plan().resource(RDS, 'c', { values: { engine: 'aurora-postgresql', engine_mode: 'serverless' }, unknown: ['storage_encrypted'] }) },
    {
      name: 'secondary cluster joining an encrypted global cluster in a module',
      plan: plan()
        .resource('aws_rds_global_cluster', 'g', { values: { global_cluster_identifier: 'g', storage_encrypted: true } })
        .resource(RDS, 'secondary', { module: 'module.dr', values: { engine: 'aurora-postgresql', engine_mode: 'provisioned' }, unknown: ['storage_encrypted', 'global_cluster_identifier'], refs: { global_cluster_identifier: ['var.global_id'] } })
        .moduleCall('module.dr', { inputs: { global_id: ['aws_rds_global_cluster.g.id', 'aws_rds_global_cluster.g'] } }),
    },
    { name: 'Aurora restored from a snapshot with a key named', plan: plan().resource(RDS, 'c', { values: { engine: 'aurora-mysql', snapshot_identifier: 'arn:aws:rds:us-east-1:111122223333:cluster-snapshot:s', kms_key_id: 'alias/db' }, unknown: ['storage_encrypted'] }) },
    { name: 'DocumentDB encrypted', plan: plan().resource('aws_docdb_cluster', 'd', { values: { storage_encrypted: true } }) },
    { name: 'Neptune encrypted with a CMK when one is required', params: { requireCustomerManagedKey: true }, plan: plan().resource('aws_neptune_cluster', 'n', { values: { storage_encrypted: true }, unknown: ['kms_key_arn'], refs: { kms_key_arn: ['aws_kms_key.n.arn'] } }) },
    { name: 'real plan: encrypted Aurora PostgreSQL', plan: DATABASES, addresses: [`${RDS}.aurora_pg_encrypted_ok`] },
    { name: 'real plan: encrypted global cluster and its member, encrypted DocumentDB', plan: STORAGE_SOURCES, addresses: ['aws_rds_global_cluster.encrypted_ok', `${RDS}.member_of_encrypted_global_ok`, 'aws_docdb_cluster.encrypted_ok'] },
  ],
  invalid: [
    { name: 'Aurora with storage_encrypted omitted (unknown, no reference)', plan: plan().resource(RDS, 'c', { values: { engine: 'aurora-mysql', engine_mode: 'provisioned' }, unknown: ['storage_encrypted'] }), findings: [{ address: `${RDS}.c`, attribute: 'storage_encrypted', message: 'default: unencrypted' }] },
    { name: 'storage_encrypted from a variable known only after apply', plan: plan().resource(RDS, 'c', { values: { engine: 'aurora-mysql' }, unknown: ['storage_encrypted'], refs: { storage_encrypted: ['var.enc'] } }), findings: [{ address: `${RDS}.c`, status: 'unknown' }] },
    {
      name: 'member of an unencrypted global cluster',
      plan: plan()
        .resource('aws_rds_global_cluster', 'g', { values: { global_cluster_identifier: 'g' }, unknown: ['storage_encrypted'] })
        .resource(RDS, 'm', { values: { engine: 'aurora-mysql' }, unknown: ['storage_encrypted', 'global_cluster_identifier'], refs: { global_cluster_identifier: ['aws_rds_global_cluster.g.id'] } }),
      findings: [
        { address: 'aws_rds_global_cluster.g', message: 'does not set storage_encrypted' },
        { address: `${RDS}.m`, attribute: 'global_cluster_identifier', related: 'aws_rds_global_cluster.g' },
      ],
    },
    { name: 'replica of a cluster outside the plan', plan: plan().resource(RDS, 'r', { values: { engine: 'aurora-mysql', replication_source_identifier: 'arn:aws:rds:us-west-2:111122223333:cluster:src' }, unknown: ['storage_encrypted', 'kms_key_id'] }), findings: [{ address: `${RDS}.r`, status: 'unknown', message: 'source cluster' }] },
    { name: 'DocumentDB in a module, storage_encrypted null', plan: plan().resource('aws_docdb_cluster', 'd', { module: 'module.docs["x"]', values: { storage_encrypted: null } }), findings: [{ address: 'module.docs["x"].aws_docdb_cluster.d', attribute: 'storage_encrypted' }] },
    {
      name: 'customer-managed key required, Aurora on aws/rds',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource(RDS, 'c', { values: { engine: 'aurora-mysql', storage_encrypted: true }, unknown: ['kms_key_id'] }),
      findings: [{ address: `${RDS}.c`, attribute: 'kms_key_id' }],
    },
    { name: 'real plan: Aurora MySQL with storage_encrypted omitted', plan: DATABASES, findings: [{ address: `${RDS}.aurora_mysql_omitted_bad`, attribute: 'storage_encrypted' }] },
    {
      name: 'real plan: DocumentDB and Neptune with storage_encrypted omitted',
      plan: STORAGE_SOURCES,
      findings: [
        { address: 'aws_docdb_cluster.omitted_bad', message: 'does not set storage_encrypted' },
        { address: 'aws_neptune_cluster.omitted_bad', message: 'has storage_encrypted = false' },
      ],
    },
  ],
});
