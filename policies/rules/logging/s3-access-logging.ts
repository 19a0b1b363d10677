/**
 * LOG-007: every PHI bucket has S3 server access logging into another bucket — the inline
 * `logging` block (legacy) or a companion `aws_s3_bucket_logging`, possibly in another module.
 * Buckets that receive server access logs are exempt: logging a log bucket feeds a loop.
 */
import type { AttributeValue, Evidence, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, skip, unknown } from '../support';
import { companionsOf, deletedCompanions, deletedNote, inferredNote } from './shared/companions';
import { logSinksOf } from './shared/log-sinks';
import { destination, knownText } from './shared/read';

const COMPANION = 'aws_s3_bucket_logging';
const QUERY = { types: [COMPANION], attribute: 'bucket', matchValues: ['bucket', 'id'] };
const REMEDIATION =
  'Add an aws_s3_bucket_logging with bucket = aws_s3_bucket.<this>.id and target_bucket set to a separate log bucket (not the bucket itself).';

interface LoggingSource {
  holder: ResourceInstance;
  /** Path of target_bucket on the holder. */
  target: string;
  evidence: Evidence[];
  note: string;
}

/** Whether a target names the bucket itself, by known value or by resolved reference. */
function targetsItself(ctx: RuleContext, source: LoggingSource, bucket: ResourceInstance, target: AttributeValue): boolean {
  const value = knownText(target);
  // A literal target cannot be a name S3 only generates at apply time (bucket_prefix).
  if (value !== undefined) {
    const name = knownText(bucket.attr('bucket'));
    return name !== undefined && (value === name || value === knownText(bucket.attr('id')));
  }
  // The inline block's reference to its own bucket would be a cycle Terraform rejects; only companions can point back.
  if (source.holder === bucket || bucket.type !== 'aws_s3_bucket') return false;
  // Whether the companion's target_bucket refers to the bucket. From the companion's side,
  // graph.referencesOf(holder, target, { types: ['aws_s3_bucket'] }), it resolves the references
  // again for every bucket; from the bucket's side it is one lookup in the reverse index that
  // logSinksOf already built from those same resolutions. The index holds live companions only.
  if (source.holder.action === 'delete') return ctx.graph.referencesOf(source.holder, source.target, { types: ['aws_s3_bucket'] }).some((j) => j.instance === bucket);
  return ctx.graph.referrers(bucket, { types: [source.holder.type], attribute: source.target }).some((j) => j.instance === source.holder);
}

/** The verdict on one logging source; `scope` goes last in the outcome, as the rule has always reported it. */
function judge(ctx: RuleContext, bucket: ResourceInstance, source: LoggingSource, scope: string): Outcome {
  const where = source.holder === bucket ? bucket.address : `${source.holder.address} (for ${bucket.address})`;
  const value = source.holder.attr(source.target);
  const target = destination(value);
  if (target === 'unset') return fail(source.target, `${where} sets no target_bucket; point it at a separate log bucket`, { evidence: source.evidence, scope });
  const self = targetsItself(ctx, source, bucket, value);
  if (self === true) {
    return fail(source.target, `${where} delivers access logs into the bucket itself; S3 then logs its own log writes and the records sit beside the data they audit — use a separate target_bucket`, {
      evidence: source.evidence,
      remediation: REMEDIATION,
      scope,
    });
  }
  if (target === 'unknown') {
    return unknown(source.target, `${where}: target_bucket is known only after apply; planwarden cannot confirm it is another bucket`, { evidence: source.evidence, scope });
  }
  return pass(source.target, `${where} delivers server access logs to another bucket${source.note}`, { evidence: source.evidence, scope });
}

export const s3AccessLogging: Rule = {
  id: 'LOG-007',
  title: 'PHI buckets have S3 server access logging to another bucket',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale:
    'Server access logs record every request to a bucket, including anonymous and denied ones that CloudTrail data events leave out, with the requester, key and result: the access record 164.312(b) and 164.308(a)(1)(ii)(D) ask for on ePHI. Logs delivered into the bucket itself create a feedback loop and sit beside the data they audit, under the same access policy. Relies on: S3 logs no requests unless logging is configured; the provider plans the inline block as unknown when it is not written.',
  remediation: REMEDIATION,
  params: {},
  docs: {
    defaults:
      'S3 does not log requests unless logging is configured. Provider 5.x plans the inline `logging` block on aws_s3_bucket as unknown (computed) unless written; the companion aws_s3_bucket_logging is the current way. PHI scope is every bucket unless the config narrows it (phiScope). Buckets that receive server access logs are exempt.',
    anchors: ['cdk-nag S3BucketLoggingEnabled', 'AWS Config s3-bucket-logging-enabled', 'Checkov CKV_AWS_18'],
    example: {
      fail: 'resource "aws_s3_bucket" "phi" { bucket = "phi-records" }',
      pass: 'resource "aws_s3_bucket_logging" "phi" {\n  bucket        = aws_s3_bucket.phi.id\n  target_bucket = aws_s3_bucket.access_logs.id\n  target_prefix = "phi-records/"\n}',
    },
  },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome[] {
    const scope = ctx.phiScope(bucket);
    if (!scope.inScope) return [skip(`${bucket.address} is outside PHI scope (${scope.reason})`)];
    const accessLogTarget = logSinksOf(ctx.graph, bucket).find((s) => s.sink.kind === 'access-logs');
    if (accessLogTarget) {
      return [pass('logging', `${bucket.address} receives server access logs from ${accessLogTarget.instance.address}; a log bucket is not logged into itself`, { scope: scope.reason })];
    }
    const sources: LoggingSource[] = companionsOf(ctx.graph, bucket, QUERY).map((c) => ({
      holder: c.join.instance,
      target: 'target_bucket',
      evidence: [evidenceOf(c.join)],
      note: inferredNote(c),
    }));
    // Once applied, the computed inline block mirrors a companion; judge it only without one.
    if (sources.length === 0) {
      const inline = bucket.attr('logging');
      const inlineWritten = (inline.state === 'known' && Array.isArray(inline.value) && inline.value.length > 0) || bucket.attr('logging.target_bucket').references.length > 0;
      if (inlineWritten) sources.push({ holder: bucket, target: 'logging.target_bucket', evidence: [{ attribute: 'logging' }], note: '' });
    }
    if (sources.length === 0) {
      const gone = deletedNote(deletedCompanions(ctx.graph, bucket, QUERY));
      return [fail('logging', `${bucket.address} is in PHI scope but has no server access logging${gone}; add an aws_s3_bucket_logging with a separate target_bucket`, { scope: scope.reason })];
    }
    return sources.map((s) => judge(ctx, bucket, s, scope.reason));
  },
};
