import { loadBalancerAccessLogs } from '../../../policies/rules/logging/load-balancer-access-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const LB = 'aws_lb';
const EDGE = { file: `${FIXTURES}/logging-edge.json` };
const TRANSIT = { file: `${FIXTURES}/transit.json` };
const logs = (extra: Record<string, unknown> = {}) => ({ access_logs: [{ bucket: 'lb-logs', enabled: true, prefix: null, ...extra }] });

ruleTester(loadBalancerAccessLogs, {
  valid: [
    { name: 'an ALB with access logs', plan: plan().resource(LB, 'app', { values: { load_balancer_type: 'application', ...logs() } }) },
    {
      name: 'a bucket known only after apply, wired to a bucket in a module',
      plan: plan().resource(LB, 'app', { values: { load_balancer_type: 'application', access_logs: [{ enabled: true }] }, unknown: ['access_logs.0.bucket'], refs: { 'access_logs.bucket': ['module.logs.bucket_id'] } }),
    },
    { name: 'a gateway load balancer is not judged', plan: plan().resource(LB, 'gw', { values: { load_balancer_type: 'gateway', access_logs: [] } }) },
    {
      name: 'an NLB whose listeners are all TCP is not judged',
      plan: plan()
        .resource(LB, 'nlb', { values: { load_balancer_type: 'network', access_logs: [] } })
        .resource('aws_lb_listener', 'tcp', { values: { protocol: 'TCP' }, unknown: ['load_balancer_arn'], refs: { load_balancer_arn: [`${LB}.nlb.arn`] } }),
    },
    { name: 'a classic ELB: enabled defaults to true', plan: plan().resource('aws_elb', 'c', { values: { access_logs: [{ bucket: 'lb-logs', enabled: true, interval: 60 }] } }) },
    { name: 'a for_each module ALB with logs', plan: plan().resource(LB, 'this', { module: 'module.app["api"]', values: { load_balancer_type: 'application', ...logs() } }) },
    { name: 'real plan (logging-edge)', plan: EDGE, addresses: [`${LB}.app_ok`, 'aws_alb.legacy_alias_ok', 'aws_elb.classic_ok', `${LB}.nlb_tcp`, `${LB}.gateway`] },
    { name: 'real plan (transit): the ALB with access logs', plan: TRANSIT, addresses: [`${LB}.app_ok`] },
  ],
  invalid: [
    { name: 'no access_logs block (plan shows [])', plan: plan().resource(LB, 'app', { values: { load_balancer_type: 'application', access_logs: [] } }), findings: [{ address: `${LB}.app`, attribute: 'access_logs' }] },
    { name: 'type omitted means application', plan: plan().resource(LB, 'app', { values: { access_logs: [] } }), findings: [{ address: `${LB}.app` }] },
    {
      name: 'a bucket named but enabled left to the default (false)',
      plan: plan().resource(LB, 'app', { values: { load_balancer_type: 'application', access_logs: [{ bucket: '', enabled: false }] }, refs: { 'access_logs.bucket': ['aws_s3_bucket.logs.id'] } }),
      findings: [{ address: `${LB}.app`, attribute: 'access_logs.enabled', message: 'enabled defaults to false' }],
    },
    {
      name: 'an update that turns access logs off says so',
      plan: plan().resource(LB, 'app', { action: 'update', values: { load_balancer_type: 'application', ...logs({ enabled: false }) }, before: { load_balancer_type: 'application', ...logs() } }),
      findings: [{ address: `${LB}.app`, message: 'this update turns access logs off' }],
    },
    {
      name: 'an NLB with a TLS listener',
      plan: plan()
        .resource(LB, 'nlb', { values: { load_balancer_type: 'network', access_logs: [] } })
        .resource('aws_lb_listener', 'tls', { values: { protocol: 'TLS' }, unknown: ['load_balancer_arn'], refs: { load_balancer_arn: [`${LB}.nlb.arn`] } }),
      findings: [{ address: `${LB}.nlb` }],
    },
    {
      name: 'an NLB whose listener protocol is known only after apply',
      plan: plan()
        .resource(LB, 'nlb', { values: { load_balancer_type: 'network', access_logs: [] } })
        .resource('aws_lb_listener', 'x', { unknown: ['load_balancer_arn', 'protocol'], refs: { load_balancer_arn: [`${LB}.nlb.arn`], protocol: ['var.protocol'] } }),
      findings: [{ address: `${LB}.nlb`, status: 'unknown' }],
    },
    { name: 'a classic ELB without access logs', plan: plan().resource('aws_elb', 'c', { values: { access_logs: [] } }), findings: [{ address: 'aws_elb.c' }] },
    {
      name: 'real plan (logging-edge)',
      plan: EDGE,
      findings: [
        { address: `${LB}.app_no_logs_bad`, message: 'writes no access logs' },
        { address: `${LB}.app_not_enabled_bad`, message: 'enabled defaults to false' },
        { address: `${LB}.nlb_tls_bad` },
        { address: 'aws_elb.classic_bad' },
      ],
    },
  ],
});

describe('LOG-011 on the real plan', () => {
  it('skips the gateway LB and the TCP-only NLB rather than passing them', () => {
    expect(judged(loadBalancerAccessLogs, EDGE.file, 'pass')).toEqual(['aws_alb.legacy_alias_ok', 'aws_elb.classic_ok', `${LB}.app_ok`]);
  });
});
