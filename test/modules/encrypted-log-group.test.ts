import { EncryptedLogGroup } from '../../modules/encrypted-log-group';
import { CLOUDWATCH_RETENTION_DAYS } from '../../modules/retention';
import { ENV, policyOf, statement, synth } from './synth';

describe('EncryptedLogGroup', () => {
  it('keeps events six years, encrypts them with its own key, and survives destroy', () => {
    const out = synth((scope) => new EncryptedLogGroup(scope, 'app', { env: ENV, logGroupName: '/phi/app' }));
    const key = out.one('aws_kms_key');
    expect(out.one('aws_cloudwatch_log_group').config).toEqual({
      name: '/phi/app',
      retention_in_days: 2192,
      kms_key_id: key.ref('arn'),
      skip_destroy: true,
    });
    expect(statement(policyOf(key), 'CloudWatchLogsEncryptsNamedLogGroups').Condition).toEqual({
      ArnLike: { 'kms:EncryptionContext:aws:logs:arn': ['arn:aws:logs:eu-west-1:111122223333:log-group:/phi/app'] },
    });
    expect(out.one('aws_kms_alias').config.name).toBe('alias/logs/phi/app');
  });

  it('keeps longer when asked, and can be deleted with the stack when asked', () => {
    const out = synth((scope) => new EncryptedLogGroup(scope, 'app', { env: ENV, logGroupName: 'x', retentionDays: 3653, retainOnDestroy: false }));
    expect(out.one('aws_cloudwatch_log_group').config).toMatchObject({ retention_in_days: 3653, skip_destroy: false });
  });

  it.each([
    [365, /shorter than the six-year minimum/],
    [2000, /not a CloudWatch Logs value/],
    [0, /not a CloudWatch Logs value/],
  ])('refuses retentionDays %d', (retentionDays, message) => {
    expect(() => synth((scope) => new EncryptedLogGroup(scope, 'app', { env: ENV, logGroupName: 'x', retentionDays }))).toThrow(message);
  });

  it('accepts every CloudWatch value of six years or more', () => {
    const accepted = CLOUDWATCH_RETENTION_DAYS.filter((days) => days >= 2192);
    expect(accepted).toEqual([2192, 2557, 2922, 3288, 3653]);
    for (const retentionDays of accepted) {
      expect(() => synth((scope) => new EncryptedLogGroup(scope, 'app', { env: ENV, logGroupName: 'x', retentionDays }))).not.toThrow();
    }
  });
});
