/**
 * ENC-001: S3 buckets encrypt at rest with SSE-KMS under a customer-managed key. The
 * configuration lives either inline on the bucket (the legacy `server_side_encryption_configuration`
 * block) or in a companion `aws_s3_bucket_server_side_encryption_configuration`, possibly in
 * another module.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { toPath } from '../../engine/values';
import { fail, pass, unknown, evidenceOf } from '../support';
import { judgeKey, keyContext } from './key-requirement';
import { attributeName, readSwitch } from './read';

const COMPANION = 'aws_s3_bucket_server_side_encryption_configuration';
const KMS_ALGORITHMS = new Set(['aws:kms', 'aws:kms:dsse']);
const REMEDIATION =
  'Add an aws_s3_bucket_server_side_encryption_configuration for the bucket with rule.apply_server_side_encryption_by_default.sse_algorithm = "aws:kms" and kms_master_key_id set to a customer-managed aws_kms_key.';

interface EncryptionSource {
  /** The resource holding the configuration, and the path of its `rule` blocks. */
  holder: ResourceInstance;
  rulePath: string;
  evidence: Outcome['evidence'];
}

/**
 * The paths read under one `rule` block, as text: the engine parses a text path once and keeps
 * its expression key, and the attribute names are worked out once, where a fresh array per
 * bucket cost both every time. Only the first blocks are kept (a real configuration has one).
 */
interface RulePaths {
  algorithm: string;
  algorithmName: string;
  key: string;
  bucketKey: string;
  bucketKeyName: string;
}

const MAX_CACHED_RULES = 8;
const rulePathCache = new Map<string, RulePaths[]>();

function rulePaths(rulePath: string, index: number): RulePaths {
  let list = rulePathCache.get(rulePath);
  if (!list) rulePathCache.set(rulePath, (list = []));
  const cached = list[index];
  if (cached) return cached;
  const base = `${rulePath}.${index}`;
  const algorithm = `${base}.apply_server_side_encryption_by_default.0.sse_algorithm`;
  const bucketKey = `${base}.bucket_key_enabled`;
  const paths: RulePaths = {
    algorithm,
    algorithmName: attributeName(toPath(algorithm)),
    key: `${base}.apply_server_side_encryption_by_default.0.kms_master_key_id`,
    bucketKey,
    bucketKeyName: attributeName(toPath(bucketKey)),
  };
  if (index < MAX_CACHED_RULES) list[index] = paths;
  return paths;
}

interface S3Settings {
  allowSseS3: boolean;
  requireCustomerManagedKey: boolean;
  requireBucketKey: boolean;
}

function judgeKmsRule(bucket: ResourceInstance, source: EncryptionSource, paths: RulePaths, algorithm: string, settings: S3Settings): Outcome[] {
  const where = source.holder === bucket ? bucket.address : `${source.holder.address} (for ${bucket.address})`;
  const key = judgeKey({
    instance: source.holder,
    path: paths.key,
    serviceDefault: 'the AWS-managed aws/s3 key',
    defaultEncrypts: true,
    requireCustomerManagedKey: settings.requireCustomerManagedKey,
    computed: false,
    subject: source.holder === bucket ? undefined : `for ${bucket.address}`,
    evidence: source.evidence,
  });
  const outcomes: Outcome[] = [
    key.status === 'pass' ? pass(key.attribute ?? '', `${where} uses ${algorithm}; ${key.message}`, { evidence: source.evidence }) : key,
  ];
  // Bucket Keys do not apply to dual-layer SSE-KMS (aws:kms:dsse).
  if (settings.requireBucketKey && algorithm === 'aws:kms') {
    const attribute = paths.bucketKeyName;
    const bucketKey = readSwitch(source.holder.attr(paths.bucketKey));
    if (bucketKey === 'unknown') {
      outcomes.push(unknown(attribute, `${where}: bucket_key_enabled is known only after apply`, { evidence: source.evidence }));
    } else if (bucketKey !== 'on') {
      outcomes.push(
        fail(attribute, `${where} uses SSE-KMS without an S3 Bucket Key; set bucket_key_enabled = true`, {
          evidence: source.evidence,
          remediation: 'Set rule.bucket_key_enabled = true next to the SSE-KMS default encryption.',
        }),
      );
    }
  }
  return outcomes;
}

