import { Construct } from 'constructs';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { EncryptedLogGroup } from './encrypted-log-group';
import { AwsEnvironment, arnFor, validateEnvironment } from './environment';
import { EncryptionKey } from './kms-key';
import { SIX_YEARS_IN_DAYS } from './retention';
import { ServiceRole } from './service-role';

export interface PrivateSubnetSpec {
  readonly cidrBlock: string;
  /** e.g. `us-east-1a`. */
  readonly availabilityZone: string;
}

export interface VpcWithFlowLogsProps {
  readonly env: AwsEnvironment;
  /** Names the VPC (Name tag), the log group and the flow-log role. */
  readonly name: string;
  /** The VPC's IPv4 range, e.g. `10.20.0.0/16`. */
  readonly cidrBlock: string;
  /** Private subnets (no public IPs on launch). Default: none. Databases need two AZs. */
  readonly privateSubnets?: readonly PrivateSubnetSpec[];
  /** Key for the flow-log group. Default: a new KmsKey. */
  readonly kmsKey?: EncryptionKey;
  /** Days flow logs are kept. Default 2192 (six years). */
  readonly flowLogRetentionDays?: number;
  /** Seconds over which flow records are aggregated: 60 (default, finer forensics) or 600. */
  readonly maxAggregationIntervalSeconds?: 60 | 600;
  readonly tags?: Record<string, string>;
}

/**
 * A VPC whose every accepted and rejected flow is logged to an encrypted, six-year log group,
 * whose default security group allows nothing, and whose optional private subnets never hand
 * out public IPs.
 */
export class VpcWithFlowLogs extends Construct {
  readonly vpc: Vpc;
  readonly vpcId: string;
  readonly privateSubnets: Subnet[];
  readonly privateSubnetIds: string[];
  readonly flowLog: FlowLog;
  readonly flowLogGroup: EncryptedLogGroup;

  constructor(scope: Construct, id: string, props: VpcWithFlowLogsProps) {
    super(scope, id);
    validateEnvironment(props.env);
    const env = props.env;
    if (!/^[a-zA-Z0-9_-]{1,48}$/.test(props.name)) {
      throw new Error(`VpcWithFlowLogs ${id}: name "${props.name}" must be 1-48 letters, digits, "_" or "-"`);
    }
    const tags = { ...props.tags, Name: props.name };

    this.vpc = new Vpc(this, 'vpc', {
      cidrBlock: props.cidrBlock,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags,
    });
    this.vpcId = this.vpc.id;
    // Taking over the default security group with no rules closes it (cdk-nag
    // VPCDefaultSecurityGroupClosed): anything launched without a group reaches nothing.
    new DefaultSecurityGroup(this, 'default-security-group', {
      vpcId: this.vpc.id,
      tags: { ...props.tags, Name: `${props.name}-default-closed` },
    });
    this.privateSubnets = (props.privateSubnets ?? []).map(
      (spec, index) =>
        new Subnet(this, `private-subnet-${index}`, {
          vpcId: this.vpc.id,
          cidrBlock: spec.cidrBlock,
          availabilityZone: spec.availabilityZone,
          mapPublicIpOnLaunch: false,
          tags: { ...props.tags, Name: `${props.name}-private-${spec.availabilityZone}` },
        }),
    );
    this.privateSubnetIds = this.privateSubnets.map((subnet) => subnet.id);

    this.flowLogGroup = new EncryptedLogGroup(this, 'flow-log-group', {
      env,
      logGroupName: `/aws/vpc/flow-logs/${props.name}`,
      retentionDays: props.flowLogRetentionDays ?? SIX_YEARS_IN_DAYS,
      kmsKey: props.kmsKey,
      tags: props.tags,
    });
    const role = new ServiceRole(this, 'flow-log-role', {
      roleName: `${props.name}-vpc-flow-logs`,
      description: `Lets VPC Flow Logs write ${props.name}'s flows to ${this.flowLogGroup.logGroupName}`,
      servicePrincipal: 'vpc-flow-logs.amazonaws.com',
      // AWS's recommended confused-deputy guard for flow-log roles.
      trustConditions: {
        StringEquals: { 'aws:SourceAccount': env.accountId },
        ArnLike: { 'aws:SourceArn': arnFor(env, 'ec2', 'vpc-flow-log/*') },
      },
      statements: [
        {
          Sid: 'WriteFlowLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [this.flowLogGroup.logGroupArn, `${this.flowLogGroup.logGroupArn}:*`],
        },
        {
          // The service checks the destination exists; DescribeLogGroups cannot be scoped to one group.
          Sid: 'FindLogGroup',
          Effect: 'Allow',
          Action: 'logs:DescribeLogGroups',
          Resource: '*',
        },
      ],
      tags: props.tags,
    });
    this.flowLog = new FlowLog(this, 'flow-log', {
      vpcId: this.vpc.id,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.flowLogGroup.arnReference,
      iamRoleArn: role.roleArn,
      maxAggregationInterval: props.maxAggregationIntervalSeconds ?? 60,
      tags: { ...props.tags, Name: `${props.name}-flow-log` },
      dependsOn: [...role.grants],
    });
  }
}
