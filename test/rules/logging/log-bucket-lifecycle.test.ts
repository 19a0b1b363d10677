import type { JsonObject } from '../../../policies/engine/types';
import { logBucketLifecycle } from '../../../policies/rules/logging/log-bucket-lifecycle';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const B = 'aws_s3_bucket';
const LC = 'aws_s3_bucket_lifecycle_configuration';
const CT = 'aws_cloudtrail';
const F = (name: string) => ({ file: `${FIXTURES}/${name}.json` });

function rule(id: string, extra: JsonObject): JsonObject {
  return { id, status: 'Enabled', filter: [{ prefix: '' }], expiration: [], noncurrent_version_expiration: [], transition: [], ...extra };
}

/** A CloudTrail trail writing into aws_s3_bucket.trail, and a lifecycle configuration on it. */
function trailBucket(rules: JsonObject[], spec: { action?: 'update'; before?: JsonObject[] } = {}) {
  return plan()
    .resource(B, 'trail', { values: { bucket: 'org-trail' } })
    .resource(CT, 'org', { values: { s3_bucket_name: 'org-trail' } })
    .resource(LC, 'trail', {
      values: { rule: rules },
      unknown: ['bucket'],
      refs: { bucket: [`${B}.trail.id`, `${B}.trail`] },
      ...(spec.action ? { action: spec.action, before: { rule: spec.before ?? [] } } : {}),
    });
}

