import { glueEncryption } from '../../../policies/rules/encryption/glue-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATA, MANAGED } from './fixtures';

const SC = 'aws_glue_security_configuration';
const CAT = 'aws_glue_data_catalog_encryption_settings';
const config = (s3: string, key = 'alias/etl') => ({
  encryption_configuration: [
    {
      cloudwatch_encryption: [{ cloudwatch_encryption_mode: 'SSE-KMS', kms_key_arn: key }],
      job_bookmarks_encryption: [{ job_bookmarks_encryption_mode: 'CSE-KMS', kms_key_arn: key }],
      s3_encryption: [{ s3_encryption_mode: s3, kms_key_arn: s3 === 'SSE-KMS' ? key : null }],
    },
  ],
});
const catalog = (mode: string, passwords: boolean) => ({
  data_catalog_encryption_settings: [{ encryption_at_rest: [{ catalog_encryption_mode: mode, sse_aws_kms_key_id: 'alias/glue-cmk' }], connection_password_encryption: [{ return_connection_password_encrypted: passwords, aws_kms_key_id: 'alias/glue-cmk' }] }],
});

ruleTester(glueEncryption, {
  valid: [
    { name: 'all three settings with KMS', plan: plan().resource(SC, 'c', { values: config('SSE-KMS') }) },
    { name: 'SSE-S3 job output accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(SC, 'c', { values: config('SSE-S3') }) },
    { name: 'catalog encrypted, passwords encrypted', plan: plan().resource(CAT, 'c', { values: catalog('SSE-KMS', true) }) },
    { name: 'real plan: KMS security configuration', plan: DATA, addresses: [`${SC}.kms_ok`] },
  ],
  invalid: [
    { name: 'SSE-S3 job output', plan: plan().resource(SC, 'c', { values: config('SSE-S3') }), findings: [{ address: `${SC}.c`, attribute: 'encryption_configuration.s3_encryption.s3_encryption_mode', message: 'does not encrypt job output in S3 with a KMS key' }] },
    {
      name: 'KMS modes without keys in a module',
      plan: plan().resource(SC, 'c', { module: 'module.etl["nightly"]', values: config('SSE-KMS', '') }),
      findings: [
        { address: `module.etl["nightly"].${SC}.c`, attribute: 'encryption_configuration.cloudwatch_encryption.kms_key_arn' },
        { address: `module.etl["nightly"].${SC}.c`, attribute: 'encryption_configuration.job_bookmarks_encryption.kms_key_arn' },
        { address: `module.etl["nightly"].${SC}.c`, attribute: 'encryption_configuration.s3_encryption.kms_key_arn' },
      ],
    },
    { name: 'catalog on aws/glue', plan: plan().resource(CAT, 'c', { values: { data_catalog_encryption_settings: [{ encryption_at_rest: [{ catalog_encryption_mode: 'SSE-KMS' }], connection_password_encryption: [{ return_connection_password_encrypted: true, aws_kms_key_id: 'alias/glue-cmk' }] }] } }), findings: [{ address: `${CAT}.c`, message: 'aws/glue' }] },
    {
      name: 'real plan: all three DISABLED',
      plan: DATA,
      findings: [
        { address: `${SC}.disabled_bad`, attribute: 'encryption_configuration.cloudwatch_encryption.cloudwatch_encryption_mode' },
        { address: `${SC}.disabled_bad`, attribute: 'encryption_configuration.job_bookmarks_encryption.job_bookmarks_encryption_mode' },
        { address: `${SC}.disabled_bad`, attribute: 'encryption_configuration.s3_encryption.s3_encryption_mode' },
      ],
    },
    {
      name: 'real plan: catalog DISABLED and passwords in clear',
      plan: MANAGED,
      findings: [
        { address: `${CAT}.disabled_bad`, message: 'Data Catalog unencrypted' },
        { address: `${CAT}.disabled_bad`, message: 'connection passwords unencrypted' },
      ],
    },
  ],
});
