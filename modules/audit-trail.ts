import { Construct } from 'constructs';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { AccessLogBucket } from './access-log-bucket';
import { ObjectLockSettings } from './bucket-core';
import { suppressRule } from './check/suppress';
import { EncryptedLogGroup } from './encrypted-log-group';
import { AwsEnvironment, arnFor, cloudTrailArn, validateEnvironment } from './environment';
import { EncryptionKey, keyOrNew } from './kms-key';
import { SIX_YEARS_IN_DAYS } from './retention';
import { SecureBucket } from './secure-bucket';
import { ServiceRole } from './service-role';

const TRAIL_BUCKET_DATA_EVENTS =
  "The trail's own log-file bucket: data events for it would record CloudTrail's own log-file deliveries, each of which becomes a new delivery, so the trail never goes quiet. " +
  'Object-level reads and writes of this bucket are recorded by its S3 server access logs instead, and Object Lock keeps its files from being changed.';

const TRAIL_ACCESS_LOG_BUCKET_DATA_EVENTS =
  "Receives the trail bucket's S3 server access logs: data events for it would record each access-log delivery, which the trail delivers as a new log file, which is logged again, without end. " +
  'It is the terminal bucket of the access-log chain; CloudTrail management events record changes to its policy and configuration.';

/**
 * A bucket whose object-level reads and writes the trail records: a SecureBucket (with its
 * access-log bucket), an AccessLogBucket, or a bucket name.
 */
export type DataEventBucket = SecureBucket | AccessLogBucket | string;

export interface AuditTrailProps {
  readonly env: AwsEnvironment;
  /** Trail name; the KMS and bucket policies are pinned to this trail's ARN. */
  readonly trailName: string;
  /** Name of the bucket created for the log files. */
  readonly bucketName: string;
  /**
   * Buckets holding PHI whose object-level events (GetObject, PutObject, DeleteObject…) are
   * recorded (LOG-006). A SecureBucket brings its access-log bucket along (access logs name
   * the objects and who asked for them), unless that is also the trail bucket's access-log
   * bucket. Must not include the trail's own bucket or its access-log bucket: each write
   * CloudTrail makes there would itself be recorded, without end.
   */
  readonly dataEventBuckets?: readonly DataEventBucket[];
  /** Key for log files, the log group and the bucket. Default: a new KmsKey. */
  readonly kmsKey?: EncryptionKey;
  /** Where the trail bucket's access logs go. Default: a new AccessLogBucket `<bucketName>-access-logs`. */
  readonly accessLogBucket?: AccessLogBucket;
  /** Days the log files and CloudWatch events are kept. Default 2192 (six years); shorter is refused. */
  readonly retentionDays?: number;
  /** Days before log files move to Glacier. Default 90: audits rarely read old trails, and Glacier keeps them cheaply. */
  readonly transitionToGlacierAfterDays?: number;
  /**
   * Object Lock on the log-file bucket, so delivered logs cannot be altered or deleted.
   * Default GOVERNANCE for 2192 days (COMPLIANCE cannot be lifted by anyone, even to fix a mistake).
   */
  readonly objectLock?: ObjectLockSettings;
  /** Name of the CloudWatch log group. Default `/aws/cloudtrail/<trailName>`. */
  readonly logGroupName?: string;
  readonly tags?: Record<string, string>;
}

/**
 * A multi-region CloudTrail with global service events, log-file validation and KMS
 * encryption, delivering to an Object-Locked SecureBucket kept six years and to an encrypted
 * CloudWatch log group, and recording S3 data events for the PHI buckets it is given.
 */
