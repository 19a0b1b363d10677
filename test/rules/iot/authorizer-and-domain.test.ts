import { authorizerSigning } from '../../../policies/rules/iot/authorizer-signing';
import { domainTls } from '../../../policies/rules/iot/domain-tls';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { IOT_POLICIES, IOT_SCOPE } from './support';

const AUTH = 'aws_iot_authorizer';
const DOMAIN = 'aws_iot_domain_configuration';
const KEY = { 'key-1': '-----BEGIN PUBLIC KEY-----\nfixture\n-----END PUBLIC KEY-----\n' };

ruleTester(authorizerSigning, {
  valid: [
    { name: 'signing enabled with a key', plan: plan().resource(AUTH, 'a', { values: { signing_disabled: false, token_key_name: 'x-token', token_signing_public_keys: KEY }, sensitive: ['token_signing_public_keys'] }) },
    { name: 'signing_disabled omitted (default false)', plan: plan().resource(AUTH, 'a', { values: { name: 'a' } }) },
    { name: 'module instance', plan: plan().resource(AUTH, 'a', { module: 'module.m', values: { signing_disabled: false } }) },
    { name: 'real plan: token signing', plan: IOT_POLICIES, addresses: [`${AUTH}.token_signing_ok`] },
    { name: 'real plan (iot-scope): default', plan: IOT_SCOPE },
  ],
  invalid: [
    { name: 'signing disabled', plan: plan().resource(AUTH, 'a', { values: { signing_disabled: true } }), findings: [{ address: `${AUTH}.a`, attribute: 'signing_disabled', message: 'unverified tokens' }] },
    { name: 'unknown', plan: plan().resource(AUTH, 'a', { unknown: ['signing_disabled'], refs: { signing_disabled: ['var.x'] } }), findings: [{ address: `${AUTH}.a`, status: 'unknown' }] },
    { name: 'module instance', plan: plan().resource(AUTH, 'a', { module: 'module.m["x"]', values: { signing_disabled: true } }), findings: [{ address: `module.m["x"].${AUTH}.a` }] },
    { name: 'real plan: signing disabled', plan: IOT_POLICIES, findings: [{ address: `${AUTH}.signing_disabled_bad` }] },
  ],
});

ruleTester(domainTls, {
  valid: [
    { name: 'TLS 1.3 with 1.2 fallback', plan: plan().resource(DOMAIN, 'd', { values: { tls_config: [{ security_policy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' }] } }) },
    { name: 'TLS 1.3 only', plan: plan().resource(DOMAIN, 'd', { values: { tls_config: [{ security_policy: 'IoTSecurityPolicy_TLS13_1_3_2022_10' }] } }) },
    { name: 'TLS 1.2', plan: plan().resource(DOMAIN, 'd', { values: { tls_config: [{ security_policy: 'IoTSecurityPolicy_TLS12_1_2_2022_10' }] } }) },
    { name: 'no tls_config: AWS default (computed in the plan)', plan: plan().resource(DOMAIN, 'd', { values: { name: 'd', tls_config: [{}] }, unknown: ['tls_config.0.security_policy'] }) },
    { name: 'CDKTF-style: no tls_config at all', plan: plan().resource(DOMAIN, 'd', { values: { name: 'd' } }) },
    { name: 'module instance', plan: plan().resource(DOMAIN, 'd', { module: 'module.m', values: { tls_config: [{ security_policy: 'IoTSecurityPolicy_TLS13_1_2_2022_10' }] } }) },
    { name: 'real plan: TLS13_1_2', plan: IOT_POLICIES, addresses: [`${DOMAIN}.tls13_ok`] },
    { name: 'real plan (iot-scope): default policy', plan: IOT_SCOPE },
  ],
  invalid: [
    { name: 'TLS 1.0 (2015)', plan: plan().resource(DOMAIN, 'd', { values: { tls_config: [{ security_policy: 'IoTSecurityPolicy_TLS12_1_0_2015_01' }] } }), findings: [{ address: `${DOMAIN}.d`, attribute: 'tls_config[0].security_policy', message: 'accepts TLS 1.0' }] },
    { name: 'TLS 1.0 (2016)', plan: plan().resource(DOMAIN, 'd', { values: { tls_config: [{ security_policy: 'IoTSecurityPolicy_TLS12_1_0_2016_01' }] } }), findings: [{ address: `${DOMAIN}.d`, message: 'IoTSecurityPolicy_TLS12_1_0_2016_01' }] },
    { name: 'a policy name planwarden does not know', plan: plan().resource(DOMAIN, 'd', { values: { tls_config: [{ security_policy: 'CustomPolicy' }] } }), findings: [{ address: `${DOMAIN}.d`, status: 'unknown' }] },
    { name: 'wired to a variable', plan: plan().resource(DOMAIN, 'd', { values: { tls_config: [{}] }, unknown: ['tls_config.0.security_policy'], refs: { 'tls_config.security_policy': ['var.tls_policy'] } }), findings: [{ address: `${DOMAIN}.d`, status: 'unknown' }] },
    { name: 'module instance', plan: plan().resource(DOMAIN, 'd', { module: 'module.m', values: { tls_config: [{ security_policy: 'IoTSecurityPolicy_TLS12_1_0_2015_01' }] } }), findings: [{ address: `module.m.${DOMAIN}.d` }] },
    { name: 'real plan: legacy TLS', plan: IOT_POLICIES, findings: [{ address: `${DOMAIN}.legacy_tls_bad` }] },
  ],
});
