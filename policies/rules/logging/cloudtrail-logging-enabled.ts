/**
 * LOG-003: a trail is logging. `enable_logging = false` keeps the trail resource but stops it
 * recording anything — the quietest way to lose an audit trail in a plan.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { turnedOff } from './shared/change';
import { isLogging } from './shared/trail';

export const cloudtrailLoggingEnabled: Rule = {
  id: 'LOG-003',
  title: 'CloudTrail trails are not stopped',
  family: 'logging',
  severity: 'critical',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_cloudtrail'],
  rationale:
    'A trail with enable_logging = false records nothing: activity in the account goes unaudited (164.312(b)) and cannot be reviewed (164.308(a)(1)(ii)(D)), while the trail still appears to exist. Stopping a trail is also the first thing an intruder does, so a plan that does it deserves a hard stop. Relies on: enable_logging defaults to true, so only an explicit false (or an unknown) is judged.',
  remediation: 'Remove enable_logging = false (the default is true) or set enable_logging = true.',
  params: {},
  docs: {
    defaults: 'Provider 5.x plans enable_logging = true when omitted; AWS starts logging when the trail is created.',
    anchors: ['Checkov CKV_AWS_251', 'AWS Config cloudtrail-enabled'],
    example: {
      fail: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.trail.id\n  enable_logging = false\n}',
      pass: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.trail.id\n}',
    },
  },
  check(trail: ResourceInstance): Outcome {
    const state = isLogging(trail);
    if (state === 'unknown') return unknown('enable_logging', `${trail.address}: enable_logging is known only after apply; planwarden cannot confirm the trail records events`);
    if (state === 'on') return pass('enable_logging', `${trail.address} is logging`);
    const change = turnedOff(trail, 'enable_logging') ? ' — this update stops a trail that is logging today' : '';
    return fail('enable_logging', `${trail.address} sets enable_logging = false, so the trail records nothing${change}; remove it or set enable_logging = true`);
  },
};
