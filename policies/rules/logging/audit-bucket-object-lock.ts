/**
 * LOG-009 (advisory): buckets that hold the account's audit trail — CloudTrail log files and
 * AWS Config history — are write-once: S3 Object Lock with a default retention of at least
 * `minRetentionDays`. Buckets that receive S3 server access logs are left out: S3 refuses to
 * deliver access logs into a bucket with a default retention.
 */
import type { AttributePath, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { dotted, evidenceOf, fail, pass, skip, unknown } from '../support';
import { companionsOf } from './shared/companions';
import { describeSinks, logSinksOf } from './shared/log-sinks';
import { knownNumber, knownText, setting } from './shared/read';
import { daysInYears, MIN_RETENTION_PARAM, minRetentionDays } from './shared/retention';

const COMPANION = 'aws_s3_bucket_object_lock_configuration';
const LOCK_MODES = new Set(['GOVERNANCE', 'COMPLIANCE']);

function remediation(minimum: number): string {
  const years = Math.ceil(minimum / 366);
  return `Create the bucket with object_lock_enabled = true and add an aws_s3_bucket_object_lock_configuration with rule.default_retention { mode = "COMPLIANCE" (or "GOVERNANCE"); days = ${minimum} } or years = ${daysInYears(years) >= minimum ? years : years + 1}.`;
}

/** Judges a default retention at `prefix` (the companion's root, or the legacy inline block). */
function judgeLock(config: ResourceInstance, prefix: AttributePath, minimum: number, evidence: Outcome['evidence']): Outcome {
  const base = [...prefix, 'rule', 0, 'default_retention', 0];
  const at = (name: string) => dotted([...prefix, 'rule', 'default_retention', ...(name ? [name] : [])]);
  const mode = config.attr([...base, 'mode']);
  const days = config.attr([...base, 'days']);
  const years = config.attr([...base, 'years']);
  if (mode.state === 'unknown' || days.state === 'unknown' || years.state === 'unknown') {
    return unknown(at(''), `${config.address}: the default retention is known only after apply`, { evidence });
  }
  const m = knownText(mode);
  if (m === undefined || !LOCK_MODES.has(m)) return fail(at('mode'), `${config.address} sets no default retention mode; set rule.default_retention.mode = "COMPLIANCE" or "GOVERNANCE"`, { evidence, remediation: remediation(minimum) });
  const d = knownNumber(days);
  const y = knownNumber(years);
  const effective = d !== undefined && d > 0 ? d : y !== undefined && y > 0 ? daysInYears(y) : 0;
  const stated = d !== undefined && d > 0 ? `${d} days` : y !== undefined && y > 0 ? `${y} year${y === 1 ? '' : 's'}` : 'no period';
  if (effective < minimum) {
    return fail(at(''), `${config.address} locks new objects for ${stated}; set rule.default_retention.days to ${minimum} or more`, { evidence, remediation: remediation(minimum) });
  }
  return pass(at(''), `${config.address} locks new objects in ${m} mode for ${stated}`, { evidence });
}

export const auditBucketObjectLock: Rule = {
  id: 'LOG-009',
  title: 'Audit trail buckets are write-once (S3 Object Lock)',
  family: 'logging',
  severity: 'low',
  enforcement: 'advisory',
  hipaa: ['164.312(c)(1)', '164.312(b)', '164.316(b)(2)(i)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale:
    'Integrity (164.312(c)(1)) of audit records means nobody — an intruder with stolen credentials included — can delete or overwrite them before the retention period ends (164.316(b)(2)(i)). Bucket policies and versioning can be changed by an administrator; Object Lock default retention cannot be shortened in COMPLIANCE mode. Advisory: Object Lock must be chosen when the bucket is designed. Relies on: S3 creates buckets without Object Lock, and a whole number of years spans at most years × 365 + leap days.',
  remediation: remediation(2192),
  params: { minRetentionDays: MIN_RETENTION_PARAM },
  docs: {
    defaults:
      'S3 buckets are created without Object Lock; provider 5.x plans object_lock_enabled as unknown (computed) when omitted. A lock configuration needs versioning and is in the companion aws_s3_bucket_object_lock_configuration (the inline object_lock_configuration block is deprecated). A whole number of years counts as its longest span (6 years = 2192 days). Only CloudTrail and AWS Config delivery buckets are judged; S3 server access log targets cannot have a default retention.',
    anchors: ['AWS Config s3-bucket-default-lock-enabled', 'Checkov CKV_AWS_143'],
    example: {
      fail: 'resource "aws_s3_bucket" "trail" { bucket = "org-cloudtrail" }',
      pass: 'resource "aws_s3_bucket" "trail" {\n  bucket              = "org-cloudtrail"\n  object_lock_enabled = true\n}\nresource "aws_s3_bucket_object_lock_configuration" "trail" {\n  bucket = aws_s3_bucket.trail.id\n  rule {\n    default_retention {\n      mode  = "COMPLIANCE"\n      years = 6\n    }\n  }\n}',
    },
  },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome[] {
    const sinks = logSinksOf(ctx.graph, bucket);
    const audit = sinks.filter((s) => s.sink.kind === 'audit-trail');
    if (audit.length === 0) return [skip(`${bucket.address} holds no audit trail in this plan`)];
    if (sinks.some((s) => s.sink.kind === 'access-logs')) return [skip(`${bucket.address} also receives S3 server access logs, which S3 will not deliver to a bucket with a default retention`)];
    const minimum = minRetentionDays(ctx);
    const configs = companionsOf(ctx.graph, bucket, { types: [COMPANION], attribute: 'bucket', matchValues: ['bucket', 'id'] });
    if (configs.length > 0) return configs.map((c) => judgeLock(c.join.instance, [], minimum, [evidenceOf(c.join)]));
    const inline = bucket.attr('object_lock_configuration.rule.default_retention.mode');
    if (inline.state === 'known' && typeof inline.value === 'string') return [judgeLock(bucket, ['object_lock_configuration'], minimum, [{ attribute: 'object_lock_configuration' }])];
    const enabled = setting(bucket.attr('object_lock_enabled'), 'off');
    const state = enabled === 'on' ? 'has Object Lock enabled but no default retention' : 'is not write-once (no S3 Object Lock)';
    return [fail('object_lock_enabled', `${bucket.address} holds ${describeSinks(audit)} but ${state}; add an aws_s3_bucket_object_lock_configuration with a COMPLIANCE default retention of ${minimum} days or more`, { remediation: remediation(minimum) })];
  },
};
