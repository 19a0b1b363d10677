import { KmsKey, existingKmsKey } from '../../modules/kms-key';
import { EncryptedLogGroup } from '../../modules/encrypted-log-group';
import { ENV, policyOf, statement, synth } from './synth';

describe('KmsKey', () => {
  it('creates a rotating symmetric key with a 30-day deletion window and an alias pointing at it', () => {
    const out = synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'phi/records' }));
    const key = out.one('aws_kms_key');
    expect(key.config).toMatchObject({
      enable_key_rotation: true,
      rotation_period_in_days: 365,
      deletion_window_in_days: 30,
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      key_usage: 'ENCRYPT_DECRYPT',
      is_enabled: true,
    });
    expect(out.one('aws_kms_alias').config).toEqual({ name: 'alias/phi/records', target_key_id: key.ref('key_id') });
  });

  it('lets the account administer the key through IAM and grants no service by default', () => {
    const out = synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'a' }));
    const policy = policyOf(out.one('aws_kms_key'));
    expect(policy.Statement).toEqual([
      {
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111122223333:root' },
        Action: 'kms:*',
        Resource: '*',
      },
    ]);
  });

  it('grants CloudWatch Logs only for the named log groups, through the encryption context', () => {
    const out = synth((scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'a' });
      // Grants added after the key was created still reach its policy.
      new EncryptedLogGroup(scope, 'app', { env: ENV, logGroupName: '/app/one', kmsKey: key });
      key.allow({ kind: 'cloudwatch-logs', logGroupName: '/app/two' });
    });
    const grant = statement(policyOf(out.one('aws_kms_key')), 'CloudWatchLogsEncryptsNamedLogGroups');
    expect(grant.Principal).toEqual({ Service: 'logs.eu-west-1.amazonaws.com' });
    expect(grant.Condition).toEqual({
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': [
          'arn:aws:logs:eu-west-1:111122223333:log-group:/app/one',
          'arn:aws:logs:eu-west-1:111122223333:log-group:/app/two',
        ],
      },
    });
  });

  it('grants CloudTrail key use only for the named trail', () => {
    const out = synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'a', serviceGrants: [{ kind: 'cloudtrail', trailName: 'org' }] }));
    const policy = policyOf(out.one('aws_kms_key'));
    const trailArn = 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org';
    expect(statement(policy, 'CloudTrailEncryptsLogFilesOfNamedTrails')).toMatchObject({
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Condition: {
        StringEquals: { 'aws:SourceArn': [trailArn] },
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111122223333:trail/*' },
      },
    });
    expect(statement(policy, 'CloudTrailDescribesKey')).toMatchObject({ Action: 'kms:DescribeKey', Condition: { StringEquals: { 'aws:SourceArn': [trailArn] } } });
  });

  it('conditions S3 log delivery and other services on this account', () => {
    const out = synth(
      (scope) =>
        new KmsKey(scope, 'key', {
          env: ENV,
          alias: 'a',
          serviceGrants: [
            { kind: 's3-server-access-logs' },
            { kind: 'service', servicePrincipal: 'cloudwatch.amazonaws.com', actions: ['kms:GenerateDataKey*', 'kms:Decrypt'] },
          ],
        }),
    );
    const policy = policyOf(out.one('aws_kms_key'));
    const thisAccount = { StringEquals: { 'aws:SourceAccount': '111122223333' } };
    expect(statement(policy, 'S3ServerAccessLogDeliveryEncrypts')).toMatchObject({ Principal: { Service: 'logging.s3.amazonaws.com' }, Condition: thisAccount });
    expect(statement(policy, 'ServiceUsesKeycloudwatchamazonawscom')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Condition: thisAccount,
    });
  });

  it('rotates faster when asked, and refuses rotation periods outside 90-365 days', () => {
    const out = synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'a', rotationPeriodInDays: 90 }));
    expect(out.one('aws_kms_key').config.rotation_period_in_days).toBe(90);
    expect(() => synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'a', rotationPeriodInDays: 366 }))).toThrow(/rotationPeriodInDays/);
    expect(() => synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'a', rotationPeriodInDays: 30 }))).toThrow(/rotationPeriodInDays/);
  });

  it('refuses aliases in the AWS-managed namespace or with the alias/ prefix, and malformed accounts', () => {
    expect(() => synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'aws/s3' }))).toThrow(/alias/);
    expect(() => synth((scope) => new KmsKey(scope, 'key', { env: ENV, alias: 'alias/x' }))).toThrow(/alias/);
    expect(() => synth((scope) => new KmsKey(scope, 'key', { env: { accountId: '123', region: 'eu-west-1' }, alias: 'x' }))).toThrow(/12 digits/);
  });

  it('uses a key created elsewhere by ARN without creating one', () => {
    const arn = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const out = synth((scope) => new EncryptedLogGroup(scope, 'logs', { env: ENV, logGroupName: '/x', kmsKey: existingKmsKey(arn) }));
    expect(out.count('aws_kms_key')).toBe(0);
    expect(out.one('aws_cloudwatch_log_group').config.kms_key_id).toBe(arn);
  });
});
