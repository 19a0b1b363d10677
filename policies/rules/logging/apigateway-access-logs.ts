/**
 * LOG-012: API Gateway stages write access logs (REST `aws_api_gateway_stage` and HTTP/WebSocket
 * `aws_apigatewayv2_stage`): who called which route, from where, with what result.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { priorValue } from './shared/change';
import { destination } from './shared/read';

export const apiGatewayAccessLogs: Rule = {
  id: 'LOG-012',
  title: 'API Gateway stages write access logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
  rationale:
    'An API in front of ePHI must leave a record of each call — caller, identity, route, status — for audit controls (164.312(b)) and activity review (164.308(a)(1)(ii)(D)). API Gateway writes none unless a stage names an access log destination. Relies on: the provider plans access_log_settings = [] when omitted.',
  remediation: 'Add access_log_settings { destination_arn = aws_cloudwatch_log_group.api.arn; format = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", … }) } to the stage.',
  params: {},
  docs: {
    defaults: 'Provider 5.x plans access_log_settings = [] when omitted; API Gateway then writes no access logs.',
    anchors: ['cdk-nag AwsSolutions APIG1', 'Checkov CKV_AWS_76', 'Prowler apigateway_restapi_logging_enabled'],
    example: {
      fail: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = aws_api_gateway_deployment.api.id\n  stage_name    = "prod"\n}',
      pass: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = aws_api_gateway_deployment.api.id\n  stage_name    = "prod"\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api.arn\n    format          = jsonencode({ requestId = "$context.requestId" })\n  }\n}',
    },
  },
  check(stage: ResourceInstance): Outcome {
    const whole = stage.attr('access_log_settings');
    if (whole.state === 'unknown') return unknown('access_log_settings', `${stage.address}: access_log_settings is known only after apply`);
    const target = destination(stage.attr('access_log_settings.destination_arn'));
    if (stage.blocks('access_log_settings').length === 0 || target === 'unset') {
      const prior = priorValue(stage, 'access_log_settings');
      const change = Array.isArray(prior) && prior.length > 0 ? ' (this update removes them)' : '';
      return fail('access_log_settings', `${stage.address} writes no access logs${change}; add access_log_settings with a destination_arn`);
    }
    if (target === 'unknown') return unknown('access_log_settings.destination_arn', `${stage.address}: access_log_settings.destination_arn is known only after apply`);
    return pass('access_log_settings', `${stage.address} writes access logs`);
  },
};
