import { elbv2ListenerProtocol } from '../../../policies/rules/transit/elbv2-listener-protocol';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT, TRANSIT_EDGE } from './fixtures';

const L = 'aws_lb_listener';
const LB_REF = { load_balancer_arn: ['aws_lb.app.arn', 'aws_lb.app'] };
const forward = { default_action: [{ type: 'forward', redirect: [], fixed_response: [] }] };
const redirect = (protocol: string) => ({ default_action: [{ type: 'redirect', redirect: [{ protocol, port: '443', status_code: 'HTTP_301' }] }] });

ruleTester(elbv2ListenerProtocol, {
  valid: [
    { name: 'HTTPS listener', plan: plan().resource(L, 'https', { values: { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', ...forward } }) },
    { name: 'HTTP listener redirecting to HTTPS', plan: plan().resource(L, 'http', { values: { protocol: 'HTTP', ...redirect('HTTPS') } }) },
    {
      name: 'HTTP listener with a fixed response and a listener rule that redirects',
      plan: plan()
        .resource(L, 'http', { values: { protocol: 'HTTP', default_action: [{ type: 'fixed-response', fixed_response: [{ status_code: '404' }] }] }, unknown: ['arn'] })
        .resource('aws_lb_listener_rule', 'to_https', { values: { action: [{ type: 'redirect', redirect: [{ protocol: 'HTTPS' }] }] }, unknown: ['listener_arn'], refs: { listener_arn: [`${L}.http.arn`, `${L}.http`] } }),
    },
    {
      name: 'gateway load balancer listener (protocol omitted: GENEVE) is not judged',
      plan: plan()
        .resource('aws_lb', 'app', { values: { load_balancer_type: 'gateway' }, unknown: ['arn'] })
        .resource(L, 'gwlb', { values: forward, unknown: ['protocol', 'load_balancer_arn'], refs: LB_REF }),
    },
    { name: 'NLB TCP pass-through when allowTcpPassthrough', params: { allowTcpPassthrough: true }, plan: plan().resource(L, 'tcp', { values: { protocol: 'TCP', ...forward } }) },
    { name: 'HTTPS listener in a for_each module instance', plan: plan().resource(L, 'this', { module: 'module.edge["api"]', values: { protocol: 'HTTPS', ...forward } }) },
    {
      name: 'CDKTF synth: single default_action block written as an object',
      plan: { resource: { aws_lb_listener: { http: { protocol: 'HTTP', load_balancer_arn: '${aws_lb.app.arn}', default_action: { type: 'redirect', redirect: { protocol: 'HTTPS', port: '443', status_code: 'HTTP_301' } } } } } },
    },
    {
      name: 'real plan: HTTPS, TLS, HTTP redirect and a module-instance listener',
      plan: TRANSIT_EDGE,
      addresses: [`${L}.https_tls13_ok`, `${L}.http_redirect_ok`, `${L}.nlb_tls_ok`, `module.edge["api"].${L}.this`, `module.edge["legacy"].${L}.this`],
    },
    { name: 'real plan (transit case): redirect and the aws_alb_listener alias type', plan: TRANSIT, addresses: [`${L}.http_redirect_ok`, 'aws_alb_listener.alias_type_fs_ok', `${L}.nlb_tls_ok`] },
  ],
  invalid: [
    {
      name: 'HTTP listener forwarding to targets',
      plan: plan().resource(L, 'http', { values: { protocol: 'HTTP', ...forward } }),
      findings: [{ address: `${L}.http`, attribute: 'default_action.type', message: 'redirect.protocol = "HTTPS"' }],
    },
    {
      name: 'two cleartext actions on one listener make one finding',
      plan: plan().resource(L, 'http', { values: { protocol: 'HTTP', default_action: [{ type: 'authenticate-cognito' }, { type: 'forward' }] } }),
      findings: [{ address: `${L}.http`, message: '"authenticate-cognito" action' }],
    },
    {
      name: 'redirect that keeps the protocol (#{protocol})',
      plan: plan().resource(L, 'http', { values: { protocol: 'HTTP', ...redirect('#{protocol}') } }),
      findings: [{ address: `${L}.http`, message: 'keeping protocol "#{protocol}"' }],
    },
    {
      name: 'fixed-response default, but a listener rule forwards in cleartext',
      plan: plan()
        .resource(L, 'http', { values: { protocol: 'HTTP', default_action: [{ type: 'fixed-response' }] }, unknown: ['arn'] })
        .resource('aws_lb_listener_rule', 'api', { values: { action: [{ type: 'forward' }] }, unknown: ['listener_arn'], refs: { listener_arn: [`${L}.http.arn`, `${L}.http`] } }),
      findings: [{ address: `${L}.http`, attribute: 'action.type', related: 'aws_lb_listener_rule.api', via: 'reference' }],
    },
    {
      name: 'protocol omitted on an application load balancer: AWS makes it HTTP',
      plan: plan()
        .resource('aws_lb', 'app', { values: { load_balancer_type: 'application' }, unknown: ['arn'] })
        .resource(L, 'web', { values: forward, unknown: ['protocol', 'load_balancer_arn'], refs: LB_REF }),
      findings: [{ address: `${L}.web`, message: "AWS's default for an application load balancer", related: 'aws_lb.app' }],
    },
    {
      name: 'protocol known only after apply (from a variable)',
      plan: plan().resource(L, 'web', { values: forward, unknown: ['protocol'], refs: { protocol: ['var.listener_protocol'] } }),
      findings: [{ address: `${L}.web`, status: 'unknown', attribute: 'protocol', message: 'var.listener_protocol' }],
    },
    {
      name: 'NLB TCP listener',
      plan: plan().resource(L, 'tcp', { module: 'module.db_proxy["a"]', values: { protocol: 'TCP', port: 5432, ...forward } }),
      findings: [{ address: `module.db_proxy["a"].${L}.tcp`, attribute: 'protocol', message: 'allowTcpPassthrough' }],
    },
    {
      name: 'real plan: forward, redirect keeping HTTP, a cleartext listener rule, TCP pass-through',
      plan: TRANSIT_EDGE,
      findings: [
        { address: `${L}.http_forward_bad`, attribute: 'default_action.type' },
        { address: `${L}.http_redirect_keeps_http_bad`, message: '#{protocol}' },
        { address: 'aws_alb_listener.http_rules_forward_bad', related: 'aws_lb_listener_rule.cleartext_forward' },
        { address: `${L}.nlb_tcp_passthrough`, attribute: 'protocol' },
      ],
    },
  ],
});
