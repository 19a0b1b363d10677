/**
 * ENC-007: snapshots, snapshot copies and replicated backups planned in Terraform are
 * encrypted. A snapshot is encrypted exactly when its source is; a copy can add encryption by
 * naming a key. The rule follows each one to its source in the plan.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { customerKeyParam } from './key-requirement';
import { storageOutcome } from './storage-outcome';
import { SNAPSHOT_TYPES, snapshotKeyAttribute, storageState } from './storage-state';

export const snapshotEncryption: Rule = {
  id: 'ENC-007',
  title: 'Database and EBS snapshots, copies and replicated backups are encrypted',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)', '164.308(a)(7)(ii)(A)'],
  resourceTypes: [...SNAPSHOT_TYPES],
  rationale:
    'Backups are copies of ePHI and need the same encryption at rest (164.312(a)(2)(iv), with the backup plan of 164.308(a)(7)(ii)(A)). A snapshot of an unencrypted database or volume is unencrypted, and so is a copy of it unless the copy names a KMS key (or, for EBS, encryption by default is on); replicated automated backups need a key in the destination region. Copies use the service\'s AWS-managed key unless they name one; requireCustomerManagedKey asks for a customer-managed key where the copy can name it.',
  remediation: 'Encrypt the source database or volume; for copies, set kms_key_id to a customer-managed aws_kms_key (and encrypted = true for EBS snapshot and AMI copies).',
  params: customerKeyParam(false, "the service's AWS-managed key"),
  docs: {
    defaults:
      'Provider 5.x: snapshot encryption attributes (encrypted, storage_encrypted, kms_key_id) are computed from the source and unknown in a create plan; copy resources take an optional kms_key_id (and encrypted for aws_ebs_snapshot_copy / aws_ami_copy, default false). AWS: a snapshot keeps its source\'s encryption; a copy is encrypted if its source is, if it names a key, or (EBS) if encryption by default is on.',
    anchors: [
      'AWS Config rds-snapshot-encrypted',
      'Checkov CKV_AWS_146, CKV_AWS_266, CKV_AWS_245, CKV_AWS_279',
    ],
    example: {
      fail: 'resource "aws_db_snapshot_copy" "dr" {\n  source_db_snapshot_identifier = aws_db_snapshot.nightly.db_snapshot_arn\n  target_db_snapshot_identifier = "nightly-dr"\n  # source unencrypted, no kms_key_id\n}',
      pass: 'resource "aws_db_snapshot_copy" "dr" {\n  source_db_snapshot_identifier = aws_db_snapshot.nightly.db_snapshot_arn\n  target_db_snapshot_identifier = "nightly-dr"\n  kms_key_id                    = aws_kms_key.backup.arn\n}',
    },
  },
  check(snapshot: ResourceInstance, ctx: RuleContext): Outcome {
    const keyAttribute = snapshotKeyAttribute(snapshot.type);
    const isEbsCopy = snapshot.type === 'aws_ebs_snapshot_copy' || snapshot.type === 'aws_ami_copy';
    const fix = keyAttribute ? (isEbsCopy ? 'encrypted = true and kms_key_id' : 'kms_key_id') : 'encryption on its source';
    return storageOutcome({
      instance: snapshot,
      ctx,
      state: storageState(snapshot, ctx.graph),
      fix: keyAttribute ? `${fix} to a customer-managed aws_kms_key` : fix,
      inheritedFix: keyAttribute ? `encrypt that source, or set ${fix} on this copy` : 'encrypt that source (a snapshot cannot add encryption)',
      keyAttribute,
      serviceDefault: "the service's AWS-managed key",
    });
  },
};
