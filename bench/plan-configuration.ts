/**
 * The `configuration` section: one entry per resource block and module call, never per
 * instance, as Terraform writes it. References use Terraform's own forms, e.g.
 * `aws_s3_bucket.data[each.key].id` is recorded as ["aws_s3_bucket.data", "each.key"] and
 * `aws_kms_key.data.arn` as ["aws_kms_key.data.arn", "aws_kms_key.data"].
 */
import type { JsonObject, JsonValue } from '../policies/engine/types';
import { AWS_PROVIDER } from './plan-model';
import type { PlanLayout } from './plan-layout';
import { ARCHIVE_MODULE, TENANT_MODULE } from './units/naming';

const CALLER = ['data.aws_caller_identity.current.account_id', 'data.aws_caller_identity.current'];

function refs(...references: string[]): JsonObject {
  return { references };
}

function constant(value: JsonValue): JsonObject {
  return { constant_value: value };
}

/** A reference to one field of the tenant's settings object: ["var.settings.x", "var.settings"]. */
function setting(name: string, ...more: string[]): JsonObject {
  return refs(`var.settings.${name}`, 'var.settings', ...more);
}

/** `aws_x.name.attr` as Terraform records it: the attribute path, then the resource. */
function attrRef(resource: string, attribute: string): string[] {
  return [`${resource}.${attribute}`, resource];
}

interface ResourceBlock {
  mode?: 'managed' | 'data';
  type: string;
  name: string;
  expressions: JsonObject;
  count?: string[];
  forEach?: string[];
}

function resourceConfig(block: ResourceBlock): JsonObject {
  const mode = block.mode ?? 'managed';
  const out: JsonObject = {
    address: `${mode === 'data' ? 'data.' : ''}${block.type}.${block.name}`,
    mode,
    type: block.type,
    name: block.name,
    provider_config_key: 'aws',
    expressions: block.expressions,
    schema_version: 0,
  };
  if (block.count) out.count_expression = refs(...block.count);
  if (block.forEach) out.for_each_expression = refs(...block.forEach);
  return out;
}

/** Terraform lists a module's resource blocks sorted by address. */
function sortedResources(blocks: ResourceBlock[]): JsonObject[] {
  return blocks
    .map(resourceConfig)
    .sort((a, b) => (String(a.address) < String(b.address) ? -1 : String(a.address) > String(b.address) ? 1 : 0));
}

function bucketCompanions(name: string, bucketRef: string[], extra: Record<string, JsonObject>, iteration?: string[]): ResourceBlock[] {
  const base = (type: string): ResourceBlock => ({ type, name, expressions: { bucket: refs(...bucketRef), ...(extra[type] ?? {}) }, forEach: iteration });
  return [
    base('aws_s3_bucket_server_side_encryption_configuration'),
    base('aws_s3_bucket_versioning'),
    base('aws_s3_bucket_public_access_block'),
  ];
}

function archiveModule(): JsonObject {
  const byDataset = ['aws_s3_bucket.archive', 'each.key'];
  const companions = bucketCompanions(
    'archive',
    byDataset,
    {
      aws_s3_bucket_server_side_encryption_configuration: {
        rule: [
          {
            apply_server_side_encryption_by_default: [{ kms_master_key_id: refs('var.kms_key_arn'), sse_algorithm: constant('aws:kms') }],
            bucket_key_enabled: constant(true),
          },
        ],
      },
      aws_s3_bucket_versioning: { versioning_configuration: [{ status: constant('Enabled') }] },
      aws_s3_bucket_public_access_block: {
        block_public_acls: constant(true),
        block_public_policy: constant(true),
        ignore_public_acls: constant(true),
        restrict_public_buckets: constant(true),
      },
    },
    ['var.datasets'],
  );
  // Only datasets marked encrypted get an encryption configuration.
  companions[0].forEach = ['local.encrypted_datasets'];
  return {
    resources: sortedResources([
      { type: 'aws_s3_bucket', name: 'archive', expressions: { bucket: refs('var.name', 'each.key'), tags: refs('var.tags', 'each.key') }, forEach: ['var.datasets'] },
      ...companions,
    ]),
    variables: { datasets: { description: 'Datasets to archive, by name' }, kms_key_arn: {}, name: {}, tags: {} },
  };
}

