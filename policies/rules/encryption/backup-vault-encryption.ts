/** ENC-015: AWS Backup vaults encrypt recovery points with a customer-managed key. */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { customerKeyParam, judgeKey, keyContext, keyRemediation } from './key-requirement';

const AWS_MANAGED = 'the AWS-managed aws/backup key';

export const backupVaultEncryption: Rule = {
  id: 'ENC-015',
  title: 'Backup vaults encrypt recovery points with a customer-managed key',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)'],
  resourceTypes: ['aws_backup_vault'],
  rationale:
    'Recovery points are complete copies of ePHI kept for years (164.308(a)(7)(ii)(A)) and must be encrypted (164.312(a)(2)(iv)). AWS Backup always encrypts a vault, by default with aws/backup; with a customer-managed key you decide who can restore and copy backups across accounts, and every decrypt is logged. planwarden asks for one by default; requireCustomerManagedKey = false accepts aws/backup.',
  remediation: keyRemediation('kms_key_arn'),
  params: customerKeyParam(true, AWS_MANAGED),
  docs: {
    defaults: 'Provider 5.x: kms_key_arn is computed (unknown in a plan when omitted); AWS then uses aws/backup. The key cannot be changed after the vault is created.',
    anchors: ['AWS Config backup-recovery-point-encrypted', 'Checkov CKV_AWS_166'],
    example: {
      fail: 'resource "aws_backup_vault" "phi" {\n  name = "phi"\n}',
      pass: 'resource "aws_backup_vault" "phi" {\n  name        = "phi"\n  kms_key_arn = aws_kms_key.backup.arn\n}',
    },
  },
  check(vault: ResourceInstance, ctx: RuleContext): Outcome {
    return judgeKey({ instance: vault, path: 'kms_key_arn', serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keyContext(ctx) });
  },
};
