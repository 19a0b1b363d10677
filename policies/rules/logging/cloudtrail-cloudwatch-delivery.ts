/**
 * LOG-005: CloudTrail delivers to CloudWatch Logs, where metric filters and alarms can watch
 * for activity as it happens; S3 alone is an archive nobody reads in time.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { wasNote } from './shared/change';
import { destination } from './shared/read';

export const cloudtrailCloudWatchDelivery: Rule = {
  id: 'LOG-005',
  title: 'CloudTrail delivers events to CloudWatch Logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_cloudtrail'],
  rationale:
    'Activity review (164.308(a)(1)(ii)(D)) needs events where they can be searched and alarmed on. A trail that writes only to S3 leaves unauthorised access to be found, if ever, by reading log files; CloudWatch Logs delivery lets metric filters and alarms flag it as it happens (164.312(b)). The log group it writes to is held to the family retention by LOG-001. Relies on: without cloud_watch_logs_group_arn AWS delivers to S3 only.',
  remediation: 'Set cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*" and cloud_watch_logs_role_arn to a role CloudTrail can assume that may write to it.',
  params: {},
  docs: {
    defaults: 'Provider 5.x plans cloud_watch_logs_group_arn and cloud_watch_logs_role_arn as null when omitted (applied trails show ""); AWS then delivers to S3 only.',
    anchors: ['cdk-nag CloudTrailCloudWatchLogsEnabled', 'AWS Config cloud-trail-cloud-watch-logs-enabled', 'Checkov CKV2_AWS_10'],
    example: {
      fail: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.trail.id\n}',
      pass: 'resource "aws_cloudtrail" "audit" {\n  name                       = "audit"\n  s3_bucket_name             = aws_s3_bucket.trail.id\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_logs.arn\n}',
    },
  },
  check(trail: ResourceInstance, ctx: RuleContext): Outcome[] {
    const group = destination(trail.attr('cloud_watch_logs_group_arn'));
    const role = destination(trail.attr('cloud_watch_logs_role_arn'));
    if (group === 'unset') {
      return [fail('cloud_watch_logs_group_arn', `${trail.address} does not deliver to CloudWatch Logs${wasNote(trail, 'cloud_watch_logs_group_arn', (v) => `was ${String(v)}`)}; set cloud_watch_logs_group_arn and cloud_watch_logs_role_arn`)];
    }
    if (role === 'unset') {
      return [fail('cloud_watch_logs_role_arn', `${trail.address} names a log group but no cloud_watch_logs_role_arn, so CloudTrail cannot write to it; set cloud_watch_logs_role_arn`)];
    }
    if (group === 'unknown' || role === 'unknown') {
      const attribute = group === 'unknown' ? 'cloud_watch_logs_group_arn' : 'cloud_watch_logs_role_arn';
      return [unknown(attribute, `${trail.address}: ${attribute} is known only after apply and not wired to anything in this plan`)];
    }
    const groups = ctx.graph.referencesOf(trail, 'cloud_watch_logs_group_arn', { types: ['aws_cloudwatch_log_group'] });
    const where = groups.length > 0 ? ` (${groups.map((g) => g.instance.address).join(', ')})` : '';
    return [pass('cloud_watch_logs_group_arn', `${trail.address} delivers to CloudWatch Logs${where}`, { evidence: groups.map(evidenceOf) })];
  },
};
