/**
 * LOG-014: CloudFront distributions write access logs — legacy standard logging
 * (`logging_config`) or standard logging v2 (a CloudWatch log delivery source for the
 * distribution).
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { priorValue } from './shared/change';
import { destination, knownText } from './shared/read';

export const cloudfrontLogging: Rule = {
  id: 'LOG-014',
  title: 'CloudFront distributions write access logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_cloudfront_distribution'],
  rationale:
    'A distribution in front of an ePHI application or bucket answers requests at the edge, often from cache, so neither the origin nor CloudTrail sees them. Its access logs are the only record of who fetched what (164.312(b), 164.308(a)(1)(ii)(D)). Relies on: CloudFront writes no access logs unless logging_config or a log delivery source is configured.',
  remediation:
    'Add logging_config { bucket = aws_s3_bucket.cf_logs.bucket_domain_name; prefix = "…" } or, for standard logging v2, an aws_cloudwatch_log_delivery_source with resource_arn = aws_cloudfront_distribution.<this>.arn and log_type = "ACCESS_LOGS" plus its delivery.',
  params: {},
  docs: {
    defaults: 'Provider 5.x plans logging_config = [] when omitted; CloudFront writes no access logs unless configured.',
    anchors: ['cdk-nag AwsSolutions CFR3', 'Checkov CKV_AWS_86'],
    example: {
      fail: 'resource "aws_cloudfront_distribution" "app" {\n  enabled = true\n  # origin, default_cache_behavior, restrictions, viewer_certificate …\n}',
      pass: 'resource "aws_cloudfront_distribution" "app" {\n  enabled = true\n  logging_config {\n    bucket = aws_s3_bucket.cf_logs.bucket_domain_name\n    prefix = "app/"\n  }\n  # …\n}',
    },
  },
  check(dist: ResourceInstance, ctx: RuleContext): Outcome {
    const v2 = ctx.graph
      .referrers(dist, { types: ['aws_cloudwatch_log_delivery_source'], attribute: 'resource_arn', matchValues: ['arn'] })
      .filter((j) => knownText(j.instance.attr('log_type')) !== 'CONNECTION_LOGS');
    if (v2.length > 0) return pass('logging_config', `${dist.address} sends access logs through ${v2.map((j) => j.instance.address).join(', ')}`, { evidence: v2.map(evidenceOf) });
    const whole = dist.attr('logging_config');
    if (whole.state === 'unknown') return unknown('logging_config', `${dist.address}: logging_config is known only after apply`);
    const bucket = destination(dist.attr('logging_config.bucket'));
    if (dist.blocks('logging_config').length === 0 || bucket === 'unset') {
      const prior = priorValue(dist, 'logging_config');
      const change = Array.isArray(prior) && prior.length > 0 ? ' (this update removes logging_config)' : '';
      return fail('logging_config', `${dist.address} writes no access logs${change}; add logging_config with a bucket, or a CloudWatch log delivery source for the distribution`);
    }
    if (bucket === 'unknown') return unknown('logging_config.bucket', `${dist.address}: logging_config.bucket is known only after apply`);
    return pass('logging_config', `${dist.address} writes access logs to S3`);
  },
};
