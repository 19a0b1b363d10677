import { apigatewayBackendHttps } from '../../../policies/rules/transit/apigateway-backend-https';
import { apigatewayClientCertificate } from '../../../policies/rules/transit/apigateway-client-certificate';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT_APIS } from './fixtures';

const I = 'aws_api_gateway_integration';
const I2 = 'aws_apigatewayv2_integration';
const S = 'aws_api_gateway_stage';
const API_REF = { rest_api_id: ['aws_api_gateway_rest_api.records.id', 'aws_api_gateway_rest_api.records'] };

ruleTester(apigatewayBackendHttps, {
  valid: [
    { name: 'HTTP_PROXY to an https:// backend', plan: plan().resource(I, 'records', { values: { type: 'HTTP_PROXY', uri: 'https://records.example.org/{proxy}' } }) },
    { name: 'Lambda proxy integration is not an HTTP backend', plan: plan().resource(I, 'lambda', { values: { type: 'AWS_PROXY', uri: 'arn:aws:apigateway:us-east-1:lambda:path/functions/x/invocations' } }) },
    { name: 'HTTP API private integration to an ALB listener ARN, in a module', plan: plan().resource(I2, 'this', { module: 'module.api', values: { integration_type: 'HTTP_PROXY', integration_uri: 'arn:aws:elasticloadbalancing:us-east-1:1:listener/app/x/y/z' } }) },
    { name: 'real plan: https REST and HTTP API integrations, a Lambda integration', plan: TRANSIT_APIS, addresses: [`${I}.claims_https_ok`, `${I}.lambda`, `${I2}.http_api_tls_ok`] },
  ],
  invalid: [
    { name: 'HTTP integration to an http:// URI', plan: plan().resource(I, 'records', { values: { type: 'HTTP', uri: 'http://10.0.0.5:8080/records' } }), findings: [{ address: `${I}.records`, attribute: 'uri', message: 'https://' }] },
    {
      name: 'a sensitive http:// URI is never printed',
      plan: plan().resource(I, 'legacy', { values: { type: 'HTTP', uri: 'http://svc:hunter2@legacy.example.org/' }, sensitive: ['uri'] }),
      findings: [{ address: `${I}.legacy`, message: /calls its backend at "\(sensitive\)"(?!.*hunter2)/ }],
    },
    {
      name: 'URI from a variable',
      plan: plan().resource(I2, 'proxy', { values: { integration_type: 'HTTP_PROXY' }, unknown: ['integration_uri'], refs: { integration_uri: ['var.backend_url'] } }),
      findings: [{ address: `${I2}.proxy`, status: 'unknown', message: 'var.backend_url' }],
    },
    {
      name: 'real plan: http:// REST and HTTP API integrations',
      plan: TRANSIT_APIS,
      findings: [
        { address: `${I}.records_http_bad`, attribute: 'uri' },
        { address: `${I2}.http_api_plain_bad`, attribute: 'integration_uri' },
      ],
    },
  ],
});

ruleTester(apigatewayClientCertificate, {
  valid: [
    {
      name: 'stage with a client certificate created in the plan',
      plan: plan().resource('aws_api_gateway_rest_api', 'records', { unknown: ['id'] }).resource(S, 'prod', { unknown: ['client_certificate_id', 'rest_api_id'], refs: { ...API_REF, client_certificate_id: ['aws_api_gateway_client_certificate.c.id'] } }),
    },
    {
      name: 'API whose only integration is Lambda',
      plan: plan()
        .resource('aws_api_gateway_rest_api', 'records', { unknown: ['id'] })
        .resource(I, 'lambda', { values: { type: 'AWS_PROXY' }, unknown: ['rest_api_id'], refs: API_REF })
        .resource(S, 'prod', { values: { client_certificate_id: null }, unknown: ['rest_api_id'], refs: API_REF }),
    },
    { name: 'real plan: client certificate, Lambda-only API', plan: TRANSIT_APIS, addresses: [`${S}.records_mtls_ok`, `${S}.lambda_only_ok`] },
  ],
  invalid: [
    {
      name: 'API with an HTTP integration and a stage without a client certificate, in a module',
      plan: plan()
        .resource('aws_api_gateway_rest_api', 'records', { module: 'module.api', unknown: ['id'] })
        .resource(I, 'records', { module: 'module.api', values: { type: 'HTTP_PROXY', uri: 'https://x' }, unknown: ['rest_api_id'], refs: API_REF })
        .resource(S, 'prod', { module: 'module.api', values: { client_certificate_id: null }, unknown: ['rest_api_id'], refs: API_REF }),
      findings: [{ address: `module.api.${S}.prod`, attribute: 'client_certificate_id', related: `module.api.${I}.records` }],
    },
    {
      name: 'integration type known only after apply',
      plan: plan()
        .resource('aws_api_gateway_rest_api', 'records', { unknown: ['id'] })
        .resource(I, 'records', { unknown: ['rest_api_id', 'type'], refs: { ...API_REF, type: ['var.integration_type'] } })
        .resource(S, 'prod', { values: { client_certificate_id: null }, unknown: ['rest_api_id'], refs: API_REF }),
      findings: [{ address: `${S}.prod`, status: 'unknown' }],
    },
    { name: 'real plan: HTTP backends, no certificate', plan: TRANSIT_APIS, findings: [{ address: `${S}.records_prod`, related: 'aws_api_gateway_rest_api.records' }] },
  ],
});
