import { vpcFlowLogs } from '../../../policies/rules/logging/vpc-flow-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const VPC = 'aws_vpc';
const FL = 'aws_flow_log';
const NETWORK = { file: `${FIXTURES}/logging-network.json` };
const RETENTION = { file: `${FIXTURES}/logs-retention.json` };

ruleTester(vpcFlowLogs, {
  valid: [
    {
      name: 'a flow log of ALL traffic referring to the VPC',
      plan: plan().resource(VPC, 'main').resource(FL, 'main', { values: { traffic_type: 'ALL' }, unknown: ['vpc_id'], refs: { vpc_id: [`${VPC}.main.id`, `${VPC}.main`] } }),
    },
    {
      name: 'count VPCs with count.index flow logs',
      plan: plan()
        .resource(VPC, 'v', { index: 0 })
        .resource(VPC, 'v', { index: 1 })
        .resource(FL, 'v', { index: 0, values: { traffic_type: 'ALL' }, unknown: ['vpc_id'], refs: { vpc_id: [`${VPC}.v`] } })
        .resource(FL, 'v', { index: 1, values: { traffic_type: 'ALL' }, unknown: ['vpc_id'], refs: { vpc_id: [`${VPC}.v`] } }),
    },
    {
      name: 'a VPC in a for_each module and its flow log in the root, through a module output',
      plan: plan()
        .resource(VPC, 'this', { module: 'module.net["prod"]' })
        .output('module.net', 'vpc_id', [`${VPC}.this.id`, `${VPC}.this`])
        .resource(FL, 'prod', { values: { traffic_type: 'ALL' }, unknown: ['vpc_id'], refs: { vpc_id: ['module.net["prod"].vpc_id', 'module.net["prod"]'] } }),
    },
    {
      name: 'vpc_id through a local value (terraform-aws-modules/vpc), the only VPC in the module',
      plan: plan()
        .resource(VPC, 'this', { module: 'module.vpc', index: 0 })
        .resource(FL, 'this', { module: 'module.vpc', index: 0, values: { traffic_type: 'ALL' }, unknown: ['vpc_id'], refs: { vpc_id: ['local.vpc_id'] } }),
    },
    {
      name: 'an existing VPC tied by its known id',
      plan: plan().resource(VPC, 'main', { action: 'no-op', values: { id: 'vpc-123' } }).resource(FL, 'main', { values: { vpc_id: 'vpc-123', traffic_type: 'ALL' } }),
    },
    { name: 'ACCEPT and REJECT flow logs together', plan: plan().resource(VPC, 'm', { values: { id: 'vpc-1' } }).resource(FL, 'a', { values: { vpc_id: 'vpc-1', traffic_type: 'ACCEPT' } }).resource(FL, 'r', { values: { vpc_id: 'vpc-1', traffic_type: 'REJECT' } }) },
    {
      name: 'real plan: for_each module, count, local value, split flow logs, default VPC',
      plan: NETWORK,
      addresses: ['module.network["prod"].aws_vpc.this', 'aws_vpc.counted[0]', 'aws_vpc.counted[1]', 'module.vpc_with_local.aws_vpc.this[0]', 'aws_vpc.split_ok', 'aws_default_vpc.default'],
    },
    { name: 'real plan (logs-retention): an ALL flow log', plan: RETENTION, addresses: [`${VPC}.with_flow_logs_ok`] },
  ],
  invalid: [
    { name: 'no flow log', plan: plan().resource(VPC, 'main'), findings: [{ address: `${VPC}.main`, message: 'vpc_id = aws_vpc.main.id' }] },
    {
      name: 'a local-value flow log is not guessed when the module holds two VPCs',
      plan: plan()
        .resource(VPC, 'a', { module: 'module.vpc' })
        .resource(VPC, 'b', { module: 'module.vpc' })
        .resource(FL, 'this', { module: 'module.vpc', values: { traffic_type: 'ALL' }, unknown: ['vpc_id'], refs: { vpc_id: ['local.vpc_id'] } }),
      findings: [{ address: `module.vpc.${VPC}.a` }, { address: `module.vpc.${VPC}.b` }],
    },
    {
      name: 'REJECT only',
      plan: plan().resource(VPC, 'm', { values: { id: 'vpc-1' } }).resource(FL, 'r', { values: { vpc_id: 'vpc-1', traffic_type: 'REJECT' } }),
      findings: [{ address: `${VPC}.m`, message: 'REJECT traffic only', related: `${FL}.r` }],
    },
    {
      name: 'an update that narrows the traffic type says what it was',
      plan: plan()
        .resource(VPC, 'm', { action: 'no-op', values: { id: 'vpc-1' } })
        .resource(FL, 'r', { action: 'update', values: { vpc_id: 'vpc-1', traffic_type: 'REJECT' }, before: { vpc_id: 'vpc-1', traffic_type: 'ALL' } }),
      findings: [{ address: `${VPC}.m`, message: `${FL}.r was ALL` }],
    },
    {
      name: 'a flow log being destroyed is named',
      plan: plan().resource(VPC, 'm', { action: 'no-op', values: { id: 'vpc-1' } }).resource(FL, 'old', { action: 'delete', before: { vpc_id: 'vpc-1', traffic_type: 'ALL' } }),
      findings: [{ address: `${VPC}.m`, message: `${FL}.old is being destroyed` }],
    },
    {
      name: 'traffic type known only after apply',
      plan: plan().resource(VPC, 'm', { values: { id: 'vpc-1' } }).resource(FL, 'x', { values: { vpc_id: 'vpc-1' }, unknown: ['traffic_type'] }),
      findings: [{ address: `${VPC}.m`, status: 'unknown' }],
    },
    {
      name: 'real plan: REJECT-only module instance, subnet-only, none',
      plan: NETWORK,
      findings: [
        { address: 'module.network["dev"].aws_vpc.this', message: 'REJECT traffic only' },
        { address: `${VPC}.subnet_only_bad`, message: 'no flow log' },
        { address: `${VPC}.no_flow_logs_bad`, message: 'no flow log' },
      ],
    },
    { name: 'real plan (logs-retention)', plan: RETENTION, findings: [{ address: `${VPC}.no_flow_logs_bad` }, { address: `${VPC}.reject_only_flow_logs`, message: 'REJECT' }] },
  ],
});

describe('LOG-010 on the real plan', () => {
  it('ties the local-value flow log to the module VPC', () => {
    expect(judged(vpcFlowLogs, NETWORK.file, 'pass')).toContain('module.vpc_with_local.aws_vpc.this[0]');
  });
});
