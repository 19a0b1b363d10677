import { roleAliasDuration } from '../../../policies/rules/iot/role-alias-duration';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { IOT_POLICIES, IOT_SCOPE } from './support';

const A = 'aws_iot_role_alias';

ruleTester(roleAliasDuration, {
  valid: [
    { name: 'one hour', plan: plan().resource(A, 'a', { values: { alias: 'a', credential_duration: 3600 } }) },
    { name: 'omitted (AWS default 3600)', plan: plan().resource(A, 'a', { values: { alias: 'a' } }) },
    { name: 'longer, within a raised maximum', params: { maxCredentialDurationSeconds: 7200 }, plan: plan().resource(A, 'a', { values: { credential_duration: 7200 } }) },
    { name: 'module instance', plan: plan().resource(A, 'a', { module: 'module.m["x"]', values: { credential_duration: 900 } }) },
    { name: 'real plan: 3600', plan: IOT_POLICIES, addresses: [`${A}.short_lived_ok`] },
    { name: 'real plan (iot-scope): omitted', plan: IOT_SCOPE },
  ],
  invalid: [
    { name: 'twelve hours', plan: plan().resource(A, 'a', { values: { credential_duration: 43200 } }), findings: [{ address: `${A}.a`, attribute: 'credential_duration', message: 'valid for 12 h' }] },
    { name: 'a maximum above AWS\'s range is clamped to 43200', params: { maxCredentialDurationSeconds: 99999 }, plan: plan().resource(A, 'a', { values: { credential_duration: 43201 } }), findings: [{ address: `${A}.a`, message: 'set credential_duration to 43200 seconds or less' }] },
    { name: 'a maximum below AWS\'s range is clamped to 900', params: { maxCredentialDurationSeconds: 60 }, plan: plan().resource(A, 'a', { values: { credential_duration: 1800 } }), findings: [{ address: `${A}.a`, message: 'valid for 0.5 h' }] },
    { name: 'unknown', plan: plan().resource(A, 'a', { unknown: ['credential_duration'], refs: { credential_duration: ['var.d'] } }), findings: [{ address: `${A}.a`, status: 'unknown' }] },
    { name: 'module instance', plan: plan().resource(A, 'a', { module: 'module.m', values: { credential_duration: 5400 } }), findings: [{ address: `module.m.${A}.a`, message: '1.5 h' }] },
    { name: 'real plan: 43200', plan: IOT_POLICIES, findings: [{ address: `${A}.long_lived_bad`, message: '12 h' }] },
  ],
});
