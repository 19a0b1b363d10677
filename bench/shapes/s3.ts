/**
 * aws_s3_bucket and the companion resources AWS provider 4+ splits out of it. A companion's
 * `bucket` comes from `aws_s3_bucket.x.id`, so it is unknown until the bucket exists — the
 * case the graph must resolve through configuration references rather than values.
 */
import { UNKNOWN_LIST, type PlanObject, type PlanValue } from '../plan-values';
import { computed, tagAttributes, type ShapeBase, type TaggedShape } from './common';

export type SseAlgorithm = 'aws:kms' | 'AES256';
export type VersioningStatus = 'Enabled' | 'Suspended';

export interface BucketEncryption {
  readonly algorithm: SseAlgorithm;
  /** The key ARN (string), unknown until the key exists, or null for SSE-S3. */
  readonly kmsKeyArn: PlanValue;
}

export interface S3BucketShape extends TaggedShape {
  readonly bucket: string;
  /**
   * What the companions have applied, mirrored by the provider into the bucket's read-only
   * attributes once it exists. null when no companion configures it.
   */
  readonly applied: {
    readonly encryption: BucketEncryption | null;
    readonly versioning: VersioningStatus | null;
    readonly logging: { readonly targetBucket: string; readonly targetPrefix: string } | null;
  };
}

export function s3Bucket(shape: S3BucketShape): PlanObject {
  const known = shape.existing;
  const { bucket, account, applied } = shape;
  // Buckets without an explicit configuration still report SSE-S3, the AWS default since 2023.
  const encryption = applied.encryption ?? { algorithm: 'AES256', kmsKeyArn: null };
  return {
    acceleration_status: computed(known, ''),
    acl: computed(known, null),
    arn: computed(known, `arn:aws:s3:::${bucket}`),
    bucket,
    bucket_domain_name: computed(known, `${bucket}.s3.amazonaws.com`),
    bucket_prefix: computed(known, ''),
    bucket_regional_domain_name: computed(known, `${bucket}.s3.${account.region}.amazonaws.com`),
    cors_rule: computed(known, [], UNKNOWN_LIST),
    force_destroy: false,
    grant: computed(
      known,
      [{ id: account.canonicalUserId, permissions: ['FULL_CONTROL'], type: 'CanonicalUser', uri: '' }],
      UNKNOWN_LIST,
    ),
    hosted_zone_id: computed(known, 'Z3AQBSTGFYJSTF'),
    id: computed(known, bucket),
    lifecycle_rule: computed(known, [], UNKNOWN_LIST),
    logging: computed(
      known,
      applied.logging ? [{ target_bucket: applied.logging.targetBucket, target_prefix: applied.logging.targetPrefix }] : [],
      UNKNOWN_LIST,
    ),
    object_lock_configuration: computed(known, [], UNKNOWN_LIST),
    object_lock_enabled: computed(known, false),
    policy: computed(known, ''),
    region: computed(known, account.region),
    replication_configuration: computed(known, [], UNKNOWN_LIST),
    request_payer: computed(known, 'BucketOwner'),
    server_side_encryption_configuration: computed(
      known,
      [
        {
          rule: [
            {
              apply_server_side_encryption_by_default: [
                { kms_master_key_id: encryption.kmsKeyArn ?? '', sse_algorithm: encryption.algorithm },
              ],
              bucket_key_enabled: encryption.algorithm === 'aws:kms',
            },
          ],
        },
      ],
      UNKNOWN_LIST,
    ),
    ...tagAttributes(shape),
    timeouts: null,
    versioning: computed(known, [{ enabled: applied.versioning === 'Enabled', mfa_delete: false }], UNKNOWN_LIST),
    website: computed(known, [], UNKNOWN_LIST),
    website_domain: computed(known, null),
    website_endpoint: computed(known, null),
  };
}

export interface CompanionShape extends ShapeBase {
  /** The bucket name; unknown (from aws_s3_bucket.x.id) while the bucket is being created. */
  readonly bucket: PlanValue;
  /** The bucket name the provider uses as the companion's id once it exists. */
  readonly bucketName: string;
}

function companionIdentity(shape: CompanionShape): PlanObject {
  return { bucket: shape.bucket, id: computed(shape.existing, shape.bucketName) };
}

export function s3BucketEncryption(shape: CompanionShape & { readonly encryption: BucketEncryption }): PlanObject {
  const { algorithm, kmsKeyArn } = shape.encryption;
  return {
    ...companionIdentity(shape),
    expected_bucket_owner: shape.existing ? '' : null,
    rule: [
      {
        apply_server_side_encryption_by_default: [{ kms_master_key_id: kmsKeyArn ?? '', sse_algorithm: algorithm }],
        bucket_key_enabled: algorithm === 'aws:kms' ? true : null,
      },
    ],
  };
}

export function s3BucketVersioning(shape: CompanionShape & { readonly status: VersioningStatus }): PlanObject {
  return {
    ...companionIdentity(shape),
    expected_bucket_owner: shape.existing ? '' : null,
    mfa: null,
    versioning_configuration: [{ mfa_delete: computed(shape.existing, 'Disabled'), status: shape.status }],
  };
}

export function s3BucketLogging(shape: CompanionShape & { readonly targetBucket: PlanValue; readonly targetPrefix: string }): PlanObject {
  return {
    ...companionIdentity(shape),
    expected_bucket_owner: shape.existing ? '' : null,
    target_bucket: shape.targetBucket,
    target_grant: [],
    target_object_key_format: [],
    target_prefix: shape.targetPrefix,
  };
}

export function s3BucketPublicAccessBlock(shape: CompanionShape & { readonly blockAll: boolean }): PlanObject {
  return {
    ...companionIdentity(shape),
    block_public_acls: true,
    block_public_policy: shape.blockAll,
    ignore_public_acls: true,
    restrict_public_buckets: shape.blockAll,
  };
}
