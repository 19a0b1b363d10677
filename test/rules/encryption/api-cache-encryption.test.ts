import { apiCacheEncryption } from '../../../policies/rules/encryption/api-cache-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MANAGED } from './fixtures';

const MS = 'aws_api_gateway_method_settings';
const STAGE = 'aws_api_gateway_stage';

ruleTester(apiCacheEncryption, {
  valid: [
    { name: 'caching off', plan: plan().resource(MS, 'm', { values: { method_path: '*/*', settings: [{ caching_enabled: false }] } }) },
    { name: 'caching on and encrypted', plan: plan().resource(MS, 'm', { values: { method_path: '*/*', settings: [{ caching_enabled: true, cache_data_encrypted: true }] } }) },
    { name: 'stage without a cache cluster', plan: plan().resource(STAGE, 's', { values: { stage_name: 'prod', cache_cluster_enabled: false } }) },
    {
      name: 'stage with a cache cluster and encrypted "*/*" settings (by reference)',
      plan: plan()
        .resource(STAGE, 's', { values: { stage_name: 'prod', cache_cluster_enabled: true }, unknown: ['rest_api_id'] })
        .resource(MS, 'all', { values: { stage_name: 'prod', method_path: '*/*', settings: [{ caching_enabled: true, cache_data_encrypted: true }] }, refs: { stage_name: ['aws_api_gateway_stage.s.stage_name', 'aws_api_gateway_stage.s'] } }),
    },
    {
      name: 'stage with a cache cluster and encrypted "*/*" settings matched by API id and stage name',
      plan: plan()
        .resource(STAGE, 's', { values: { stage_name: 'prod', rest_api_id: 'a1b2c3', cache_cluster_enabled: true } })
        .resource(MS, 'all', { values: { stage_name: 'prod', rest_api_id: 'a1b2c3', method_path: '*/*', settings: [{ caching_enabled: true, cache_data_encrypted: true }] } }),
    },
    { name: 'AppSync cache encrypted', plan: plan().resource('aws_appsync_api_cache', 'c', { values: { at_rest_encryption_enabled: true } }) },
    { name: 'real plan: one encrypted method', plan: MANAGED, addresses: [`${MS}.one_encrypted_ok`] },
  ],
  invalid: [
    { name: 'caching on, not encrypted (computed default)', plan: plan().resource(MS, 'm', { module: 'module.api["v1"]', values: { method_path: '*/*', settings: [{ caching_enabled: true }] }, unknown: ['settings.0.cache_data_encrypted'] }), findings: [{ address: `module.api["v1"].${MS}.m`, attribute: 'settings.cache_data_encrypted' }] },
    { name: 'stage cache cluster without any "*/*" settings', plan: plan().resource(STAGE, 's', { values: { stage_name: 'prod', rest_api_id: 'a1b2c3', cache_cluster_enabled: true } }), findings: [{ address: `${STAGE}.s`, message: 'no aws_api_gateway_method_settings for method_path "*/*"' }] },
    {
      name: 'settings for another API with the same stage name do not count',
      plan: plan()
        .resource(STAGE, 's', { values: { stage_name: 'prod', rest_api_id: 'a1b2c3', cache_cluster_enabled: true } })
        .resource(MS, 'other', { values: { stage_name: 'prod', rest_api_id: 'zzzzzz', method_path: '*/*', settings: [{ caching_enabled: true, cache_data_encrypted: true }] } }),
      findings: [{ address: `${STAGE}.s`, attribute: 'cache_cluster_enabled' }],
    },
    { name: 'AppSync cache not encrypted', plan: plan().resource('aws_appsync_api_cache', 'c', { values: { at_rest_encryption_enabled: false } }), findings: [{ address: 'aws_appsync_api_cache.c', attribute: 'at_rest_encryption_enabled' }] },
    {
      name: 'real plan: stage cache with unencrypted "*/*" settings, AppSync cache',
      plan: MANAGED,
      findings: [
        { address: `${STAGE}.cached_bad`, related: `${MS}.all_unencrypted_bad` },
        { address: `${MS}.all_unencrypted_bad`, attribute: 'settings.cache_data_encrypted' },
        { address: 'aws_appsync_api_cache.unencrypted_bad' },
      ],
    },
  ],
});
