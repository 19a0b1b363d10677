/**
 * LOG-026: PHI buckets and log buckets keep object versions, so an overwrite or delete — by
 * mistake or by an intruder covering tracks — leaves the earlier object recoverable. Versioning
 * lives in a companion `aws_s3_bucket_versioning` (or the deprecated inline `versioning` block).
 */
import type { Evidence, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, skip, unknown } from '../support';
import { wasNote } from './shared/change';
import { companionsOf, deletedCompanions, deletedNote } from './shared/companions';
import { describeSinks, logSinksOf } from './shared/log-sinks';
import { knownText, setting } from './shared/read';

const COMPANION = 'aws_s3_bucket_versioning';
const QUERY = { types: [COMPANION], attribute: 'bucket', matchValues: ['bucket', 'id'] };
const REMEDIATION = 'Add an aws_s3_bucket_versioning with bucket = aws_s3_bucket.<this>.id and versioning_configuration { status = "Enabled" }.';

/** The verdict on one companion; `scope` goes last in the outcome, as the rule has always reported it. */
function judgeCompanion(holder: ResourceInstance, bucket: ResourceInstance, evidence: Evidence[], scope: string): Outcome {
  const path = 'versioning_configuration.status';
  const status = holder.attr(path);
  const where = `${holder.address} (for ${bucket.address})`;
  if (status.state === 'unknown') return unknown(path, `${where}: versioning status is known only after apply`, { evidence, scope });
  const value = knownText(status);
  if (value === 'Enabled') return pass(path, `${where} enables versioning`, { evidence, scope });
  return fail(path, `${where} sets versioning ${value ?? 'to nothing'}${wasNote(holder, path, (v) => `was ${String(v)}`)}; set versioning_configuration.status = "Enabled"`, { evidence, remediation: REMEDIATION, scope });
}

export const s3Versioning: Rule = {
  id: 'LOG-026',
  title: 'PHI and log buckets keep object versions',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(c)(1)', '164.312(c)(2)', '164.308(a)(7)(ii)(A)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale:
    'Integrity (164.312(c)(1), (c)(2)) means an altered or destroyed record can be detected and restored; without versioning an overwrite or a delete of an object — ePHI or a log file — is final. It is also what lets LOG-008 judge noncurrent-version expirations and what S3 Object Lock (LOG-009) requires. Relies on: S3 creates buckets unversioned, except that a bucket created with Object Lock is versioned for good.',
  remediation: REMEDIATION,
  params: {},
  docs: {
    defaults:
      'S3 buckets are created unversioned; a bucket created with object_lock_enabled = true is versioned for good. Provider 5.x plans the inline versioning block as unknown (computed) when omitted; the companion aws_s3_bucket_versioning is judged, the inline block only without one. PHI scope is every bucket unless the config narrows it; log buckets (see LOG-008) are judged whatever the scope.',
    anchors: ['cdk-nag S3BucketVersioningEnabled', 'AWS Config s3-bucket-versioning-enabled', 'Checkov CKV_AWS_21'],
    example: {
      fail: 'resource "aws_s3_bucket" "phi" { bucket = "phi-records" }',
      pass: 'resource "aws_s3_bucket_versioning" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}',
    },
  },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome[] {
    const sinks = logSinksOf(ctx.graph, bucket);
    const scope = ctx.phiScope(bucket);
    if (!scope.inScope && sinks.length === 0) return [skip(`${bucket.address} is outside PHI scope (${scope.reason}) and holds no logs`)];
    // Only failures say why the bucket is judged; a pass or unknown never prints it.
    const why = () => (sinks.length > 0 ? `holds ${describeSinks(sinks)}` : 'is in PHI scope');
    const companions = companionsOf(ctx.graph, bucket, QUERY);
    if (companions.length > 0) return companions.map((c) => judgeCompanion(c.join.instance, bucket, [evidenceOf(c.join)], scope.reason));
    const inline = bucket.attr('versioning');
    if (inline.state === 'known' && Array.isArray(inline.value) && inline.value.length > 0) {
      const on = setting(bucket.attr('versioning.enabled'), 'off');
      if (on === 'on') return [pass('versioning.enabled', `${bucket.address} enables versioning (inline block)`, { scope: scope.reason })];
      if (on === 'unknown') return [unknown('versioning.enabled', `${bucket.address}: versioning.enabled is known only after apply`, { scope: scope.reason })];
      return [fail('versioning.enabled', `${bucket.address} ${why()} but versioning is off${wasNote(bucket, 'versioning.enabled')}; enable it`, { scope: scope.reason, remediation: REMEDIATION })];
    }
    // S3 turns versioning on, for good, when a bucket is created with Object Lock.
    if (setting(bucket.attr('object_lock_enabled'), 'off') === 'on') return [pass('object_lock_enabled', `${bucket.address} has Object Lock, which keeps versioning on`, { scope: scope.reason })];
    const gone = deletedNote(deletedCompanions(ctx.graph, bucket, QUERY));
    return [fail(COMPANION, `${bucket.address} ${why()} but is not versioned${gone}; add an ${COMPANION} with status = "Enabled"`, { scope: scope.reason })];
  },
};
