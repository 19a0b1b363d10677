/**
 * TLS-007: API Gateway custom domain names refuse TLS 1.0. REST API domains choose a security
 * policy (TLS_1_0 or TLS_1_2, or a 2025 "SecurityPolicy_TLS1x_*" enhanced policy); HTTP and
 * WebSocket API domains (apigatewayv2) accept only TLS_1_2, but the value is still checked.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { fromWhat, setting, setString } from './shared/setting';
import { isApiGatewayTls12Policy } from './shared/tls-policies';

const ATTRIBUTE: Record<string, string> = {
  aws_api_gateway_domain_name: 'security_policy',
  aws_apigatewayv2_domain_name: 'domain_name_configuration.security_policy',
};

export const apigatewayDomainTls: Rule = {
  id: 'TLS-007',
  title: 'API Gateway custom domains require TLS 1.2+',
  family: 'transit',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: Object.keys(ATTRIBUTE),
  rationale:
    'The TLS_1_0 security policy accepts TLS 1.0 and 1.1, which no longer meet NIST SP 800-52r2, so an API carrying ePHI on such a domain falls short of 164.312(e)(1)/(e)(2)(ii). Relies on: provider 5.x shows an omitted aws_api_gateway_domain_name.security_policy as unknown, and API Gateway then applies the legacy TLS_1_0 policy; aws_apigatewayv2_domain_name requires the value and accepts only TLS_1_2.',
  remediation: 'Set security_policy = "TLS_1_2" on aws_api_gateway_domain_name (domain_name_configuration.security_policy on aws_apigatewayv2_domain_name).',
  params: {},
  docs: {
    defaults: 'aws_api_gateway_domain_name.security_policy omitted: unknown in the plan, TLS_1_0 at AWS. Default execute-api endpoints of edge-optimized and regional APIs also use TLS 1.0 and cannot be changed: serve PHI APIs on a custom domain and set disable_execute_api_endpoint.',
    anchors: ['Checkov CKV_AWS_206', 'AWS Config api-gw-ssl-enabled (client certificate; see docs/parity/transit.md)'],
    example: {
      fail: 'resource "aws_api_gateway_domain_name" "api" {\n  domain_name              = "api.example.org"\n  regional_certificate_arn = aws_acm_certificate.api.arn\n  security_policy          = "TLS_1_0"\n}',
      pass: 'resource "aws_api_gateway_domain_name" "api" {\n  domain_name              = "api.example.org"\n  regional_certificate_arn = aws_acm_certificate.api.arn\n  security_policy          = "TLS_1_2"\n  endpoint_configuration {\n    types = ["REGIONAL"]\n  }\n}',
    },
  },
  check(domain: ResourceInstance): Outcome {
    const attribute = ATTRIBUTE[domain.type];
    const policy = setting(domain, attribute);
    if (policy.kind === 'unknown') return unknown(attribute, `${domain.address}: ${attribute} is known only after apply${fromWhat(policy)}; planwarden cannot confirm TLS 1.2`);
    if (policy.kind === 'omitted') {
      return fail(attribute, `${domain.address} omits ${attribute}, so API Gateway applies the legacy TLS_1_0 policy (TLS 1.0+); set ${attribute} = "TLS_1_2"`);
    }
    const value = setString(policy) ?? JSON.stringify(policy.value);
    if (isApiGatewayTls12Policy(value)) return pass(attribute, `${domain.address} uses ${value}`);
    return fail(attribute, `${domain.address} sets ${attribute} = "${value}", which accepts TLS 1.0; set ${attribute} = "TLS_1_2"`);
  },
};
