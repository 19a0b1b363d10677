import { backupVaultEncryption } from '../../../policies/rules/encryption/backup-vault-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATA, MANAGED } from './fixtures';

const V = 'aws_backup_vault';

ruleTester(backupVaultEncryption, {
  valid: [
    { name: 'CMK from the same plan', plan: plan().resource(V, 'v', { unknown: ['kms_key_arn'], refs: { kms_key_arn: ['aws_kms_key.backup.arn', 'aws_kms_key.backup'] } }) },
    { name: 'aws/backup accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(V, 'v', { unknown: ['kms_key_arn'] }) },
    { name: 'real plan: CMK vault', plan: DATA, addresses: [`${V}.cmk_ok`] },
    { name: 'real plan: for_each module given a key', plan: MANAGED, addresses: [`module.messaging["orders"].${V}.this`, `module.messaging["claims"].${V}.this`] },
  ],
  invalid: [
    { name: 'no key (computed, unknown, no reference)', plan: plan().resource(V, 'v', { unknown: ['kms_key_arn'] }), findings: [{ address: `${V}.v`, attribute: 'kms_key_arn', message: 'aws/backup' }] },
    { name: 'existing vault on aws/backup (known ARN of the alias)', plan: plan().resource(V, 'v', { action: 'no-op', values: { kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:alias/aws/backup' } }), findings: [{ address: `${V}.v`, message: 'AWS-managed' }] },
    { name: 'real plan: default key', plan: DATA, findings: [{ address: `${V}.default_key_bad`, attribute: 'kms_key_arn' }] },
    { name: 'real plan: key variable left null in a module', plan: MANAGED, findings: [{ address: `module.messaging_default.${V}.this`, status: 'unknown', message: 'var.kms_key_arn' }] },
  ],
});
