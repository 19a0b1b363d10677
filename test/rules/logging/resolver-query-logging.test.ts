import { resolverQueryLogging } from '../../../policies/rules/logging/resolver-query-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const VPC = 'aws_vpc';
const QLC = 'aws_route53_resolver_query_log_config';
const ASSOC = 'aws_route53_resolver_query_log_config_association';
const NETWORK = { file: `${FIXTURES}/logging-network.json` };
const config = () => plan().resource(QLC, 'dns', { values: { destination_arn: 'arn:aws:logs:us-east-1:1:log-group:dns' } });

ruleTester(resolverQueryLogging, {
  valid: [
    { name: 'a plan without query log configurations is not judged', plan: plan().resource(VPC, 'main') },
    {
      name: 'a VPC associated by reference',
      plan: config().resource(VPC, 'main').resource(ASSOC, 'main', { unknown: ['resource_id', 'resolver_query_log_config_id'], refs: { resource_id: [`${VPC}.main.id`], resolver_query_log_config_id: [`${QLC}.dns.id`] } }),
    },
    {
      name: 'a VPC in a for_each module, associated through its keyed output',
      plan: config()
        .resource(VPC, 'this', { module: 'module.net["prod"]' })
        .output('module.net', 'vpc_id', [`${VPC}.this.id`])
        .resource(ASSOC, 'prod', { unknown: ['resource_id', 'resolver_query_log_config_id'], refs: { resource_id: ['module.net["prod"].vpc_id', 'module.net["prod"]'], resolver_query_log_config_id: [`${QLC}.dns.id`] } }),
    },
    { name: 'real plan', plan: NETWORK, addresses: ['module.network["prod"].aws_vpc.this', `${VPC}.split_ok`, `${QLC}.dns_ok`] },
  ],
  invalid: [
    { name: 'a VPC left out', plan: config().resource(VPC, 'main').resource(ASSOC, 'x', { values: { resource_id: 'vpc-other', resolver_query_log_config_id: 'x' }, unknown: [], refs: { resolver_query_log_config_id: [`${QLC}.dns.id`] } }), findings: [{ address: `${VPC}.main`, message: 'resource_id = aws_vpc.main.id' }] },
    { name: 'a configuration associated with nothing', plan: config(), findings: [{ address: `${QLC}.dns`, message: 'logs nothing' }] },
    {
      name: 'real plan: unassociated VPCs and the unused configuration',
      plan: NETWORK,
      findings: [
        ...['aws_vpc.counted[0]', 'aws_vpc.counted[1]', 'aws_vpc.no_flow_logs_bad', 'aws_vpc.subnet_only_bad', 'aws_default_vpc.default', 'module.network["dev"].aws_vpc.this', 'module.vpc_with_local.aws_vpc.this[0]'].map((address) => ({ address })),
        { address: `${QLC}.unused_bad` },
      ],
    },
  ],
});

describe('LOG-020 on the real plan', () => {
  it('passes the associated VPCs', () => {
    expect(judged(resolverQueryLogging, NETWORK.file, 'pass')).toEqual([`${QLC}.dns_ok`, `${VPC}.split_ok`, 'module.network["prod"].aws_vpc.this']);
  });
});
