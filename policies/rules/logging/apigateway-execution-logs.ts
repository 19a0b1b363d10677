/**
 * LOG-013: API Gateway execution logging is on for every method, at ERROR or INFO, without
 * full request/response data tracing. REST APIs set it per stage through
 * `aws_api_gateway_method_settings` (method_path "*\/*" for all methods); WebSocket APIs through
 * the stage's `default_route_settings`. HTTP APIs have no execution logs and are not judged.
 */
import type { AttributePath, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { dotted, evidenceOf, fail, pass, skip, unknown } from '../support';
import { knownText, setting } from './shared/read';

const LOGGED = new Set(['ERROR', 'INFO']);
const METHOD_SETTINGS = 'aws_api_gateway_method_settings';
const REST_REMEDIATION =
  'Add an aws_api_gateway_method_settings for the stage with method_path = "*/*" and settings { logging_level = "ERROR" (or "INFO"); data_trace_enabled = false }, and set the account-level aws_api_gateway_account cloudwatch_role_arn.';
const WS_REMEDIATION = 'Set default_route_settings { logging_level = "ERROR" (or "INFO"); data_trace_enabled = false } on the stage.';

/**
 * logging_level is computed by the provider: omitted shows as unknown with no references and
 * means API Gateway's default, OFF. Unknown with references is a configured value we cannot see.
 */
function level(holder: ResourceInstance, path: AttributePath): string | 'unknown' {
  const v = holder.attr(path);
  if (v.state === 'unknown') return v.references.length > 0 ? 'unknown' : 'OFF';
  return knownText(v) ?? 'OFF';
}

/** Whether two resources name the same REST API: known ids, or resolved references, do not disagree. */
function sameApi(ctx: RuleContext, a: ResourceInstance, b: ResourceInstance): boolean {
  const idA = knownText(a.attr('rest_api_id'));
  const idB = knownText(b.attr('rest_api_id'));
  if (idA !== undefined && idB !== undefined) return idA === idB;
  const apis = (i: ResourceInstance) => new Set(ctx.graph.referencesOf(i, 'rest_api_id', { types: ['aws_api_gateway_rest_api'] }).map((j) => j.instance.address));
  const [x, y] = [apis(a), apis(b)];
  return x.size === 0 || y.size === 0 || [...x].some((v) => y.has(v));
}

function judgeRest(stage: ResourceInstance, ctx: RuleContext): Outcome[] {
  const joins = ctx.graph
    .referrers(stage, { types: [METHOD_SETTINGS], attribute: 'stage_name', matchValues: ['stage_name'] })
    .filter((j) => sameApi(ctx, j.instance, stage));
  const outcomes: Outcome[] = [];
  let allMethods: 'logged' | 'unknown' | 'off' = 'off';
  for (const join of joins) {
    const settings = join.instance;
    const where = `${settings.address} (for ${stage.address})`;
    const evidence = [evidenceOf(join)];
    const path = knownText(settings.attr('method_path'));
    const lvl = level(settings, ['settings', 0, 'logging_level']);
    if (path === '*/*') {
      if (LOGGED.has(lvl)) allMethods = 'logged';
      else if (lvl === 'unknown' && allMethods === 'off') allMethods = 'unknown';
    } else if (lvl === 'OFF') {
      outcomes.push(fail('settings.logging_level', `${where} turns execution logging off for ${path ?? 'a method'}; set settings.logging_level = "ERROR" or "INFO"`, { evidence, remediation: REST_REMEDIATION }));
    }
    if (setting(settings.attr(['settings', 0, 'data_trace_enabled']), 'off') === 'on') {
      outcomes.push(fail('settings.data_trace_enabled', `${where} logs full request and response bodies (data_trace_enabled = true), which writes ePHI into CloudWatch Logs; set data_trace_enabled = false`, { evidence, remediation: REST_REMEDIATION }));
    }
  }
  if (allMethods === 'off') {
    outcomes.unshift(fail(METHOD_SETTINGS, `${stage.address} has no execution logging for all methods: no ${METHOD_SETTINGS} with method_path = "*/*" and logging_level ERROR or INFO`, { remediation: REST_REMEDIATION, evidence: joins.map(evidenceOf) }));
  } else if (allMethods === 'unknown') {
    outcomes.unshift(unknown(METHOD_SETTINGS, `${stage.address}: the "*/*" method settings' logging_level is known only after apply`, { evidence: joins.map(evidenceOf) }));
  }
  return outcomes.length > 0 ? outcomes : [pass(METHOD_SETTINGS, `${stage.address} logs execution of every method`, { evidence: joins.map(evidenceOf) })];
}

function judgeWebSocket(stage: ResourceInstance, protocol: string | undefined): Outcome[] {
  const outcomes: Outcome[] = [];
  const lvl = level(stage, ['default_route_settings', 0, 'logging_level']);
  if (lvl === 'unknown') outcomes.push(unknown('default_route_settings.logging_level', `${stage.address}: default_route_settings.logging_level is known only after apply`));
  else if (!LOGGED.has(lvl)) {
    // Without the API in the plan, an unset level may simply be an HTTP API, which has none.
    if (protocol === undefined) return [unknown('default_route_settings.logging_level', `${stage.address}: its API is not in this plan, so planwarden cannot tell a WebSocket API (which needs execution logging) from an HTTP API`)];
    outcomes.push(fail('default_route_settings.logging_level', `${stage.address} has no execution logging (logging_level ${lvl}); set default_route_settings.logging_level = "ERROR" or "INFO"`, { remediation: WS_REMEDIATION }));
  }
  for (const path of [['default_route_settings', 0] as AttributePath, ...stage.blocks('route_settings')]) {
    const route = knownText(stage.attr([...path, 'route_key']));
    if (route !== undefined && level(stage, [...path, 'logging_level']) === 'OFF') {
      outcomes.push(fail(dotted([...path, 'logging_level']), `${stage.address} turns execution logging off for route ${route}; remove the override or set logging_level = "ERROR"`, { remediation: WS_REMEDIATION }));
    }
    if (setting(stage.attr([...path, 'data_trace_enabled']), 'off') === 'on') {
      outcomes.push(fail(dotted([...path, 'data_trace_enabled']), `${stage.address} logs full message data (data_trace_enabled = true)${route ? ` for route ${route}` : ''}, which writes ePHI into CloudWatch Logs; set data_trace_enabled = false`, { remediation: WS_REMEDIATION }));
    }
  }
  return outcomes.length > 0 ? outcomes : [pass('default_route_settings.logging_level', `${stage.address} logs execution at ${lvl}`)];
}

export const apiGatewayExecutionLogs: Rule = {
  id: 'LOG-013',
  title: 'API Gateway execution logging is on, without data tracing',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
  rationale:
    'Execution logs record authorizer decisions, integration errors and throttling for each request, which access logs do not: the record needed to review failed or unauthorised calls (164.312(b), 164.308(a)(1)(ii)(D)). Data tracing goes the other way and copies whole request and response bodies — ePHI — into CloudWatch Logs, so it must stay off. Relies on: execution logging is OFF unless a logging level is set, and data tracing is off by default.',
  remediation: REST_REMEDIATION,
  params: {},
  docs: {
    defaults:
      'API Gateway execution logging is OFF unless set; provider 5.x plans an omitted settings.logging_level (REST) or default_route_settings.logging_level (WebSocket) as unknown with no references, which planwarden reads as OFF. data_trace_enabled defaults to false. HTTP APIs (protocol_type = "HTTP") have no execution logs.',
    anchors: ['cdk-nag APIGWExecutionLoggingEnabled', 'AWS Config api-gw-execution-logging-enabled', 'Checkov CKV2_AWS_4', 'cdk-nag AwsSolutions APIG6'],
    example: {
      fail: 'resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.api.id\n  deployment_id = aws_api_gateway_deployment.api.id\n  stage_name    = "prod"\n}',
      pass: 'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n  settings {\n    logging_level      = "ERROR"\n    data_trace_enabled = false\n  }\n}',
    },
  },
  check(stage: ResourceInstance, ctx: RuleContext): Outcome[] {
    if (stage.type === 'aws_api_gateway_stage') return judgeRest(stage, ctx);
    const api = ctx.graph.referencesOf(stage, 'api_id', { types: ['aws_apigatewayv2_api'], matchValues: ['id'] })[0];
    const protocol = api ? knownText(api.instance.attr('protocol_type')) : undefined;
    if (protocol === 'HTTP') return [skip(`${stage.address} belongs to an HTTP API, which has no execution logs`)];
    return judgeWebSocket(stage, api ? (protocol ?? 'WEBSOCKET') : undefined);
  },
};