ruleTester(logBucketLifecycle, {
  valid: [
    { name: 'expiration at six years', plan: trailBucket([rule('keep', { expiration: [{ days: 2192, date: null, expired_object_delete_marker: false }] })]) },
    {
      name: 'a transition to Glacier and no expiration',
      plan: trailBucket([rule('cold', { transition: [{ days: 30, storage_class: 'GLACIER', date: null }] })]),
    },
    {
      name: 'expired_object_delete_marker only (days 0)',
      plan: trailBucket([rule('markers', { expiration: [{ days: 0, date: null, expired_object_delete_marker: true }] })]),
    },
    { name: 'a Disabled rule is not judged', plan: trailBucket([rule('off', { status: 'Disabled', expiration: [{ days: 7, date: null }] })]) },
    { name: 'a lower threshold set by config', params: { minRetentionDays: 365 }, plan: trailBucket([rule('year', { expiration: [{ days: 365, date: null }] })]) },
    {
      name: 'a short expiry on a bucket that receives no logs',
      plan: plan().resource(B, 'tmp', { values: { bucket: 'tmp' } }).resource(LC, 'tmp', { values: { bucket: 'tmp', rule: [rule('t', { expiration: [{ days: 1, date: null }] })] } }),
    },
    { name: 'real plan (logging-cloudtrail): Glacier then 2557 days on the trail bucket', plan: F('logging-cloudtrail'), addresses: [`${LC}.trail_locked_ok`, `${LC}.phi_records_tmp`] },
    { name: 'real plan (logging-network): noncurrent versions after 2557 days', plan: F('logging-network'), addresses: [`${LC}.flow_logs_archive_ok`] },
    { name: 'real plan (logging-edge): Glacier only; a Disabled rule', plan: F('logging-edge'), addresses: [`${LC}.lb_logs_ok`, `${LC}.lb_logs_disabled_rule`] },
    { name: 'real plan (s3-encryption): 2557 days on the access-log bucket', plan: F('s3-encryption'), addresses: [`${LC}.access_logs_ok`] },
    { name: 'real plan (logging-network) at minRetentionDays 365', params: { minRetentionDays: 365 }, plan: F('logging-network'), addresses: [`${LC}.flow_logs_bad`] },
  ],
  invalid: [
    {
      name: 'expiration after 90 days on a CloudTrail bucket',
      plan: trailBucket([rule('quarter', { expiration: [{ days: 90, date: null }] })]),
      findings: [{ address: `${LC}.trail`, attribute: 'rule[0].expiration[0].days', message: 'CloudTrail log files from aws_cloudtrail.org', related: `${CT}.org` }],
    },
    {
      name: 'noncurrent versions expire after 30 days',
      plan: trailBucket([rule('versions', { noncurrent_version_expiration: [{ noncurrent_days: 30, newer_noncurrent_versions: null }] })]),
      findings: [{ address: `${LC}.trail`, attribute: 'rule[0].noncurrent_version_expiration[0].noncurrent_days', message: 'set noncurrent_version_expiration.noncurrent_days to 2192 or more' }],
    },
    {
      name: 'an expiration date',
      plan: trailBucket([rule('cutoff', { expiration: [{ days: null, date: '2027-01-01T00:00:00Z' }] })]),
      findings: [{ address: `${LC}.trail`, message: 'on 2027-01-01T00:00:00Z' }],
    },
    {
      name: 'an update that shortens the expiration says what it was',
      plan: trailBucket([rule('keep', { expiration: [{ days: 400, date: null }] })], { action: 'update', before: [rule('keep', { expiration: [{ days: 2557, date: null }] })] }),
      findings: [{ address: `${LC}.trail`, message: '(was 2557 days)' }],
    },
    {
      name: 'the minimum is the family param',
      params: { minRetentionDays: 2557 },
      plan: trailBucket([rule('six', { expiration: [{ days: 2192, date: null }] })]),
      findings: [{ address: `${LC}.trail`, message: 'keep them 2557 days or more' }],
    },
    {
      name: 'days known only after apply',
      plan: plan()
        .resource(B, 'trail', { values: { bucket: 'org-trail' } })
        .resource(CT, 'org', { values: { s3_bucket_name: 'org-trail' } })
        .resource(LC, 'trail', { values: { bucket: 'org-trail', rule: [rule('x', { expiration: [{ date: null }] })] }, unknown: ['rule.0.expiration.0.days'] }),
      findings: [{ address: `${LC}.trail`, status: 'unknown' }],
    },
    {
      name: 'for_each log buckets in a module: only the instance whose flow log targets it',
      plan: plan()
        .resource(B, 'this', { module: 'module.logs["flow"]', values: { bucket: 'flow-logs', arn: 'arn:aws:s3:::flow-logs' } })
        .resource(B, 'this', { module: 'module.logs["tmp"]', values: { bucket: 'tmp-files', arn: 'arn:aws:s3:::tmp-files' } })
        .resource(LC, 'this', { module: 'module.logs["flow"]', values: { rule: [rule('x', { expiration: [{ days: 60, date: null }] })] }, unknown: ['bucket'], refs: { bucket: [`${B}.this.id`, `${B}.this`] } })
        .resource(LC, 'this', { module: 'module.logs["tmp"]', values: { rule: [rule('x', { expiration: [{ days: 1, date: null }] })] }, unknown: ['bucket'], refs: { bucket: [`${B}.this.id`, `${B}.this`] } })
        .resource('aws_flow_log', 'vpc', { values: { log_destination_type: 's3', log_destination: 'arn:aws:s3:::flow-logs/vpc/', traffic_type: 'ALL' } }),
      findings: [{ address: `module.logs["flow"].${LC}.this`, message: 'VPC flow logs from aws_flow_log.vpc' }],
    },
    {
      name: 'the legacy inline lifecycle_rule on a log bucket',
      plan: plan()
        .resource(B, 'logs', { values: { bucket: 'alb-logs', lifecycle_rule: [{ id: 'x', enabled: true, prefix: '', expiration: [{ days: 14, date: '' }], noncurrent_version_expiration: [] }] } })
        .resource('aws_lb', 'app', { values: { access_logs: [{ bucket: 'alb-logs', enabled: true }] } }),
      findings: [{ address: `${B}.logs`, attribute: 'lifecycle_rule[0].expiration[0].days', message: 'load balancer access logs from aws_lb.app' }],
    },
    {
      name: 'real plan (logging-cloudtrail): 90 days on a trail bucket',
      plan: F('logging-cloudtrail'),
      findings: [{ address: `${LC}.trail_unlocked_bad`, message: 'after 90 days' }],
    },
    { name: 'real plan (logging-network): flow-log bucket, 365 days', plan: F('logging-network'), findings: [{ address: `${LC}.flow_logs_bad`, message: 'VPC flow logs' }] },
    {
      name: 'real plan (logging-edge): CloudFront bucket, a bucket named literally by an ALB, legacy inline rules',
      plan: F('logging-edge'),
      findings: [
        { address: `${LC}.cf_logs_bad`, message: 'CloudFront access logs' },
        { address: `${LC}.alb_named_bad`, message: 'bucket pw-fixture-shared-alb-logs' },
        { address: `${B}.legacy_inline_logs`, message: 'after 180 days' },
      ],
    },
    {
      name: 'real plan (s3-encryption): 30 days and noncurrent 7 days on an access-log bucket',
      plan: F('s3-encryption'),
      findings: [
        { address: `${LC}.short_retention_logs_bad`, attribute: 'rule[0].expiration[0].days' },
        { address: `${LC}.short_retention_logs_bad`, attribute: 'rule[0].noncurrent_version_expiration[0].noncurrent_days' },
      ],
    },
  ],
});

describe('LOG-008 on the real plans', () => {
  it('judges the log buckets\' configurations and skips buckets whose configuration is judged instead', () => {
    expect(judged(logBucketLifecycle, F('logging-edge').file, 'pass')).toEqual([`${LC}.lb_logs_disabled_rule`, `${LC}.lb_logs_ok`]);
    expect(judged(logBucketLifecycle, F('logging-cloudtrail').file, 'pass')).toEqual([`${B}.trail_short_lock`, `${LC}.trail_locked_ok`]);
  });
});
