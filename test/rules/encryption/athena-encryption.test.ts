import { athenaEncryption } from '../../../policies/rules/encryption/athena-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATA, MANAGED } from './fixtures';

const WG = 'aws_athena_workgroup';
const workgroup = (option: string | null, enforce = true) => ({
  configuration: [{ enforce_workgroup_configuration: enforce, result_configuration: [{ encryption_configuration: option === null ? [] : [{ encryption_option: option, kms_key_arn: option === 'SSE_S3' ? null : 'alias/athena' }] }] }],
});

ruleTester(athenaEncryption, {
  valid: [
    { name: 'SSE_KMS with a CMK, enforced', plan: plan().resource(WG, 'w', { values: workgroup('SSE_KMS') }) },
    { name: 'CSE_KMS with a CMK', plan: plan().resource(WG, 'w', { values: workgroup('CSE_KMS') }) },
    { name: 'SSE_S3 accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(WG, 'w', { values: workgroup('SSE_S3') }) },
    { name: 'database with SSE_KMS', plan: plan().resource('aws_athena_database', 'd', { values: { encryption_configuration: [{ encryption_option: 'SSE_KMS', kms_key: 'alias/athena' }] } }) },
    { name: 'real plan: enforced SSE_KMS', plan: DATA, addresses: [`${WG}.sse_kms_enforced_ok`] },
  ],
  invalid: [
    { name: 'no result encryption', plan: plan().resource(WG, 'w', { values: workgroup(null) }), findings: [{ address: `${WG}.w`, attribute: 'configuration.result_configuration.encryption_configuration.encryption_option', message: "output bucket's default" }] },
    { name: 'SSE_S3', plan: plan().resource(WG, 'w', { module: 'module.analytics["bi"]', values: workgroup('SSE_S3') }), findings: [{ address: `module.analytics["bi"].${WG}.w`, message: 'SSE_S3' }] },
    { name: 'not enforced, even with AWS keys allowed', params: { requireCustomerManagedKey: false }, plan: plan().resource(WG, 'w', { values: workgroup('SSE_KMS', false) }), findings: [{ address: `${WG}.w`, attribute: 'configuration.enforce_workgroup_configuration' }] },
    {
      name: 'real plan: no encryption, not enforced',
      plan: DATA,
      findings: [
        { address: `${WG}.no_encryption_bad`, attribute: 'configuration.result_configuration.encryption_configuration.encryption_option' },
        { address: `${WG}.no_encryption_bad`, attribute: 'configuration.enforce_workgroup_configuration' },
      ],
    },
    { name: 'real plan: database with SSE_S3', plan: MANAGED, findings: [{ address: 'aws_athena_database.sse_s3_bad', message: 'SSE_S3' }] },
  ],
});
