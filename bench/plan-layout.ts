/**
 * The shape of a generated plan, decided up front from (resource count, seed): which root
 * resources exist, the tenants of `module.tenant` (for_each) with their settings, and the
 * `aws_cloudwatch_log_group.service` instances that make up the exact count.
 *
 * The layout is small (one record per module instance), so it stays in memory even for plans
 * larger than V8's biggest string; the resource instances themselves are rebuilt from it on
 * demand, once per section of the file.
 */
import { createRandom, deriveSeed, type Random } from './prng';
import type { Account } from './shapes/common';
import type { IotPolicyScope } from './shapes/iot';
import type { SseAlgorithm, VersioningStatus } from './shapes/s3';
import type { QueueEncryption } from './shapes/sqs';

/**
 * How often each setting is drawn non-compliant. Together they make roughly 5–10% of resource
 * instances violate a HIPAA rule, the rate the benchmark asks for; the test pins that range.
 */
const VIOLATION_RATE = {
  keyRotationOff: 0.1,
  bucketSseS3Only: 0.08,
  versioningSuspended: 0.08,
  publicAccessOpen: 0.07,
  shortLogRetention: 0.12,
  logGroupWithoutKms: 0.08,
  queueUnencrypted: 0.1,
  tableAwsOwnedKey: 0.09,
  tableWithoutPitr: 0.07,
  dbUnencrypted: 0.12,
  iotWildcard: 0.12,
  legacyHost: 0.06,
  datasetUnencrypted: 0.1,
} as const;

/** Share of tenants already applied (their instances are no-op or update); the rest are created. */
const EXISTING_TENANT_RATE = 0.15;
const DATABASE_RATE = 0.3;
const REMOVED_LEGACY_HOST_RATE = 0.03;

const COMPLIANT_RETENTION_DAYS = [0, 2192, 2557, 3653] as const;
const SHORT_RETENTION_DAYS = [30, 90, 365, 1827] as const;
const DATASET_NAMES = ['claims', 'genomics', 'imaging', 'notes'] as const;
const DEVICE_CLASSES = ['gateway', 'sensor', 'wearable'] as const;

export interface TenantSettings {
  readonly datasets: Readonly<Record<string, { readonly encrypted: boolean }>>;
  readonly deviceClasses: Readonly<Record<string, IotPolicyScope>>;
  readonly enableDatabase: boolean;
  readonly dbStorageEncrypted: boolean;
  readonly legacyHost: boolean;
  readonly logRetentionDays: number;
  readonly logKms: boolean;
  readonly keyRotation: boolean;
  readonly dataSseAlgorithm: SseAlgorithm;
  readonly versioning: VersioningStatus;
  readonly blockPublicAccess: boolean;
  readonly queueEncryption: QueueEncryption;
  readonly tableCmk: boolean;
  readonly tablePitr: boolean;
}

export interface TenantSpec {
  readonly key: string;
  readonly ordinal: number;
  /** Seeds the tenant's state decisions (actions, ids), so every pass rebuilds the same instances. */
  readonly seed: number;
  /** Whether the tenant was applied before this plan (its instances are in prior_state). */
  readonly existing: boolean;
  /** A Lightsail host still in state that the configuration no longer declares: planned for delete. */
  readonly removedLegacyHost: boolean;
  readonly settings: TenantSettings;
  readonly instanceCount: number;
}

export interface RootSpec {
  readonly existing: boolean;
  readonly statusPage: boolean;
  readonly instanceCount: number;
}

export interface ServiceLogSpec {
  readonly key: string;
  readonly retentionInDays: number;
}

export interface PlanLayout {
  readonly seed: number;
  readonly account: Account;
  /** Shared root resources (KMS key, access-log bucket, audit log group); null when the plan is too small. */
  readonly root: RootSpec | null;
  readonly tenants: readonly TenantSpec[];
  readonly services: readonly ServiceLogSpec[];
  readonly instanceCount: number;
}

/** The root core: aws_kms_key.shared, the access-log bucket with three companions, aws_cloudwatch_log_group.audit. */
const ROOT_CORE_INSTANCES = 6;

function pickSubset<T>(rng: Random, items: readonly T[], min: number, max: number): T[] {
  const count = rng.int(min, max);
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(rng.int(0, pool.length - 1), 1)[0]);
  return chosen.sort();
}

function drawRetention(rng: Random): number {
  return rng.chance(VIOLATION_RATE.shortLogRetention) ? rng.pick(SHORT_RETENTION_DAYS) : rng.pick(COMPLIANT_RETENTION_DAYS);
}

