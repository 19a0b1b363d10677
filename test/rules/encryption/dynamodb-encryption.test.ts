import { dynamodbEncryption } from '../../../policies/rules/encryption/dynamodb-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, MANAGED } from './fixtures';

const T = 'aws_dynamodb_table';
const cmk = { server_side_encryption: [{ enabled: true }] };

ruleTester(dynamodbEncryption, {
  valid: [
    { name: 'CMK from the same plan', plan: plan().resource(T, 't', { values: cmk, unknown: ['server_side_encryption.0.kms_key_arn'], refs: { 'server_side_encryption.kms_key_arn': ['aws_kms_key.ddb.arn'] } }) },
    { name: 'CMK by literal ARN, CDKTF-style block object', plan: plan().resource(T, 't', { values: { server_side_encryption: { enabled: true, kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:key/1' } } }) },
    {
      name: 'replica with its own CMK',
      plan: plan().resource(T, 't', {
        values: { server_side_encryption: [{ enabled: true, kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:key/1' }], replica: [{ region_name: 'us-west-2', kms_key_arn: 'arn:aws:kms:us-west-2:111122223333:key/2' }] },
      }),
    },
    { name: 'AWS-owned key accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(T, 't', { unknown: ['server_side_encryption'] }) },
    { name: 'aws_dynamodb_table_replica with a CMK', plan: plan().resource('aws_dynamodb_table_replica', 'r', { unknown: ['kms_key_arn'], refs: { kms_key_arn: ['aws_kms_key.west.arn'] } }) },
    { name: 'real plan: table with a CMK', plan: DATABASES, addresses: [`${T}.cmk_ok`] },
  ],
  invalid: [
    { name: 'no server_side_encryption (AWS-owned key)', plan: plan().resource(T, 't', { unknown: ['server_side_encryption'] }), findings: [{ address: `${T}.t`, attribute: 'server_side_encryption', message: 'AWS-owned' }] },
    { name: 'enabled = false (AWS-owned key)', plan: plan().resource(T, 't', { module: 'module.tables["a"]', values: { server_side_encryption: [{ enabled: false }] } }), findings: [{ address: `module.tables["a"].${T}.t`, message: 'AWS-owned' }] },
    { name: 'enabled without a key (aws/dynamodb)', plan: plan().resource(T, 't', { values: cmk, unknown: ['server_side_encryption.0.kms_key_arn'] }), findings: [{ address: `${T}.t`, attribute: 'server_side_encryption.kms_key_arn', message: 'aws/dynamodb' }] },
    { name: 'enabled known only after apply', plan: plan().resource(T, 't', { values: { server_side_encryption: [{}] }, unknown: ['server_side_encryption.0.enabled'], refs: { 'server_side_encryption.enabled': ['var.sse'] } }), findings: [{ address: `${T}.t`, status: 'unknown' }] },
    { name: 'replica table resource without a key', plan: plan().resource('aws_dynamodb_table_replica', 'r', { unknown: ['kms_key_arn'] }), findings: [{ address: 'aws_dynamodb_table_replica.r', attribute: 'kms_key_arn' }] },
    {
      name: 'real plan: AWS-owned and AWS-managed keys',
      plan: DATABASES,
      findings: [
        { address: `${T}.aws_owned_key_default`, message: 'AWS-owned' },
        { address: `${T}.aws_managed_key`, message: 'aws/dynamodb' },
      ],
    },
    { name: 'real plan: replica region without a key', plan: MANAGED, findings: [{ address: `${T}.replica_default_key_bad`, attribute: 'replica.kms_key_arn', message: 'replica in us-west-2' }] },
  ],
});