function tenantModule(): JsonObject {
  const dataKeyArn = attrRef('aws_kms_key.data', 'arn');
  const dataBucketId = attrRef('aws_s3_bucket.data', 'id');
  const companions = bucketCompanions('data', dataBucketId, {
    aws_s3_bucket_server_side_encryption_configuration: {
      rule: [
        {
          apply_server_side_encryption_by_default: [
            { kms_master_key_id: setting('data_sse_algorithm', ...dataKeyArn), sse_algorithm: setting('data_sse_algorithm') },
          ],
          bucket_key_enabled: setting('data_sse_algorithm'),
        },
      ],
    },
    aws_s3_bucket_versioning: { versioning_configuration: [{ status: setting('versioning') }] },
    aws_s3_bucket_public_access_block: {
      block_public_acls: constant(true),
      block_public_policy: setting('block_public_access'),
      ignore_public_acls: constant(true),
      restrict_public_buckets: setting('block_public_access'),
    },
  });
  const resources: ResourceBlock[] = [
    {
      type: 'aws_kms_key',
      name: 'data',
      expressions: {
        deletion_window_in_days: constant(30),
        description: refs('var.name'),
        enable_key_rotation: setting('key_rotation'),
        policy: refs('var.account_id'),
        tags: refs('local.tags'),
      },
    },
    { type: 'aws_s3_bucket', name: 'data', expressions: { bucket: refs('var.name', 'var.account_id'), tags: refs('local.tags') } },
    ...companions,
    {
      type: 'aws_s3_bucket_logging',
      name: 'data',
      expressions: { bucket: refs(...dataBucketId), target_bucket: refs('var.log_bucket_id'), target_prefix: refs('var.name') },
    },
    {
      type: 'aws_cloudwatch_log_group',
      name: 'app',
      expressions: {
        kms_key_id: setting('log_kms', ...dataKeyArn),
        name: refs('var.name'),
        retention_in_days: setting('log_retention_days'),
        tags: refs('local.tags'),
      },
    },
    {
      type: 'aws_sqs_queue',
      name: 'events',
      expressions: {
        kms_master_key_id: setting('queue_encryption', ...dataKeyArn),
        message_retention_seconds: constant(1209600),
        name: refs('var.name'),
        sqs_managed_sse_enabled: setting('queue_encryption'),
        tags: refs('local.tags'),
      },
    },
    {
      type: 'aws_dynamodb_table',
      name: 'records',
      expressions: {
        attribute: [
          { name: constant('record_id'), type: constant('S') },
          { name: constant('recorded_at'), type: constant('N') },
        ],
        billing_mode: constant('PAY_PER_REQUEST'),
        hash_key: constant('record_id'),
        name: refs('var.name'),
        point_in_time_recovery: [{ enabled: setting('table_pitr') }],
        range_key: constant('recorded_at'),
        server_side_encryption: [{ enabled: constant(true), kms_key_arn: setting('table_cmk', ...dataKeyArn) }],
        tags: refs('local.tags'),
      },
    },
    {
      type: 'aws_db_instance',
      name: 'records',
      count: ['var.settings.enable_database', 'var.settings'],
      expressions: {
        engine: constant('postgres'),
        identifier: refs('var.name'),
        kms_key_id: refs(...dataKeyArn),
        password: refs('var.db_password'),
        storage_encrypted: setting('db_storage_encrypted'),
        tags: refs('local.tags'),
        username: constant('records_admin'),
      },
    },
    {
      type: 'aws_iot_policy',
      name: 'device',
      forEach: ['var.settings.device_classes', 'var.settings'],
      expressions: { name: refs('var.name', 'each.key'), policy: refs('each.value', 'var.account_id', 'var.name', 'each.key'), tags: refs('local.tags') },
    },
    {
      type: 'aws_lightsail_instance',
      name: 'legacy',
      count: ['var.settings.legacy_host', 'var.settings'],
      expressions: { availability_zone: constant('us-east-1a'), blueprint_id: constant('amazon_linux_2023'), bundle_id: constant('small_3_0'), name: refs('var.name') },
    },
  ];
  return {
    outputs: { bucket_arn: { expression: refs(...attrRef('aws_s3_bucket.data', 'arn')) } },
    resources: sortedResources(resources),
    module_calls: {
      [ARCHIVE_MODULE]: {
        source: `../${ARCHIVE_MODULE}`,
        expressions: {
          datasets: setting('datasets'),
          kms_key_arn: refs(...dataKeyArn),
          name: refs('var.name'),
          tags: refs('local.tags'),
        },
        module: archiveModule(),
      },
    },
    variables: {
      account_id: {},
      db_password: { sensitive: true },
      log_bucket_id: {},
      name: { description: 'Tenant key' },
      settings: { description: 'Per-tenant settings' },
    },
  };
}

