/**
 * One instance of `module.tenant` (for_each over var.tenants): a tenant's KMS key, its PHI
 * data bucket with the four companions tied by `aws_s3_bucket.data.id`, a log group, a queue,
 * a table, optionally a database, IoT policies per device class, sometimes a Lightsail host,
 * and the nested archive module.
 */
import { createRandom } from '../prng';
import { byAddress, type GeneratedInstance, type GeneratedModuleInstance } from '../plan-model';
import type { PlanLayout, TenantSpec } from '../plan-layout';
import { UNKNOWN, type PlanValue } from '../plan-values';
import { uuidFromHex } from '../shapes/common';
import { dynamoDbTable } from '../shapes/dynamodb';
import { iotPolicy } from '../shapes/iot';
import { kmsKey, kmsKeyArn } from '../shapes/kms';
import { lightsailInstance } from '../shapes/lightsail';
import { logGroup } from '../shapes/logs';
import { dbInstance } from '../shapes/rds';
import { s3Bucket, s3BucketEncryption, s3BucketLogging, s3BucketPublicAccessBlock, s3BucketVersioning, type BucketEncryption } from '../shapes/s3';
import { sqsQueue } from '../shapes/sqs';
import { buildArchive } from './archive';
import { lifecycleAction, makeInstance, priorTags } from './instance';
import { accessLogBucketName, retentionViolation, tenantDbPassword, tenantModuleAddress } from './naming';

