import { allowedRetentionAtLeast, logGroupRetention } from '../../../policies/rules/logging/log-group-retention';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';

const LG = 'aws_cloudwatch_log_group';
const FIXTURE = { file: `${__dirname}/../../fixtures/plans/logs-retention.json` };

ruleTester(logGroupRetention, {
  valid: [
    { name: 'omitted retention (plan shows 0: never expire)', plan: plan().resource(LG, 'a', { values: { name: '/a', retention_in_days: 0 } }) },
    { name: 'six years', plan: plan().resource(LG, 'a', { values: { retention_in_days: 2192 } }) },
    { name: 'ten years', plan: plan().resource(LG, 'a', { values: { retention_in_days: 3653 } }) },
    { name: 'CDKTF-style absent attribute (AWS default never expire)', plan: plan().resource(LG, 'a', { values: { name: '/a' } }) },
    { name: 'a lower threshold set by config', params: { minRetentionDays: 365 }, plan: plan().resource(LG, 'a', { values: { retention_in_days: 365 } }) },
    { name: 'module for_each instances with long retention', plan: plan().resource(LG, 'this', { module: 'module.svc["api"]', values: { retention_in_days: 2557 } }) },
    {
      name: 'real plan: omitted, 0, 2192, 3653, KMS and module instances',
      plan: FIXTURE,
      addresses: [
        `${LG}.retention_omitted_never_expires`,
        `${LG}.retention_zero_explicit`,
        `${LG}.retention_2192_six_years_ok`,
        `${LG}.retention_3653_ten_years_ok`,
        `${LG}.kms_encrypted_ok`,
        `module.service_logs["api"].${LG}.this`,
      ],
    },
  ],
  invalid: [
    {
      name: '30 days',
      plan: plan().resource(LG, 'a', { values: { retention_in_days: 30 } }),
      findings: [{ address: `${LG}.a`, attribute: 'retention_in_days', message: 'set retention_in_days to 2192 or more, or 0' }],
    },
    {
      name: 'an update that lowers retention says so',
      plan: plan().resource(LG, 'a', { action: 'update', values: { retention_in_days: 90 }, before: { retention_in_days: 2192 } }),
      findings: [{ address: `${LG}.a`, message: 'lowered from 2192 days' }],
    },
    {
      name: 'remediation names the next value CloudWatch accepts',
      params: { minRetentionDays: 2000 },
      plan: plan().resource(LG, 'a', { values: { retention_in_days: 1827 } }),
      findings: [{ address: `${LG}.a`, message: 'set retention_in_days to 2192 or more' }],
    },
    {
      name: 'retention known only after apply',
      plan: plan().resource(LG, 'a', { unknown: ['retention_in_days'], refs: { retention_in_days: ['var.days'] } }),
      findings: [{ address: `${LG}.a`, status: 'unknown' }],
    },
    {
      name: 'real plan: 30 and 365 days, and a 14-day module instance',
      plan: FIXTURE,
      findings: [
        { address: `${LG}.retention_30_days_bad`, message: '30 days' },
        { address: `${LG}.retention_365_days`, message: '365 days' },
        { address: `module.service_logs["worker"].${LG}.this`, message: '14 days' },
      ],
    },
  ],
});

describe('allowedRetentionAtLeast', () => {
  it.each([
    [2192, 2192],
    [2000, 2192],
    [366, 400],
    [1, 1],
    [9999, 3653],
  ])('%i → %i', (min, expected) => expect(allowedRetentionAtLeast(min)).toBe(expected));
});