export class AuditTrail extends Construct {
  readonly trail: Cloudtrail;
  readonly trailArn: string;
  readonly bucket: SecureBucket;
  readonly logGroup: EncryptedLogGroup;
  readonly kmsKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    validateEnvironment(props.env);
    if (!/^[a-zA-Z0-9][a-zA-Z0-9._-]{2,127}$/.test(props.trailName)) {
      throw new Error(`AuditTrail ${id}: trail name "${props.trailName}" must be 3-128 letters, digits, ".", "_" or "-", starting with a letter or digit`);
    }
    const env = props.env;
    const retentionDays = props.retentionDays ?? SIX_YEARS_IN_DAYS;
    this.trailArn = cloudTrailArn(env, props.trailName);

    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env,
      alias: `cloudtrail/${props.trailName}`,
      description: `Encrypts CloudTrail ${props.trailName}: log files, bucket and log group`,
      tags: props.tags,
    });
    this.kmsKey.allow({ kind: 'cloudtrail', trailName: props.trailName });

    this.bucket = new SecureBucket(this, 'bucket', {
      env,
      bucketName: props.bucketName,
      kmsKey: this.kmsKey,
      accessLogBucket: props.accessLogBucket,
      lifecycle: {
        retentionDays,
        expireAfterRetention: true,
        transitionToGlacierAfterDays: props.transitionToGlacierAfterDays ?? 90,
      },
      objectLock: props.objectLock ?? { mode: 'GOVERNANCE', retentionDays },
      tags: props.tags,
    });
    const ownLogChain = [this.bucket.bucketName, this.bucket.accessLogBucket.bucketName];
    const named = (props.dataEventBuckets ?? []).map((bucket) => (typeof bucket === 'string' ? bucket : bucket.bucketName));
    for (const forbidden of ownLogChain) {
      if (named.includes(forbidden)) {
        throw new Error(`AuditTrail ${props.trailName}: data events for "${forbidden}" would record the trail's own deliveries, without end`);
      }
    }
    // A PHI bucket's access logs go along with it, except into the trail's own log chain.
    const accessLogsOfNamed = (props.dataEventBuckets ?? [])
      .filter((bucket): bucket is SecureBucket => bucket instanceof SecureBucket)
      .map((bucket) => bucket.accessLogBucket.bucketName)
      .filter((name) => !ownLogChain.includes(name));
    const dataEventBucketNames = [...named, ...accessLogsOfNamed];
    // LOG-006 asks for data events on every PHI bucket, but on these two they would feed
    // themselves (the constructor refuses them above); see the reasons for what records them instead.
    suppressRule(this.bucket.core, 'LOG-006', TRAIL_BUCKET_DATA_EVENTS);
    suppressRule(this.bucket.accessLogBucket, 'LOG-006', TRAIL_ACCESS_LOG_BUCKET_DATA_EVENTS);
    const deliveredBy = { StringEquals: { 'aws:SourceArn': this.trailArn } };
    this.bucket.addToPolicy({
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: this.bucket.bucketArn,
      Condition: deliveredBy,
    });
    this.bucket.addToPolicy({
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: `${this.bucket.bucketArn}/AWSLogs/${env.accountId}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': this.trailArn } },
    });

    this.logGroup = new EncryptedLogGroup(this, 'log-group', {
      env,
      logGroupName: props.logGroupName ?? `/aws/cloudtrail/${props.trailName}`,
      retentionDays,
      kmsKey: this.kmsKey,
      tags: props.tags,
    });
    const deliveryRole = new ServiceRole(this, 'cloudwatch-delivery', {
      roleName: `${props.trailName}-cloudwatch-delivery`,
      description: `Lets CloudTrail ${props.trailName} write events to ${this.logGroup.logGroupName}`,
      // The trust policy is AWS's documented one, without conditions: CloudTrail's guide does
      // not say it supplies aws:SourceArn when it assumes this role, and a condition it does
      // not meet would silently stop delivery. The role can only write to this one log group.
      servicePrincipal: 'cloudtrail.amazonaws.com',
      statements: [
        {
          Sid: 'WriteTrailEventsToLogGroup',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: arnFor(env, 'logs', `log-group:${this.logGroup.logGroupName}:log-stream:*`),
        },
      ],
      tags: props.tags,
    });

    this.trail = new Cloudtrail(this, 'trail', {
      name: props.trailName,
      s3BucketName: this.bucket.bucket.id,
      kmsKeyId: this.kmsKey.keyArn,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      cloudWatchLogsGroupArn: `${this.logGroup.arnReference}:*`,
      cloudWatchLogsRoleArn: deliveryRole.roleArn,
      eventSelector:
        dataEventBucketNames.length > 0
          ? [
              {
                readWriteType: 'All',
                includeManagementEvents: true,
                dataResource: [
                  {
                    type: 'AWS::S3::Object',
                    // The trailing slash selects every object in the bucket.
                    values: [...new Set(dataEventBucketNames)].sort().map((name) => `arn:${env.partition ?? 'aws'}:s3:::${name}/`),
                  },
                ],
              },
            ]
          : undefined,
      tags: props.tags,
      // CloudTrail checks at creation that it can write to the bucket and the log group.
      dependsOn: [this.bucket.core.policy, ...deliveryRole.grants],
    });
  }
}
