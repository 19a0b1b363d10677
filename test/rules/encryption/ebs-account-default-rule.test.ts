import { ebsEncryptionByDefault } from '../../../policies/rules/encryption/ebs-account-default-rule';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { EBS_DEFAULT, MANAGED } from './fixtures';

const DEFAULT = 'aws_ebs_encryption_by_default';
const KEY = 'aws_ebs_default_kms_key';

ruleTester(ebsEncryptionByDefault, {
  valid: [
    { name: 'enabled = true', plan: plan().resource(DEFAULT, 'on', { values: { enabled: true } }) },
    { name: 'enabled omitted (provider default true, CDKTF style)', plan: plan().resource(DEFAULT, 'on', { values: {} }) },
    { name: 'default key from a CMK in the same plan', plan: plan().resource(KEY, 'k', { unknown: ['key_arn'], refs: { key_arn: ['aws_kms_key.ebs.arn', 'aws_kms_key.ebs'] } }) },
    { name: 'alias/aws/ebs accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(KEY, 'k', { values: { key_arn: 'alias/aws/ebs' } }) },
    { name: 'real plan: default on with a CMK default key', plan: EBS_DEFAULT, addresses: [`${DEFAULT}.on`, `${KEY}.cmk`] },
  ],
  invalid: [
    { name: 'enabled = false', plan: plan().resource(DEFAULT, 'off', { values: { enabled: false } }), findings: [{ address: `${DEFAULT}.off`, attribute: 'enabled', message: 'set enabled = true' }] },
    { name: 'enabled known only after apply', plan: plan().resource(DEFAULT, 'x', { module: 'module.account["prod"]', unknown: ['enabled'], refs: { enabled: ['var.on'] } }), findings: [{ address: `module.account["prod"].${DEFAULT}.x`, status: 'unknown' }] },
    { name: 'default key is the AWS-managed aws/ebs key', plan: plan().resource(KEY, 'k', { values: { key_arn: 'arn:aws:kms:us-east-1:111122223333:alias/aws/ebs' } }), findings: [{ address: `${KEY}.k`, attribute: 'key_arn', message: 'AWS-managed' }] },
    {
      name: 'real plan: default switched off, AWS-managed default key',
      plan: MANAGED,
      findings: [
        { address: `${DEFAULT}.off_bad`, attribute: 'enabled' },
        { address: `${KEY}.aws_managed_bad`, attribute: 'key_arn' },
      ],
    },
  ],
});
