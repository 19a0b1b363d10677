import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { AccessLogBucket } from './access-log-bucket';
import { BucketCore, BucketLifecycle, ObjectLockSettings, validateBucketName } from './bucket-core';
import { AwsEnvironment } from './environment';
import { EncryptionKey, keyOrNew } from './kms-key';
import { PolicyStatement } from './policy-document';
import { SIX_YEARS_IN_DAYS } from './retention';

export interface SecureBucketProps {
  readonly env: AwsEnvironment;
  /**
   * Bucket name (3–63 lower-case letters, digits, hyphens). Required rather than generated:
   * a literal name makes the bucket ARN, and so the bucket policy, known at plan time.
   */
  readonly bucketName: string;
  /** Key for default encryption. Default: a new KmsKey for this bucket. */
  readonly kmsKey?: EncryptionKey;
  /** `aws:kms` (default, with an S3 Bucket Key) or `aws:kms:dsse` (dual-layer, no Bucket Key). Both use the customer-managed key. */
  readonly sseAlgorithm?: 'aws:kms' | 'aws:kms:dsse';
  /**
   * Where server access logs go. Default: a new AccessLogBucket named
   * `<bucketName>-access-logs`; pass a shared one to keep one log bucket per account.
   */
  readonly accessLogBucket?: AccessLogBucket;
  /** Default: keep every version at least 2192 days, never expire, no Glacier transition. */
  readonly lifecycle?: BucketLifecycle;
  /** Object Lock default retention. Default: off (it cannot be removed once on; turn it on for records that must be immutable). */
  readonly objectLock?: ObjectLockSettings;
  readonly tags?: Record<string, string>;
}

/**
 * An S3 bucket for PHI: SSE-KMS with a customer-managed key, versioning, every public-access
 * block, ACLs disabled, TLS 1.2+ only, server access logs to a separate log bucket, a lifecycle
 * that never deletes data before the retention period, and optional Object Lock.
 */
export class SecureBucket extends Construct {
  readonly core: BucketCore;
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** The ARN built from the name (known at plan time), for policies. */
  readonly bucketArn: string;
  readonly kmsKey: EncryptionKey;
  readonly accessLogBucket: AccessLogBucket;
  readonly logging: S3BucketLoggingA;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    // Checked before anything is named after it (the key alias).
    validateBucketName(props.bucketName);
    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env: props.env,
      alias: `s3/${props.bucketName}`,
      description: `Encrypts S3 bucket ${props.bucketName}`,
      tags: props.tags,
    });
    this.core = new BucketCore(this, 'bucket', {
      env: props.env,
      bucketName: props.bucketName,
      kmsKey: this.kmsKey,
      sseAlgorithm: props.sseAlgorithm ?? 'aws:kms',
      lifecycle: {
        ...props.lifecycle,
        retentionDays: props.lifecycle?.retentionDays ?? SIX_YEARS_IN_DAYS,
        expireAfterRetention: props.lifecycle?.expireAfterRetention ?? false,
      },
      objectLock: props.objectLock,
      tags: props.tags,
    });
    this.bucket = this.core.bucket;
    this.bucketName = this.core.bucketName;
    this.bucketArn = this.core.bucketArn;

    this.accessLogBucket =
      props.accessLogBucket ??
      new AccessLogBucket(this, 'access-logs', {
        env: props.env,
        bucketName: accessLogBucketNameFor(props.bucketName),
        tags: props.tags,
      });
    const targetPrefix = this.accessLogBucket.registerSource(props.bucketName);
    this.logging = new S3BucketLoggingA(this, 'logging', {
      bucket: this.bucket.id,
      targetBucket: this.accessLogBucket.core.bucket.id,
      targetPrefix,
    });
  }

  /** Adds a statement to the bucket policy (e.g. a service that delivers into it); public Allows are refused. */
  addToPolicy(statement: PolicyStatement | (() => PolicyStatement)): void {
    this.core.addToPolicy(statement);
  }
}

function accessLogBucketNameFor(bucketName: string): string {
  const name = `${bucketName}-access-logs`;
  if (name.length > 63) {
    throw new Error(`SecureBucket ${bucketName}: "${name}" is longer than 63 characters; pass accessLogBucket`);
  }
  return name;
}
