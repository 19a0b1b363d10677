/**
 * The root module: a shared KMS key, the S3 access-log bucket (SSE-S3, since S3 server access
 * logging cannot deliver to KMS-encrypted buckets) with its companions, the audit log group,
 * sometimes a Lightsail status page, and `aws_cloudwatch_log_group.service[...]` (for_each),
 * which tops the plan up to the exact resource count.
 */
import { createRandom, deriveSeed } from '../prng';
import { byAddress, type GeneratedInstance, type GeneratedModuleInstance } from '../plan-model';
import type { PlanLayout } from '../plan-layout';
import { UNKNOWN, type PlanValue } from '../plan-values';
import { uuidFromHex } from '../shapes/common';
import { kmsKey, kmsKeyArn } from '../shapes/kms';
import { lightsailInstance } from '../shapes/lightsail';
import { logGroup } from '../shapes/logs';
import { s3Bucket, s3BucketEncryption, s3BucketPublicAccessBlock, s3BucketVersioning, type BucketEncryption } from '../shapes/s3';
import { lifecycleAction, makeInstance, priorTags } from './instance';
import { accessLogBucketName, retentionViolation } from './naming';

/** Share of service log groups already applied. */
const EXISTING_SERVICE_LOG_RATE = 0.5;

export function buildRoot(layout: PlanLayout): GeneratedModuleInstance {
  const rng = createRandom(deriveSeed(layout.seed, 0x2007));
  const { account, root } = layout;
  const instances: GeneratedInstance[] = [];
  const tags = { CostCenter: 'cc-platform', DataClassification: 'Internal' };
  const tagsFor = (prior: boolean) => (prior ? priorTags(tags) : tags);
  let sharedKeyArn: PlanValue = null;

  if (root !== null) {
    const existing = root.existing;
    const act = (updatable: boolean) => lifecycleAction(rng, existing, updatable);
    const keyId = uuidFromHex(rng.hex(32));
    sharedKeyArn = existing ? kmsKeyArn(account, keyId) : UNKNOWN;
    const bucketName = accessLogBucketName(account);
    const bucketRef: PlanValue = existing ? bucketName : UNKNOWN;
    const encryption: BucketEncryption = { algorithm: 'AES256', kmsKeyArn: null };
    const companion = { moduleAddress: '', name: 'logs', action: act(false) };
    instances.push(
      makeInstance({
        moduleAddress: '',
        type: 'aws_kms_key',
        name: 'shared',
        action: act(true),
        build: ({ existing: known, prior }) =>
          kmsKey({
            account,
            existing: known,
            tags: tagsFor(prior),
            keyId,
            description: 'Shared platform key for audit logs',
            enableKeyRotation: true,
            servicePrincipals: [`logs.${account.region}.amazonaws.com`],
          }),
        violation: null,
      }),
      makeInstance({
        moduleAddress: '',
        type: 'aws_s3_bucket',
        name: 'logs',
        action: act(true),
        build: ({ existing: known, prior }) =>
          s3Bucket({ account, existing: known, tags: tagsFor(prior), bucket: bucketName, applied: { encryption, versioning: 'Enabled', logging: null } }),
        violation: null,
      }),
      makeInstance({
        ...companion,
        type: 'aws_s3_bucket_server_side_encryption_configuration',
        build: ({ existing: known }) => s3BucketEncryption({ account, existing: known, bucket: bucketRef, bucketName, encryption }),
        violation: null,
      }),
      makeInstance({
        ...companion,
        type: 'aws_s3_bucket_versioning',
        build: ({ existing: known }) => s3BucketVersioning({ account, existing: known, bucket: bucketRef, bucketName, status: 'Enabled' }),
        violation: null,
      }),
      makeInstance({
        ...companion,
        type: 'aws_s3_bucket_public_access_block',
        build: ({ existing: known }) => s3BucketPublicAccessBlock({ account, existing: known, bucket: bucketRef, bucketName, blockAll: true }),
        violation: null,
      }),
      makeInstance({
        moduleAddress: '',
        type: 'aws_cloudwatch_log_group',
        name: 'audit',
        action: act(true),
        build: ({ existing: known, prior }) =>
          logGroup({ account, existing: known, tags: tagsFor(prior), name: '/phi/platform/audit', retentionInDays: 2557, kmsKeyId: sharedKeyArn }),
        violation: null,
      }),
    );
    if (root.statusPage) {
      const instanceId = uuidFromHex(rng.hex(32));
      const ipSuffix = rng.int(0, 65535);
      instances.push(
        makeInstance({
          moduleAddress: '',
          type: 'aws_lightsail_instance',
          name: 'status_page',
          index: 0,
          action: act(true),
          build: ({ existing: known, prior }) =>
            lightsailInstance({ account, existing: known, tags: tagsFor(prior), name: 'phi-platform-status', instanceId, ipSuffix }),
          violation: 'Lightsail is not a HIPAA-eligible service',
        }),
      );
    }
  }

  for (const service of layout.services) {
    const exists = root?.existing === true && rng.chance(EXISTING_SERVICE_LOG_RATE);
    const keyArn = sharedKeyArn;
    instances.push(
      makeInstance({
        moduleAddress: '',
        type: 'aws_cloudwatch_log_group',
        name: 'service',
        index: service.key,
        action: lifecycleAction(rng, exists, true),
        build: ({ existing: known, prior }) =>
          logGroup({
            account,
            existing: known,
            tags: tagsFor(prior),
            name: `/phi/platform/service/${service.key}`,
            retentionInDays: service.retentionInDays,
            kmsKeyId: keyArn,
          }),
        violation: retentionViolation(service.retentionInDays) ?? (keyArn === null ? 'log group is not encrypted with a KMS key' : null),
      }),
    );
  }
  return { address: '', instances: instances.sort(byAddress), children: [] };
}
