import { cloudtrailCloudWatchDelivery } from '../../../policies/rules/logging/cloudtrail-cloudwatch-delivery';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES } from './judged';

const CT = 'aws_cloudtrail';
const LG = 'aws_cloudwatch_log_group';
const FIXTURE = { file: `${FIXTURES}/logging-cloudtrail.json` };

ruleTester(cloudtrailCloudWatchDelivery, {
  valid: [
    {
      name: 'literal group and role ARNs',
      plan: plan().resource(CT, 'a', { values: { cloud_watch_logs_group_arn: 'arn:aws:logs:us-east-1:111122223333:log-group:trail:*', cloud_watch_logs_role_arn: 'arn:aws:iam::111122223333:role/trail' } }),
    },
    {
      name: 'a log group in another module, wired through an output (unknown ARN)',
      plan: plan()
        .resource(LG, 'this', { module: 'module.logs' })
        .output('module.logs', 'arn', [`${LG}.this.arn`, `${LG}.this`])
        .resource(CT, 'a', {
          unknown: ['cloud_watch_logs_group_arn', 'cloud_watch_logs_role_arn'],
          refs: { cloud_watch_logs_group_arn: ['module.logs.arn', 'module.logs'], cloud_watch_logs_role_arn: ['aws_iam_role.trail.arn'] },
        }),
    },
    { name: 'real plan: audit_ok and advanced_ok', plan: FIXTURE, addresses: [`${CT}.audit_ok`, `${CT}.advanced_ok`] },
  ],
  invalid: [
    {
      name: 'no log group (plan shows null)',
      plan: plan().resource(CT, 'a', { values: { cloud_watch_logs_group_arn: null, cloud_watch_logs_role_arn: null } }),
      findings: [{ address: `${CT}.a`, attribute: 'cloud_watch_logs_group_arn' }],
    },
    {
      name: 'an applied trail shows "" for the unset ARNs',
      plan: plan().resource(CT, 'a', { action: 'no-op', values: { cloud_watch_logs_group_arn: '', cloud_watch_logs_role_arn: '' } }),
      findings: [{ address: `${CT}.a`, attribute: 'cloud_watch_logs_group_arn' }],
    },
    {
      name: 'a log group without a role',
      plan: plan().resource(CT, 'a', { values: { cloud_watch_logs_group_arn: 'arn:aws:logs:us-east-1:1:log-group:t:*', cloud_watch_logs_role_arn: null } }),
      findings: [{ address: `${CT}.a`, attribute: 'cloud_watch_logs_role_arn' }],
    },
    {
      name: 'an update that removes the delivery says what it was',
      plan: plan().resource(CT, 'a', {
        action: 'update',
        values: { cloud_watch_logs_group_arn: null, cloud_watch_logs_role_arn: null },
        before: { cloud_watch_logs_group_arn: 'arn:aws:logs:us-east-1:1:log-group:t:*', cloud_watch_logs_role_arn: 'arn:aws:iam::1:role/r' },
      }),
      findings: [{ address: `${CT}.a`, message: 'was arn:aws:logs:us-east-1:1:log-group:t:*' }],
    },
    {
      name: 'real plan: the trails without CloudWatch Logs',
      plan: FIXTURE,
      findings: ['data_only_ok', 'kms_excluded_bad', 'read_only_bad', 'single_region_bad', 'stopped_bad'].map((n) => ({ address: `${CT}.${n}` })),
    },
  ],
});
