/**
 * LOG-008: lifecycle rules on log and audit buckets keep objects at least `minRetentionDays`.
 * An expiration (current or noncurrent versions) sooner than that deletes audit evidence; a
 * transition to a colder storage class keeps it and is fine. A bucket is a log bucket when
 * something in the plan delivers logs into it (see shared/log-sinks.ts).
 */
import type { AttributePath, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { dotted, evidenceOf, fail, pass, skip, unknown } from '../support';
import { companionsOf, targetsOf } from './shared/companions';
import { describeSinks, logSinksNamed, logSinksOf, type SinkRef } from './shared/log-sinks';
import { knownNumber, knownText, setting } from './shared/read';
import { MIN_RETENTION_PARAM, minRetentionDays } from './shared/retention';
import { priorValue } from './shared/change';

const COMPANION = 'aws_s3_bucket_lifecycle_configuration';

function remediation(minimum: number): string {
  return `On every enabled lifecycle rule of a log bucket, set expiration.days and noncurrent_version_expiration.noncurrent_days to ${minimum} or more, or remove the expiration; a transition to GLACIER or DEEP_ARCHIVE keeps the logs at lower cost.`;
}

/** Where the two shapes keep each setting. */
interface Shape {
  rules: string;
  enabled(holder: ResourceInstance, rule: AttributePath): 'on' | 'off' | 'unknown';
  noncurrentDays: string;
  prefix(holder: ResourceInstance, rule: AttributePath): string | undefined;
}

const COMPANION_SHAPE: Shape = {
  rules: 'rule',
  enabled: (h, r) => {
    const status = h.attr([...r, 'status']);
    if (status.state === 'unknown') return 'unknown';
    return knownText(status) === 'Disabled' ? 'off' : 'on';
  },
  noncurrentDays: 'noncurrent_days',
  prefix: (h, r) => knownText(h.attr([...r, 'filter', 0, 'prefix'])) ?? knownText(h.attr([...r, 'filter', 0, 'and', 0, 'prefix'])) ?? knownText(h.attr([...r, 'prefix'])),
};

const INLINE_SHAPE: Shape = {
  rules: 'lifecycle_rule',
  enabled: (h, r) => setting(h.attr([...r, 'enabled']), 'on'),
  noncurrentDays: 'days',
  prefix: (h, r) => knownText(h.attr([...r, 'prefix'])),
};

function ruleName(holder: ResourceInstance, rule: AttributePath, shape: Shape): string {
  const id = knownText(holder.attr([...rule, 'id']));
  const prefix = shape.prefix(holder, rule);
  return `${id !== undefined ? `rule "${id}"` : dotted(rule)}${prefix !== undefined ? ` (prefix ${prefix})` : ''}`;
}

/** The expirations of one enabled rule that are shorter than `minimum`. */
function judgeRule(holder: ResourceInstance, rule: AttributePath, shape: Shape, minimum: number, what: string, evidence: Outcome['evidence']): Outcome[] {
  const enabled = shape.enabled(holder, rule);
  const name = ruleName(holder, rule, shape);
  if (enabled === 'off') return [];
  const outcomes: Outcome[] = [];
  const lowered = (path: AttributePath) => {
    const prior = priorValue(holder, path);
    return typeof prior === 'number' && prior > 0 ? ` (was ${prior} days)` : prior === null ? ' (had no expiration before this change)' : '';
  };
  for (const expiration of holder.blocks([...rule, 'expiration'])) {
    const daysPath = [...expiration, 'days'];
    const days = holder.attr(daysPath);
    const date = knownText(holder.attr([...expiration, 'date']));
    if (days.state === 'unknown') outcomes.push(unknown(dotted(daysPath), `${holder.address} ${name}: expiration.days is known only after apply`, { evidence }));
    const n = knownNumber(days);
    if (n !== undefined && n > 0 && n < minimum) {
      outcomes.push(fail(dotted(daysPath), `${holder.address} ${name} deletes ${what} after ${n} days${lowered(daysPath)}; keep them ${minimum} days or more (set expiration.days to ${minimum} or more, or transition them to Glacier instead)`, { evidence, remediation: remediation(minimum) }));
    }
    if (date !== undefined) {
      outcomes.push(fail(dotted([...expiration, 'date']), `${holder.address} ${name} deletes ${what} on ${date}, whatever their age; remove the date expiration`, { evidence, remediation: remediation(minimum) }));
    }
  }
  for (const noncurrent of holder.blocks([...rule, 'noncurrent_version_expiration'])) {
    const path = [...noncurrent, shape.noncurrentDays];
    const days = holder.attr(path);
    if (days.state === 'unknown') outcomes.push(unknown(dotted(path), `${holder.address} ${name}: ${shape.noncurrentDays} is known only after apply`, { evidence }));
    const n = knownNumber(days);
    if (n !== undefined && n > 0 && n < minimum) {
      outcomes.push(fail(dotted(path), `${holder.address} ${name} deletes overwritten or deleted versions of ${what} after ${n} days${lowered(path)}; set noncurrent_version_expiration.${shape.noncurrentDays} to ${minimum} or more`, { evidence, remediation: remediation(minimum) }));
    }
  }
  if (enabled === 'unknown' && outcomes.some((o) => o.status === 'fail')) {
    return outcomes.map((o) => (o.status === 'fail' ? { ...o, status: 'unknown' as const, message: `${o.message} — if the rule is enabled (its status is known only after apply)` } : o));
  }
  return outcomes;
}

function judgeRules(holder: ResourceInstance, shape: Shape, minimum: number, what: string, evidence: Outcome['evidence']): Outcome[] {
  const rules = holder.attr(shape.rules);
  if (rules.state === 'unknown') return [unknown(shape.rules, `${holder.address}: its lifecycle rules are known only after apply; planwarden cannot confirm they keep ${what} ${minimum} days`, { evidence })];
  const outcomes = holder.blocks(shape.rules).flatMap((rule) => judgeRule(holder, rule, shape, minimum, what, evidence));
  return outcomes.length > 0 ? outcomes : [pass(shape.rules, `${holder.address} keeps ${what} at least ${minimum} days (no earlier expiration)`, { evidence })];
}

/** The log deliveries into the bucket(s) a lifecycle configuration governs. */
function sinksFor(ctx: RuleContext, config: ResourceInstance): { bucket: string; sinks: readonly SinkRef[]; evidence: Outcome['evidence'] } | undefined {
  const buckets = targetsOf(ctx.graph, config, 'bucket', ['aws_s3_bucket'], ['bucket', 'id']);
  for (const b of buckets) {
    const sinks = logSinksOf(ctx.graph, b.join.instance);
    if (sinks.length > 0) return { bucket: b.join.instance.address, sinks, evidence: [evidenceOf(b.join), ...sinks.map((s) => ({ attribute: s.sink.attribute, related: s.instance.address, via: s.via }))] };
  }
  // A bucket created outside the plan, named literally.
  const name = knownText(config.attr('bucket'));
  if (buckets.length === 0 && name !== undefined) {
    const sinks = logSinksNamed(ctx.graph, name);
    if (sinks.length > 0) return { bucket: `bucket ${name}`, sinks, evidence: sinks.map((s) => ({ attribute: s.sink.attribute, related: s.instance.address, via: s.via })) };
  }
  return undefined;
}

export const logBucketLifecycle: Rule = {
  id: 'LOG-008',
  title: 'Log and audit buckets do not expire logs before the retention period',
  family: 'logging',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.316(b)(2)(i)', '164.312(b)'],
  resourceTypes: [COMPANION, 'aws_s3_bucket'],
  rationale:
    '164.316(b)(2)(i) asks for six years of retention, and audit controls (164.312(b)) are only as good as the records kept. A lifecycle expiration on a bucket that receives CloudTrail, access, flow or load balancer logs deletes that evidence on a timer, current and noncurrent versions alike; nobody notices until an investigation asks for it. Transitions to Glacier keep the objects and are fine. Relies on: S3 keeps objects until something deletes them, so a log bucket without an expiration passes.',
  remediation: remediation(2192),
  params: { minRetentionDays: MIN_RETENTION_PARAM },
  docs: {
    defaults:
      'S3 keeps objects until deleted: a bucket with no lifecycle expiration passes. Provider 5.x plans the inline lifecycle_rule on aws_s3_bucket as unknown (computed) unless written; the companion aws_s3_bucket_lifecycle_configuration is judged instead, and the inline rules only when no companion exists. A rule with status = "Disabled" (or enabled = false) is not judged. Log buckets are found through the graph: targets of aws_s3_bucket_logging, CloudTrail s3_bucket_name, ALB/NLB/ELB access_logs.bucket, flow log S3 destinations, CloudFront logging_config.bucket, Redshift logging, Config delivery channels, WAF and Resolver query log S3 destinations.',
    anchors: ['AWS Config s3-version-lifecycle-policy-check (existence only)', 'Checkov CKV2_AWS_61 (existence only); the retention threshold is planwarden\'s'],
    example: {
      fail: 'resource "aws_s3_bucket_lifecycle_configuration" "trail" {\n  bucket = aws_s3_bucket.trail.id\n  rule {\n    id     = "expire"\n    status = "Enabled"\n    filter {}\n    expiration { days = 90 }\n  }\n}',
      pass: 'resource "aws_s3_bucket_lifecycle_configuration" "trail" {\n  bucket = aws_s3_bucket.trail.id\n  rule {\n    id     = "archive"\n    status = "Enabled"\n    filter {}\n    transition {\n      days          = 90\n      storage_class = "GLACIER"\n    }\n    expiration { days = 2192 }\n  }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const minimum = minRetentionDays(ctx);
    if (instance.type === COMPANION) {
      const found = sinksFor(ctx, instance);
      if (!found) return [skip(`${instance.address} governs no bucket this plan delivers logs into`)];
      return judgeRules(instance, COMPANION_SHAPE, minimum, `the logs in ${found.bucket} (${describeSinks(found.sinks)})`, found.evidence);
    }
    const sinks = logSinksOf(ctx.graph, instance);
    if (sinks.length === 0) return [skip(`${instance.address} receives no logs in this plan`)];
    // Once applied, the computed inline rules mirror a companion's; the companion is judged instead.
    if (companionsOf(ctx.graph, instance, { types: [COMPANION], attribute: 'bucket', matchValues: ['bucket', 'id'] }).length > 0) {
      return [skip(`${instance.address}: its aws_s3_bucket_lifecycle_configuration is judged instead`)];
    }
    const inline = instance.attr('lifecycle_rule');
    const written = inline.state === 'known' && Array.isArray(inline.value) && inline.value.length > 0;
    if (!written) return [pass('lifecycle_rule', `${instance.address} has no lifecycle expiration; its logs are kept until deleted`)];
    const evidence = sinks.map((s) => ({ attribute: s.sink.attribute, related: s.instance.address, via: s.via }));
    return judgeRules(instance, INLINE_SHAPE, minimum, `the logs it holds (${describeSinks(sinks)})`, evidence);
  },
};
