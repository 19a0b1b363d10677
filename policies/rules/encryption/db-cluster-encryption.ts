/**
 * ENC-006: database clusters encrypt their storage — Aurora and Multi-AZ RDS clusters,
 * DocumentDB and Neptune clusters, and their global clusters. Members of a global cluster,
 * replicas and restores take their encryption from the source, which the rule follows.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { customerKeyParam } from './key-requirement';
import { storageOutcome } from './storage-outcome';
import { storageState } from './storage-state';

const GLOBAL_TYPES = new Set(['aws_rds_global_cluster', 'aws_docdb_global_cluster', 'aws_neptune_global_cluster']);

export const dbClusterEncryption: Rule = {
  id: 'ENC-006',
  title: 'Aurora, DocumentDB and Neptune clusters encrypt their storage',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_rds_cluster', 'aws_rds_global_cluster', 'aws_docdb_cluster', 'aws_docdb_global_cluster', 'aws_neptune_cluster', 'aws_neptune_global_cluster'],
  rationale:
    'Cluster storage, its backups and snapshots hold ePHI and must be encrypted (164.312(a)(2)(iv)); encryption can only be chosen when the cluster is created. Aurora (provisioned), Multi-AZ RDS, DocumentDB and Neptune clusters are unencrypted unless storage_encrypted = true (Aurora Serverless v1 always encrypts); a global-cluster member, replica or restore inherits its source. Encrypted clusters use the service\'s AWS-managed key unless a key is named; requireCustomerManagedKey asks for a customer-managed one.',
  remediation: 'Set storage_encrypted = true and kms_key_id (kms_key_arn for Neptune) to a customer-managed aws_kms_key.',
  params: customerKeyParam(false, "the service's AWS-managed key (aws/rds)"),
  docs: {
    defaults:
      'Provider 5.x: aws_rds_cluster.storage_encrypted is computed (unknown when omitted; AWS default false for provisioned, true for engine_mode = "serverless"); aws_docdb_cluster and aws_neptune_cluster storage_encrypted are optional with default false (null in the plan); global clusters default to unencrypted unless created from an encrypted source_db_cluster_identifier.',
    anchors: [
      'cdk-nag RDSStorageEncrypted',
      'AWS Config rds-storage-encrypted',
      'cdk-nag AwsSolutions-DOC1, AwsSolutions-N4',
      'Checkov CKV_AWS_96, CKV_AWS_140, CKV_AWS_327, CKV_AWS_74, CKV_AWS_182, CKV_AWS_292, CKV_AWS_44, CKV_AWS_347',
    ],
    example: {
      fail: 'resource "aws_rds_cluster" "records" {\n  engine = "aurora-postgresql"\n  # storage_encrypted omitted: unencrypted\n}',
      pass: 'resource "aws_rds_cluster" "records" {\n  engine            = "aurora-postgresql"\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.db.arn\n}',
    },
  },
  check(cluster: ResourceInstance, ctx: RuleContext): Outcome {
    const keyAttribute = GLOBAL_TYPES.has(cluster.type) ? undefined : cluster.type === 'aws_neptune_cluster' ? 'kms_key_arn' : 'kms_key_id';
    return storageOutcome({
      instance: cluster,
      ctx,
      state: storageState(cluster, ctx.graph),
      fix: 'storage_encrypted = true',
      keyAttribute,
      serviceDefault: "the service's AWS-managed key (aws/rds)",
    });
  },
};
