import { Construct } from 'constructs';
import { AwsEnvironment, s3BucketArn } from './environment';
import { BucketCore, BucketLifecycle, validateBucketName } from './bucket-core';
import { suppressRule } from './check/suppress';
import { EncryptionKey, keyOrNew } from './kms-key';
import { PolicyConditions } from './policy-document';
import { SIX_YEARS_IN_DAYS } from './retention';

export interface AccessLogBucketProps {
  readonly env: AwsEnvironment;
  /** Bucket name (3–63 lower-case letters, digits, hyphens). */
  readonly bucketName: string;
  /**
   * Key for the log objects (gets a grant for S3 log delivery, conditioned on this account).
   * Default: a new KmsKey. AWS's server-access-logging guide still says the destination may
   * only use SSE-S3; aws-cdk (PR #25350, with an integration test) found SSE-KMS with a
   * customer-managed key works once the key policy admits `logging.s3.amazonaws.com`, which is
   * what this construct does, because the rule pack requires a customer-managed key on every bucket.
   */
  readonly kmsKey?: EncryptionKey;
  /** Default: keep 2192 days then expire, move to Glacier after 90 days. */
  readonly lifecycle?: BucketLifecycle;
  readonly tags?: Record<string, string>;
}

const TERMINAL_LOG_BUCKET =
  'The terminal bucket of the S3 server access-log chain: logging its access into itself would log every log delivery, without end, ' +
  'and logging it into another bucket only moves the end of the chain. Its sources may be in other stacks, where LOG-007 cannot see them.';

/**
 * The terminal bucket for S3 server access logs.
 *
 * It does not log its own access, on purpose: a bucket that logs to itself creates a log
 * object for every log object, forever, and so does any cycle of buckets logging to each
 * other, so every chain of access logs must end in one bucket that does not log. Requests to
 * this bucket are still visible to CloudTrail management events (policy, ACL and
 * configuration changes). It cannot use Object Lock: S3 refuses Object Lock buckets as
 * access-log destinations.
 */
export class AccessLogBucket extends Construct {
  readonly core: BucketCore;
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly kmsKey: EncryptionKey;
  private readonly sourceBucketNames = new Set<string>();
  private readonly env: AwsEnvironment;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    // Checked before anything is named after it (the key alias).
    validateBucketName(props.bucketName);
    this.env = props.env;
    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env: props.env,
      alias: `s3/${props.bucketName}`,
      description: `Encrypts S3 server access logs in ${props.bucketName}`,
      tags: props.tags,
    });
    this.kmsKey.allow({ kind: 's3-server-access-logs' });
    this.core = new BucketCore(this, 'bucket', {
      env: props.env,
      bucketName: props.bucketName,
      kmsKey: this.kmsKey,
      sseAlgorithm: 'aws:kms',
      lifecycle: {
        retentionDays: props.lifecycle?.retentionDays ?? SIX_YEARS_IN_DAYS,
        expireAfterRetention: props.lifecycle?.expireAfterRetention ?? true,
        transitionToGlacierAfterDays: props.lifecycle?.transitionToGlacierAfterDays ?? 90,
      },
      tags: props.tags,
    });
    this.bucketName = this.core.bucketName;
    this.bucketArn = this.core.bucketArn;
    // LOG-007 already exempts a bucket that a source in the same plan logs into; this covers
    // the shared log bucket whose sources live in other stacks.
    suppressRule(this.core, 'LOG-007', TERMINAL_LOG_BUCKET);
    // ACLs are disabled (BucketOwnerEnforced), so log delivery is granted by policy, limited
    // to this account and, once sources register, to those source buckets.
    this.core.addToPolicy(() => ({
      Sid: 'S3ServerAccessLogDelivery',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${this.bucketArn}/*`,
      Condition: this.deliveryConditions(),
    }));
  }

  /**
   * Records that `sourceBucketName` delivers its access logs here and returns the key prefix
   * to use. Refuses the bucket itself (see the class comment).
   */
  registerSource(sourceBucketName: string): string {
    if (sourceBucketName === this.bucketName) {
      throw new Error(`AccessLogBucket ${this.bucketName}: a bucket must not deliver its access logs to itself (every log object would log another, forever)`);
    }
    this.sourceBucketNames.add(sourceBucketName);
    return `${sourceBucketName}/`;
  }

  private deliveryConditions(): PolicyConditions {
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': this.env.accountId } };
    if (this.sourceBucketNames.size === 0) return sourceAccount;
    return {
      ...sourceAccount,
      ArnLike: { 'aws:SourceArn': [...this.sourceBucketNames].sort().map((name) => s3BucketArn(this.env, name)) },
    };
  }
}
