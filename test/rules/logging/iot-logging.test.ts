import { iotLogging } from '../../../policies/rules/logging/iot-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const IOT = 'aws_iot_logging_options';
const SERVICES = { file: `${FIXTURES}/logging-services.json` };
const IOT_FIXTURE = { file: `${FIXTURES}/iot-policies.json` };

ruleTester(iotLogging, {
  valid: [
    { name: 'INFO', plan: plan().resource(IOT, 'a', { values: { default_log_level: 'INFO', disable_all_logs: null } }) },
    { name: 'ERROR with disable_all_logs = false', plan: plan().resource(IOT, 'a', { values: { default_log_level: 'ERROR', disable_all_logs: false } }) },
    { name: 'real plan (logging-services)', plan: SERVICES, addresses: [`${IOT}.info_ok`] },
  ],
  invalid: [
    { name: 'DISABLED', plan: plan().resource(IOT, 'a', { values: { default_log_level: 'DISABLED' } }), findings: [{ address: `${IOT}.a`, attribute: 'default_log_level' }] },
    { name: 'disable_all_logs = true', plan: plan().resource(IOT, 'a', { values: { default_log_level: 'INFO', disable_all_logs: true } }), findings: [{ address: `${IOT}.a`, attribute: 'disable_all_logs' }] },
    {
      name: 'an update to DISABLED says what it was',
      plan: plan().resource(IOT, 'a', { action: 'update', values: { default_log_level: 'DISABLED' }, before: { default_log_level: 'INFO' } }),
      findings: [{ address: `${IOT}.a`, message: '(was INFO)' }],
    },
    { name: 'level known only after apply', plan: plan().resource(IOT, 'a', { unknown: ['default_log_level'], refs: { default_log_level: ['var.level'] } }), findings: [{ address: `${IOT}.a`, status: 'unknown' }] },
    {
      name: 'real plan (iot-policies)',
      plan: IOT_FIXTURE,
      findings: [{ address: `${IOT}.all_logs_disabled_bad`, attribute: 'disable_all_logs' }, { address: `${IOT}.level_disabled_bad`, attribute: 'default_log_level' }],
    },
  ],
});

describe('LOG-024 on the real plans', () => {
  it('passes INFO', () => {
    expect(judged(iotLogging, SERVICES.file, 'pass')).toEqual([`${IOT}.info_ok`]);
    expect(judged(iotLogging, IOT_FIXTURE.file, 'pass')).toEqual([`${IOT}.info_ok`]);
  });
});
