/**
 * LOG-001: CloudWatch log groups keep audit logs at least six years. HIPAA 164.316(b)(2)(i)
 * asks for six years of documentation retention; CloudWatch's own value for that is 2192 days.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { wasNote } from './shared/change';
import { allowedRetentionAtLeast, MIN_RETENTION_PARAM, minRetentionDays, retentionRemediation } from './shared/retention';

// The family's retention vocabulary lives in shared/retention.ts; re-exported for callers of LOG-001.
export { allowedRetentionAtLeast, CLOUDWATCH_RETENTION_DAYS, retentionRemediation } from './shared/retention';

export const logGroupRetention: Rule = {
  id: 'LOG-001',
  title: 'CloudWatch log groups retain logs for at least six years',
  family: 'logging',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(b)', '164.316(b)(2)(i)'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  rationale:
    'Audit controls (164.312(b)) are only useful while the records exist, and 164.316(b)(2)(i) asks for six years of retention. A log group that expires events sooner destroys audit evidence an investigation or auditor will ask for. Relies on: an omitted retention_in_days plans as 0, which CloudWatch keeps forever, so it passes.',
  remediation: retentionRemediation(2192),
  params: { minRetentionDays: MIN_RETENTION_PARAM },
  docs: {
    defaults: 'Provider 5.x writes retention_in_days = 0 (never expire) in the plan when it is omitted; AWS keeps such events forever.',
    anchors: ['Checkov CKV_AWS_338 (365 days)', 'AWS Config cw-loggroup-retention-period-check', 'cdk-nag CloudWatchLogGroupRetentionPeriod'],
    example: {
      fail: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/phi/app"\n  retention_in_days = 30\n}',
      pass: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/phi/app"\n  retention_in_days = 2192\n}',
    },
  },
  check(group: ResourceInstance, ctx: RuleContext): Outcome {
    const minimum = minRetentionDays(ctx);
    const remediation = retentionRemediation(minimum);
    const retention = group.attr('retention_in_days');
    if (retention.state === 'unknown') {
      return unknown('retention_in_days', `${group.address}: retention_in_days is known only after apply; planwarden cannot confirm ${minimum} days`, { remediation });
    }
    const days = retention.state === 'known' && typeof retention.value === 'number' ? retention.value : null;
    if (days === null || days === 0) return pass('retention_in_days', `${group.address} never expires its events`);
    if (days >= minimum) return pass('retention_in_days', `${group.address} keeps events ${days} days`);
    const lowered = loweredNote(group, days);
    return fail(
      'retention_in_days',
      `${group.address} keeps audit logs ${days} days${lowered}; set retention_in_days to ${allowedRetentionAtLeast(minimum)} or more, or 0`,
      { remediation },
    );
  },
};

/** " (lowered from 2192 days)" when an update shortens the retention; '' otherwise. */
function loweredNote(group: ResourceInstance, days: number): string {
  const before = group.before('retention_in_days');
  if (before.state !== 'known' || typeof before.value !== 'number' || (before.value !== 0 && before.value <= days)) return '';
  return wasNote(group, 'retention_in_days', (v) => (v === 0 ? 'lowered from never expire' : `lowered from ${String(v)} days`));
}