function judgeRules(bucket: ResourceInstance, source: EncryptionSource, settings: S3Settings): Outcome[] {
  const rules = source.holder.blocks(source.rulePath);
  const where = source.holder === bucket ? bucket.address : `${source.holder.address} (for ${bucket.address})`;
  if (rules.length === 0) {
    const whole = source.holder.attr(source.rulePath);
    if (whole.state === 'unknown') {
      return [unknown(source.rulePath, `${where}: the encryption rule is known only after apply; planwarden cannot tell which algorithm it sets`, { evidence: source.evidence })];
    }
    return [fail(source.rulePath, `${where} has no encryption rule; set sse_algorithm = "aws:kms"`, { evidence: source.evidence })];
  }
  const outcomes: Outcome[] = [];
  // blocks() lists the rule blocks in order: the i-th is `${rulePath}.${i}`.
  for (let i = 0; i < rules.length; i++) {
    const paths = rulePaths(source.rulePath, i);
    const attribute = paths.algorithmName;
    const algorithm = source.holder.attr(paths.algorithm);
    if (algorithm.state === 'unknown') {
      outcomes.push(unknown(attribute, `${where}: sse_algorithm is known only after apply`, { evidence: source.evidence }));
    } else if (algorithm.state === 'known' && typeof algorithm.value === 'string' && KMS_ALGORITHMS.has(algorithm.value)) {
      outcomes.push(...judgeKmsRule(bucket, source, paths, algorithm.value, settings));
    } else if (algorithm.state === 'known' && algorithm.value === 'AES256') {
      outcomes.push(
        settings.allowSseS3
          ? pass(attribute, `${where} uses SSE-S3 (allowed by allowSseS3)`, { evidence: source.evidence })
          : fail(attribute, `${where} uses SSE-S3 (AES256); set sse_algorithm = "aws:kms" with a customer-managed kms_master_key_id so every use of the key is logged in CloudTrail`, { evidence: source.evidence }),
      );
    } else {
      outcomes.push(fail(attribute, `${where} sets no recognised sse_algorithm; set sse_algorithm = "aws:kms"`, { evidence: source.evidence }));
    }
  }
  return outcomes;
}

export const s3BucketEncryption: Rule = {
  id: 'ENC-001',
  title: 'S3 buckets are encrypted at rest with SSE-KMS',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale:
    'ePHI at rest must be encrypted (164.312(a)(2)(iv)). Since January 2023 S3 applies SSE-S3 to every new object when a bucket has no configuration, and SSE-KMS without a key id uses the AWS-managed aws/s3 key: both encrypt, but with keys whose policy you cannot change. A customer-managed key gives you the key policy, rotation and a CloudTrail record of every decrypt, which HIPAA audit controls lean on; so planwarden asks for SSE-KMS with a customer-managed key by default, and the allowSseS3 / requireCustomerManagedKey parameters accept the AWS defaults.',
  remediation: REMEDIATION,
  params: {
    allowSseS3: {
      description: 'Accept SSE-S3 (AES256), including the implicit default S3 applies when a bucket has no encryption configuration.',
      default: false,
    },
    requireCustomerManagedKey: {
      description: 'Require kms_master_key_id to name a customer-managed key; false accepts the AWS-managed aws/s3 key.',
      default: true,
    },
    requireBucketKey: {
      description: 'Require S3 Bucket Keys (bucket_key_enabled = true) with SSE-KMS, to cut KMS request volume.',
      default: false,
    },
  },
  docs: {
    defaults:
      'Provider 5.x: the inline `server_side_encryption_configuration` on aws_s3_bucket is computed (unknown in plans) unless written in the configuration; the companion resource is the current way, and its kms_master_key_id is "" when omitted (S3 then uses the AWS-managed aws/s3 key). AWS: SSE-S3 is applied by default to buckets without a configuration (since 2023-01-05). Bucket Keys are off unless bucket_key_enabled = true.',
    anchors: ['cdk-nag S3DefaultEncryptionKMS', 'AWS Config s3-default-encryption-kms, s3-bucket-server-side-encryption-enabled', 'Checkov CKV_AWS_19, CKV_AWS_145'],
    example: {
      fail: 'resource "aws_s3_bucket" "phi" { bucket = "phi-records" }',
      pass: 'resource "aws_s3_bucket_server_side_encryption_configuration" "phi" {\n  bucket = aws_s3_bucket.phi.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.phi.arn\n    }\n    bucket_key_enabled = true\n  }\n}',
    },
  },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome[] {
    const settings: S3Settings = {
      allowSseS3: ctx.params.allowSseS3 === true,
      ...keyContext(ctx),
      requireBucketKey: ctx.params.requireBucketKey === true,
    };
    const sources: EncryptionSource[] = ctx.graph
      .referrers(bucket, { types: [COMPANION], attribute: 'bucket', matchValues: ['bucket', 'id'] })
      .map((join) => ({ holder: join.instance, rulePath: 'rule', evidence: [evidenceOf(join)] }));
    // Once applied, the computed inline block mirrors a companion's settings; judge it only when
    // there is no companion (legacy inline configuration, or AWS's reported default).
    if (sources.length === 0) {
      const inline = bucket.attr('server_side_encryption_configuration');
      const inlineSet = inline.state === 'known' && (Array.isArray(inline.value) ? inline.value.length > 0 : inline.value !== null);
      if (inlineSet) {
        sources.push({
          holder: bucket,
          rulePath: 'server_side_encryption_configuration.rule',
          evidence: [{ attribute: 'server_side_encryption_configuration' }],
        });
      }
    }
    if (sources.length === 0) {
      if (settings.allowSseS3) return [pass('server_side_encryption_configuration', `${bucket.address} relies on the SSE-S3 default (allowed by allowSseS3)`)];
      return [
        fail(
          'server_side_encryption_configuration',
          `${bucket.address} has no server-side encryption configuration, so only S3's default SSE-S3 applies; add an aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms"`,
        ),
      ];
    }
    // Several configurations for one bucket: the last applied wins at AWS, so every one must comply.
    return sources.flatMap((s) => judgeRules(bucket, s, settings));
  },
};
