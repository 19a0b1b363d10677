import { App, TerraformStack, Testing } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkStack, enablePlanwarden, planwardenMatchers, suppressRule } from '../../modules/check';
import { SecureBucket } from '../../modules/secure-bucket';
import { ENV } from './synth';

expect.extend(planwardenMatchers);

function insecureStack(app: App) {
  const stack = new TerraformStack(app, 'records');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const bucket = new S3Bucket(stack, 'raw-bucket', { bucket: 'phi-raw-records' });
  const logs = new CloudwatchLogGroup(stack, 'short-logs', { name: '/phi/app', retentionInDays: 30 });
  return { stack, bucket, logs };
}

describe('synth-time check', () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-synth-'));
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  it('fails `app.synth()` with the rule id, construct path and the fix', () => {
    const app = new App({ outdir });
    const { stack } = insecureStack(app);
    enablePlanwarden(stack, { only: ['ENC-001', 'LOG-001'] });
    let message = '';
    try {
      app.synth();
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('[ENC-001] records/raw-bucket');
    expect(message).toContain('[LOG-001] records/short-logs');
    expect(message).toContain('Fix: ');
    expect(fs.existsSync(path.join(outdir, 'stacks', 'records', 'cdk.tf.json'))).toBe(false);
  });

  it('honours a suppression with a reason on the construct', () => {
    const app = new App({ outdir });
    const { stack, bucket, logs } = insecureStack(app);
    suppressRule(bucket, 'ENC-001', 'Public reference data only, no ePHI; SEC-12');
    suppressRule(logs, 'LOG-001', 'Debug stream, no ePHI; expires with the sandbox');
    const result = checkStack(stack, { only: ['ENC-001', 'LOG-001'] });
    expect(result.errors).toEqual([]);
    expect(result.suppressed.map((s) => [s.finding.ruleId, s.suppression.reason])).toEqual(
      expect.arrayContaining([
        ['ENC-001', 'Public reference data only, no ePHI; SEC-12'],
        ['LOG-001', 'Debug stream, no ePHI; expires with the sandbox'],
      ]),
    );
  });

  it('refuses a suppression without a real reason', () => {
    const app = Testing.app();
    const { bucket } = insecureStack(app);
    expect(() => suppressRule(bucket, 'ENC-001', ' ')).toThrow(/needs a reason/);
    expect(() => suppressRule(bucket, 'encrypt please', 'a long enough reason')).toThrow(/rule id/);
  });
});

describe('toPassPlanwarden', () => {
  it('fails an insecure stack and lists the findings', () => {
    const { stack } = insecureStack(Testing.app());
    expect(Testing.synth(stack)).not.toPassPlanwarden({ only: ['ENC-001'] });
    const result = planwardenMatchers.toPassPlanwarden(Testing.synth(stack), { only: ['ENC-001'] });
    expect(result.message()).toContain('ENC-001 aws_s3_bucket.');
  });

  it('takes the stack itself and honours its suppressions, which the synth output cannot carry', () => {
    const { stack, bucket } = insecureStack(Testing.app());
    const before = planwardenMatchers.toPassPlanwarden(stack, { only: ['ENC-001'] });
    expect(before.pass).toBe(false);
    expect(before.message()).toContain('[ENC-001] records/raw-bucket');
    suppressRule(bucket, 'ENC-001', 'Public reference data only, no ePHI; SEC-12');
    expect(stack).toPassPlanwarden({ only: ['ENC-001'] });
    expect(planwardenMatchers.toPassPlanwarden(stack, { only: ['ENC-001'] }).message()).toContain('1 suppressed with a reason');
    expect(Testing.synth(stack)).not.toPassPlanwarden({ only: ['ENC-001'] });
  });

  it('passes a SecureBucket on the encryption rule', () => {
    const stack = new TerraformStack(Testing.app(), 'secure');
    new AwsProvider(stack, 'aws', { region: ENV.region });
    new SecureBucket(stack, 'records', { env: ENV, bucketName: 'phi-secure-records' });
    expect(Testing.synth(stack)).toPassPlanwarden({ only: ['ENC-001'] });
  });
});
