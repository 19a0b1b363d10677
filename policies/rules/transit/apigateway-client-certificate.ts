/**
 * TLS-021 (advisory): REST API stages present a client certificate to their HTTP backends, so a
 * backend can refuse any caller that is not this API Gateway stage. The certificate only matters
 * when the API has HTTP integrations, so stages of APIs whose integrations are all Lambda, AWS
 * service or mock integrations pass.
 */
import type { Join, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { setting, setString } from './shared/setting';

const HTTP_TYPES = new Set(['HTTP', 'HTTP_PROXY']);

function httpIntegrations(ctx: RuleContext, api: Join): { http: Join[]; undecided: Join[] } {
  const integrations = ctx.graph.referrers(api.instance, { types: ['aws_api_gateway_integration'], attribute: 'rest_api_id', matchValues: ['id'] });
  const http: Join[] = [];
  const undecided: Join[] = [];
  for (const join of integrations) {
    const type = setting(join.instance, 'type');
    if (type.kind === 'unknown') undecided.push(join);
    else if (HTTP_TYPES.has((setString(type) ?? '').toUpperCase())) http.push(join);
  }
  return { http, undecided };
}

export const apigatewayClientCertificate: Rule = {
  id: 'TLS-021',
  title: 'API Gateway REST stages with HTTP backends present a client certificate',
  family: 'transit',
  severity: 'low',
  enforcement: 'advisory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(d)'],
  resourceTypes: ['aws_api_gateway_stage'],
  rationale:
    'A backend that only API Gateway should call can verify it through the stage\'s client certificate (mutual TLS on the API-to-backend leg), so ePHI is not served to callers that bypass the gateway (164.312(e)(1), (d)). Advisory: backends on private networks may authenticate the gateway otherwise. Relies on: aws_api_gateway_stage.client_certificate_id is null when omitted; integrations declared only inside an OpenAPI `body` are not visible as resources and are not read.',
  remediation: 'Create an aws_api_gateway_client_certificate, set client_certificate_id on the stage, and make the backend verify it.',
  params: {},
  docs: {
    defaults: 'client_certificate_id omitted: null (no certificate). Stages whose REST API has no HTTP/HTTP_PROXY aws_api_gateway_integration in the plan pass; cdk-nag and AWS Config fail every stage without one.',
    anchors: ['cdk-nag APIGWSSLEnabled (HIPAA)', 'AWS Config api-gw-ssl-enabled', 'Checkov CKV2_AWS_51'],
    example: {
      fail: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.records.id\n  deployment_id = aws_api_gateway_deployment.records.id\n  stage_name    = "prod"\n}',
      pass: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id           = aws_api_gateway_rest_api.records.id\n  deployment_id         = aws_api_gateway_deployment.records.id\n  stage_name            = "prod"\n  client_certificate_id = aws_api_gateway_client_certificate.records.id\n}',
    },
  },
  check(stage: ResourceInstance, ctx: RuleContext): Outcome {
    const certificate = setting(stage, 'client_certificate_id');
    if (certificate.kind !== 'omitted') return pass('client_certificate_id', `${stage.address} presents a client certificate`);
    const api = ctx.graph.referencesOf(stage, 'rest_api_id', { types: ['aws_api_gateway_rest_api'], matchValues: ['id'] })[0];
    if (!api) return pass('client_certificate_id', `${stage.address}: its REST API is not in this plan, so no HTTP integration is visible`);
    const { http, undecided } = httpIntegrations(ctx, api);
    if (http.length > 0) {
      return fail('client_certificate_id', `${stage.address} serves ${api.instance.address}, which calls HTTP backends (${http[0].instance.address}${http.length > 1 ? ` and ${http.length - 1} more` : ''}) without a client certificate; set client_certificate_id`, {
        evidence: [evidenceOf(api), evidenceOf(http[0])],
      });
    }
    if (undecided.length > 0) return unknown('client_certificate_id', `${stage.address}: the type of ${undecided[0].instance.address} is known only after apply`, { evidence: [evidenceOf(undecided[0])] });
    return pass('client_certificate_id', `${stage.address} has no HTTP integrations that need a client certificate`);
  },
};
