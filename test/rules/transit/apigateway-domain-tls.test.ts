import { apigatewayDomainTls } from '../../../policies/rules/transit/apigateway-domain-tls';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT, TRANSIT_EDGE } from './fixtures';

const REST = 'aws_api_gateway_domain_name';
const HTTP = 'aws_apigatewayv2_domain_name';

ruleTester(apigatewayDomainTls, {
  valid: [
    { name: 'REST API domain with TLS_1_2', plan: plan().resource(REST, 'api', { values: { domain_name: 'api.example.org', security_policy: 'TLS_1_2' } }) },
    { name: 'REST API domain with an enhanced TLS 1.3 policy', plan: plan().resource(REST, 'api', { values: { security_policy: 'SecurityPolicy_TLS13_1_3_2025_09' } }) },
    { name: 'HTTP API domain (v2) in a module', plan: plan().resource(HTTP, 'this', { module: 'module.api["records"]', values: { domain_name_configuration: [{ security_policy: 'TLS_1_2', endpoint_type: 'REGIONAL' }] } }) },
    { name: 'real plan: TLS_1_2 REST and HTTP API domains', plan: TRANSIT_EDGE, addresses: [`${REST}.tls12_ok`, `${HTTP}.http_api_ok`] },
    { name: 'real plan (transit case)', plan: TRANSIT, addresses: [`${REST}.tls_1_2_ok`, `${HTTP}.tls_1_2_ok`] },
  ],
  invalid: [
    { name: 'TLS_1_0', plan: plan().resource(REST, 'api', { values: { security_policy: 'TLS_1_0' } }), findings: [{ address: `${REST}.api`, attribute: 'security_policy', message: 'set security_policy = "TLS_1_2"' }] },
    {
      name: 'omitted: plan shows it unknown, API Gateway applies TLS_1_0',
      plan: plan().resource(REST, 'api', { values: { domain_name: 'api.example.org' }, unknown: ['security_policy'] }),
      findings: [{ address: `${REST}.api`, message: 'legacy TLS_1_0 policy' }],
    },
    {
      name: 'from a variable not known at plan time',
      plan: plan().resource(REST, 'api', { unknown: ['security_policy'], refs: { security_policy: ['var.tls_policy'] } }),
      findings: [{ address: `${REST}.api`, status: 'unknown', message: 'var.tls_policy' }],
    },
    {
      name: 'real plan: TLS_1_0 and omitted',
      plan: TRANSIT_EDGE,
      findings: [
        { address: `${REST}.tls10_bad`, message: '"TLS_1_0"' },
        { address: `${REST}.omitted_bad`, message: 'omits security_policy' },
      ],
    },
  ],
});
