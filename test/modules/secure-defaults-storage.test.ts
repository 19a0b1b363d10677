/**
 * The constructs and the rules keep each other honest (keys, buckets, the trail, log groups):
 * one secure default is turned off through props or an escape hatch (the L1 resource a
 * construct exposes, a replaced block, a removed child) and the rule that guards it must fail
 * on the exact address. Each case lists every failure of the full pack, so a change also shows
 * what else it broke. The other constructs are in secure-defaults-services.test.ts.
 */
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { AccessLogBucket, AuditTrail, EncryptedLogGroup, KmsKey, SecureBucket } from '../../modules';
import { addressOf, expectExactly, failuresOf, resourceIn } from './pack';
import { ENV } from './synth';

describe('KmsKey', () => {
  it('fails ENC-025 when rotation is turned off on the key resource', () => {
    expectExactly((scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'phi' });
      key.resource.enableKeyRotation = false;
      return [['ENC-025', addressOf(key.resource)]];
    });
  });

  it('fails ENC-026 when the deletion window is shortened to 7 days', () => {
    expectExactly((scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'phi' });
      key.resource.deletionWindowInDays = 7;
      return [['ENC-026', addressOf(key.resource)]];
    });
  });

  it('fails ENC-029 when the key policy is replaced by one that lets anyone use the key', () => {
    expectExactly((scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'phi' });
      key.resource.policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }] });
      return [['ENC-029', addressOf(key.resource)]];
    });
  });
});

describe('AccessLogBucket', () => {
  it('fails ENC-001 when its default encryption is replaced by SSE-S3', () => {
    expectExactly((scope) => {
      const logs = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'shared-access-logs' });
      new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records', accessLogBucket: logs });
      resourceIn(logs, S3BucketServerSideEncryptionConfigurationA).putRule([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]);
      return [['ENC-001', addressOf(logs.core.bucket)]];
    });
  });

  it('fails LOG-008 when its lifecycle is replaced by one that expires logs after 90 days', () => {
    expectExactly((scope) => {
      const logs = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'shared-access-logs' });
      new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records', accessLogBucket: logs });
      const lifecycle = resourceIn(logs, S3BucketLifecycleConfiguration);
      lifecycle.putRule([{ id: 'expire-early', status: 'Enabled', filter: [{ prefix: '' }], expiration: [{ days: 90 }] }]);
      return [['LOG-008', addressOf(lifecycle)]];
    });
  });
});

describe('SecureBucket', () => {
  it('fails LOG-007 when its server access logging is removed', () => {
    expectExactly((scope) => {
      const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records' });
      expect(records.node.tryRemoveChild('logging')).toBe(true);
      // Its access-log bucket now receives nothing in this stack, so it is a plain bucket without
      // logging too; the construct's suppression covers it (see AccessLogBucket).
      return [
        ['LOG-007', addressOf(records.bucket)],
        ['LOG-007', addressOf(records.accessLogBucket.core.bucket)],
      ];
    });
  });

  it('fails TLS-008 when its bucket policy is replaced by one without the deny for plain HTTP', () => {
    expectExactly((scope) => {
      const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records' });
      records.core.policy.policy = JSON.stringify({
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/analytics' }, Action: 's3:GetObject', Resource: `${records.bucketArn}/*` }],
      });
      return [['TLS-008', addressOf(records.bucket)]];
    });
  });

  it('fails ENC-001 when its default encryption is replaced by SSE-S3', () => {
    expectExactly((scope) => {
      const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records' });
      resourceIn(records.core, S3BucketServerSideEncryptionConfigurationA).putRule([{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }]);
      return [['ENC-001', addressOf(records.bucket)]];
    });
  });
});

describe('AuditTrail', () => {
  it('fails LOG-006 on a PHI bucket in the stack that is not given as a data-event bucket (props)', () => {
    expectExactly((scope) => {
      const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records' });
      const audit = new AuditTrail(scope, 'audit', { env: ENV, trailName: 'org-audit', bucketName: 'org-audit-trail' });
      return [
        ['LOG-006', addressOf(records.bucket)],
        ['LOG-006', addressOf(records.accessLogBucket.core.bucket)],
        // Suppressed by the construct (the trail's own log chain); see compliance.test.ts.
        ['LOG-006', addressOf(audit.bucket.bucket)],
        ['LOG-006', addressOf(audit.bucket.accessLogBucket.core.bucket)],
      ];
    });
  });

  it('fails LOG-009 (advisory, not blocking) when Object Lock keeps log files only one year (props)', () => {
    let trailBucket = '';
    const locked = failuresOf((scope) => {
      const audit = new AuditTrail(scope, 'audit', { env: ENV, trailName: 'org-audit', bucketName: 'org-audit-trail', objectLock: { mode: 'GOVERNANCE', retentionDays: 365 } });
      trailBucket = addressOf(audit.bucket.bucket);
      return [];
    });
    expect(locked.failed).toContainEqual(['LOG-009', trailBucket]);
    expect(locked.blocking).not.toContainEqual(['LOG-009', trailBucket]);
  });

  it('fails LOG-004 when log-file validation is turned off on the trail resource', () => {
    expectExactly((scope) => {
      const audit = new AuditTrail(scope, 'audit', { env: ENV, trailName: 'org-audit', bucketName: 'org-audit-trail' });
      audit.trail.enableLogFileValidation = false;
      return [
        ['LOG-004', addressOf(audit.trail)],
        ['LOG-006', addressOf(audit.bucket.bucket)],
        ['LOG-006', addressOf(audit.bucket.accessLogBucket.core.bucket)],
      ];
    });
  });

  it('fails LOG-002 when the trail is made single-region', () => {
    expectExactly((scope) => {
      const audit = new AuditTrail(scope, 'audit', { env: ENV, trailName: 'org-audit', bucketName: 'org-audit-trail' });
      audit.trail.isMultiRegionTrail = false;
      return [
        ['LOG-002', addressOf(audit.trail)],
        ['LOG-006', addressOf(audit.bucket.bucket)],
        ['LOG-006', addressOf(audit.bucket.accessLogBucket.core.bucket)],
      ];
    });
  });
});

describe('EncryptedLogGroup', () => {
  it('fails LOG-001 when retention is overridden to one year', () => {
    expectExactly((scope) => {
      const group = new EncryptedLogGroup(scope, 'logs', { env: ENV, logGroupName: '/phi/app' });
      group.logGroup.retentionInDays = 365;
      return [['LOG-001', addressOf(group.logGroup)]];
    });
  });

  it('fails ENC-019 when its KMS key is removed', () => {
    expectExactly((scope) => {
      const group = new EncryptedLogGroup(scope, 'logs', { env: ENV, logGroupName: '/phi/app' });
      group.logGroup.resetKmsKeyId();
      return [['ENC-019', addressOf(group.logGroup)]];
    });
  });
});
