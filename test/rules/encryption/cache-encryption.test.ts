import { cacheEncryption } from '../../../policies/rules/encryption/cache-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, MANAGED } from './fixtures';

const RG = 'aws_elasticache_replication_group';

ruleTester(cacheEncryption, {
  valid: [
    { name: 'Redis OSS group encrypted with a CMK', plan: plan().resource(RG, 'g', { values: { engine: 'redis', at_rest_encryption_enabled: 'true' }, unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.k.arn'] } }) },
    { name: 'Valkey group with at-rest omitted (Valkey default) and a CMK', plan: plan().resource(RG, 'g', { values: { engine: 'valkey', kms_key_id: 'alias/cache' }, unknown: ['at_rest_encryption_enabled'] }) },
    { name: 'AWS-owned key accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(RG, 'g', { values: { engine: 'redis', at_rest_encryption_enabled: 'true', kms_key_id: null } }) },
    {
      name: 'secondary in a Global Datastore whose primary encrypts',
      plan: plan()
        .resource(RG, 'primary', { values: { replication_group_id: 'p', engine: 'redis', at_rest_encryption_enabled: 'true', kms_key_id: 'alias/cache' } })
        .resource('aws_elasticache_global_replication_group', 'g', { values: { global_replication_group_id_suffix: 'g' }, refs: { primary_replication_group_id: ['aws_elasticache_replication_group.primary.id'] }, unknown: ['primary_replication_group_id'] })
        .resource(RG, 'secondary', { module: 'module.dr', unknown: ['at_rest_encryption_enabled', 'global_replication_group_id'], refs: { global_replication_group_id: ['var.global_id'] } })
        .moduleCall('module.dr', { inputs: { global_id: ['aws_elasticache_global_replication_group.g.global_replication_group_id'] } }),
    },
    { name: 'cluster that belongs to a replication group', plan: plan().resource('aws_elasticache_cluster', 'c', { values: { replication_group_id: 'g' } }) },
    { name: 'DAX with server-side encryption', plan: plan().resource('aws_dax_cluster', 'd', { values: { server_side_encryption: [{ enabled: true }] } }) },
    { name: 'real plan: Redis encrypted with a CMK', plan: DATABASES, addresses: [`${RG}.encrypted_ok`] },
    { name: 'real plan: Valkey default, MemoryDB CMK, DAX SSE', plan: MANAGED, addresses: [`${RG}.valkey_omitted_ok`, 'aws_memorydb_cluster.cmk_ok', 'aws_dax_cluster.sse_ok'] },
  ],
  invalid: [
    { name: 'Redis OSS group with at-rest omitted', plan: plan().resource(RG, 'g', { values: { engine: 'redis', kms_key_id: null }, unknown: ['at_rest_encryption_enabled'] }), findings: [{ address: `${RG}.g`, attribute: 'at_rest_encryption_enabled', message: 'off by default for the redis engine' }] },
    { name: 'at-rest "false" in a module', plan: plan().resource(RG, 'g', { module: 'module.sessions["eu"]', values: { engine: 'redis', at_rest_encryption_enabled: 'false' } }), findings: [{ address: `module.sessions["eu"].${RG}.g`, message: 'at_rest_encryption_enabled = false' }] },
    { name: 'at-rest known only after apply', plan: plan().resource(RG, 'g', { unknown: ['at_rest_encryption_enabled'], refs: { at_rest_encryption_enabled: ['var.enc'] } }), findings: [{ address: `${RG}.g`, status: 'unknown' }] },
    { name: 'encrypted with the AWS-owned key', plan: plan().resource(RG, 'g', { values: { engine: 'redis', at_rest_encryption_enabled: 'true', kms_key_id: null } }), findings: [{ address: `${RG}.g`, attribute: 'kms_key_id', message: 'AWS-owned' }] },
    { name: 'secondary of a Global Datastore this plan does not show', plan: plan().resource(RG, 's', { values: { global_replication_group_id: 'ldgnf-global' }, unknown: ['at_rest_encryption_enabled'] }), findings: [{ address: `${RG}.s`, status: 'unknown', message: 'Global Datastore' }] },
    { name: 'standalone Redis OSS cache cluster', plan: plan().resource('aws_elasticache_cluster', 'c', { values: { engine: 'redis' }, unknown: ['replication_group_id'] }), findings: [{ address: 'aws_elasticache_cluster.c', attribute: 'engine', message: 'cannot encrypt at rest' }] },
    { name: 'DAX without server-side encryption (CDKTF: block absent)', plan: plan().resource('aws_dax_cluster', 'd', { values: {} }), findings: [{ address: 'aws_dax_cluster.d', attribute: 'server_side_encryption.enabled' }] },
    { name: 'real plan: Redis without at-rest encryption', plan: DATABASES, findings: [{ address: `${RG}.unencrypted_bad`, attribute: 'at_rest_encryption_enabled' }] },
    {
      name: 'real plan: MemoryDB and serverless on AWS keys, Memcached nodes, DAX without SSE',
      plan: MANAGED,
      findings: [
        { address: 'aws_memorydb_cluster.default_key_bad', attribute: 'kms_key_arn' },
        { address: 'aws_elasticache_serverless_cache.default_key_bad', attribute: 'kms_key_id' },
        { address: 'aws_elasticache_cluster.memcached_bad', message: 'memcached' },
        { address: 'aws_dax_cluster.sse_omitted_bad', attribute: 'server_side_encryption.enabled' },
      ],
    },
  ],
});
