import { emrEncryption } from '../../../policies/rules/encryption/emr-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MANAGED } from './fixtures';

const SC = 'aws_emr_security_configuration';
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1';
const configuration = (atRest: Record<string, unknown>, enabled = true) =>
  JSON.stringify({ EncryptionConfiguration: { EnableInTransitEncryption: false, EnableAtRestEncryption: enabled, AtRestEncryptionConfiguration: atRest } });
const localDisk = { EncryptionKeyProviderType: 'AwsKms', AwsKmsKey: KEY, EnableEbsEncryption: true };

ruleTester(emrEncryption, {
  valid: [
    { name: 'KMS for local disks, EBS and EMRFS', plan: plan().resource(SC, 'c', { values: { configuration: configuration({ LocalDiskEncryptionConfiguration: localDisk, S3EncryptionConfiguration: { EncryptionMode: 'SSE-KMS', AwsKmsKey: KEY } }) } }) },
    { name: 'SSE-S3 for EMRFS when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(SC, 'c', { values: { configuration: configuration({ LocalDiskEncryptionConfiguration: localDisk, S3EncryptionConfiguration: { EncryptionMode: 'SSE-S3' } }) } }) },
    {
      name: 'cluster in a module using a configuration from the root module',
      plan: plan()
        .resource(SC, 'c', { values: { name: 'secure', configuration: configuration({ LocalDiskEncryptionConfiguration: localDisk, S3EncryptionConfiguration: { EncryptionMode: 'CSE-KMS', AwsKmsKey: KEY } }) } })
        .moduleCall('module.jobs', { inputs: { security_configuration: ['aws_emr_security_configuration.c.name', 'aws_emr_security_configuration.c'] } })
        .resource('aws_emr_cluster', 'this', { module: 'module.jobs', values: { security_configuration: 'secure' }, refs: { security_configuration: ['var.security_configuration'] } }),
    },
    { name: 'real plan: secured cluster and its configuration', plan: MANAGED, addresses: ['aws_emr_cluster.secured_ok', `${SC}.kms_ok`] },
  ],
  invalid: [
    { name: 'at-rest encryption not enabled', plan: plan().resource(SC, 'c', { values: { configuration: configuration({}, false) } }), findings: [{ address: `${SC}.c`, message: 'EnableAtRestEncryption' }] },
    {
      name: 'EBS volumes left out, EMRFS on SSE-S3',
      plan: plan().resource(SC, 'c', { values: { configuration: configuration({ LocalDiskEncryptionConfiguration: { ...localDisk, EnableEbsEncryption: false }, S3EncryptionConfiguration: { EncryptionMode: 'SSE-S3' } }) } }),
      findings: [
        { address: `${SC}.c`, message: 'EnableEbsEncryption = true' },
        { address: `${SC}.c`, message: 'SSE-S3' },
      ],
    },
    { name: 'configuration known only after apply', plan: plan().resource(SC, 'c', { unknown: ['configuration'], refs: { configuration: ['local.emr'] } }), findings: [{ address: `${SC}.c`, status: 'unknown' }] },
    { name: 'cluster naming a configuration outside the plan', plan: plan().resource('aws_emr_cluster', 'c', { values: { security_configuration: 'shared-config' } }), findings: [{ address: 'aws_emr_cluster.c', status: 'unknown' }] },
    {
      name: 'real plan: no security configuration, configuration without local disk encryption',
      plan: MANAGED,
      findings: [
        { address: 'aws_emr_cluster.no_security_configuration_bad', attribute: 'security_configuration' },
        { address: `${SC}.s3_only_bad`, message: 'LocalDiskEncryptionConfiguration' },
      ],
    },
  ],
});
