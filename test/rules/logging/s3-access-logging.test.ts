import { s3AccessLogging } from '../../../policies/rules/logging/s3-access-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged, PHI_TAGGED } from './judged';

const B = 'aws_s3_bucket';
const LOGGING = 'aws_s3_bucket_logging';
const S3_FIXTURE = { file: `${FIXTURES}/s3-encryption.json` };
const PHI = { phiScope: PHI_TAGGED };

ruleTester(s3AccessLogging, {
  valid: [
    {
      name: 'a companion aws_s3_bucket_logging into a separate log bucket (both ids unknown at plan time)',
      plan: plan()
        .resource(B, 'phi', { values: { bucket: 'phi' } })
        .resource(B, 'logs', { values: { bucket: 'logs' } })
        .resource(LOGGING, 'phi', { unknown: ['bucket', 'target_bucket'], refs: { bucket: [`${B}.phi.id`, `${B}.phi`], target_bucket: [`${B}.logs.id`, `${B}.logs`] } }),
    },
    {
      name: 'for_each buckets with for_each companions keyed by each.key',
      plan: plan()
        .resource(B, 'tenant', { index: 'a', values: { bucket: 'tenant-a' } })
        .resource(B, 'tenant', { index: 'b', values: { bucket: 'tenant-b' } })
        .resource(LOGGING, 'tenant', { index: 'a', values: { target_bucket: 'central-logs' }, unknown: ['bucket'], refs: { bucket: [`${B}.tenant`] } })
        .resource(LOGGING, 'tenant', { index: 'b', values: { target_bucket: 'central-logs' }, unknown: ['bucket'], refs: { bucket: [`${B}.tenant`] } }),
    },
    {
      name: 'a companion in another module, wired through a module output and variable',
      plan: plan()
        .resource(B, 'this', { module: 'module.store', values: { bucket: 'store' } })
        .output('module.store', 'id', [`${B}.this.id`, `${B}.this`])
        .moduleCall('module.audit', { inputs: { bucket_id: ['module.store.id', 'module.store'] } })
        .resource(LOGGING, 'this', { module: 'module.audit', values: { target_bucket: 'central-logs' }, unknown: ['bucket'], refs: { bucket: ['var.bucket_id'] } }),
    },
    {
      name: 'a companion whose bucket is unknown and wired through a local value (single bucket in the module)',
      plan: plan()
        .resource(B, 'this', { module: 'module.store', values: { bucket: 'store' } })
        .resource(LOGGING, 'this', { module: 'module.store', values: { target_bucket: 'central-logs' }, unknown: ['bucket'], refs: { bucket: ['local.bucket_id'] } }),
    },
    {
      name: 'a companion tied by the known bucket name only',
      plan: plan().resource(B, 'phi', { values: { bucket: 'phi' } }).resource(LOGGING, 'x', { values: { bucket: 'phi', target_bucket: 'logs' } }),
    },
    {
      name: 'the legacy inline logging block',
      plan: plan().resource(B, 'phi', { values: { bucket: 'phi', logging: [{ target_bucket: 'logs', target_prefix: 'phi/' }] } }),
    },
    {
      name: 'the target of access logging is exempt (logging a log bucket feeds a loop)',
      plan: plan()
        .resource(B, 'logs', { values: { bucket: 'logs' } })
        .resource(B, 'phi', { values: { bucket: 'phi' } })
        .resource(LOGGING, 'phi', { values: { bucket: 'phi', target_bucket: 'logs' } }),
    },
    { name: 'a bucket outside PHI scope is not judged', options: PHI, plan: plan().resource(B, 'web', { values: { bucket: 'web', tags: { Team: 'web' } } }) },
    {
      name: 'real plan (s3-encryption): companions and the log buckets themselves',
      plan: S3_FIXTURE,
      addresses: [`${B}.phi_kms_ok`, `${B}.sse_s3_aes256`, `${B}.access_logs`, `${B}.short_retention_logs`],
    },
  ],
  invalid: [
    { name: 'no logging at all (plan: inline block unknown)', plan: plan().resource(B, 'phi', { values: { bucket: 'phi' }, unknown: ['logging'] }), findings: [{ address: `${B}.phi`, attribute: 'logging' }] },
    {
      name: 'a companion that logs the bucket into itself, by reference',
      plan: plan()
        .resource(B, 'phi', { values: { bucket: 'phi' } })
        .resource(LOGGING, 'self', { unknown: ['bucket', 'target_bucket'], refs: { bucket: [`${B}.phi.id`], target_bucket: [`${B}.phi.id`] } }),
      findings: [{ address: `${B}.phi`, attribute: 'target_bucket', message: 'into the bucket itself', related: `${LOGGING}.self` }],
    },
    {
      name: 'an applied inline block naming the bucket itself',
      plan: plan().resource(B, 'phi', { action: 'no-op', values: { bucket: 'phi', id: 'phi', logging: [{ target_bucket: 'phi', target_prefix: '' }] } }),
      findings: [{ address: `${B}.phi`, attribute: 'logging.target_bucket', message: 'into the bucket itself' }],
    },
    {
      name: 'the one of two for_each buckets without a companion',
      plan: plan()
        .resource(B, 'tenant', { index: 'a', values: { bucket: 'tenant-a' } })
        .resource(B, 'tenant', { index: 'b', values: { bucket: 'tenant-b' } })
        .resource(LOGGING, 'tenant', { index: 'a', values: { bucket: 'tenant-a', target_bucket: 'logs' } }),
      findings: [{ address: `${B}.tenant["b"]` }],
    },
    {
      name: 'a companion being destroyed is named',
      plan: plan()
        .resource(B, 'phi', { action: 'no-op', values: { bucket: 'phi', id: 'phi' } })
        .resource(LOGGING, 'phi', { action: 'delete', before: { bucket: 'phi', target_bucket: 'logs' } }),
      findings: [{ address: `${B}.phi`, message: `${LOGGING}.phi is being destroyed` }],
    },
    {
      name: 'in PHI scope by tag',
      options: PHI,
      plan: plan().resource(B, 'phi', { values: { bucket: 'phi', tags: { DataClassification: 'PHI' } } }),
      findings: [{ address: `${B}.phi` }],
    },
    {
      name: 'real plan (s3-encryption): self-target and buckets without logging',
      plan: S3_FIXTURE,
      findings: [
        { address: `${B}.kms_aws_managed_key`, message: 'into the bucket itself', related: `${LOGGING}.kms_aws_managed_key_self_target_bad` },
        ...['no_sse_config_bad', 'phi_kms_bucket_key_ok', 'dsse_kms_ok', 'legacy_inline_sse', 'archive[0]', 'archive[1]', 'tenant["alpha"]', 'tenant["beta"]'].map((n) => ({ address: `${B}.${n}` })),
        { address: `module.phi_store.${B}.this` },
      ],
    },
  ],
});

describe('LOG-007 on the real plan', () => {
  it('judges the log buckets as exempt rather than skipping them', () => {
    expect(judged(s3AccessLogging, S3_FIXTURE.file, 'pass')).toEqual([`${B}.access_logs`, `${B}.phi_kms_ok`, `${B}.short_retention_logs`, `${B}.sse_s3_aes256`]);
  });
});
