import { s3ObjectEncryption } from '../../../policies/rules/encryption/s3-object-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MANAGED } from './fixtures';

const OBJ = 'aws_s3_object';

ruleTester(s3ObjectEncryption, {
  valid: [
    { name: 'nothing set in a create plan: the bucket default applies', plan: plan().resource(OBJ, 'o', { values: { bucket: 'b' }, unknown: ['server_side_encryption', 'kms_key_id'] }) },
    {
      name: 'aws:kms with a key from the same plan',
      plan: plan().resource(OBJ, 'o', { values: { server_side_encryption: 'aws:kms' }, unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.k.arn', 'aws_kms_key.k'] } }),
    },
    { name: 'only kms_key_id set (SSE-KMS implied)', plan: plan().resource(OBJ, 'o', { unknown: ['server_side_encryption', 'kms_key_id'], refs: { kms_key_id: ['aws_kms_key.k.arn'] } }) },
    { name: 'legacy aws_s3_bucket_object in a module with a literal key', plan: plan().resource('aws_s3_bucket_object', 'o', { module: 'module.site["a"]', values: { server_side_encryption: 'aws:kms', kms_key_id: 'arn:aws:kms:us-east-1:111122223333:key/1' } }) },
    { name: 'AES256 when allowSseS3', params: { allowSseS3: true }, plan: plan().resource(OBJ, 'o', { values: { server_side_encryption: 'AES256' } }) },
    { name: 'aws:kms with aws/s3 when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(OBJ, 'o', { values: { server_side_encryption: 'aws:kms', kms_key_id: null } }) },
    { name: 'real plan: KMS with a CMK, and an object inheriting the bucket default', plan: MANAGED, addresses: [`${OBJ}.kms_cmk_ok`, `${OBJ}.inherits_bucket_default_ok`] },
  ],
  invalid: [
    {
      name: 'explicit AES256 overrides the bucket default',
      plan: plan().resource(OBJ, 'o', { values: { server_side_encryption: 'AES256' } }),
      findings: [{ address: `${OBJ}.o`, attribute: 'server_side_encryption', message: 'set server_side_encryption = "aws:kms"' }],
    },
    {
      name: 'an existing object the plan reports as SSE-S3 (no-op)',
      plan: plan().resource(OBJ, 'site', { index: 'index.html', action: 'no-op', values: { server_side_encryption: 'AES256', kms_key_id: null } }),
      findings: [{ address: `${OBJ}.site["index.html"]`, message: '"AES256"' }],
    },
    {
      name: 'aws:kms without a key uses aws/s3',
      plan: plan().resource('aws_s3_object_copy', 'c', { values: { server_side_encryption: 'aws:kms' }, unknown: ['kms_key_id'] }),
      findings: [{ address: 'aws_s3_object_copy.c', attribute: 'kms_key_id', message: 'aws/s3' }],
    },
    {
      name: 'server_side_encryption wired to something known only after apply',
      plan: plan().resource(OBJ, 'o', { unknown: ['server_side_encryption'], refs: { server_side_encryption: ['var.sse'] } }),
      findings: [{ address: `${OBJ}.o`, status: 'unknown' }],
    },
    { name: 'real plan: AES256 object', plan: MANAGED, findings: [{ address: `${OBJ}.aes256_bad`, message: 'AES256' }] },
  ],
});
