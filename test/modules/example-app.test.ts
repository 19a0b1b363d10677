import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { IConstruct } from 'constructs';
import * as modules from '../../modules';
import { PhiPlatformStack } from '../../examples/cdktf-app/phi-platform-stack';
import { SynthOutput, policyOf } from './synth';

describe('examples/cdktf-app', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'planwarden-cdktf-app-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  const app = new App({ outdir });
  const stack = new PhiPlatformStack(app, 'phi-platform');
  app.synth();
  const cdkTfJson = JSON.parse(readFileSync(join(outdir, 'stacks', 'phi-platform', 'cdk.tf.json'), 'utf8'));
  const out = new SynthOutput(cdkTfJson);
  const constructs: IConstruct[] = stack.node.findAll();

  it.each([
    ['KmsKey', modules.KmsKey],
    ['AccessLogBucket', modules.AccessLogBucket],
    ['SecureBucket', modules.SecureBucket],
    ['AuditTrail', modules.AuditTrail],
    ['EncryptedLogGroup', modules.EncryptedLogGroup],
    ['EncryptedQueue', modules.EncryptedQueue],
    ['EncryptedTopic', modules.EncryptedTopic],
    ['EncryptedDatabase', modules.EncryptedDatabase],
    ['IotDeviceFleet', modules.IotDeviceFleet],
    ['VpcWithFlowLogs', modules.VpcWithFlowLogs],
  ])('composes %s', (_name, constructClass) => {
    expect(constructs.some((c) => c instanceof constructClass)).toBe(true);
  });

  it('writes every construct’s resources into cdk.tf.json', () => {
    const expectedTypes = [
      'aws_kms_key',
      'aws_s3_bucket',
      'aws_cloudtrail',
      'aws_cloudwatch_log_group',
      'aws_sqs_queue',
      'aws_sns_topic',
      'aws_db_instance',
      'aws_iot_topic_rule',
      'aws_iot_policy',
      'aws_vpc',
      'aws_flow_log',
    ];
    expect(expectedTypes.filter((type) => out.count(type) === 0)).toEqual([]);
    expect(out.all('aws_s3_bucket').map((b) => b.config.bucket).sort()).toEqual([
      'example-phi-platform-cloudtrail',
      'example-phi-platform-records',
      'example-phi-platform-s3-access-logs',
    ]);
  });

  it('shares one access-log bucket and two keys across the platform', () => {
    const sink = out.find('aws_s3_bucket', 'bucket', 'example-phi-platform-s3-access-logs');
    expect(out.all('aws_s3_bucket_logging').map((l) => l.config.target_bucket)).toEqual([sink.ref('id'), sink.ref('id')]);
    expect(out.all('aws_kms_alias').map((a) => a.config.name).sort()).toEqual(['alias/platform/audit', 'alias/platform/phi']);
  });

  it('records object-level events for the PHI records bucket', () => {
    expect(out.one('aws_cloudtrail').config.event_selector).toEqual([
      expect.objectContaining({ data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3:::example-phi-platform-records/'] }] }),
    ]);
  });

  it('configures the AWS provider to plan offline', () => {
    expect(cdkTfJson.provider.aws).toEqual([
      expect.objectContaining({
        region: 'us-east-1',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: 'true',
      }),
    ]);
    expect(cdkTfJson.terraform.required_providers.aws).toEqual({ source: 'aws', version: '5.100.0' });
    expect(cdkTfJson.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });

  it('escapes IoT policy variables so Terraform passes them through literally', () => {
    const devicePolicy = out.one('aws_iot_policy').config.policy as string;
    expect(devicePolicy).toContain('client/$${iot:Connection.Thing.ThingName}');
    expect(devicePolicy).not.toMatch(/[^$]\$\{iot:/);
    expect(policyOf(out.one('aws_iot_policy')).Statement).toHaveLength(3);
  });
});
