import { auditBucketObjectLock } from '../../../policies/rules/logging/audit-bucket-object-lock';
import { daysInYears } from '../../../policies/rules/logging/shared/retention';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const B = 'aws_s3_bucket';
const LOCK = 'aws_s3_bucket_object_lock_configuration';
const CT = 'aws_cloudtrail';
const FIXTURE = { file: `${FIXTURES}/logging-cloudtrail.json` };
const SERVICES = { file: `${FIXTURES}/logging-services.json` };

function trailBucket(retention: Record<string, unknown> | undefined) {
  const p = plan()
    .resource(B, 'trail', { values: { bucket: 'org-trail' }, unknown: ['object_lock_enabled'] })
    .resource(CT, 'org', { unknown: ['s3_bucket_name'], refs: { s3_bucket_name: [`${B}.trail.id`, `${B}.trail`] } });
  if (retention) p.resource(LOCK, 'trail', { values: { rule: [{ default_retention: [{ mode: null, days: null, years: null, ...retention }] }] }, unknown: ['bucket'], refs: { bucket: [`${B}.trail.id`] } });
  return p;
}

ruleTester(auditBucketObjectLock, {
  valid: [
    { name: 'COMPLIANCE for 6 years', plan: trailBucket({ mode: 'COMPLIANCE', years: 6 }) },
    { name: 'GOVERNANCE for 2192 days', plan: trailBucket({ mode: 'GOVERNANCE', days: 2192 }) },
    { name: 'a lower threshold set by config', params: { minRetentionDays: 365 }, plan: trailBucket({ mode: 'COMPLIANCE', days: 365 }) },
    { name: 'a bucket holding no audit trail is not judged', plan: plan().resource(B, 'data', { values: { bucket: 'data' } }) },
    {
      name: 'a CloudTrail bucket that also receives S3 access logs is left out (S3 refuses a default retention there)',
      plan: plan()
        .resource(B, 'trail', { values: { bucket: 'org-trail' } })
        .resource(CT, 'org', { values: { s3_bucket_name: 'org-trail' } })
        .resource('aws_s3_bucket_logging', 'x', { values: { bucket: 'other', target_bucket: 'org-trail' } }),
    },
    {
      name: 'the legacy inline object_lock_configuration',
      plan: plan()
        .resource(B, 'trail', { values: { bucket: 'org-trail', object_lock_configuration: [{ object_lock_enabled: 'Enabled', rule: [{ default_retention: [{ mode: 'COMPLIANCE', days: 0, years: 7 }] }] }] } })
        .resource(CT, 'org', { values: { s3_bucket_name: 'org-trail' } }),
    },
    { name: 'real plan: COMPLIANCE 6 years', plan: FIXTURE, addresses: [`${B}.trail_locked_ok`] },
  ],
  invalid: [
    { name: 'no Object Lock', plan: trailBucket(undefined), findings: [{ address: `${B}.trail`, attribute: 'object_lock_enabled', message: 'CloudTrail log files from aws_cloudtrail.org' }] },
    { name: 'one year', plan: trailBucket({ mode: 'COMPLIANCE', years: 1 }), findings: [{ address: `${B}.trail`, message: 'locks new objects for 1 year' }] },
    { name: 'no mode', plan: trailBucket({ days: 3000 }), findings: [{ address: `${B}.trail`, attribute: 'rule.default_retention.mode' }] },
    { name: 'a mode without a period', plan: trailBucket({ mode: 'COMPLIANCE' }), findings: [{ address: `${B}.trail`, message: 'no period' }] },
    {
      name: 'retention known only after apply',
      plan: plan()
        .resource(B, 'trail', { values: { bucket: 'org-trail' } })
        .resource(CT, 'org', { values: { s3_bucket_name: 'org-trail' } })
        .resource(LOCK, 'trail', { values: { bucket: 'org-trail', rule: [{ default_retention: [{ mode: 'COMPLIANCE', years: null }] }] }, unknown: ['rule.0.default_retention.0.days'] }),
      findings: [{ address: `${B}.trail`, status: 'unknown' }],
    },
    {
      name: 'an AWS Config delivery bucket in a module',
      plan: plan()
        .resource(B, 'this', { module: 'module.config["main"]', values: { bucket: 'config-history' } })
        .resource('aws_config_delivery_channel', 'main', { values: { s3_bucket_name: 'config-history' } }),
      findings: [{ address: `module.config["main"].${B}.this`, message: 'AWS Config snapshots and history' }],
    },
    {
      name: 'real plan: a one-year GOVERNANCE lock and an unlocked trail bucket',
      plan: FIXTURE,
      findings: [
        { address: `${B}.trail_short_lock`, message: '365 days' },
        { address: `${B}.trail_unlocked`, message: 'not write-once' },
      ],
    },
    { name: 'real plan (logging-services): the Config delivery bucket', plan: SERVICES, findings: [{ address: `${B}.config` }] },
  ],
});

describe('LOG-009', () => {
  it.each([
    [1, 366],
    [5, 1827],
    [6, 2192],
    [7, 2557],
    [10, 3653],
  ])('%i years count as %i days', (years, days) => expect(daysInYears(years)).toBe(days));

  it('judges only the audit buckets of the real plan', () => {
    expect(judged(auditBucketObjectLock, FIXTURE.file, 'pass')).toEqual([`${B}.trail_locked_ok`]);
  });
});
