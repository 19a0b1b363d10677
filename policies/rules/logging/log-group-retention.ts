/**
 * LOG-001: CloudWatch log groups keep audit logs at least six years. HIPAA 164.316(b)(2)(i)
 * asks for six years of documentation retention; CloudWatch's own value for that is 2192 days.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';

/** The values CloudWatch Logs accepts for retention_in_days (0 = never expire). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** The smallest value CloudWatch accepts that is at least `minimum`. */
export function allowedRetentionAtLeast(minimum: number): number {
  return CLOUDWATCH_RETENTION_DAYS.find((d) => d >= minimum) ?? CLOUDWATCH_RETENTION_DAYS[CLOUDWATCH_RETENTION_DAYS.length - 1];
}

export function retentionRemediation(minimum: number): string {
  return `Set retention_in_days to ${allowedRetentionAtLeast(minimum)} or more (a value CloudWatch accepts), or 0 to never expire.`;
}

export const logGroupRetention: Rule = {
  id: 'LOG-001',
  title: 'CloudWatch log groups retain logs for at least six years',
  family: 'logging',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(b)', '164.316(b)(2)(i)'],
  resourceTypes: ['aws_cloudwatch_log_group'],
  rationale:
    'Audit controls (164.312(b)) are only useful while the records exist, and 164.316(b)(2)(i) asks for six years of retention. A log group that expires events sooner destroys audit evidence an investigation or auditor will ask for.',
  remediation: retentionRemediation(2192),
  params: {
    minRetentionDays: {
      description: 'Minimum retention in days; 0 (never expire) always passes.',
      default: 2192,
      min: 365,
      max: 3653,
    },
  },
  docs: {
    defaults: 'Provider 5.x writes retention_in_days = 0 (never expire) in the plan when it is omitted; AWS keeps such events forever.',
    anchors: ['Checkov CKV_AWS_338 (365 days)', 'AWS Config cw-loggroup-retention-period-check', 'cdk-nag CloudWatchLogGroupRetentionPeriod'],
    example: {
      fail: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/phi/app"\n  retention_in_days = 30\n}',
      pass: 'resource "aws_cloudwatch_log_group" "app" {\n  name              = "/phi/app"\n  retention_in_days = 2192\n}',
    },
  },
  check(group: ResourceInstance, ctx: RuleContext): Outcome {
    const minimum = Number(ctx.params.minRetentionDays);
    const remediation = retentionRemediation(minimum);
    const retention = group.attr('retention_in_days');
    if (retention.state === 'unknown') {
      return unknown('retention_in_days', `${group.address}: retention_in_days is known only after apply; planwarden cannot confirm ${minimum} days`, { remediation });
    }
    const days = retention.state === 'known' && typeof retention.value === 'number' ? retention.value : null;
    if (days === null || days === 0) return pass('retention_in_days', `${group.address} never expires its events`);
    if (days >= minimum) return pass('retention_in_days', `${group.address} keeps events ${days} days`);
    const before = group.before('retention_in_days');
    const lowered =
      group.action === 'update' && before.state === 'known' && typeof before.value === 'number' && (before.value === 0 || before.value > days)
        ? ` (lowered from ${before.value === 0 ? 'never expire' : `${before.value} days`})`
        : '';
    return fail(
      'retention_in_days',
      `${group.address} keeps audit logs ${days} days${lowered}; set retention_in_days to ${allowedRetentionAtLeast(minimum)} or more, or 0`,
      { remediation },
    );
  },
};
