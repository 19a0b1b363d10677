import { AccessLogBucket } from '../../modules/access-log-bucket';
import { KmsKey } from '../../modules/kms-key';
import { SecureBucket, SecureBucketProps } from '../../modules/secure-bucket';
import { ENV, SynthOutput, policyOf, statement, synth } from './synth';

const bucketProps: SecureBucketProps = { env: ENV, bucketName: 'phi-records' };

function synthBucket(props: Partial<SecureBucketProps> = {}): SynthOutput {
  return synth((scope) => new SecureBucket(scope, 'records', { ...bucketProps, ...props }));
}

describe('SecureBucket', () => {
  const out = synthBucket();
  const records = out.find('aws_s3_bucket', 'bucket', 'phi-records');
  const logs = out.find('aws_s3_bucket', 'bucket', 'phi-records-access-logs');
  /** The companion of `type` whose `bucket` refers to the records bucket. */
  const companion = (type: string) => out.find(type, 'bucket', records.ref('id'));

  it('encrypts with SSE-KMS under its own customer-managed key, bucket key on', () => {
    const encryption = companion('aws_s3_bucket_server_side_encryption_configuration');
    const recordsKey = out.all('aws_kms_key').find((key) => key.config.description === 'Encrypts S3 bucket phi-records');
    expect(recordsKey).toBeDefined();
    expect(encryption.config.rule).toEqual([
      {
        apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: recordsKey?.ref('arn') },
        bucket_key_enabled: true,
      },
    ]);
  });

  it('turns on versioning, all four public-access blocks and BucketOwnerEnforced', () => {
    expect(companion('aws_s3_bucket_versioning').config.versioning_configuration).toEqual({ status: 'Enabled' });
    expect(companion('aws_s3_bucket_public_access_block').config).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(companion('aws_s3_bucket_ownership_controls').config.rule).toEqual({ object_ownership: 'BucketOwnerEnforced' });
  });

  it('denies plain HTTP and TLS older than 1.2 on the bucket and its objects', () => {
    const policyResource = companion('aws_s3_bucket_policy');
    const policy = policyOf(policyResource);
    const resources = ['arn:aws:s3:::phi-records', 'arn:aws:s3:::phi-records/*'];
    expect(statement(policy, 'DenyInsecureTransport')).toEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: '*',
      Action: 's3:*',
      Resource: resources,
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    expect(statement(policy, 'DenyTlsOlderThan1_2')).toMatchObject({
      Effect: 'Deny',
      Resource: resources,
      Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
    });
    // Applied only once the public-access block is in place.
    expect(policyResource.config.depends_on).toEqual([companion('aws_s3_bucket_public_access_block').address]);
  });

  it('logs server access to a separate log bucket it creates, under a per-source prefix', () => {
    expect(companion('aws_s3_bucket_logging').config).toMatchObject({ target_bucket: logs.ref('id'), target_prefix: 'phi-records/' });
  });

  it('keeps data at least six years and never expires it by default', () => {
    const rule = (companion('aws_s3_bucket_lifecycle_configuration').config.rule as Array<Record<string, unknown>>)[0];
    expect(rule).toMatchObject({ status: 'Enabled', filter: [{ prefix: '' }], abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }] });
    expect(rule.expiration).toBeUndefined();
    expect(rule.noncurrent_version_expiration).toBeUndefined();
    expect(rule.transition).toBeUndefined();
  });

  it('has no Object Lock unless asked', () => {
    expect(records.config.object_lock_enabled).toBeUndefined();
    expect(out.count('aws_s3_bucket_object_lock_configuration')).toBe(0);
  });

  describe('the access-log bucket it creates', () => {
    const logsCompanion = (type: string) => out.find(type, 'bucket', logs.ref('id'));

    it('does not log its own access (that would never end) and has no Object Lock (S3 refuses it as a log target)', () => {
      expect(out.all('aws_s3_bucket_logging').map((l) => l.config.bucket)).toEqual([records.ref('id')]);
      expect(logs.config.object_lock_enabled).toBeUndefined();
    });

    it('is encrypted, versioned, blocked and TLS-only like any other bucket', () => {
      expect(logsCompanion('aws_s3_bucket_server_side_encryption_configuration').config.rule).toEqual([
        expect.objectContaining({ apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: 'aws:kms' }) }),
      ]);
      expect(logsCompanion('aws_s3_bucket_versioning').config.versioning_configuration).toEqual({ status: 'Enabled' });
      expect(logsCompanion('aws_s3_bucket_public_access_block').config).toMatchObject({ block_public_policy: true, restrict_public_buckets: true });
      statement(policyOf(logsCompanion('aws_s3_bucket_policy')), 'DenyInsecureTransport');
    });

    it('lets S3 log delivery write only for this account and the registered source bucket', () => {
      expect(statement(policyOf(logsCompanion('aws_s3_bucket_policy')), 'S3ServerAccessLogDelivery')).toEqual({
        Sid: 'S3ServerAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::phi-records-access-logs/*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::phi-records'] },
        },
      });
      const logKey = out.all('aws_kms_key').find((key) => key.config.description === 'Encrypts S3 server access logs in phi-records-access-logs');
      expect(logKey).toBeDefined();
      statement(policyOf(logKey!), 'S3ServerAccessLogDeliveryEncrypts');
    });

    it('keeps logs six years, then expires them, moving them to Glacier after 90 days', () => {
      expect(logsCompanion('aws_s3_bucket_lifecycle_configuration').config.rule).toEqual([
        expect.objectContaining({
          expiration: [{ days: 2192 }],
          noncurrent_version_expiration: [{ noncurrent_days: 2192 }],
          transition: [{ days: 90, storage_class: 'GLACIER' }],
        }),
      ]);
    });
  });

  describe('escape hatches', () => {
    it('uses a key it is given instead of creating one', () => {
      const shared = synth((scope) => {
        const key = new KmsKey(scope, 'shared', { env: ENV, alias: 'shared' });
        const accessLogs = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'shared-logs', kmsKey: key });
        new SecureBucket(scope, 'records', { ...bucketProps, kmsKey: key, accessLogBucket: accessLogs });
      });
      const key = shared.one('aws_kms_key');
      expect(shared.all('aws_s3_bucket_server_side_encryption_configuration').map((e) => e.config.rule)).toEqual([
        [expect.objectContaining({ apply_server_side_encryption_by_default: expect.objectContaining({ kms_master_key_id: key.ref('arn') }) })],
        [expect.objectContaining({ apply_server_side_encryption_by_default: expect.objectContaining({ kms_master_key_id: key.ref('arn') }) })],
      ]);
    });

    it('logs to a shared access-log bucket, which then admits every registered source', () => {
      const shared = synth((scope) => {
        const accessLogs = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'shared-logs' });
        new SecureBucket(scope, 'a', { env: ENV, bucketName: 'bucket-a', accessLogBucket: accessLogs });
        new SecureBucket(scope, 'b', { env: ENV, bucketName: 'bucket-b', accessLogBucket: accessLogs });
      });
      const sink = shared.find('aws_s3_bucket', 'bucket', 'shared-logs');
      expect(shared.count('aws_s3_bucket')).toBe(3);
      expect(shared.all('aws_s3_bucket_logging').map((l) => l.config.target_bucket)).toEqual([sink.ref('id'), sink.ref('id')]);
      const delivery = statement(policyOf(shared.find('aws_s3_bucket_policy', 'bucket', sink.ref('id'))), 'S3ServerAccessLogDelivery');
      expect(delivery.Condition).toMatchObject({ ArnLike: { 'aws:SourceArn': ['arn:aws:s3:::bucket-a', 'arn:aws:s3:::bucket-b'] } });
    });

    it('switches to DSSE-KMS, which has no bucket key', () => {
      const dsse = synthBucket({ sseAlgorithm: 'aws:kms:dsse' });
      const records = dsse.find('aws_s3_bucket', 'bucket', 'phi-records');
      expect(dsse.find('aws_s3_bucket_server_side_encryption_configuration', 'bucket', records.ref('id')).config.rule).toEqual([
        expect.objectContaining({ apply_server_side_encryption_by_default: expect.objectContaining({ sse_algorithm: 'aws:kms:dsse' }), bucket_key_enabled: false }),
      ]);
    });

    it('turns on Object Lock with a default retention', () => {
      const locked = synthBucket({ objectLock: { mode: 'COMPLIANCE', retentionDays: 3000 } });
      const records = locked.find('aws_s3_bucket', 'bucket', 'phi-records');
      expect(records.config.object_lock_enabled).toBe(true);
      expect(locked.one('aws_s3_bucket_object_lock_configuration').config).toMatchObject({
        bucket: records.ref('id'),
        rule: { default_retention: { mode: 'COMPLIANCE', days: 3000 } },
      });
    });

    it('expires after a longer retention and transitions to Glacier when asked', () => {
      const expiring = synthBucket({ lifecycle: { retentionDays: 2557, expireAfterRetention: true, transitionToGlacierAfterDays: 30 } });
      const records = expiring.find('aws_s3_bucket', 'bucket', 'phi-records');
      expect(expiring.find('aws_s3_bucket_lifecycle_configuration', 'bucket', records.ref('id')).config.rule).toEqual([
        expect.objectContaining({
          expiration: [{ days: 2557 }],
          noncurrent_version_expiration: [{ noncurrent_days: 2557 }],
          transition: [{ days: 30, storage_class: 'GLACIER' }],
          noncurrent_version_transition: [{ noncurrent_days: 30, storage_class: 'GLACIER' }],
        }),
      ]);
    });

    it('accepts extra policy statements but refuses a public Allow', () => {
      const extended = synth((scope) => {
        const bucket = new SecureBucket(scope, 'records', bucketProps);
        bucket.addToPolicy({ Sid: 'ReadForAnalytics', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/analytics' }, Action: 's3:GetObject', Resource: `${bucket.bucketArn}/*` });
      });
      const records = extended.find('aws_s3_bucket', 'bucket', 'phi-records');
      statement(policyOf(extended.find('aws_s3_bucket_policy', 'bucket', records.ref('id'))), 'ReadForAnalytics');
      expect(() =>
        synth((scope) => {
          new SecureBucket(scope, 'records', bucketProps).addToPolicy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' });
        }),
      ).toThrow(/public/);
    });
  });

  describe('refuses settings that would not be compliant', () => {
    it.each([
      ['a retention shorter than six years', { lifecycle: { retentionDays: 365 } }, /retentionDays/],
      ['an Object Lock shorter than a year', { objectLock: { mode: 'GOVERNANCE' as const, retentionDays: 30 } }, /objectLock.retentionDays/],
      ['a lock that outlasts the expiry', { objectLock: { mode: 'GOVERNANCE' as const, retentionDays: 3000 }, lifecycle: { expireAfterRetention: true } }, /outlasts/],
      ['a dotted bucket name (breaks TLS)', { bucketName: 'phi.records' }, /no dots/],
    ])('%s', (_what, props, message) => {
      expect(() => synthBucket(props)).toThrow(message);
    });

    it('a bucket that logs to itself', () => {
      expect(() =>
        synth((scope) => {
          const sink = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'self-logging' });
          sink.registerSource('self-logging');
        }),
      ).toThrow(/itself/);
    });
  });
});
