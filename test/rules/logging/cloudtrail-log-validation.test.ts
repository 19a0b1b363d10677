import { cloudtrailLogValidation } from '../../../policies/rules/logging/cloudtrail-log-validation';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES } from './judged';

const CT = 'aws_cloudtrail';
const FIXTURE = { file: `${FIXTURES}/logging-cloudtrail.json` };

ruleTester(cloudtrailLogValidation, {
  valid: [
    { name: 'enable_log_file_validation = true', plan: plan().resource(CT, 'a', { values: { enable_log_file_validation: true } }) },
    { name: 'a count instance with validation', plan: plan().resource(CT, 'a', { index: 0, values: { enable_log_file_validation: true } }) },
    {
      name: 'real plan: trails that validate',
      plan: FIXTURE,
      addresses: [`${CT}.audit_ok`, `${CT}.advanced_ok`, `${CT}.kms_excluded_bad`, `${CT}.read_only_bad`, `${CT}.stopped_bad`],
    },
  ],
  invalid: [
    {
      name: 'omitted (plan shows false)',
      plan: plan().resource(CT, 'a', { values: { enable_log_file_validation: false } }),
      findings: [{ address: `${CT}.a`, attribute: 'enable_log_file_validation', message: 'set enable_log_file_validation = true' }],
    },
    {
      name: 'CDKTF-style absent attribute (AWS default off)',
      plan: plan().resource(CT, 'a', { values: { name: 'a' } }),
      findings: [{ address: `${CT}.a` }],
    },
    {
      name: 'an update that turns validation off says so',
      plan: plan().resource(CT, 'a', { action: 'update', values: { enable_log_file_validation: false }, before: { enable_log_file_validation: true } }),
      findings: [{ address: `${CT}.a`, message: 'this update turns it off' }],
    },
    {
      name: 'known only after apply',
      plan: plan().resource(CT, 'a', { unknown: ['enable_log_file_validation'] }),
      findings: [{ address: `${CT}.a`, status: 'unknown' }],
    },
    {
      name: 'real plan: data_only_ok and single_region_bad omit it',
      plan: FIXTURE,
      findings: [{ address: `${CT}.data_only_ok` }, { address: `${CT}.single_region_bad` }],
    },
  ],
});
