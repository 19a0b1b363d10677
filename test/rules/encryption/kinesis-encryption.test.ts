import { kinesisEncryption } from '../../../policies/rules/encryption/kinesis-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MESSAGING, SEARCH_STREAMS } from './fixtures';

const KS = 'aws_kinesis_stream';
const FH = 'aws_kinesis_firehose_delivery_stream';

ruleTester(kinesisEncryption, {
  valid: [
    { name: 'stream with KMS and a CMK', plan: plan().resource(KS, 's', { values: { encryption_type: 'KMS' }, unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.k.arn'] } }) },
    { name: 'stream with alias/aws/kinesis (AWS keys allowed by default)', plan: plan().resource(KS, 's', { values: { encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' } }) },
    { name: 'Direct PUT Firehose with the AWS-owned key', plan: plan().resource(FH, 'f', { values: { destination: 'extended_s3', server_side_encryption: [{ enabled: true, key_type: 'AWS_OWNED_CMK' }] } }) },
    { name: 'Firehose reading from a Kinesis stream (source encryption applies)', plan: plan().resource(FH, 'f', { values: { kinesis_source_configuration: [{ kinesis_stream_arn: 'arn:aws:kinesis:us-east-1:111122223333:stream/s' }], server_side_encryption: [] } }) },
    {
      name: 'Firehose with a CMK in a module, customer-managed key required',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource(FH, 'f', { module: 'module.ingest["vitals"]', values: { server_side_encryption: [{ enabled: true, key_type: 'CUSTOMER_MANAGED_CMK' }] }, unknown: ['server_side_encryption.0.key_arn'], refs: { 'server_side_encryption.key_arn': ['var.key_arn'] } }).moduleCall('module.ingest', { inputs: { key_arn: ['aws_kms_key.k.arn'] } }).resource('aws_kms_key', 'k', { unknown: ['arn'] }),
    },
    { name: 'real plan: KMS stream', plan: SEARCH_STREAMS, addresses: [`${KS}.kms_ok`] },
    { name: 'real plan: Firehose with a CMK', plan: MESSAGING, addresses: [`${FH}.sse_cmk_ok`] },
  ],
  invalid: [
    { name: 'stream with encryption_type NONE (the default)', plan: plan().resource(KS, 's', { values: { encryption_type: 'NONE', kms_key_id: null } }), findings: [{ address: `${KS}.s`, attribute: 'encryption_type', message: 'set encryption_type = "KMS"' }] },
    { name: 'stream encryption_type known only after apply', plan: plan().resource(KS, 's', { unknown: ['encryption_type'], refs: { encryption_type: ['var.type'] } }), findings: [{ address: `${KS}.s`, status: 'unknown' }] },
    { name: 'AWS-managed stream key when a CMK is required', params: { requireCustomerManagedKey: true }, plan: plan().resource(KS, 's', { values: { encryption_type: 'KMS', kms_key_id: 'alias/aws/kinesis' } }), findings: [{ address: `${KS}.s`, attribute: 'kms_key_id', message: 'AWS-managed' }] },
    { name: 'Firehose without server-side encryption', plan: plan().resource(FH, 'f', { values: { destination: 'extended_s3', server_side_encryption: [] } }), findings: [{ address: `${FH}.f`, attribute: 'server_side_encryption.enabled' }] },
    { name: 'Firehose AWS-owned key when a CMK is required', params: { requireCustomerManagedKey: true }, plan: plan().resource(FH, 'f', { values: { server_side_encryption: [{ enabled: true, key_type: 'AWS_OWNED_CMK' }] } }), findings: [{ address: `${FH}.f`, attribute: 'server_side_encryption.key_type' }] },
    { name: 'real plan: stream left at NONE', plan: SEARCH_STREAMS, findings: [{ address: `${KS}.unencrypted_bad`, message: '"NONE"' }] },
    { name: 'real plan: Firehose without SSE', plan: MESSAGING, findings: [{ address: `${FH}.unencrypted_bad`, attribute: 'server_side_encryption.enabled' }] },
  ],
});
