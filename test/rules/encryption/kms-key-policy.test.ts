import { kmsKeyPolicy } from '../../../policies/rules/encryption/kms-key-policy';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { COMPUTE, MANAGED } from './fixtures';

const K = 'aws_kms_key';
const doc = (...Statement: Array<Record<string, unknown>>) => JSON.stringify({ Version: '2012-10-17', Statement });
const root = { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };

ruleTester(kmsKeyPolicy, {
  valid: [
    { name: 'policy omitted (default key policy)', plan: plan().resource(K, 'k', { unknown: ['policy'] }) },
    { name: 'account root only', plan: plan().resource(K, 'k', { values: { policy: doc(root) } }) },
    { name: 'Principal "*" with a condition', plan: plan().resource(K, 'k', { values: { policy: doc(root, { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:CallerAccount': '111122223333' } } }) } }) },
    { name: 'Deny to everyone is fine', plan: plan().resource(K, 'k', { values: { policy: doc(root, { Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' }) } }) },
    { name: 'real plan: rotation key with the default policy', plan: COMPUTE, addresses: [`${K}.rotation_enabled_ok`] },
    { name: 'real plan: account-only policy with a conditioned "*" statement', plan: MANAGED, addresses: ['aws_kms_key_policy.account_only_ok'] },
  ],
  invalid: [
    { name: 'Principal "*" without a condition', plan: plan().resource(K, 'k', { values: { policy: doc({ Sid: 'Open', Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }) } }), findings: [{ address: `${K}.k`, attribute: 'policy', message: 'statement "Open" allows Principal "*"' }] },
    { name: 'AWS "*" in a list, single statement object, in a module', plan: plan().resource(K, 'k', { module: 'module.keys["x"]', values: { policy: JSON.stringify({ Statement: { Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::111122223333:root', '*'] }, Action: 'kms:Decrypt', Resource: '*' } }) } }), findings: [{ address: `module.keys["x"].${K}.k` }] },
    { name: 'NotPrincipal allow', plan: plan().resource('aws_kms_key_policy', 'p', { values: { policy: doc({ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:role/x' }, Action: 'kms:*', Resource: '*' }) } }), findings: [{ address: 'aws_kms_key_policy.p', message: 'NotPrincipal' }] },
    { name: 'policy known only after apply', plan: plan().resource(K, 'k', { unknown: ['policy'], refs: { policy: ['data.aws_iam_policy_document.key.json'] } }), findings: [{ address: `${K}.k`, status: 'unknown' }] },
    { name: 'real plan: Principal "*" kms:*', plan: COMPUTE, findings: [{ address: `${K}.wide_open_policy_bad`, message: 'AnyoneAnything' }] },
    { name: 'real plan: aws_kms_key_policy with AWS "*"', plan: MANAGED, findings: [{ address: 'aws_kms_key_policy.open_bad', message: 'EveryoneDecrypts' }] },
  ],
});
