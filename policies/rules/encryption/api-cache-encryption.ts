/**
 * ENC-027: API Gateway response caches are encrypted. A cached response can hold ePHI; REST API
 * caching is configured per stage (cache_cluster_enabled) and per method (method settings), and
 * cache encryption is off unless cache_data_encrypted = true. AppSync API caches likewise.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { inBlock, knownString, readSwitch } from './read';

const METHOD_SETTINGS = 'aws_api_gateway_method_settings';

function judgeMethodSettings(settings: ResourceInstance): Outcome {
  const caching = readSwitch(settings.attr(inBlock('settings', 'caching_enabled')));
  if (caching === 'unknown') return unknown('settings.caching_enabled', `${settings.address}: caching_enabled is known only after apply`);
  if (caching !== 'on') return pass('settings.caching_enabled', `${settings.address} does not cache responses`);
  const encrypted = readSwitch(settings.attr(inBlock('settings', 'cache_data_encrypted')));
  if (encrypted === 'unknown') return unknown('settings.cache_data_encrypted', `${settings.address}: cache_data_encrypted is known only after apply`);
  if (encrypted === 'on') return pass('settings.cache_data_encrypted', `${settings.address} encrypts cached responses`);
  return fail('settings.cache_data_encrypted', `${settings.address} caches responses without encryption; set settings.cache_data_encrypted = true`, {
    remediation: 'Set settings.cache_data_encrypted = true wherever settings.caching_enabled = true.',
  });
}

/** The method settings that apply to a stage: those referring to it, or naming the same API and stage. */
function settingsForStage(stage: ResourceInstance, ctx: RuleContext): ResourceInstance[] {
  const found = new Map<string, ResourceInstance>();
  for (const join of ctx.graph.referrers(stage, { types: [METHOD_SETTINGS], attribute: 'stage_name' })) found.set(join.instance.address, join.instance);
  const stageName = knownString(stage.attr('stage_name'));
  const apiId = knownString(stage.attr('rest_api_id'));
  if (stageName !== undefined && apiId !== undefined) {
    for (const s of ctx.graph.byType(METHOD_SETTINGS)) {
      if (s.action !== 'delete' && knownString(s.attr('stage_name')) === stageName && knownString(s.attr('rest_api_id')) === apiId) found.set(s.address, s);
    }
  }
  return [...found.values()].filter((s) => s.action !== 'delete');
}

function judgeStage(stage: ResourceInstance, ctx: RuleContext): Outcome {
  const cache = readSwitch(stage.attr('cache_cluster_enabled'), false);
  if (cache === 'unknown') return unknown('cache_cluster_enabled', `${stage.address}: cache_cluster_enabled is known only after apply`);
  if (cache !== 'on') return pass('cache_cluster_enabled', `${stage.address} has no cache cluster`);
  const all = settingsForStage(stage, ctx).find((s) => knownString(s.attr('method_path')) === '*/*');
  if (!all) {
    return fail('cache_cluster_enabled', `${stage.address} enables a cache cluster but no aws_api_gateway_method_settings for method_path "*/*" sets cache_data_encrypted = true; add one`, {
      remediation: 'Add aws_api_gateway_method_settings for the stage with method_path = "*/*" and settings { caching_enabled = true, cache_data_encrypted = true }.',
    });
  }
  const encrypted = readSwitch(all.attr(inBlock('settings', 'cache_data_encrypted')));
  const evidence = [{ attribute: 'stage_name', related: all.address }];
  if (encrypted === 'on') return pass('cache_cluster_enabled', `${stage.address} encrypts its cache (${all.address})`, { evidence });
  if (encrypted === 'unknown') return unknown('cache_cluster_enabled', `${stage.address}: cache_data_encrypted on ${all.address} is known only after apply`, { evidence });
  return fail('cache_cluster_enabled', `${stage.address} enables a cache cluster, and ${all.address} (method_path "*/*") does not set cache_data_encrypted = true`, {
    evidence,
    remediation: `Set settings.cache_data_encrypted = true on ${all.address}.`,
  });
}

function judgeAppSyncCache(cache: ResourceInstance): Outcome {
  const atRest = readSwitch(cache.attr('at_rest_encryption_enabled'), false);
  if (atRest === 'unknown') return unknown('at_rest_encryption_enabled', `${cache.address}: at_rest_encryption_enabled is known only after apply`);
  if (atRest === 'on') return pass('at_rest_encryption_enabled', `${cache.address} encrypts its cache at rest`);
  return fail('at_rest_encryption_enabled', `${cache.address} does not encrypt its cache at rest; set at_rest_encryption_enabled = true`);
}

export const apiCacheEncryption: Rule = {
  id: 'ENC-027',
  title: 'API Gateway and AppSync response caches are encrypted',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: [METHOD_SETTINGS, 'aws_api_gateway_stage', 'aws_appsync_api_cache'],
  rationale:
    'A response cache stores whole API responses — patient records included — on AWS-managed cache nodes (164.312(a)(2)(iv)). API Gateway encrypts cached data only when a method setting says cache_data_encrypted = true; enabling a stage cache cluster turns caching on for methods without encrypting it. AppSync caches are unencrypted unless at_rest_encryption_enabled = true. Neither offers a choice of key.',
  remediation: 'Set settings.cache_data_encrypted = true in every aws_api_gateway_method_settings with caching_enabled (and a "*/*" one for stages with cache_cluster_enabled); set at_rest_encryption_enabled = true on aws_appsync_api_cache.',
  params: {},
  docs: {
    defaults: 'Provider 5.x: method settings caching_enabled and cache_data_encrypted are computed (false unless set); aws_api_gateway_stage.cache_cluster_enabled defaults to false; aws_appsync_api_cache.at_rest_encryption_enabled defaults to false.',
    anchors: ['cdk-nag APIGWCacheEnabledAndEncrypted (encryption part)', 'AWS Config api-gw-cache-enabled-and-encrypted (dropped from the HIPAA pack)', 'Checkov CKV_AWS_308, CKV_AWS_214'],
    example: {
      fail: 'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n  settings {\n    caching_enabled = true\n  }\n}',
      pass: 'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.api.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n  settings {\n    caching_enabled      = true\n    cache_data_encrypted = true\n  }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    if (instance.type === METHOD_SETTINGS) return judgeMethodSettings(instance);
    if (instance.type === 'aws_appsync_api_cache') return judgeAppSyncCache(instance);
    return judgeStage(instance, ctx);
  },
};
