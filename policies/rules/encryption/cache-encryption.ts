/**
 * ENC-012: in-memory data stores encrypt at rest — ElastiCache replication groups, clusters
 * and serverless caches, MemoryDB clusters and snapshots, and DAX clusters. In-transit
 * settings of the same resources belong to the TLS family.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, keyContext } from './key-requirement';
import { inBlock, isSet, knownString, readSwitch } from './read';

const AWS_OWNED = 'the AWS-owned ElastiCache key';

function judgeReplicationGroup(group: ResourceInstance, ctx: RuleContext): Outcome {
  const flag = readSwitch(group.attr('at_rest_encryption_enabled'));
  const keys = keyContext(ctx);
  const keyCheck = (): Outcome =>
    judgeKey({ instance: group, path: 'kms_key_id', serviceDefault: AWS_OWNED, defaultEncrypts: true, ...keys, computed: false });
  if (flag === 'on') return keyCheck();
  if (flag === 'unknown') return unknown('at_rest_encryption_enabled', `${group.address}: at_rest_encryption_enabled is known only after apply`);
  // A secondary in a Global Datastore takes its encryption from the global group's primary.
  if (isSet(group.attr('global_replication_group_id'))) {
    const global = ctx.graph.referencesOf(group, 'global_replication_group_id', { types: ['aws_elasticache_global_replication_group'], matchValues: ['global_replication_group_id', 'id'] })[0];
    const primary = global && ctx.graph.referencesOf(global.instance, 'primary_replication_group_id', { types: ['aws_elasticache_replication_group'], matchValues: ['replication_group_id', 'id'] })[0];
    if (!primary) return unknown('global_replication_group_id', `${group.address} takes its encryption from a Global Datastore primary this plan does not show`);
    const primaryFlag = readSwitch(primary.instance.attr('at_rest_encryption_enabled'));
    const evidence = [{ attribute: 'global_replication_group_id', related: global.instance.address, via: global.via }, { attribute: 'primary_replication_group_id', related: primary.instance.address, via: primary.via }];
    if (primaryFlag === 'on') return pass('global_replication_group_id', `${group.address} joins ${global.instance.address}, whose primary ${primary.instance.address} encrypts at rest`, { evidence });
    return fail('global_replication_group_id', `${group.address} joins ${global.instance.address}, whose primary ${primary.instance.address} does not enable at_rest_encryption_enabled; set it to true on the primary`, { evidence });
  }
  const engine = knownString(group.attr('engine')) ?? 'redis';
  if (flag === 'default' && engine === 'valkey') return keyCheck();
  const how = flag === 'off' ? 'sets at_rest_encryption_enabled = false' : `does not set at_rest_encryption_enabled (off by default for the ${engine} engine)`;
  return fail('at_rest_encryption_enabled', `${group.address} ${how}; set at_rest_encryption_enabled = true`, {
    remediation: 'Set at_rest_encryption_enabled = true and kms_key_id to a customer-managed aws_kms_key; an existing group must be replaced or migrated through a backup.',
  });
}

function judgeCacheCluster(cluster: ResourceInstance): Outcome {
  if (isSet(cluster.attr('replication_group_id'))) {
    return pass('replication_group_id', `${cluster.address} belongs to a replication group, whose at_rest_encryption_enabled applies`);
  }
  const engine = cluster.attr('engine');
  if (engine.state === 'unknown') return unknown('engine', `${cluster.address}: engine is known only after apply`);
  const name = knownString(engine) ?? 'memcached';
  return fail('engine', `${cluster.address} is a standalone ${name} cache cluster, which cannot encrypt at rest; use aws_elasticache_replication_group with at_rest_encryption_enabled = true, or aws_elasticache_serverless_cache`, {
    remediation: 'Replace it with an aws_elasticache_replication_group (at_rest_encryption_enabled = true) or an aws_elasticache_serverless_cache, both of which encrypt at rest.',
  });
}

function judgeDax(dax: ResourceInstance): Outcome {
  const enabled = readSwitch(dax.attr(inBlock('server_side_encryption', 'enabled')), false);
  if (enabled === 'unknown') return unknown('server_side_encryption.enabled', `${dax.address}: server_side_encryption.enabled is known only after apply`);
  if (enabled === 'on') return pass('server_side_encryption.enabled', `${dax.address} encrypts at rest (DAX uses an AWS-owned key; it offers no key choice)`);
  return fail('server_side_encryption.enabled', `${dax.address} does not enable server-side encryption; add server_side_encryption { enabled = true }`, {
    remediation: 'Add server_side_encryption { enabled = true } (DAX can only enable it when the cluster is created).',
  });
}

export const cacheEncryption: Rule = {
  id: 'ENC-012',
  title: 'ElastiCache, MemoryDB and DAX encrypt data at rest',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: [
    'aws_elasticache_replication_group',
    'aws_elasticache_cluster',
    'aws_elasticache_serverless_cache',
    'aws_memorydb_cluster',
    'aws_memorydb_snapshot',
    'aws_dax_cluster',
  ],
  rationale:
    'Caches keep ePHI in memory and write it to disk in swap, backups and snapshots (164.312(a)(2)(iv)). ElastiCache replication groups on the Redis OSS engine are unencrypted at rest unless at_rest_encryption_enabled = true (Valkey defaults to encrypted); standalone cache clusters and node-based Memcached cannot encrypt at rest at all; DAX clusters are unencrypted unless server_side_encryption is enabled. Serverless ElastiCache and MemoryDB always encrypt, by default with AWS-owned or AWS-managed keys, so planwarden asks for a customer-managed key by default (DAX offers no key choice); requireCustomerManagedKey = false accepts the AWS keys.',
  remediation: 'Set at_rest_encryption_enabled = true (replication groups) or server_side_encryption { enabled = true } (DAX), and kms_key_id / kms_key_arn to a customer-managed aws_kms_key.',
  params: customerKeyParam(true, 'the AWS-owned and AWS-managed ElastiCache and MemoryDB keys'),
  docs: {
    defaults:
      'Provider 5.x: aws_elasticache_replication_group.at_rest_encryption_enabled is computed (unknown when omitted; false for engine redis, true for valkey) and kms_key_id is null when omitted (AWS-owned key); serverless kms_key_id and MemoryDB kms_key_arn null = AWS-owned/managed key; aws_dax_cluster.server_side_encryption is absent (disabled) unless declared.',
    anchors: ['cdk-nag AwsSolutions-AEC3, AwsSolutions-DDB4', 'Checkov CKV_AWS_29, CKV_AWS_191, CKV_AWS_201, CKV_AWS_278, CKV_AWS_47'],
    example: {
      fail: 'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id = "sessions"\n  description          = "sessions"\n  engine               = "redis"\n}',
      pass: 'resource "aws_elasticache_replication_group" "sessions" {\n  replication_group_id       = "sessions"\n  description                = "sessions"\n  engine                     = "redis"\n  at_rest_encryption_enabled = true\n  kms_key_id                 = aws_kms_key.cache.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    switch (instance.type) {
      case 'aws_elasticache_replication_group':
        return judgeReplicationGroup(instance, ctx);
      case 'aws_elasticache_cluster':
        return judgeCacheCluster(instance);
      case 'aws_dax_cluster':
        return judgeDax(instance);
      case 'aws_elasticache_serverless_cache':
        return judgeKey({ instance, path: 'kms_key_id', serviceDefault: AWS_OWNED, defaultEncrypts: true, ...keys, computed: false });
      default:
        return judgeKey({ instance, path: 'kms_key_arn', serviceDefault: 'the AWS-managed MemoryDB key', defaultEncrypts: true, ...keys, computed: false });
    }
  },
};