export function buildTenant(layout: PlanLayout, tenant: TenantSpec): GeneratedModuleInstance {
  const rng = createRandom(tenant.seed);
  const { account } = layout;
  const { key, existing, settings } = tenant;
  const moduleAddress = tenantModuleAddress(key);
  const tags = { CostCenter: `cc-${100 + (tenant.ordinal % 37)}`, DataClassification: 'PHI', Tenant: key };
  const tagsFor = (prior: boolean) => (prior ? priorTags(tags) : tags);
  const act = (updatable: boolean) => lifecycleAction(rng, existing, updatable);
  const instances: GeneratedInstance[] = [];

  // The tenant key: its ARN is unknown in the plan that creates it, and every reference to it too.
  const keyId = uuidFromHex(rng.hex(32));
  const keyArn: PlanValue = existing ? kmsKeyArn(account, keyId) : UNKNOWN;
  instances.push(
    makeInstance({
      moduleAddress,
      type: 'aws_kms_key',
      name: 'data',
      action: act(true),
      build: ({ existing: known, prior }) =>
        kmsKey({
          account,
          existing: known,
          tags: tagsFor(prior),
          keyId,
          description: `PHI data key for tenant ${key}`,
          enableKeyRotation: settings.keyRotation,
          servicePrincipals: [`logs.${account.region}.amazonaws.com`],
        }),
      violation: settings.keyRotation ? null : 'KMS key rotation is disabled',
    }),
  );

  // The data bucket and its companions; their `bucket` is unknown while the bucket is created.
  const bucketName = `phi-${key}-data-${account.accountId.slice(-6)}`;
  const bucketRef: PlanValue = existing ? bucketName : UNKNOWN;
  const logBucket = layout.root?.existing ? accessLogBucketName(account) : UNKNOWN;
  const encryption: BucketEncryption =
    settings.dataSseAlgorithm === 'aws:kms' ? { algorithm: 'aws:kms', kmsKeyArn: keyArn } : { algorithm: 'AES256', kmsKeyArn: null };
  const logPrefix = `${key}/data/`;
  const companion = { moduleAddress, name: 'data', action: act(false) };
  instances.push(
    makeInstance({
      moduleAddress,
      type: 'aws_s3_bucket',
      name: 'data',
      action: act(true),
      build: ({ existing: known, prior }) =>
        s3Bucket({
          account,
          existing: known,
          tags: tagsFor(prior),
          bucket: bucketName,
          applied: {
            encryption,
            versioning: settings.versioning,
            logging: { targetBucket: accessLogBucketName(account), targetPrefix: logPrefix },
          },
        }),
      violation: null,
    }),
    makeInstance({
      ...companion,
      type: 'aws_s3_bucket_server_side_encryption_configuration',
      build: ({ existing: known }) => s3BucketEncryption({ account, existing: known, bucket: bucketRef, bucketName, encryption }),
      violation: encryption.algorithm === 'AES256' ? 'PHI bucket uses SSE-S3, not a KMS key' : null,
    }),
    makeInstance({
      ...companion,
      type: 'aws_s3_bucket_versioning',
      build: ({ existing: known }) =>
        s3BucketVersioning({ account, existing: known, bucket: bucketRef, bucketName, status: settings.versioning }),
      violation: settings.versioning === 'Enabled' ? null : 'bucket versioning is suspended',
    }),
    makeInstance({
      ...companion,
      type: 'aws_s3_bucket_logging',
      build: ({ existing: known }) =>
        s3BucketLogging({ account, existing: known, bucket: bucketRef, bucketName, targetBucket: logBucket, targetPrefix: logPrefix }),
      violation: null,
    }),
    makeInstance({
      ...companion,
      type: 'aws_s3_bucket_public_access_block',
      build: ({ existing: known }) =>
        s3BucketPublicAccessBlock({ account, existing: known, bucket: bucketRef, bucketName, blockAll: settings.blockPublicAccess }),
      violation: settings.blockPublicAccess ? null : 'public bucket policies are not blocked',
    }),
  );

  const logAction = act(true);
  const priorRetention = logAction === 'update' && rng.chance(0.5) ? 365 : settings.logRetentionDays;
  instances.push(
    makeInstance({
      moduleAddress,
      type: 'aws_cloudwatch_log_group',
      name: 'app',
      action: logAction,
      build: ({ existing: known, prior }) =>
        logGroup({
          account,
          existing: known,
          tags: tagsFor(prior),
          name: `/phi/${key}/app`,
          retentionInDays: prior ? priorRetention : settings.logRetentionDays,
          kmsKeyId: settings.logKms ? keyArn : null,
        }),
      violation: retentionViolation(settings.logRetentionDays) ?? (settings.logKms ? null : 'log group is not encrypted with a KMS key'),
    }),
    makeInstance({
      moduleAddress,
      type: 'aws_sqs_queue',
      name: 'events',
      action: act(true),
      build: ({ existing: known, prior }) =>
        sqsQueue({ account, existing: known, tags: tagsFor(prior), name: `${key}-events`, encryption: settings.queueEncryption, kmsKeyArn: keyArn }),
      violation: settings.queueEncryption === 'none' ? 'queue has server-side encryption turned off' : null,
    }),
    makeInstance({
      moduleAddress,
      type: 'aws_dynamodb_table',
      name: 'records',
      action: act(true),
      build: ({ existing: known, prior }) =>
        dynamoDbTable({
          account,
          existing: known,
          tags: tagsFor(prior),
          name: `${key}-records`,
          kmsKeyArn: settings.tableCmk ? keyArn : null,
          pointInTimeRecovery: settings.tablePitr,
        }),
      violation: !settings.tableCmk
        ? 'table is encrypted with the AWS owned key'
        : settings.tablePitr
          ? null
          : 'point-in-time recovery is off',
    }),
  );

  if (settings.enableDatabase) {
    const password = tenantDbPassword(tenant);
    const resourceId = rng.hex(26).toUpperCase();
    instances.push(
      makeInstance({
        moduleAddress,
        type: 'aws_db_instance',
        name: 'records',
        index: 0,
        action: act(true),
        build: ({ existing: known, prior }) =>
          dbInstance({
            account,
            existing: known,
            tags: tagsFor(prior),
            identifier: `${key}-records`,
            password,
            storageEncrypted: settings.dbStorageEncrypted,
            kmsKeyArn: keyArn,
            resourceId,
          }),
        violation: settings.dbStorageEncrypted ? null : 'database storage is not encrypted',
      }),
    );
  }

  for (const deviceClass of Object.keys(settings.deviceClasses).sort()) {
    const scope = settings.deviceClasses[deviceClass];
    instances.push(
      makeInstance({
        moduleAddress,
        type: 'aws_iot_policy',
        name: 'device',
        index: deviceClass,
        action: act(true),
        build: ({ existing: known, prior }) =>
          iotPolicy({ account, existing: known, tags: tagsFor(prior), name: `${key}-${deviceClass}`, tenant: key, deviceClass, scope }),
        violation: scope === 'wildcard' ? 'IoT policy allows iot:* on every resource' : null,
      }),
    );
  }

  if (settings.legacyHost || tenant.removedLegacyHost) {
    const instanceId = uuidFromHex(rng.hex(32));
    const ipSuffix = rng.int(0, 65535);
    instances.push(
      makeInstance({
        moduleAddress,
        type: 'aws_lightsail_instance',
        name: 'legacy',
        index: 0,
        action: tenant.removedLegacyHost ? 'delete' : act(true),
        build: ({ existing: known, prior }) =>
          lightsailInstance({ account, existing: known, tags: tagsFor(prior), name: `${key}-legacy-viewer`, instanceId, ipSuffix }),
        violation: 'Lightsail is not a HIPAA-eligible service',
      }),
    );
  }

  const archive = buildArchive(rng, {
    account,
    tenantKey: key,
    tenantExisting: existing,
    datasets: settings.datasets,
    kmsKeyArn: keyArn,
    tags,
  });
  return { address: moduleAddress, instances: instances.sort(byAddress), children: [archive] };
}
