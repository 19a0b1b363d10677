import { ecrEncryption } from '../../../policies/rules/encryption/ecr-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATA } from './fixtures';

const R = 'aws_ecr_repository';

ruleTester(ecrEncryption, {
  valid: [
    { name: 'KMS with a CMK', plan: plan().resource(R, 'r', { values: { encryption_configuration: [{ encryption_type: 'KMS' }] }, unknown: ['encryption_configuration.0.kms_key'], refs: { 'encryption_configuration.kms_key': ['aws_kms_key.ecr.arn'] } }) },
    { name: 'KMS_DSSE with a CMK (CDKTF block object)', plan: plan().resource(R, 'r', { values: { encryption_configuration: { encryption_type: 'KMS_DSSE', kms_key: 'alias/ecr' } } }) },
    { name: 'AES256 default accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(R, 'r', { values: { encryption_configuration: [] } }) },
    { name: 'real plan: KMS repository', plan: DATA, addresses: [`${R}.kms_ok`] },
  ],
  invalid: [
    { name: 'no encryption_configuration (AES256)', plan: plan().resource(R, 'r', { values: { encryption_configuration: [] } }), findings: [{ address: `${R}.r`, attribute: 'encryption_configuration.encryption_type', message: 'AES256' }] },
    { name: 'KMS on aws/ecr in a module', plan: plan().resource(R, 'r', { module: 'module.images["api"]', values: { encryption_configuration: [{ encryption_type: 'KMS' }] }, unknown: ['encryption_configuration.0.kms_key'] }), findings: [{ address: `module.images["api"].${R}.r`, attribute: 'encryption_configuration.kms_key', message: 'aws/ecr' }] },
    { name: 'encryption type known only after apply', plan: plan().resource(R, 'r', { values: { encryption_configuration: [{}] }, unknown: ['encryption_configuration.0.encryption_type'], refs: { 'encryption_configuration.encryption_type': ['var.t'] } }), findings: [{ address: `${R}.r`, status: 'unknown' }] },
    { name: 'real plan: AES256 default', plan: DATA, findings: [{ address: `${R}.aes256_default_bad` }] },
  ],
});
