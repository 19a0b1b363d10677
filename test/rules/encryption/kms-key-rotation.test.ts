import { kmsKeyRotation } from '../../../policies/rules/encryption/kms-key-rotation';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { COMPUTE, MANAGED } from './fixtures';

const K = 'aws_kms_key';

ruleTester(kmsKeyRotation, {
  valid: [
    { name: 'rotation on, period omitted (365)', plan: plan().resource(K, 'k', { values: { enable_key_rotation: true, customer_master_key_spec: 'SYMMETRIC_DEFAULT' }, unknown: ['rotation_period_in_days'] }) },
    { name: 'rotation every 90 days', plan: plan().resource(K, 'k', { values: { enable_key_rotation: true, rotation_period_in_days: 90 } }) },
    { name: 'asymmetric signing key is skipped', plan: plan().resource(K, 'k', { values: { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY', enable_key_rotation: false } }) },
    { name: 'HMAC key is skipped', plan: plan().resource(K, 'k', { values: { customer_master_key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC' } }) },
    { name: 'custom key store key is skipped', plan: plan().resource(K, 'k', { values: { custom_key_store_id: 'cks-1234567890abcdef0', enable_key_rotation: false } }) },
    { name: 'a longer period allowed by config', params: { maxRotationDays: 730 }, plan: plan().resource(K, 'k', { values: { enable_key_rotation: true, rotation_period_in_days: 730 } }) },
    { name: 'real plan: rotating key, asymmetric key', plan: COMPUTE, addresses: [`${K}.rotation_enabled_ok`, `${K}.asymmetric_signing_exempt`, `${K}.wide_open_policy_bad`] },
    { name: 'real plan: HMAC key', plan: MANAGED, addresses: [`${K}.hmac_exempt`, `${K}.services`] },
  ],
  invalid: [
    { name: 'rotation off (provider default)', plan: plan().resource(K, 'k', { values: { enable_key_rotation: false, customer_master_key_spec: 'SYMMETRIC_DEFAULT' } }), findings: [{ address: `${K}.k`, attribute: 'enable_key_rotation', message: 'set enable_key_rotation = true' }] },
    { name: 'rotation omitted in CDKTF style, key in a module', plan: plan().resource(K, 'k', { module: 'module.keys["phi"]', values: {} }), findings: [{ address: `module.keys["phi"].${K}.k`, message: 'does not set enable_key_rotation' }] },
    { name: 'rotation known only after apply', plan: plan().resource(K, 'k', { unknown: ['enable_key_rotation'], refs: { enable_key_rotation: ['var.rotate'] } }), findings: [{ address: `${K}.k`, status: 'unknown' }] },
    { name: 'rotation period longer than allowed', plan: plan().resource(K, 'k', { values: { enable_key_rotation: true, rotation_period_in_days: 400 } }), findings: [{ address: `${K}.k`, attribute: 'rotation_period_in_days', message: 'set rotation_period_in_days to 365 or less' }] },
    { name: 'real plan: rotation omitted', plan: COMPUTE, findings: [{ address: `${K}.rotation_omitted_bad`, attribute: 'enable_key_rotation' }] },
    { name: 'real plan: two-year rotation period', plan: MANAGED, findings: [{ address: `${K}.slow_rotation_bad`, attribute: 'rotation_period_in_days' }] },
  ],
});
