import type { JsonObject } from '../../../policies/engine/types';
import { apiGatewayExecutionLogs } from '../../../policies/rules/logging/apigateway-execution-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const STAGE = 'aws_api_gateway_stage';
const MS = 'aws_api_gateway_method_settings';
const V2 = 'aws_apigatewayv2_stage';
const API2 = 'aws_apigatewayv2_api';
const FIXTURE = { file: `${FIXTURES}/logging-services.json` };

function restStage(settings: JsonObject[], extra: { unknown?: string[]; refs?: Record<string, string[]> } = {}) {
  return plan()
    .resource(STAGE, 'prod', { values: { stage_name: 'prod', rest_api_id: 'abc123' } })
    .resource(MS, 'all', {
      values: { method_path: '*/*', rest_api_id: 'abc123', settings },
      unknown: ['stage_name', ...(extra.unknown ?? [])],
      refs: { stage_name: [`${STAGE}.prod.stage_name`, `${STAGE}.prod`], ...extra.refs },
    });
}

function webSocket(stage: JsonObject, protocol = 'WEBSOCKET') {
  return plan()
    .resource(API2, 'api', { values: { protocol_type: protocol } })
    .resource(V2, 's', { values: stage, unknown: ['api_id'], refs: { api_id: [`${API2}.api.id`, `${API2}.api`] } });
}

ruleTester(apiGatewayExecutionLogs, {
  valid: [
    { name: 'method settings "*/*" at ERROR', plan: restStage([{ logging_level: 'ERROR', data_trace_enabled: false }]) },
    {
      name: 'method settings tied by known stage name and API id (stage in a module)',
      plan: plan()
        .resource(STAGE, 'this', { module: 'module.api["v1"]', values: { stage_name: 'v1', rest_api_id: 'abc' } })
        .resource(MS, 'all', { values: { stage_name: 'v1', rest_api_id: 'abc', method_path: '*/*', settings: [{ logging_level: 'INFO' }] } }),
    },
    { name: 'an HTTP API stage is not judged (no execution logs exist)', plan: webSocket({ default_route_settings: [] }, 'HTTP') },
    { name: 'a WebSocket stage at INFO', plan: webSocket({ default_route_settings: [{ logging_level: 'INFO', data_trace_enabled: false }] }) },
    { name: 'real plan', plan: FIXTURE, addresses: [`${STAGE}.prod_ok`, `${V2}.http_ok`, `${V2}.ws_ok`] },
  ],
  invalid: [
    { name: 'no method settings at all', plan: plan().resource(STAGE, 'prod', { values: { stage_name: 'prod' } }), findings: [{ address: `${STAGE}.prod`, attribute: MS }] },
    {
      name: 'logging_level omitted (plan: unknown without references, i.e. OFF)',
      plan: restStage([{ metrics_enabled: true }], { unknown: ['settings.0.logging_level'] }),
      findings: [{ address: `${STAGE}.prod`, attribute: MS }],
    },
    {
      name: 'method settings of another API with the same stage name do not count',
      plan: plan()
        .resource(STAGE, 'prod', { values: { stage_name: 'prod', rest_api_id: 'abc' } })
        .resource(MS, 'other', { values: { stage_name: 'prod', rest_api_id: 'xyz', method_path: '*/*', settings: [{ logging_level: 'INFO' }] } }),
      findings: [{ address: `${STAGE}.prod`, attribute: MS }],
    },
    {
      name: 'data tracing writes request bodies (ePHI) into the logs',
      plan: restStage([{ logging_level: 'INFO', data_trace_enabled: true }]),
      findings: [{ address: `${STAGE}.prod`, attribute: 'settings.data_trace_enabled', related: `${MS}.all` }],
    },
    {
      name: 'one method turned OFF',
      plan: restStage([{ logging_level: 'INFO' }]).resource(MS, 'get', {
        values: { method_path: 'records/GET', rest_api_id: 'abc123', settings: [{ logging_level: 'OFF' }] },
        unknown: ['stage_name'],
        refs: { stage_name: [`${STAGE}.prod.stage_name`] },
      }),
      findings: [{ address: `${STAGE}.prod`, message: 'off for records/GET' }],
    },
    {
      name: 'a level known only after apply (wired to a variable)',
      plan: restStage([{}], { unknown: ['settings.0.logging_level'], refs: { 'settings.logging_level': ['var.level'] } }),
      findings: [{ address: `${STAGE}.prod`, status: 'unknown', attribute: MS }],
    },
    {
      name: 'a WebSocket stage without execution logging',
      plan: webSocket({ default_route_settings: [] }),
      findings: [{ address: `${V2}.s`, attribute: 'default_route_settings.logging_level' }],
    },
    {
      name: 'a WebSocket route override turning logging off',
      plan: webSocket({ default_route_settings: [{ logging_level: 'ERROR' }], route_settings: [{ route_key: '$connect', logging_level: 'OFF' }] }),
      findings: [{ address: `${V2}.s`, message: 'off for route $connect' }],
    },
    {
      name: 'a v2 stage whose API is not in the plan and sets no level',
      plan: plan().resource(V2, 's', { values: { api_id: 'abc', default_route_settings: [] } }),
      findings: [{ address: `${V2}.s`, status: 'unknown', message: 'HTTP API' }],
    },
    {
      name: 'real plan',
      plan: FIXTURE,
      findings: [
        { address: `${STAGE}.dev_bad`, message: 'data_trace_enabled = true' },
        { address: `${STAGE}.dev_bad`, message: 'off for records/GET' },
        { address: `${V2}.ws_bad` },
      ],
    },
  ],
});

describe('LOG-013 on the real plan', () => {
  it('skips the HTTP API stage', () => {
    expect(judged(apiGatewayExecutionLogs, FIXTURE.file, 'pass')).toEqual([`${STAGE}.prod_ok`, `${V2}.ws_ok`]);
  });
});
