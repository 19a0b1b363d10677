/**
 * TLS-012: ElastiCache and MemoryDB encrypt client traffic in transit, and require it. Redis/
 * Valkey replication groups have two switches: transit_encryption_enabled, and
 * transit_encryption_mode, whose "preferred" value still accepts cleartext clients (it exists to
 * migrate). Memcached clusters and standalone cache clusters have only the first; MemoryDB has
 * tls_enabled. Serverless caches always use TLS and are not checked.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { fromWhat, setBoolean, setting, setString } from './shared/setting';

function judgeEnabled(instance: ResourceInstance, attribute: string, what: string): Outcome | undefined {
  const enabled = setting(instance, attribute);
  if (enabled.kind === 'unknown') return unknown(attribute, `${instance.address}: ${attribute} is known only after apply${fromWhat(enabled)}`);
  if (setBoolean(enabled) === true) return undefined;
  const why = enabled.kind === 'omitted' ? `omits ${attribute}, and AWS then leaves ${what} without TLS` : `sets ${attribute} = false`;
  return fail(attribute, `${instance.address} ${why}; set ${attribute} = true`);
}

function replicationGroup(group: ResourceInstance): Outcome {
  if (setting(group, 'global_replication_group_id').kind !== 'omitted') {
    return skip(`${group.address} is a secondary of a global datastore, which takes its TLS settings from the primary`);
  }
  const disabled = judgeEnabled(group, 'transit_encryption_enabled', 'the replication group');
  if (disabled) return disabled;
  const mode = setting(group, 'transit_encryption_mode');
  if (mode.kind === 'unknown') return unknown('transit_encryption_mode', `${group.address}: transit_encryption_mode is known only after apply${fromWhat(mode)}`);
  // Omitted with encryption on: AWS creates the group in "required" mode.
  if (setString(mode) === 'preferred') {
    return fail('transit_encryption_mode', `${group.address} sets transit_encryption_mode = "preferred", which still accepts unencrypted clients; set transit_encryption_mode = "required"`);
  }
  return pass('transit_encryption_enabled', `${group.address} requires TLS`);
}

function cacheCluster(cluster: ResourceInstance): Outcome {
  const member = setting(cluster, 'replication_group_id');
  if (member.kind !== 'omitted') return skip(`${cluster.address} belongs to a replication group, which TLS-012 judges`);
  return judgeEnabled(cluster, 'transit_encryption_enabled', 'the cluster') ?? pass('transit_encryption_enabled', `${cluster.address} encrypts in transit`);
}

function memorydbCluster(cluster: ResourceInstance): Outcome {
  const tls = setting(cluster, 'tls_enabled');
  if (tls.kind === 'unknown') return unknown('tls_enabled', `${cluster.address}: tls_enabled is known only after apply${fromWhat(tls)}`);
  // MemoryDB defaults to TLS on (the provider plans tls_enabled = true).
  if (setBoolean(tls) === false) return fail('tls_enabled', `${cluster.address} sets tls_enabled = false; set tls_enabled = true`);
  return pass('tls_enabled', `${cluster.address} uses TLS`);
}

const CHECKS: Record<string, (instance: ResourceInstance) => Outcome> = {
  aws_elasticache_replication_group: replicationGroup,
  aws_elasticache_cluster: cacheCluster,
  aws_memorydb_cluster: memorydbCluster,
};

export const elasticacheTransit: Rule = {
  id: 'TLS-012',
  title: 'ElastiCache and MemoryDB require TLS in transit',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: Object.keys(CHECKS),
  rationale:
    'Caches hold copies of ePHI (sessions, query results); without in-transit encryption, clients and replicas exchange it in cleartext inside the VPC (164.312(e)(1), (e)(2)(ii)). Relies on: provider 5.x shows an omitted transit_encryption_enabled / transit_encryption_mode as unknown; AWS creates replication groups and cache clusters without TLS unless asked, and in "required" mode when TLS is enabled without a mode; MemoryDB defaults tls_enabled to true.',
  remediation: 'Set transit_encryption_enabled = true and transit_encryption_mode = "required" (replication groups), transit_encryption_enabled = true (Memcached/standalone clusters), tls_enabled = true (MemoryDB).',
  params: {},
  docs: {
    defaults:
      'aws_elasticache_replication_group / aws_elasticache_cluster: transit_encryption_enabled omitted = unknown in the plan, no TLS at AWS. transit_encryption_mode omitted with TLS on = "required". aws_memorydb_cluster.tls_enabled omitted = true. Cache clusters inside a replication group are judged on the group; aws_elasticache_serverless_cache always uses TLS.',
    anchors: ['cdk-nag AwsSolutions-AEC3', 'Checkov CKV_AWS_30, CKV_AWS_31, CKV_AWS_202', 'HashiCorp FSBP elasticache-redis-replication-group-encryption-in-transit'],
    example: {
      fail: 'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "sessions"\n  transit_encryption_enabled = true\n  transit_encryption_mode    = "preferred"\n}',
      pass: 'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "sessions"\n  transit_encryption_enabled = true\n  transit_encryption_mode    = "required"\n}',
    },
  },
  check(instance: ResourceInstance): Outcome {
    return CHECKS[instance.type](instance);
  },
};
