/**
 * ENC-005: RDS DB instances encrypt their storage. Aurora instances are skipped: the cluster
 * decides their encryption (ENC-006). Read replicas, snapshot restores and point-in-time
 * restores take their encryption from the source, which the rule follows through the plan.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { skip } from '../support';
import { customerKeyParam } from './key-requirement';
import { knownString } from './read';
import { storageOutcome } from './storage-outcome';
import { storageState } from './storage-state';

export const rdsInstanceEncryption: Rule = {
  id: 'ENC-005',
  title: 'RDS DB instances encrypt their storage',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_db_instance'],
  rationale:
    'A database holding ePHI must encrypt its storage, its automated backups, snapshots and replicas (164.312(a)(2)(iv)); RDS can only encrypt an instance when it is created, so the plan is the place to catch it. RDS instances are unencrypted unless storage_encrypted = true, or the instance is a replica or restore of an encrypted source. Encrypted instances use the AWS-managed aws/rds key unless kms_key_id names another; requireCustomerManagedKey asks for a customer-managed one.',
  remediation: 'Set storage_encrypted = true (and kms_key_id to a customer-managed aws_kms_key). An existing unencrypted instance must be migrated through an encrypted snapshot copy.',
  params: customerKeyParam(false, 'the AWS-managed aws/rds key'),
  docs: {
    defaults:
      'Provider 5.x: storage_encrypted is optional and not computed, so the plan shows null when it is omitted; snapshot_identifier and kms_key_id are computed (unknown when omitted). AWS: CreateDBInstance leaves storage unencrypted by default; same-region read replicas and restores inherit the source\'s encryption; Aurora instances follow their cluster.',
    anchors: ['cdk-nag RDSStorageEncrypted', 'AWS Config rds-storage-encrypted', 'Checkov CKV_AWS_16'],
    example: {
      fail: 'resource "aws_db_instance" "records" {\n  engine         = "postgres"\n  instance_class = "db.t4g.micro"\n  # storage_encrypted omitted: unencrypted\n}',
      pass: 'resource "aws_db_instance" "records" {\n  engine            = "postgres"\n  instance_class    = "db.t4g.micro"\n  storage_encrypted = true\n  kms_key_id        = aws_kms_key.db.arn\n}',
    },
  },
  check(db: ResourceInstance, ctx: RuleContext): Outcome {
    const engine = knownString(db.attr('engine'));
    if (engine !== undefined && engine.startsWith('aurora')) return skip(`${db.address} is an Aurora instance; its cluster decides encryption (ENC-006)`);
    return storageOutcome({
      instance: db,
      ctx,
      state: storageState(db, ctx.graph),
      fix: 'storage_encrypted = true',
      keyAttribute: 'kms_key_id',
      serviceDefault: 'the AWS-managed aws/rds key',
    });
  },
};
