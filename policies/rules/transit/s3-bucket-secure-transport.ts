/**
 * TLS-008: S3 buckets holding ePHI refuse requests made without TLS. S3 answers plain HTTP on
 * its endpoints unless the bucket policy denies it, so the control is a policy statement: Deny,
 * Principal "*", Action "s3:*", on the bucket and its objects, when aws:SecureTransport is false.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { skip } from '../support';
import { judgeSecureTransport, policiesOf } from './shared/secure-transport';
import { setString, setting } from './shared/setting';

const STATEMENT =
  'a statement { "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::BUCKET", "arn:aws:s3:::BUCKET/*"], "Condition": { "Bool": { "aws:SecureTransport": "false" } } }';
/** Reading, writing, deleting and listing ePHI: the deny must cover at least these. */
const ACTIONS = ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'];

/** The bucket's ARN and an arbitrary object ARN, when the bucket name is known. */
function probes(bucket: ResourceInstance): string[] | undefined {
  const name = setString(setting(bucket, 'bucket'));
  if (name === undefined) return undefined;
  const arn = setString(setting(bucket, 'arn'));
  const partition = arn !== undefined ? (/^arn:([\w-]+):/.exec(arn)?.[1] ?? 'aws') : 'aws';
  return [`arn:${partition}:s3:::${name}`, `arn:${partition}:s3:::${name}/records/any-object`];
}

export const s3BucketSecureTransport: Rule = {
  id: 'TLS-008',
  title: 'S3 buckets with ePHI deny requests made without TLS',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)', '164.312(c)(2)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale:
    'S3 serves plain HTTP on its endpoints unless the bucket policy denies it; only a Deny on aws:SecureTransport = false guarantees that ePHI never crosses the network unencrypted (164.312(e)(1), (e)(2)(ii)). Relies on: provider 5.x shows an omitted aws_s3_bucket.policy as unknown (known after apply) — read as "no policy" — and the policy normally lives in an aws_s3_bucket_policy companion, whose JSON is unknown when built from ARNs of resources being created; a data.aws_iam_policy_document read at apply still shows its statement blocks in the plan, so they are judged instead.',
  remediation: `Add an aws_s3_bucket_policy for the bucket with ${STATEMENT} (data.aws_iam_policy_document works: effect = "Deny", principals { type = "*", identifiers = ["*"] }, condition { test = "Bool", variable = "aws:SecureTransport", values = ["false"] }).`,
  params: {},
  docs: {
    defaults:
      'aws_s3_bucket.policy omitted: unknown in the plan (treated as no policy). A statement counts when its only condition is Bool (or BoolIfExists) aws:SecureTransport = "false", it denies Principal "*", its actions cover s3:GetObject, s3:PutObject, s3:DeleteObject and s3:ListBucket, and (when the bucket name is known) its resources cover the bucket and its objects. Only buckets in PHI scope are checked (the config\'s phiScope; default: every bucket).',
    anchors: ['cdk-nag S3BucketSSLRequestsOnly', 'AWS Config s3-bucket-ssl-requests-only', 'Checkov CKV_AWS_379', 'Prowler s3_bucket_secure_transport_policy'],
    example: {
      fail: 'resource "aws_s3_bucket" "records" {\n  bucket = "phi-records"\n}\n# no aws_s3_bucket_policy',
      pass: 'resource "aws_s3_bucket_policy" "records" {\n  bucket = aws_s3_bucket.records.id\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Sid       = "DenyInsecureTransport"\n      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"\n      Resource  = ["arn:aws:s3:::phi-records", "arn:aws:s3:::phi-records/*"]\n      Condition = { Bool = { "aws:SecureTransport" = "false" } }\n    }]\n  })\n}',
    },
  },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome[] {
    const scope = ctx.phiScope(bucket);
    if (!scope.inScope) return [skip(`${bucket.address} is outside PHI scope (${scope.reason})`)];
    const companions = ctx.graph.referrers(bucket, { types: ['aws_s3_bucket_policy'], attribute: 'bucket', matchValues: ['bucket', 'id'] });
    const holders = policiesOf(ctx.graph, bucket, companions);
    // The probe ARNs matter only where there are statements to match them against (most buckets have no policy).
    const resources = holders.some((h) => h.reading.kind === 'statements') ? probes(bucket) : undefined;
    return judgeSecureTransport(bucket, holders, {
      noun: 'bucket',
      query: { actions: ACTIONS, resources },
      whenNone: ', so S3 accepts plain-HTTP requests',
      statementHint: STATEMENT,
      scope: scope.reason,
    });
  },
};
