import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration, S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { AwsEnvironment, s3BucketArn, validateEnvironment } from './environment';
import { EncryptionKey } from './kms-key';
import { PolicyStatement, assertNotPublic, denyInsecureTransport, renderPolicy } from './policy-document';
import { MIN_OBJECT_LOCK_DAYS, SIX_YEARS_IN_DAYS, validateWholeDays } from './retention';

/** How long objects stay, and where they go while they wait. */
export interface BucketLifecycle {
  /**
   * Days every object version is kept before a lifecycle rule may expire it. Default 2192
   * (six years); shorter is refused, so no lifecycle this package writes deletes data early.
   */
  readonly retentionDays?: number;
  /**
   * Expire versions once `retentionDays` have passed. Default false for data buckets (PHI is
   * kept until its owner decides), true for log buckets.
   */
  readonly expireAfterRetention?: boolean;
  /** Move current and noncurrent versions to S3 Glacier Flexible Retrieval after this many days. Default: never. */
  readonly transitionToGlacierAfterDays?: number;
}

/** Object Lock default retention (WORM). The bucket must be created with it; it cannot be added later. */
export interface ObjectLockSettings {
  /** GOVERNANCE lets principals with s3:BypassGovernanceRetention lift a lock; COMPLIANCE lets no one. */
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  /**
   * Default retention in days. Default 2192; at least 365. LOG-009 asks 2192 on audit-trail
   * buckets unless the config lowers its minRetentionDays (365 at the lowest).
   */
  readonly retentionDays?: number;
}

export interface BucketCoreProps {
  readonly env: AwsEnvironment;
  readonly bucketName: string;
  readonly kmsKey: EncryptionKey;
  readonly sseAlgorithm: 'aws:kms' | 'aws:kms:dsse';
  readonly lifecycle: Required<Pick<BucketLifecycle, 'retentionDays' | 'expireAfterRetention'>> & BucketLifecycle;
  readonly objectLock?: ObjectLockSettings;
  readonly tags?: Record<string, string>;
}

/** Lower-case letters, digits and hyphens; no dots, because a dotted name breaks TLS for virtual-hosted requests. */
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function validateBucketName(bucketName: string): void {
  if (!BUCKET_NAME.test(bucketName) || bucketName.includes('--') || bucketName.startsWith('xn--')) {
    throw new Error(
      `bucket name "${bucketName}" must be 3-63 lower-case letters, digits and single hyphens (no dots: they break TLS certificate matching)`,
    );
  }
}

/**
 * The parts every bucket in this package shares: the bucket, SSE-KMS with a customer-managed
 * key (bucket key on), versioning, all four public-access blocks, ACLs disabled, a bucket
 * policy that refuses plain HTTP and TLS older than 1.2, a retention-respecting lifecycle and,
 * when asked, Object Lock.
 */
export class BucketCore extends Construct {
  readonly bucket: S3Bucket;
  readonly bucketName: string;
  /** Built from the name: known at plan time, so the bucket policy is a known JSON string. */
  readonly bucketArn: string;
  readonly versioning: S3BucketVersioningA;
  readonly policy: S3BucketPolicy;
  private readonly extraStatements: Array<() => PolicyStatement> = [];

