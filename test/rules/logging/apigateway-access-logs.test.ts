import { apiGatewayAccessLogs } from '../../../policies/rules/logging/apigateway-access-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES } from './judged';

const STAGE = 'aws_api_gateway_stage';
const V2 = 'aws_apigatewayv2_stage';
const FIXTURE = { file: `${FIXTURES}/logging-services.json` };
const settings = { access_log_settings: [{ destination_arn: 'arn:aws:logs:us-east-1:1:log-group:api', format: '{}' }] };

ruleTester(apiGatewayAccessLogs, {
  valid: [
    { name: 'a REST stage with access logs', plan: plan().resource(STAGE, 'prod', { values: settings }) },
    {
      name: 'an HTTP API stage whose log group ARN is known only after apply',
      plan: plan().resource(V2, 'default', { values: { access_log_settings: [{ format: '{}' }] }, unknown: ['access_log_settings.0.destination_arn'], refs: { 'access_log_settings.destination_arn': ['aws_cloudwatch_log_group.api.arn'] } }),
    },
    { name: 'a stage in a for_each module', plan: plan().resource(STAGE, 'this', { module: 'module.api["records"]', values: settings }) },
    { name: 'real plan', plan: FIXTURE, addresses: [`${STAGE}.prod_ok`, `${V2}.http_ok`, `${V2}.ws_ok`] },
  ],
  invalid: [
    { name: 'no access_log_settings (plan shows [])', plan: plan().resource(STAGE, 'dev', { values: { access_log_settings: [] } }), findings: [{ address: `${STAGE}.dev`, attribute: 'access_log_settings' }] },
    {
      name: 'an update that removes access logs says so',
      plan: plan().resource(V2, 'dev', { action: 'update', values: { access_log_settings: [] }, before: settings }),
      findings: [{ address: `${V2}.dev`, message: 'this update removes them' }],
    },
    { name: 'the whole block known only after apply', plan: plan().resource(STAGE, 'x', { unknown: ['access_log_settings'] }), findings: [{ address: `${STAGE}.x`, status: 'unknown' }] },
    { name: 'real plan', plan: FIXTURE, findings: [{ address: `${STAGE}.dev_bad` }, { address: `${V2}.ws_bad` }] },
  ],
});
