/**
 * ENC-002: S3 objects managed by Terraform do not ask for weaker encryption than SSE-KMS with a
 * customer-managed key. An object that sets no server_side_encryption gets its bucket's default
 * encryption, which ENC-001 judges; one that sets it explicitly overrides that default.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { judgeKey, keyContext } from './key-requirement';
import { readKey } from './read';

const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);

export const s3ObjectEncryption: Rule = {
  id: 'ENC-002',
  title: 'S3 objects do not override bucket encryption with weaker settings',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_s3_object', 'aws_s3_bucket_object', 'aws_s3_object_copy'],
  rationale:
    'Each S3 object carries its own encryption (164.312(a)(2)(iv)); a per-object server_side_encryption overrides the bucket default. "AES256" stores the object under SSE-S3 and "aws:kms" without kms_key_id uses the AWS-managed aws/s3 key, even in a bucket whose default is a customer-managed key. Objects that set nothing inherit the bucket default, which ENC-001 checks. For objects that already exist, the plan reports the encryption S3 actually applied.',
  remediation: 'Remove server_side_encryption from the object so the bucket default (SSE-KMS) applies, or set server_side_encryption = "aws:kms" and kms_key_id to a customer-managed aws_kms_key.',
  params: {
    allowSseS3: { description: 'Accept objects stored with SSE-S3 (AES256).', default: false },
    requireCustomerManagedKey: { description: 'Require kms_key_id to name a customer-managed key when server_side_encryption is aws:kms; false accepts aws/s3.', default: true },
  },
  docs: {
    defaults:
      'Provider 5.x: server_side_encryption, kms_key_id and bucket_key_enabled are computed; omitted they are unknown in a create plan and the bucket default applies. For an existing object the plan shows what S3 reports (e.g. "AES256" when the bucket default was SSE-S3). AWS: aws:kms without a key id uses aws/s3.',
    anchors: ['Checkov CKV_AWS_186 (aws_s3_bucket_object CMK), CKV_AWS_181 (aws_s3_object_copy CMK)'],
    example: {
      fail: 'resource "aws_s3_object" "report" {\n  bucket                 = aws_s3_bucket.phi.id\n  key                    = "report.csv"\n  source                 = "report.csv"\n  server_side_encryption = "AES256"\n}',
      pass: 'resource "aws_s3_object" "report" {\n  bucket                 = aws_s3_bucket.phi.id\n  key                    = "report.csv"\n  source                 = "report.csv"\n  server_side_encryption = "aws:kms"\n  kms_key_id             = aws_kms_key.phi.arn\n}',
    },
  },
  check(object: ResourceInstance, ctx: RuleContext): Outcome {
    const algorithm = object.attr('server_side_encryption');
    if (algorithm.state === 'unknown') {
      if (algorithm.references.length > 0) {
        return unknown('server_side_encryption', `${object.address}: server_side_encryption is known only after apply`);
      }
      // Omitted: a key set alone still selects SSE-KMS; otherwise the bucket default applies.
      if (readKey(object.attr('kms_key_id')) === 'customer') return pass('kms_key_id', `${object.address} encrypts with a customer-managed key`);
      return pass('server_side_encryption', `${object.address} inherits its bucket's default encryption (checked by ENC-001)`);
    }
    const value = algorithm.state === 'known' ? algorithm.value : null;
    if (value === null || value === '') return pass('server_side_encryption', `${object.address} inherits its bucket's default encryption (checked by ENC-001)`);
    if (typeof value === 'string' && KMS_ALGORITHMS.has(value)) {
      return judgeKey({
        instance: object,
        path: 'kms_key_id',
        serviceDefault: 'the AWS-managed aws/s3 key',
        defaultEncrypts: true,
        ...keyContext(ctx),
      });
    }
    if (value === 'AES256' && ctx.params.allowSseS3 === true) return pass('server_side_encryption', `${object.address} uses SSE-S3 (allowed by allowSseS3)`);
    return fail(
      'server_side_encryption',
      `${object.address} is stored with server_side_encryption = ${JSON.stringify(value)}; set server_side_encryption = "aws:kms" with kms_key_id = a customer-managed key, or remove it to inherit the bucket's SSE-KMS default`,
    );
  },
};
