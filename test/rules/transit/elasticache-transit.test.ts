import { elasticacheTransit } from '../../../policies/rules/transit/elasticache-transit';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, TRANSIT_DATA } from './fixtures';

const RG = 'aws_elasticache_replication_group';
const CC = 'aws_elasticache_cluster';
const MDB = 'aws_memorydb_cluster';

ruleTester(elasticacheTransit, {
  valid: [
    { name: 'replication group with TLS required', plan: plan().resource(RG, 'sessions', { values: { engine: 'valkey', transit_encryption_enabled: true, transit_encryption_mode: 'required' } }) },
    { name: 'TLS enabled with the mode omitted (AWS creates it "required")', plan: plan().resource(RG, 'sessions', { values: { transit_encryption_enabled: true }, unknown: ['transit_encryption_mode'] }) },
    { name: 'Memcached cluster with TLS, in a module instance', plan: plan().resource(CC, 'this', { module: 'module.cache["a"]', values: { engine: 'memcached', transit_encryption_enabled: true } }) },
    {
      name: 'a cluster that is a member of a replication group is judged on the group',
      plan: plan()
        .resource(RG, 'sessions', { values: { transit_encryption_enabled: true, transit_encryption_mode: 'required' }, unknown: ['id'] })
        .resource(CC, 'member', { unknown: ['engine', 'transit_encryption_enabled', 'replication_group_id'], refs: { replication_group_id: [`${RG}.sessions.id`] } }),
    },
    {
      name: 'secondary of a global datastore takes TLS from the primary',
      plan: plan()
        .resource('aws_elasticache_global_replication_group', 'global', { unknown: ['global_replication_group_id'] })
        .resource(RG, 'secondary', { unknown: ['transit_encryption_enabled', 'global_replication_group_id'], refs: { global_replication_group_id: ['aws_elasticache_global_replication_group.global.global_replication_group_id'] } }),
    },
    { name: 'MemoryDB with tls_enabled defaulting to true', plan: plan().resource(MDB, 'mdb', { values: { tls_enabled: true } }) },
    { name: 'real plan: encrypted replication group', plan: DATABASES, addresses: [`${RG}.encrypted_ok`] },
    { name: 'real plan: Memcached TLS, replication-group member, MemoryDB default', plan: TRANSIT_DATA, addresses: [`${CC}.memcached_tls_ok`, `${CC}.replica_member`, `${MDB}.default_ok`] },
  ],
  invalid: [
    {
      name: 'transit_encryption_enabled omitted (plan: unknown, AWS: off)',
      plan: plan().resource(RG, 'sessions', { values: { engine: 'redis' }, unknown: ['transit_encryption_enabled', 'transit_encryption_mode'] }),
      findings: [{ address: `${RG}.sessions`, attribute: 'transit_encryption_enabled', message: 'omits transit_encryption_enabled' }],
    },
    {
      name: 'mode "preferred" still accepts cleartext',
      plan: plan().resource(RG, 'sessions', { values: { transit_encryption_enabled: true, transit_encryption_mode: 'preferred' } }),
      findings: [{ address: `${RG}.sessions`, attribute: 'transit_encryption_mode', message: '"required"' }],
    },
    {
      name: 'transit encryption from a variable',
      plan: plan().resource(RG, 'sessions', { unknown: ['transit_encryption_enabled'], refs: { transit_encryption_enabled: ['var.tls'] } }),
      findings: [{ address: `${RG}.sessions`, status: 'unknown', message: 'var.tls' }],
    },
    { name: 'MemoryDB with tls_enabled = false', plan: plan().resource(MDB, 'mdb', { values: { tls_enabled: false } }), findings: [{ address: `${MDB}.mdb`, attribute: 'tls_enabled' }] },
    {
      name: 'real plan: preferred mode, omitted, Memcached without TLS, MemoryDB TLS off',
      plan: TRANSIT_DATA,
      findings: [
        { address: `${RG}.preferred_bad`, attribute: 'transit_encryption_mode' },
        { address: `${RG}.omitted_bad`, attribute: 'transit_encryption_enabled' },
        { address: `${CC}.memcached_plain_bad`, attribute: 'transit_encryption_enabled' },
        { address: `${MDB}.tls_off_bad`, attribute: 'tls_enabled' },
      ],
    },
  ],
});
