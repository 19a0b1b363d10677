import { serviceKeyEncryption } from '../../../policies/rules/encryption/service-key-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MANAGED } from './fixtures';

const policy = (body: Record<string, unknown>) => ({ type: 'encryption', name: 'p', policy: JSON.stringify({ Rules: [{ ResourceType: 'collection', Resource: ['collection/x'] }], ...body }) });

ruleTester(serviceKeyEncryption, {
  valid: [
    { name: 'Timestream with a CMK from the same plan', plan: plan().resource('aws_timestreamwrite_database', 'd', { unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.ts.arn'] } }) },
    { name: 'Keyspaces with a customer-managed key', plan: plan().resource('aws_keyspaces_table', 't', { values: { encryption_specification: [{ type: 'CUSTOMER_MANAGED_KMS_KEY', kms_key_identifier: 'arn:aws:kms:us-east-1:111122223333:key/1' }] } }) },
    { name: 'Lambda without environment variables is not judged', plan: plan().resource('aws_lambda_function', 'f', { values: { environment: [], kms_key_arn: null } }) },
    { name: 'FSx for Lustre SCRATCH_2 (no key choice)', plan: plan().resource('aws_fsx_lustre_file_system', 'f', { values: { deployment_type: 'SCRATCH_2' }, unknown: ['kms_key_id'] }) },
    { name: 'OpenSearch Serverless policy with a KmsARN', plan: plan().resource('aws_opensearchserverless_security_policy', 'p', { values: policy({ AWSOwnedKey: false, KmsARN: 'arn:aws:kms:us-east-1:111122223333:key/1' }) }) },
    { name: 'OpenSearch Serverless network policy is not judged', plan: plan().resource('aws_opensearchserverless_security_policy', 'p', { values: { type: 'network', policy: '[]' } }) },
    { name: 'AWS keys accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource('aws_qldb_ledger', 'l', { values: { kms_key: 'AWS_OWNED_KMS_KEY' } }).resource('aws_dms_replication_instance', 'r', { unknown: ['kms_key_arn'] }) },
    {
      name: 'real plan: CMK Timestream, QLDB, Lambda; scratch Lustre; serverless policy with a key; Lambda without variables',
      plan: MANAGED,
      addresses: [
        'aws_timestreamwrite_database.cmk_ok',
        'aws_qldb_ledger.cmk_ok',
        'aws_lambda_function.env_cmk_ok',
        'aws_lambda_function.no_environment_ok',
        'aws_fsx_lustre_file_system.scratch_ok',
        'aws_opensearchserverless_security_policy.cmk_ok',
      ],
    },
  ],
  invalid: [
    { name: 'Kinesis Video without a key', plan: plan().resource('aws_kinesis_video_stream', 'v', { unknown: ['kms_key_id'] }), findings: [{ address: 'aws_kinesis_video_stream.v', attribute: 'kms_key_id', message: 'aws/kinesisvideo' }] },
    { name: 'QLDB on AWS_OWNED_KMS_KEY', plan: plan().resource('aws_qldb_ledger', 'l', { values: { kms_key: 'AWS_OWNED_KMS_KEY' } }), findings: [{ address: 'aws_qldb_ledger.l', attribute: 'kms_key' }] },
    { name: 'Keyspaces on the AWS-owned key', plan: plan().resource('aws_keyspaces_table', 't', { values: { encryption_specification: [{ type: 'AWS_OWNED_KMS_KEY' }] } }), findings: [{ address: 'aws_keyspaces_table.t', attribute: 'encryption_specification.type' }] },
    { name: 'FSx for Windows in a module without a key', plan: plan().resource('aws_fsx_windows_file_system', 'f', { module: 'module.shares["hr"]', unknown: ['kms_key_id'] }), findings: [{ address: 'module.shares["hr"].aws_fsx_windows_file_system.f', message: 'aws/fsx' }] },
    { name: 'CodeBuild with artifact encryption disabled, even with AWS keys allowed', params: { requireCustomerManagedKey: false }, plan: plan().resource('aws_codebuild_project', 'p', { values: { artifacts: [{ type: 'S3', encryption_disabled: true }] }, unknown: ['encryption_key'] }), findings: [{ address: 'aws_codebuild_project.p', attribute: 'artifacts.encryption_disabled' }] },
    { name: 'Lambda environment from a variable, key from an unset module variable', plan: plan().resource('aws_lambda_function', 'f', { module: 'module.fn', values: { environment: [{ variables: { A: 'b' } }] }, unknown: ['kms_key_arn'], refs: { kms_key_arn: ['var.kms_key_arn'] } }).moduleCall('module.fn'), findings: [{ address: 'module.fn.aws_lambda_function.f', status: 'unknown', message: 'var.kms_key_arn' }] },
    { name: 'OpenSearch Serverless policy known only after apply', plan: plan().resource('aws_opensearchserverless_security_policy', 'p', { values: { type: 'encryption' }, unknown: ['policy'], refs: { policy: ['local.policy'] } }), findings: [{ address: 'aws_opensearchserverless_security_policy.p', status: 'unknown' }] },
    {
      name: 'real plan: AWS keys everywhere they are the default',
      plan: MANAGED,
      findings: [
        { address: 'aws_timestreamwrite_database.default_key_bad', attribute: 'kms_key_id' },
        { address: 'aws_qldb_ledger.aws_owned_bad', attribute: 'kms_key' },
        { address: 'aws_kinesis_video_stream.default_key_bad', attribute: 'kms_key_id' },
        { address: 'aws_fsx_lustre_file_system.persistent_default_bad', attribute: 'kms_key_id' },
        { address: 'aws_lambda_function.env_default_key_bad', attribute: 'kms_key_arn' },
        { address: 'aws_opensearchserverless_security_policy.aws_owned_bad', attribute: 'policy', message: 'AWSOwnedKey' },
      ],
    },
  ],
});
