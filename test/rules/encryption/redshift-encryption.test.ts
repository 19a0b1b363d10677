import { redshiftEncryption } from '../../../policies/rules/encryption/redshift-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, MANAGED } from './fixtures';

const RS = 'aws_redshift_cluster';

ruleTester(redshiftEncryption, {
  valid: [
    { name: 'encrypted with a CMK', plan: plan().resource(RS, 'c', { values: { encrypted: true }, unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.k.arn'] } }) },
    { name: 'encrypted with an AWS key when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(RS, 'c', { values: { encrypted: true }, unknown: ['kms_key_id'] }) },
    { name: 'Serverless namespace with a CMK in a module', plan: plan().resource('aws_redshiftserverless_namespace', 'n', { module: 'module.wh["a"]', values: { kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1' } }) },
    { name: 'real plan: encrypted cluster', plan: DATABASES, addresses: [`${RS}.encrypted_ok`] },
    { name: 'real plan: Serverless namespace with a CMK', plan: MANAGED, addresses: ['aws_redshiftserverless_namespace.cmk_ok'] },
  ],
  invalid: [
    { name: 'new cluster with encrypted = false (provider default)', plan: plan().resource(RS, 'c', { values: { encrypted: false } }), findings: [{ address: `${RS}.c`, attribute: 'encrypted', message: 'since 2025-01-10' }] },
    { name: 'existing cluster with encrypted = false', plan: plan().resource(RS, 'c', { action: 'no-op', values: { encrypted: false } }), findings: [{ address: `${RS}.c`, message: 'may be unencrypted' }] },
    { name: 'encrypted known only after apply', plan: plan().resource(RS, 'c', { unknown: ['encrypted'], refs: { encrypted: ['var.enc'] } }), findings: [{ address: `${RS}.c`, status: 'unknown' }] },
    { name: 'encrypted with an AWS key', plan: plan().resource(RS, 'c', { values: { encrypted: true }, unknown: ['kms_key_id'] }), findings: [{ address: `${RS}.c`, attribute: 'kms_key_id' }] },
    { name: 'snapshot copy grant on aws/redshift', plan: plan().resource('aws_redshift_snapshot_copy_grant', 'g', { values: { snapshot_copy_grant_name: 'g' }, unknown: ['kms_key_id'] }), findings: [{ address: 'aws_redshift_snapshot_copy_grant.g', attribute: 'kms_key_id' }] },
    { name: 'real plan: defaults', plan: DATABASES, findings: [{ address: `${RS}.unencrypted_bad`, message: 'has encrypted = false' }] },
    { name: 'real plan: Serverless namespace on the default key', plan: MANAGED, findings: [{ address: 'aws_redshiftserverless_namespace.default_key_bad', attribute: 'kms_key_id' }] },
  ],
});
