/**
 * LOG-006: every PHI bucket's object-level activity (GetObject, PutObject, DeleteObject) is
 * recorded by a CloudTrail trail in the plan. Management events do not include object reads:
 * without data events nobody can say who downloaded a patient record.
 */
import type { Evidence, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { liveOfType } from './shared/companions';
import { listText } from './shared/read';
import { isLogging, s3DataCoverage, type BucketIdentity } from './shared/trail';

const REMEDIATION =
  'On a trail in this plan, add event_selector { read_write_type = "All"; data_resource { type = "AWS::S3::Object"; values = ["${aws_s3_bucket.phi.arn}/"] } } (or values = ["arn:aws:s3"] for every bucket), or the equivalent advanced_event_selector with eventCategory = Data and resources.type = AWS::S3::Object.';

/** A single-region trail records data events only for buckets in its own region. */
function sameRegion(ctx: RuleContext, trail: ResourceInstance, bucket: ResourceInstance): boolean {
  const multi = trail.attr('is_multi_region_trail');
  if (multi.state === 'known' && multi.value === true) return true;
  const a = ctx.graph.providerRegion(trail);
  const b = ctx.graph.providerRegion(bucket);
  return a === undefined || b === undefined || a === b;
}

export const s3DataEvents: Rule = {
  id: 'LOG-006',
  title: 'CloudTrail records S3 data events for every PHI bucket',
  family: 'logging',
  severity: 'high',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale:
    'Who read or changed which object is the audit record HIPAA asks for on ePHI (164.312(b), 164.308(a)(1)(ii)(D)). CloudTrail management events do not include S3 object reads and writes; only data events do, and only for the buckets a trail selects. Both reads and writes count: a WriteOnly selector misses every download of a record. Relies on: AWS records no data events unless a selector names them; a plan without any trail is left to the stack that defines the organisation trail.',
  remediation: REMEDIATION,
  params: {},
  docs: {
    defaults:
      'AWS records no data events unless a trail selects them; a basic event_selector defaults to read_write_type = "All". PHI scope is every bucket unless the config narrows it (phiScope). A plan that defines no trail is not judged: the organisation trail usually lives in another stack. A single-region trail covers only buckets whose provider region matches its own.',
    anchors: ['AWS Config cloudtrail-s3-dataevents-enabled', 'Prowler cloudtrail_s3_dataevents_read_enabled / _write_enabled'],
    example: {
      fail: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.trail.id\n}\nresource "aws_s3_bucket" "phi" { bucket = "phi-records" }',
      pass: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.trail.id\n  event_selector {\n    read_write_type = "All"\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["${aws_s3_bucket.phi.arn}/"]\n    }\n  }\n}',
    },
  },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome[] {
    const scope = ctx.phiScope(bucket);
    if (!scope.inScope) return [skip(`${bucket.address} is outside PHI scope (${scope.reason})`)];
    const trails = liveOfType(ctx.graph, 'aws_cloudtrail');
    if (trails.length === 0) return [skip(`no CloudTrail trail in this plan; ${bucket.address} is judged where the trail is defined`)];
    const name = bucket.attr('bucket');
    const identity: BucketIdentity = { instance: bucket, name: name.state === 'known' && typeof name.value === 'string' ? name.value : undefined };
    let read: ResourceInstance | undefined;
    let write: ResourceInstance | undefined;
    const unknowns: string[] = [];
    const limits: string[] = [];
    const stopped: string[] = [];
    for (const trail of trails) {
      if (!sameRegion(ctx, trail, bucket)) continue;
      const coverage = s3DataCoverage(ctx.graph, trail, identity);
      if (!coverage.read && !coverage.write) {
        if (coverage.unknown.length > 0) unknowns.push(`${trail.address} ${listText(coverage.unknown)}`);
        limits.push(...coverage.limits.map((l) => `${trail.address} ${l}`));
        continue;
      }
      const logging = isLogging(trail);
      if (logging === 'off') {
        stopped.push(trail.address);
        continue;
      }
      if (logging === 'unknown') unknowns.push(`${trail.address} enable_logging`);
      if (coverage.read) read ??= trail;
      if (coverage.write) write ??= trail;
    }
    const evidence: Evidence[] = [...new Set([read, write])].filter((t): t is ResourceInstance => t !== undefined).map((t) => ({ attribute: 'event_selector', related: t.address }));
    const scopeNote = { scope: scope.reason, evidence };
    if (read && write) return [pass('event_selector', `${bucket.address}: object reads and writes are recorded by ${listText([...new Set([read.address, write.address])])}`, scopeNote)];
    const why = [
      ...(stopped.length > 0 ? [`${listText(stopped)} select${stopped.length === 1 ? 's' : ''} it but ${stopped.length === 1 ? 'is' : 'are'} stopped (enable_logging = false)`] : []),
      ...limits,
    ];
    const detail = why.length > 0 ? ` (${why.join('; ')})` : '';
    if (unknowns.length > 0) {
      return [unknown('event_selector', `${bucket.address}: planwarden cannot tell whether its data events are recorded: ${unknowns.join('; ')} known only after apply${detail}`, scopeNote)];
    }
    const missing = read ? 'object writes (PutObject, DeleteObject)' : write ? 'object reads (GetObject)' : 'object reads or writes';
    return [
      fail('event_selector', `${bucket.address} is in PHI scope but no CloudTrail trail in this plan records its ${missing}${detail}; add an S3 data event selector for it`, {
        ...scopeNote,
        remediation: REMEDIATION,
      }),
    ];
  },
};
