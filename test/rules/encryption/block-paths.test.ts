/**
 * ENC-001 and ENC-008 read the attributes under a nested block through text paths named once
 * ('rule.1.apply_server_side_encryption_by_default.0.sse_algorithm') instead of arrays built per
 * resource. These cases pin the block index, the reported attribute names, CDKTF's single-object
 * blocks, and more rule blocks than the named paths keep, on the same bucket and across buckets.
 */
import { dynamodbEncryption } from '../../../policies/rules/encryption/dynamodb-encryption';
import { attributeName } from '../../../policies/rules/encryption/read';
import { s3BucketEncryption } from '../../../policies/rules/encryption/s3-bucket-encryption';
import { toPath } from '../../../policies/engine/values';
import { plan } from '../../support/plan-builder';
import { runRule } from '../../support/rule-tester';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const ALGORITHM = 'rule.apply_server_side_encryption_by_default.sse_algorithm';
const KEY = 'rule.apply_server_side_encryption_by_default.kms_master_key_id';
const CMK = 'arn:aws:kms:us-east-1:111122223333:key/1';
const rule = (algorithm: string, key = CMK, extra: Record<string, unknown> = {}) => ({ apply_server_side_encryption_by_default: [{ sse_algorithm: algorithm, kms_master_key_id: key }], ...extra });
const brief = (f: { status: string; address: string; attribute: string | null; message: string }) => `${f.status} ${f.address} ${f.attribute} ${f.message}`;

describe('encryption rules: attributes under nested blocks', () => {
  it('ENC-001 judges every rule block of a companion, each at its own index', () => {
    const findings = runRule(
      s3BucketEncryption,
      plan()
        .resource('aws_s3_bucket', 'b', { values: { bucket: 'b' } })
        .resource(SSE, 'b', { values: { bucket: 'b', rule: [rule('aws:kms'), rule('AES256', ''), rule('aws:kms', 'alias/aws/s3'), rule('aws:kms', '')] } }),
    );
    expect(findings.map(brief)).toEqual([
      `fail aws_s3_bucket.b ${ALGORITHM} ${SSE}.b (for aws_s3_bucket.b) uses SSE-S3 (AES256); set sse_algorithm = "aws:kms" with a customer-managed kms_master_key_id so every use of the key is logged in CloudTrail`,
      `fail aws_s3_bucket.b ${KEY} ${SSE}.b (for aws_s3_bucket.b): ${KEY} = "alias/aws/s3" is an AWS-managed key whose policy you cannot change; set ${KEY} to a customer-managed aws_kms_key`,
      `fail aws_s3_bucket.b ${KEY} ${SSE}.b (for aws_s3_bucket.b) sets no ${KEY}, so the AWS-managed aws/s3 key is used; set ${KEY} to a customer-managed aws_kms_key`,
    ]);
    for (const f of findings.filter((x) => x.attribute === KEY)) expect(f.remediation).toBe(`Set ${KEY} to the ARN of a customer-managed aws_kms_key (with enable_key_rotation = true).`);
  });

  it('ENC-001 reads past the first eight rule blocks, and a later bucket with fewer blocks is unaffected', () => {
    const rules = Array.from({ length: 12 }, (_, i) => rule('aws:kms', i === 10 ? '' : CMK));
    const findings = runRule(
      s3BucketEncryption,
      plan()
        .resource('aws_s3_bucket', 'many', { values: { bucket: 'many' } })
        .resource(SSE, 'many', { values: { bucket: 'many', rule: rules } })
        .resource('aws_s3_bucket', 'one', { values: { bucket: 'one' } })
        .resource(SSE, 'one', { values: { bucket: 'one', rule: [rule('AES256', '')] } }),
    );
    expect(findings.map((f) => `${f.address} ${f.attribute}`)).toEqual([`aws_s3_bucket.many ${KEY}`, `aws_s3_bucket.one ${ALGORITHM}`]);
    // The 11th block (index 10) is the one without a key: its unknown/fail path names the same attribute.
    expect(findings[0].message).toContain('sets no rule.apply_server_side_encryption_by_default.kms_master_key_id');
  });

  it('ENC-001 requireBucketKey names rule.bucket_key_enabled per block; the inline block reads under its own path', () => {
    const findings = runRule(
      s3BucketEncryption,
      plan()
        .resource('aws_s3_bucket', 'b', { values: { bucket: 'b' } })
        .resource(SSE, 'b', { values: { bucket: 'b', rule: [rule('aws:kms', CMK, { bucket_key_enabled: true }), rule('aws:kms', CMK, { bucket_key_enabled: false })] } })
        .resource('aws_s3_bucket', 'inline', {
          values: { bucket: 'inline', server_side_encryption_configuration: [{ rule: [rule('aws:kms', CMK, { bucket_key_enabled: false })] }] },
        }),
      { requireBucketKey: true },
    );
    expect(findings.map((f) => `${f.address} ${f.attribute}`)).toEqual([
      'aws_s3_bucket.b rule.bucket_key_enabled',
      'aws_s3_bucket.inline server_side_encryption_configuration.rule.bucket_key_enabled',
    ]);
    expect(findings[1].message).toBe('aws_s3_bucket.inline uses SSE-KMS without an S3 Bucket Key; set bucket_key_enabled = true');
  });

  it('ENC-001 reads a CDKTF single-object rule block as block 0', () => {
    const findings = runRule(
      s3BucketEncryption,
      plan()
        .resource('aws_s3_bucket', 'b', { values: { bucket: 'b' } })
        .resource(SSE, 'b', { values: { bucket: 'b', rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/aws/s3' } } } }),
    );
    expect(findings.map((f) => `${f.address} ${f.attribute}`)).toEqual([`aws_s3_bucket.b ${KEY}`]);
  });

  it('ENC-008 reads server_side_encryption.0 in list and object shapes', () => {
    const T = 'aws_dynamodb_table';
    const findings = runRule(
      dynamodbEncryption,
      plan()
        .resource(T, 'list', { values: { server_side_encryption: [{ enabled: true, kms_key_arn: 'alias/aws/dynamodb' }] } })
        .resource(T, 'object', { values: { server_side_encryption: { enabled: true, kms_key_arn: '' } } })
        .resource(T, 'off', { values: { server_side_encryption: [{ enabled: false }] } })
        .resource(T, 'ok', { values: { server_side_encryption: [{ enabled: true, kms_key_arn: CMK }] } }),
    );
    expect(findings.map((f) => `${f.address} ${f.attribute}`).sort()).toEqual([
      `${T}.list server_side_encryption.kms_key_arn`,
      `${T}.object server_side_encryption.kms_key_arn`,
      `${T}.off server_side_encryption`,
    ]);
  });

  it('attributeName names a frozen (shared) path once and an array someone may change every time', () => {
    const shared = toPath('rule.0.apply_server_side_encryption_by_default.0.sse_algorithm');
    expect(Object.isFrozen(shared)).toBe(true);
    expect(attributeName(shared)).toBe(ALGORITHM);
    expect(attributeName(shared)).toBe(ALGORITHM);
    const mutable: Array<string | number> = ['rule', 0, 'bucket_key_enabled'];
    expect(attributeName(mutable)).toBe('rule.bucket_key_enabled');
    mutable[2] = 'id';
    expect(attributeName(mutable)).toBe('rule.id');
  });
});