function rootResources(layout: PlanLayout): ResourceBlock[] {
  const blocks: ResourceBlock[] = [{ mode: 'data', type: 'aws_caller_identity', name: 'current', expressions: {} }];
  const sharedKeyArn = attrRef('aws_kms_key.shared', 'arn');
  if (layout.root !== null) {
    blocks.push(
      {
        type: 'aws_kms_key',
        name: 'shared',
        expressions: {
          deletion_window_in_days: constant(30),
          description: constant('Shared platform key for audit logs'),
          enable_key_rotation: constant(true),
          policy: refs(...CALLER),
        },
      },
      { type: 'aws_s3_bucket', name: 'logs', expressions: { bucket: refs(...CALLER) } },
      ...bucketCompanions('logs', attrRef('aws_s3_bucket.logs', 'id'), {
        aws_s3_bucket_server_side_encryption_configuration: {
          rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: constant('AES256') }] }],
        },
        aws_s3_bucket_versioning: { versioning_configuration: [{ status: constant('Enabled') }] },
        aws_s3_bucket_public_access_block: {
          block_public_acls: constant(true),
          block_public_policy: constant(true),
          ignore_public_acls: constant(true),
          restrict_public_buckets: constant(true),
        },
      }),
      {
        type: 'aws_cloudwatch_log_group',
        name: 'audit',
        expressions: { kms_key_id: refs(...sharedKeyArn), name: constant('/phi/platform/audit'), retention_in_days: constant(2557) },
      },
      {
        type: 'aws_lightsail_instance',
        name: 'status_page',
        count: ['var.status_page_enabled'],
        expressions: { availability_zone: constant('us-east-1a'), blueprint_id: constant('amazon_linux_2023'), bundle_id: constant('small_3_0'), name: constant('phi-platform-status') },
      },
    );
  }
  if (layout.services.length > 0) {
    blocks.push({
      type: 'aws_cloudwatch_log_group',
      name: 'service',
      forEach: ['var.services'],
      expressions: {
        ...(layout.root !== null ? { kms_key_id: refs(...sharedKeyArn) } : {}),
        name: refs('each.key'),
        retention_in_days: refs('each.value.retention_in_days', 'each.value'),
      },
    });
  }
  return blocks;
}

export function planConfiguration(layout: PlanLayout): JsonObject {
  const root: JsonObject = {};
  if (layout.root !== null) root.outputs = { log_bucket_name: { expression: refs(...attrRef('aws_s3_bucket.logs', 'id')) } };
  root.resources = sortedResources(rootResources(layout));
  if (layout.tenants.length > 0) {
    root.module_calls = {
      [TENANT_MODULE]: {
        source: `./modules/${TENANT_MODULE}`,
        expressions: {
          account_id: refs(...CALLER),
          db_password: refs('var.db_passwords', 'each.key'),
          log_bucket_id: refs(...attrRef('aws_s3_bucket.logs', 'id')),
          name: refs('each.key'),
          settings: refs('each.value'),
        },
        for_each_expression: refs('var.tenants'),
        module: tenantModule(),
      },
    };
  }
  root.variables = {
    db_passwords: { description: 'Master passwords of tenant databases, by tenant', sensitive: true },
    services: { default: {}, description: 'Platform services with their own log group' },
    status_page_enabled: { default: false },
    tenants: { description: 'Tenants, by key, with their settings' },
  };
  return {
    provider_config: {
      aws: {
        name: 'aws',
        full_name: AWS_PROVIDER,
        version_constraint: '~> 5.90',
        expressions: {
          default_tags: [{ tags: constant({ ...layout.account.defaultTags }) }],
          region: constant(layout.account.region),
        },
      },
    },
    root_module: root,
  };
}
