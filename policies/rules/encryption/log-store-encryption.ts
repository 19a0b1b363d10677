/**
 * ENC-019: audit log stores are encrypted with a customer-managed KMS key — CloudWatch log
 * groups, CloudTrail trails and CloudTrail Lake event data stores. One concern: the audit trail
 * itself may contain ePHI and must be as protected as the data it records.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { customerKeyParam, judgeKey, keyContext, keyRemediation } from './key-requirement';

const DEFAULTS: Readonly<Record<string, string>> = {
  aws_cloudwatch_log_group: "CloudWatch Logs' own service-managed encryption",
  aws_cloudtrail: 'SSE-S3 on the trail bucket (log files are not KMS-encrypted)',
  aws_cloudtrail_event_data_store: 'an AWS-owned CloudTrail key',
};

export const logStoreEncryption: Rule = {
  id: 'ENC-019',
  title: 'CloudWatch log groups and CloudTrail trails are encrypted with a customer-managed KMS key',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)', '164.312(b)'],
  resourceTypes: ['aws_cloudwatch_log_group', 'aws_cloudtrail', 'aws_cloudtrail_event_data_store'],
  rationale:
    'Application logs and audit trails (164.312(b)) routinely capture ePHI and must be encrypted at rest (164.312(a)(2)(iv)). CloudWatch Logs encrypts log data with its own keys, CloudTrail writes log files with SSE-S3, and event data stores use an AWS-owned key, unless kms_key_id names a KMS key. A customer-managed key keeps who can read the audit trail under your key policy, separate from who can read the bucket or log group; planwarden asks for one by default and requireCustomerManagedKey = false accepts the service defaults.',
  remediation: keyRemediation('kms_key_id'),
  params: customerKeyParam(true, 'the services\' own encryption (CloudWatch Logs keys, SSE-S3 for trails, an AWS-owned key for event data stores)'),
  docs: {
    defaults: 'Provider 5.x: kms_key_id is optional and null when omitted on all three types. The key policy must let the service (logs.<region>.amazonaws.com, cloudtrail.amazonaws.com) use the key.',
    anchors: [
      'cdk-nag CloudWatchLogGroupEncrypted, CloudTrailEncryptionEnabled',
      'AWS Config cloud-trail-encryption-enabled, cloudwatch-log-group-encrypted (dropped from the HIPAA pack)',
      'Checkov CKV_AWS_158, CKV_AWS_35, CKV_AWS_294',
    ],
    example: {
      fail: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.audit.id\n}',
      pass: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.audit.id\n  kms_key_id     = aws_kms_key.audit.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    return judgeKey({
      instance,
      path: 'kms_key_id',
      serviceDefault: DEFAULTS[instance.type] ?? 'the service default',
      defaultEncrypts: true,
      ...keyContext(ctx),
      computed: false,
    });
  },
};
