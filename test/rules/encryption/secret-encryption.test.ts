import { secretEncryption } from '../../../policies/rules/encryption/secret-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATA, MANAGED } from './fixtures';

const S = 'aws_secretsmanager_secret';

ruleTester(secretEncryption, {
  valid: [
    { name: 'CMK from the same plan', plan: plan().resource(S, 's', { unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.secrets.arn'] } }) },
    { name: 'CMK and a replica with its own key', plan: plan().resource(S, 's', { values: { kms_key_id: 'alias/secrets', replica: [{ region: 'us-west-2', kms_key_id: 'alias/secrets-west' }] } }) },
    { name: 'aws/secretsmanager accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(S, 's', { values: { kms_key_id: null } }) },
    { name: 'real plan: CMK secret', plan: DATA, addresses: [`${S}.cmk_ok`] },
  ],
  invalid: [
    { name: 'no key', plan: plan().resource(S, 's', { values: { kms_key_id: null } }), findings: [{ address: `${S}.s`, attribute: 'kms_key_id', message: 'aws/secretsmanager' }] },
    { name: 'alias/aws/secretsmanager named in a module', plan: plan().resource(S, 's', { module: 'module.app["api"]', values: { kms_key_id: 'alias/aws/secretsmanager' } }), findings: [{ address: `module.app["api"].${S}.s`, message: 'AWS-managed' }] },
    { name: 'real plan: default key', plan: DATA, findings: [{ address: `${S}.default_key_bad`, attribute: 'kms_key_id' }] },
    { name: 'real plan: replica region without a key', plan: MANAGED, findings: [{ address: `${S}.replica_default_key_bad`, attribute: 'replica.kms_key_id', message: 'replica in us-west-2' }] },
  ],
});
