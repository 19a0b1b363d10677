import { logStoreEncryption } from '../../../policies/rules/encryption/log-store-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { fixture, MANAGED } from './fixtures';

const LG = 'aws_cloudwatch_log_group';
const CT = 'aws_cloudtrail';

ruleTester(logStoreEncryption, {
  valid: [
    { name: 'log group with a CMK from the same plan', plan: plan().resource(LG, 'g', { values: { name: '/app' }, unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.logs.arn'] } }) },
    { name: 'trail with a literal key ARN', plan: plan().resource(CT, 't', { values: { kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1' } }) },
    { name: 'service defaults accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(LG, 'g', { values: { kms_key_id: null } }).resource(CT, 't', { values: { kms_key_id: null } }) },
    { name: 'real plan: KMS log group', plan: fixture('logs-retention'), addresses: [`${LG}.kms_encrypted_ok`] },
    { name: 'real plan: CMK trail and log group', plan: MANAGED, addresses: [`${CT}.cmk_ok`, `${LG}.cmk_ok`] },
  ],
  invalid: [
    { name: 'log group without a key', plan: plan().resource(LG, 'g', { values: { name: '/app', kms_key_id: null } }), findings: [{ address: `${LG}.g`, attribute: 'kms_key_id', message: "CloudWatch Logs' own" }] },
    { name: 'trail in a module without a key', plan: plan().resource(CT, 't', { module: 'module.audit["org"]', values: { kms_key_id: null } }), findings: [{ address: `module.audit["org"].${CT}.t`, message: 'SSE-S3' }] },
    { name: 'event data store without a key', plan: plan().resource('aws_cloudtrail_event_data_store', 'e', { values: {} }), findings: [{ address: 'aws_cloudtrail_event_data_store.e', message: 'AWS-owned' }] },
    {
      name: 'real plan: default trail, event data store and log group',
      plan: MANAGED,
      findings: [
        { address: `${CT}.default_bad`, attribute: 'kms_key_id' },
        { address: 'aws_cloudtrail_event_data_store.default_bad', attribute: 'kms_key_id' },
        { address: `${LG}.default_bad`, attribute: 'kms_key_id' },
      ],
    },
  ],
});
