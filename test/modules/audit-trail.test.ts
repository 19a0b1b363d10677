import { AccessLogBucket } from '../../modules/access-log-bucket';
import { AuditTrail, AuditTrailProps } from '../../modules/audit-trail';
import { SecureBucket } from '../../modules/secure-bucket';
import { ENV, SynthOutput, policyOf, statement, synth } from './synth';

const trailProps: AuditTrailProps = { env: ENV, trailName: 'org-audit', bucketName: 'org-audit-trail' };
const TRAIL_ARN = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-audit';

function synthTrail(props: Partial<AuditTrailProps> = {}): SynthOutput {
  return synth((scope) => new AuditTrail(scope, 'audit', { ...trailProps, ...props }));
}

describe('AuditTrail', () => {
  const out = synthTrail();
  const trail = out.one('aws_cloudtrail');
  const bucket = out.find('aws_s3_bucket', 'bucket', 'org-audit-trail');
  const logGroup = out.one('aws_cloudwatch_log_group');
  const key = out.all('aws_kms_key').find((k) => String(k.config.description).startsWith('Encrypts CloudTrail org-audit'));

  it('is multi-region with global events, log-file validation and KMS', () => {
    expect(key).toBeDefined();
    expect(trail.config).toMatchObject({
      name: 'org-audit',
      is_multi_region_trail: true,
      include_global_service_events: true,
      enable_log_file_validation: true,
      enable_logging: true,
      kms_key_id: key?.ref('arn'),
      s3_bucket_name: bucket.ref('id'),
    });
    expect(trail.config.event_selector).toBeUndefined();
  });

  it('delivers to an encrypted six-year log group through a role that can only write there', () => {
    expect(logGroup.config).toMatchObject({ name: '/aws/cloudtrail/org-audit', retention_in_days: 2192, kms_key_id: key?.ref('arn') });
    expect(trail.config.cloud_watch_logs_group_arn).toBe(`${logGroup.ref('arn')}:*`);
    const role = out.one('aws_iam_role');
    expect(trail.config.cloud_watch_logs_role_arn).toBe(role.ref('arn'));
    expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
      { Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'sts:AssumeRole' },
    ]);
    expect(policyOf(out.one('aws_iam_policy')).Statement).toEqual([
      {
        Sid: 'WriteTrailEventsToLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/cloudtrail/org-audit:log-stream:*',
      },
    ]);
    expect(out.one('aws_iam_role_policy_attachment').config).toEqual({ role: role.ref('name'), policy_arn: out.one('aws_iam_policy').ref('arn') });
  });

  it('lets CloudTrail use the key and write to the bucket only for this trail', () => {
    const keyPolicy = policyOf(key!);
    expect(statement(keyPolicy, 'CloudTrailEncryptsLogFilesOfNamedTrails').Condition).toMatchObject({ StringEquals: { 'aws:SourceArn': [TRAIL_ARN] } });
    statement(keyPolicy, 'CloudWatchLogsEncryptsNamedLogGroups');
    const bucketPolicy = policyOf(out.find('aws_s3_bucket_policy', 'bucket', bucket.ref('id')));
    expect(statement(bucketPolicy, 'AWSCloudTrailAclCheck')).toEqual({
      Sid: 'AWSCloudTrailAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:GetBucketAcl',
      Resource: 'arn:aws:s3:::org-audit-trail',
      Condition: { StringEquals: { 'aws:SourceArn': TRAIL_ARN } },
    });
    expect(statement(bucketPolicy, 'AWSCloudTrailWrite')).toEqual({
      Sid: 'AWSCloudTrailWrite',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: 'arn:aws:s3:::org-audit-trail/AWSLogs/111122223333/*',
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': TRAIL_ARN } },
    });
    statement(bucketPolicy, 'DenyInsecureTransport');
  });

  it('keeps log files six years under a GOVERNANCE Object Lock, moving them to Glacier after 90 days', () => {
    expect(bucket.config.object_lock_enabled).toBe(true);
    expect(out.one('aws_s3_bucket_object_lock_configuration').config.rule).toEqual({ default_retention: { mode: 'GOVERNANCE', days: 2192 } });
    expect(out.find('aws_s3_bucket_lifecycle_configuration', 'bucket', bucket.ref('id')).config.rule).toEqual([
      expect.objectContaining({ expiration: [{ days: 2192 }], transition: [{ days: 90, storage_class: 'GLACIER' }] }),
    ]);
    expect(out.find('aws_s3_bucket_logging', 'bucket', bucket.ref('id')).config.target_prefix).toBe('org-audit-trail/');
  });

  it('is created after the bucket policy and the role grant it depends on', () => {
    expect(trail.config.depends_on).toEqual(
      expect.arrayContaining([out.find('aws_s3_bucket_policy', 'bucket', bucket.ref('id')).address, out.one('aws_iam_role_policy_attachment').address]),
    );
  });

  describe('escape hatches', () => {
    it('records S3 object-level events for the PHI buckets it is given, and a SecureBucket’s access logs', () => {
      const withData = synth((scope) => {
        const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records' });
        new AuditTrail(scope, 'audit', { ...trailProps, dataEventBuckets: [records, 'phi-imaging'] });
      });
      expect(withData.one('aws_cloudtrail').config.event_selector).toEqual([
        {
          read_write_type: 'All',
          include_management_events: true,
          data_resource: [
            {
              type: 'AWS::S3::Object',
              values: ['arn:aws:s3:::phi-imaging/', 'arn:aws:s3:::phi-records/', 'arn:aws:s3:::phi-records-access-logs/'],
            },
          ],
        },
      ]);
    });

    it('leaves out a SecureBucket’s access logs when they share the trail bucket’s access-log bucket', () => {
      const shared = synth((scope) => {
        const accessLogs = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'shared-access-logs' });
        const records = new SecureBucket(scope, 'records', { env: ENV, bucketName: 'phi-records', accessLogBucket: accessLogs });
        new AuditTrail(scope, 'audit', { ...trailProps, accessLogBucket: accessLogs, dataEventBuckets: [records] });
      });
      expect(shared.one('aws_cloudtrail').config.event_selector).toEqual([
        expect.objectContaining({ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::phi-records/'] }] }),
      ]);
    });

    it('keeps longer, uses a COMPLIANCE lock and a custom log group name', () => {
      const custom = synthTrail({ retentionDays: 2557, objectLock: { mode: 'COMPLIANCE', retentionDays: 2557 }, logGroupName: '/audit/trail' });
      expect(custom.one('aws_cloudwatch_log_group').config).toMatchObject({ name: '/audit/trail', retention_in_days: 2557 });
      expect(custom.one('aws_s3_bucket_object_lock_configuration').config.rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 2557 } });
    });

    it('records an AccessLogBucket it is given, but refuses the one its own bucket logs into', () => {
      const withLogs = synth((scope) => {
        const other = new AccessLogBucket(scope, 'other-logs', { env: ENV, bucketName: 'phi-access-logs' });
        new AuditTrail(scope, 'audit', { ...trailProps, dataEventBuckets: [other] });
      });
      expect(withLogs.one('aws_cloudtrail').config.event_selector).toEqual([
        expect.objectContaining({ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::phi-access-logs/'] }] }),
      ]);
      expect(() =>
        synth((scope) => {
          const shared = new AccessLogBucket(scope, 'logs', { env: ENV, bucketName: 'shared-access-logs' });
          new AuditTrail(scope, 'audit', { ...trailProps, accessLogBucket: shared, dataEventBuckets: [shared] });
        }),
      ).toThrow(/without end/);
    });

    it('refuses data events on its own buckets, which would record its own deliveries forever', () => {
      expect(() => synthTrail({ dataEventBuckets: ['org-audit-trail'] })).toThrow(/without end/);
      expect(() => synthTrail({ dataEventBuckets: ['org-audit-trail-access-logs'] })).toThrow(/without end/);
    });

    it('refuses a retention shorter than six years', () => {
      expect(() => synthTrail({ retentionDays: 365 })).toThrow(/retentionDays/);
    });
  });
});
