import { cloudtrailLoggingEnabled } from '../../../policies/rules/logging/cloudtrail-logging-enabled';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES } from './judged';

const CT = 'aws_cloudtrail';
const FIXTURE = { file: `${FIXTURES}/logging-cloudtrail.json` };

ruleTester(cloudtrailLoggingEnabled, {
  valid: [
    { name: 'enable_logging omitted (plan shows true)', plan: plan().resource(CT, 'a', { values: { name: 'a', enable_logging: true } }) },
    { name: 'CDKTF-style absent attribute (provider default true)', plan: plan().resource(CT, 'a', { values: { name: 'a' } }) },
    { name: 'a for_each module instance that logs', plan: plan().resource(CT, 'this', { module: 'module.trail["org"]', values: { enable_logging: true } }) },
    { name: 'real plan: every trail but stopped_bad', plan: FIXTURE, addresses: [`${CT}.audit_ok`, `${CT}.advanced_ok`, `${CT}.data_only_ok`, `${CT}.kms_excluded_bad`, `${CT}.read_only_bad`, `${CT}.single_region_bad`] },
  ],
  invalid: [
    {
      name: 'enable_logging = false',
      plan: plan().resource(CT, 'a', { values: { enable_logging: false } }),
      findings: [{ address: `${CT}.a`, attribute: 'enable_logging', message: 'records nothing' }],
    },
    {
      name: 'an update that stops a logging trail says so',
      plan: plan().resource(CT, 'a', { action: 'update', values: { enable_logging: false }, before: { enable_logging: true } }),
      findings: [{ address: `${CT}.a`, message: 'this update stops a trail that is logging today' }],
    },
    {
      name: 'known only after apply',
      plan: plan().resource(CT, 'a', { unknown: ['enable_logging'], refs: { enable_logging: ['var.on'] } }),
      findings: [{ address: `${CT}.a`, status: 'unknown' }],
    },
    { name: 'real plan: stopped_bad', plan: FIXTURE, findings: [{ address: `${CT}.stopped_bad`, attribute: 'enable_logging' }] },
  ],
});
