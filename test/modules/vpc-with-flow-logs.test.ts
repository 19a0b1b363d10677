import { KmsKey } from '../../modules/kms-key';
import { VpcWithFlowLogs, VpcWithFlowLogsProps } from '../../modules/vpc-with-flow-logs';
import { ENV, SynthOutput, policyOf, statement, synth } from './synth';

const vpcProps: VpcWithFlowLogsProps = {
  env: ENV,
  name: 'core',
  cidrBlock: '10.0.0.0/16',
  privateSubnets: [
    { cidrBlock: '10.0.1.0/24', availabilityZone: 'eu-west-1a' },
    { cidrBlock: '10.0.2.0/24', availabilityZone: 'eu-west-1b' },
  ],
};

function synthVpc(props: Partial<VpcWithFlowLogsProps> = {}): SynthOutput {
  return synth((scope) => new VpcWithFlowLogs(scope, 'network', { ...vpcProps, ...props }));
}

describe('VpcWithFlowLogs', () => {
  const out = synthVpc();
  const vpc = out.one('aws_vpc');
  const flowLog = out.one('aws_flow_log');
  const logGroup = out.one('aws_cloudwatch_log_group');

  it('logs ALL traffic of the VPC to an encrypted six-year log group', () => {
    expect(flowLog.config).toMatchObject({
      vpc_id: vpc.ref('id'),
      traffic_type: 'ALL',
      log_destination_type: 'cloud-watch-logs',
      log_destination: logGroup.ref('arn'),
      max_aggregation_interval: 60,
    });
    expect(logGroup.config).toMatchObject({ name: '/aws/vpc/flow-logs/core', retention_in_days: 2192, kms_key_id: out.one('aws_kms_key').ref('arn') });
  });

  it('writes through a role only VPC Flow Logs of this account can assume', () => {
    const role = out.one('aws_iam_role');
    expect(flowLog.config.iam_role_arn).toBe(role.ref('arn'));
    expect(policyOf(role, 'assume_role_policy').Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111122223333' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:ec2:eu-west-1:111122223333:vpc-flow-log/*' },
        },
      },
    ]);
    expect(statement(policyOf(out.one('aws_iam_policy')), 'WriteFlowLogs').Resource).toEqual([
      'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/flow-logs/core',
      'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/vpc/flow-logs/core:*',
    ]);
    expect(flowLog.config.depends_on).toEqual([out.one('aws_iam_role_policy_attachment').address]);
  });

  it('closes the default security group and gives private subnets no public IPs', () => {
    const defaultGroup = out.one('aws_default_security_group');
    expect(defaultGroup.config.vpc_id).toBe(vpc.ref('id'));
    expect(defaultGroup.config.ingress).toBeUndefined();
    expect(defaultGroup.config.egress).toBeUndefined();
    const subnets = out.all('aws_subnet');
    expect(subnets.map((s) => [s.config.cidr_block, s.config.availability_zone, s.config.map_public_ip_on_launch, s.config.vpc_id])).toEqual([
      ['10.0.1.0/24', 'eu-west-1a', false, vpc.ref('id')],
      ['10.0.2.0/24', 'eu-west-1b', false, vpc.ref('id')],
    ]);
    expect(vpc.config).toMatchObject({ cidr_block: '10.0.0.0/16', enable_dns_support: true, enable_dns_hostnames: true, tags: { Name: 'core' } });
  });

  it('uses a shared key, a longer retention and 10-minute aggregation when asked', () => {
    const custom = synth((scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'network' });
      new VpcWithFlowLogs(scope, 'network', { ...vpcProps, kmsKey: key, flowLogRetentionDays: 3653, maxAggregationIntervalSeconds: 600 });
    });
    expect(custom.count('aws_kms_key')).toBe(1);
    expect(custom.one('aws_cloudwatch_log_group').config.retention_in_days).toBe(3653);
    expect(custom.one('aws_flow_log').config.max_aggregation_interval).toBe(600);
  });

  it('refuses a flow-log retention shorter than six years', () => {
    expect(() => synthVpc({ flowLogRetentionDays: 731 })).toThrow(/six-year/);
  });
});