  constructor(scope: Construct, id: string, props: BucketCoreProps) {
    super(scope, id);
    validateEnvironment(props.env);
    validateBucketName(props.bucketName);
    const { retentionDays, expireAfterRetention, transitionToGlacierAfterDays } = props.lifecycle;
    validateWholeDays(retentionDays, SIX_YEARS_IN_DAYS, 36500, `bucket ${props.bucketName}: lifecycle.retentionDays`);
    if (transitionToGlacierAfterDays !== undefined) {
      validateWholeDays(transitionToGlacierAfterDays, 1, retentionDays, `bucket ${props.bucketName}: lifecycle.transitionToGlacierAfterDays`);
    }
    const lockDays = props.objectLock ? props.objectLock.retentionDays ?? SIX_YEARS_IN_DAYS : undefined;
    if (lockDays !== undefined) {
      validateWholeDays(lockDays, MIN_OBJECT_LOCK_DAYS, 36500, `bucket ${props.bucketName}: objectLock.retentionDays`);
      if (expireAfterRetention && lockDays > retentionDays) {
        throw new Error(`bucket ${props.bucketName}: objectLock.retentionDays (${lockDays}) outlasts lifecycle.retentionDays (${retentionDays}); expiry could never run`);
      }
    }

    this.bucketName = props.bucketName;
    this.bucketArn = s3BucketArn(props.env, props.bucketName);
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      objectLockEnabled: props.objectLock ? true : undefined,
      tags: props.tags,
    });
    const bucketId = this.bucket.id;

    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket: bucketId,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: props.sseAlgorithm, kmsMasterKeyId: props.kmsKey.keyArn },
          // S3 Bucket Keys cut KMS calls (and cost) by ~99%; DSSE-KMS does not support them.
          bucketKeyEnabled: props.sseAlgorithm === 'aws:kms',
        },
      ],
    });
    this.versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket: bucketId,
      versioningConfiguration: { status: 'Enabled' },
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket: bucketId,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'ownership', {
      bucket: bucketId,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket: bucketId,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.policyStatements()) }),
      // S3 rejects concurrent policy and public-access-block changes on one bucket.
      dependsOn: [publicAccessBlock],
    });
    new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket: bucketId,
      rule: [lifecycleRule(retentionDays, expireAfterRetention, transitionToGlacierAfterDays)],
      // Noncurrent-version rules need versioning in place first (provider documentation).
      dependsOn: [this.versioning],
    });
    if (props.objectLock && lockDays !== undefined) {
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket: bucketId,
        rule: { defaultRetention: { mode: props.objectLock.mode, days: lockDays } },
        dependsOn: [this.versioning],
      });
    }
  }

  /**
   * Adds a statement to the bucket policy; an unconditional public Allow is refused. Pass a
   * function when the statement depends on things registered later: it runs at synth time.
   */
  addToPolicy(statement: PolicyStatement | (() => PolicyStatement)): void {
    if (typeof statement === 'function') {
      this.extraStatements.push(statement);
    } else {
      // Checked now as well, so a literal public statement fails where it is added.
      assertNotPublic(statement, `bucket ${this.bucketName} policy`);
      this.extraStatements.push(() => statement);
    }
  }

  private policyStatements(): PolicyStatement[] {
    const resources = [this.bucketArn, `${this.bucketArn}/*`];
    return [
      denyInsecureTransport('s3:*', resources),
      {
        Sid: 'DenyTlsOlderThan1_2',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: resources,
        Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      },
      ...this.extraStatements.map((produce) => {
        const produced = produce();
        assertNotPublic(produced, `bucket ${this.bucketName} policy`);
        return produced;
      }),
    ];
  }
}

function lifecycleRule(retentionDays: number, expire: boolean, glacierAfterDays: number | undefined): S3BucketLifecycleConfigurationRule {
  return {
    id: expire ? `keep-${retentionDays}-days-then-expire` : `keep-${retentionDays}-days-or-longer`,
    status: 'Enabled',
    filter: [{ prefix: '' }],
    // Incomplete multipart uploads are not data anyone can read; clearing them never loses a record.
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
    ...(glacierAfterDays !== undefined
      ? {
          transition: [{ days: glacierAfterDays, storageClass: 'GLACIER' }],
          noncurrentVersionTransition: [{ noncurrentDays: glacierAfterDays, storageClass: 'GLACIER' }],
        }
      : {}),
    ...(expire
      ? {
          expiration: [{ days: retentionDays }],
          // Counted from when a version became noncurrent, so every version lives at least retentionDays.
          noncurrentVersionExpiration: [{ noncurrentDays: retentionDays }],
        }
      : {}),
  };
}
