/**
 * `module.tenant["tNNNN"].module.archive`: one bucket per dataset (for_each), with companions
 * keyed the same way (`bucket = aws_s3_bucket.archive[each.key].id`). Unencrypted datasets get
 * no encryption companion at all — the "missing companion" case.
 */
import { UNKNOWN, type PlanValue } from '../plan-values';
import { byAddress, type GeneratedInstance, type GeneratedModuleInstance } from '../plan-model';
import type { Random } from '../prng';
import type { Account, Tags } from '../shapes/common';
import { s3Bucket, s3BucketEncryption, s3BucketPublicAccessBlock, s3BucketVersioning } from '../shapes/s3';
import { lifecycleAction, makeInstance, priorTags } from './instance';
import { archiveModuleAddress } from './naming';

/** Share of datasets in an applied tenant that are new in this plan (created beside existing ones). */
const NEW_DATASET_RATE = 0.1;

export interface ArchiveInputs {
  readonly account: Account;
  readonly tenantKey: string;
  readonly tenantExisting: boolean;
  readonly datasets: Readonly<Record<string, { readonly encrypted: boolean }>>;
  /** The tenant key's ARN, or unknown while it is being created (module input var.kms_key_arn). */
  readonly kmsKeyArn: PlanValue;
  readonly tags: Tags;
}

export function buildArchive(rng: Random, inputs: ArchiveInputs): GeneratedModuleInstance {
  const moduleAddress = archiveModuleAddress(inputs.tenantKey);
  const { account } = inputs;
  const instances: GeneratedInstance[] = [];
  for (const dataset of Object.keys(inputs.datasets).sort()) {
    const { encrypted } = inputs.datasets[dataset];
    const exists = inputs.tenantExisting && !rng.chance(NEW_DATASET_RATE);
    const bucketName = `phi-${inputs.tenantKey}-archive-${dataset}`;
    const bucketRef: PlanValue = exists ? bucketName : UNKNOWN;
    const tags = { ...inputs.tags, Dataset: dataset };
    const encryption = { algorithm: 'aws:kms' as const, kmsKeyArn: inputs.kmsKeyArn };
    const companion = { moduleAddress, name: 'archive', index: dataset, action: lifecycleAction(rng, exists, false) };

    instances.push(
      makeInstance({
        moduleAddress,
        type: 'aws_s3_bucket',
        name: 'archive',
        index: dataset,
        action: lifecycleAction(rng, exists, true),
        build: ({ existing, prior }) =>
          s3Bucket({
            account,
            existing,
            tags: prior ? priorTags(tags) : tags,
            bucket: bucketName,
            applied: { encryption: encrypted ? encryption : null, versioning: 'Enabled', logging: null },
          }),
        violation: encrypted ? null : 'bucket has no server-side encryption configuration',
      }),
      makeInstance({
        ...companion,
        type: 'aws_s3_bucket_versioning',
        build: ({ existing }) => s3BucketVersioning({ account, existing, bucket: bucketRef, bucketName, status: 'Enabled' }),
        violation: null,
      }),
      makeInstance({
        ...companion,
        type: 'aws_s3_bucket_public_access_block',
        build: ({ existing }) => s3BucketPublicAccessBlock({ account, existing, bucket: bucketRef, bucketName, blockAll: true }),
        violation: null,
      }),
    );
    if (encrypted) {
      instances.push(
        makeInstance({
          ...companion,
          type: 'aws_s3_bucket_server_side_encryption_configuration',
          build: ({ existing }) => s3BucketEncryption({ account, existing, bucket: bucketRef, bucketName, encryption }),
          violation: null,
        }),
      );
    }
  }
  return { address: moduleAddress, instances: instances.sort(byAddress), children: [] };
}
