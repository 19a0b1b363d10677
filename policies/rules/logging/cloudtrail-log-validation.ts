/**
 * LOG-004: CloudTrail log file validation. Digest files signed by CloudTrail prove that log
 * files were not changed or deleted after delivery.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { turnedOff } from './shared/change';
import { setting } from './shared/read';

export const cloudtrailLogValidation: Rule = {
  id: 'LOG-004',
  title: 'CloudTrail log file validation is enabled',
  family: 'logging',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(c)(1)', '164.312(c)(2)', '164.312(b)'],
  resourceTypes: ['aws_cloudtrail'],
  rationale:
    'Audit records are evidence only if their integrity can be shown (164.312(c)(1), (c)(2)). Without log file validation nobody can prove that a delivered CloudTrail log file was not edited or deleted, so the trail supports audit controls (164.312(b)) far less well. Relies on: the provider plans enable_log_file_validation = false when omitted, and AWS creates trails without validation.',
  remediation: 'Set enable_log_file_validation = true.',
  params: {},
  docs: {
    defaults: 'Provider 5.x plans enable_log_file_validation = false when omitted; AWS creates trails without validation unless asked.',
    anchors: ['cdk-nag CloudTrailLogFileValidationEnabled', 'AWS Config cloud-trail-log-file-validation-enabled', 'Checkov CKV_AWS_36'],
    example: {
      fail: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.trail.id\n}',
      pass: 'resource "aws_cloudtrail" "audit" {\n  name                       = "audit"\n  s3_bucket_name             = aws_s3_bucket.trail.id\n  enable_log_file_validation = true\n}',
    },
  },
  check(trail: ResourceInstance): Outcome {
    const state = setting(trail.attr('enable_log_file_validation'), 'off');
    if (state === 'unknown') return unknown('enable_log_file_validation', `${trail.address}: enable_log_file_validation is known only after apply`);
    if (state === 'on') return pass('enable_log_file_validation', `${trail.address} validates its log files`);
    const change = turnedOff(trail, 'enable_log_file_validation') ? ' (this update turns it off)' : '';
    return fail('enable_log_file_validation', `${trail.address} does not validate its log files${change}; set enable_log_file_validation = true`);
  },
};
