import { efsEncryption } from '../../../policies/rules/encryption/efs-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATA } from './fixtures';

const FS = 'aws_efs_file_system';

ruleTester(efsEncryption, {
  valid: [
    { name: 'encrypted with aws/elasticfilesystem', plan: plan().resource(FS, 'f', { values: { encrypted: true }, unknown: ['kms_key_id'] }) },
    { name: 'encrypted with a CMK when one is required', params: { requireCustomerManagedKey: true }, plan: plan().resource(FS, 'f', { module: 'module.share["a"]', values: { encrypted: true }, unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.efs.arn'] } }) },
    { name: 'real plan: encrypted with a CMK', plan: DATA, addresses: [`${FS}.encrypted_cmk_ok`] },
  ],
  invalid: [
    { name: 'encrypted omitted (unknown, no reference)', plan: plan().resource(FS, 'f', { unknown: ['encrypted', 'kms_key_id'] }), findings: [{ address: `${FS}.f`, attribute: 'encrypted', message: 'unencrypted file systems by default' }] },
    { name: 'encrypted = false on an existing file system', plan: plan().resource(FS, 'f', { action: 'no-op', values: { encrypted: false } }), findings: [{ address: `${FS}.f`, message: 'set encrypted = true' }] },
    { name: 'encrypted known only after apply', plan: plan().resource(FS, 'f', { unknown: ['encrypted'], refs: { encrypted: ['var.encrypted'] } }), findings: [{ address: `${FS}.f`, status: 'unknown' }] },
    { name: 'customer-managed key required, aws/elasticfilesystem used', params: { requireCustomerManagedKey: true }, plan: plan().resource(FS, 'f', { values: { encrypted: true }, unknown: ['kms_key_id'] }), findings: [{ address: `${FS}.f`, attribute: 'kms_key_id' }] },
    { name: 'real plan: encryption omitted', plan: DATA, findings: [{ address: `${FS}.encryption_omitted_bad`, attribute: 'encrypted' }] },
  ],
});