function drawTenantSettings(rng: Random): TenantSettings {
  const datasets: Record<string, { encrypted: boolean }> = {};
  for (const name of pickSubset(rng, DATASET_NAMES, 1, 3)) datasets[name] = { encrypted: !rng.chance(VIOLATION_RATE.datasetUnencrypted) };
  const deviceClasses: Record<string, IotPolicyScope> = {};
  for (const name of pickSubset(rng, DEVICE_CLASSES, 1, 2)) deviceClasses[name] = rng.chance(VIOLATION_RATE.iotWildcard) ? 'wildcard' : 'scoped';
  const queueRoll = rng.next();
  return {
    datasets,
    deviceClasses,
    enableDatabase: rng.chance(DATABASE_RATE),
    dbStorageEncrypted: !rng.chance(VIOLATION_RATE.dbUnencrypted),
    legacyHost: rng.chance(VIOLATION_RATE.legacyHost),
    logRetentionDays: drawRetention(rng),
    logKms: !rng.chance(VIOLATION_RATE.logGroupWithoutKms),
    keyRotation: !rng.chance(VIOLATION_RATE.keyRotationOff),
    dataSseAlgorithm: rng.chance(VIOLATION_RATE.bucketSseS3Only) ? 'AES256' : 'aws:kms',
    versioning: rng.chance(VIOLATION_RATE.versioningSuspended) ? 'Suspended' : 'Enabled',
    blockPublicAccess: !rng.chance(VIOLATION_RATE.publicAccessOpen),
    queueEncryption: queueRoll < VIOLATION_RATE.queueUnencrypted ? 'none' : queueRoll < 0.3 ? 'sqs-managed' : 'kms',
    tableCmk: !rng.chance(VIOLATION_RATE.tableAwsOwnedKey),
    tablePitr: !rng.chance(VIOLATION_RATE.tableWithoutPitr),
  };
}

/** How many resource instances a tenant module instance (with its archive child) holds. */
export function tenantInstanceCount(settings: TenantSettings, removedLegacyHost: boolean): number {
  // kms key, bucket + 4 companions, log group, queue, table
  let count = 1 + 5 + 1 + 1 + 1;
  if (settings.enableDatabase) count += 1;
  if (settings.legacyHost) count += 1;
  if (removedLegacyHost) count += 1;
  count += Object.keys(settings.deviceClasses).length;
  for (const dataset of Object.values(settings.datasets)) count += dataset.encrypted ? 4 : 3;
  return count;
}

function drawAccount(rng: Random): Account {
  return {
    region: 'us-east-1',
    accountId: String(rng.int(100000000, 999999999)).padStart(12, '4'),
    canonicalUserId: rng.hex(64),
    defaultTags: { Environment: 'prod', ManagedBy: 'terraform', Project: 'phi-platform' },
  };
}

export function planLayout(resourceCount: number, seed: number): PlanLayout {
  if (!Number.isInteger(resourceCount) || resourceCount < 1) throw new Error(`resource count must be a positive integer, got ${resourceCount}`);
  const rng = createRandom(deriveSeed(seed, 0x1a70));
  const account = drawAccount(rng);
  let remaining = resourceCount;

  let root: RootSpec | null = null;
  if (remaining >= ROOT_CORE_INSTANCES) {
    const statusPage = remaining > ROOT_CORE_INSTANCES && rng.chance(0.5);
    root = { existing: rng.chance(0.85), statusPage, instanceCount: ROOT_CORE_INSTANCES + (statusPage ? 1 : 0) };
    remaining -= root.instanceCount;
  }

  // Tenants need the root's access-log bucket; add them while the next one fits.
  const drafts: Array<Omit<TenantSpec, 'key'>> = [];
  while (root !== null) {
    const ordinal = drafts.length;
    // A tenant can only have been applied if the shared root resources it logs to were.
    const existing = rng.chance(EXISTING_TENANT_RATE) && root.existing;
    const settings = drawTenantSettings(rng);
    const removedLegacyHost = existing && !settings.legacyHost && rng.chance(REMOVED_LEGACY_HOST_RATE);
    const instanceCount = tenantInstanceCount(settings, removedLegacyHost);
    if (instanceCount > remaining) break;
    drafts.push({ ordinal, seed: deriveSeed(seed, 0x7e4a, ordinal), existing, removedLegacyHost, settings, instanceCount });
    remaining -= instanceCount;
  }
  // Keys sort like their ordinals (Terraform sorts instances by address), e.g. t0042.
  const width = Math.max(4, String(Math.max(0, drafts.length - 1)).length);
  const tenants = drafts.map((draft) => ({ ...draft, key: `t${String(draft.ordinal).padStart(width, '0')}` }));

  const services: ServiceLogSpec[] = [];
  for (let i = 0; i < remaining; i++) services.push({ key: `svc-${String(i).padStart(3, '0')}`, retentionInDays: drawRetention(rng) });

  return { seed, account, root, tenants, services, instanceCount: resourceCount };
}
