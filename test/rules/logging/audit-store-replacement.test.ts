import { auditStoreReplacement } from '../../../policies/rules/logging/audit-store-replacement';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES } from './judged';

const LG = 'aws_cloudwatch_log_group';
const B = 'aws_s3_bucket';
const ACTIONS = { file: `${FIXTURES}/plan-actions.json` };

ruleTester(auditStoreReplacement, {
  valid: [
    { name: 'a log group created or updated in place is not judged', plan: plan().resource(LG, 'a', { values: { name: '/a' } }).resource(LG, 'b', { action: 'update', values: { name: '/b', retention_in_days: 2192 }, before: { name: '/b' } }) },
    { name: 'a log group replaced with skip_destroy = true keeps its events', plan: plan().resource(LG, 'a', { action: 'replace', values: { name: '/a2', skip_destroy: true }, before: { name: '/a', skip_destroy: true } }) },
    {
      name: 'a log bucket replaced without force_destroy (AWS refuses to delete it while it holds logs)',
      plan: plan().resource(B, 'logs', { action: 'replace', values: { bucket: 'logs2', force_destroy: false }, before: { bucket: 'logs', force_destroy: false } }).resource('aws_cloudtrail', 'org', { values: { s3_bucket_name: 'logs2' } }),
    },
    { name: 'a replaced bucket that holds no logs is not judged', plan: plan().resource(B, 'data', { action: 'replace', values: { bucket: 'data2', force_destroy: true }, before: { bucket: 'data', force_destroy: true } }) },
  ],
  invalid: [
    { name: 'a replaced log group', plan: plan().resource(LG, 'a', { action: 'replace', values: { name: '/a2' }, before: { name: '/a', skip_destroy: false } }), findings: [{ address: `${LG}.a`, message: 'deletes every event it holds' }] },
    {
      name: 'a CloudTrail bucket in a module replaced with force_destroy',
      plan: plan()
        .resource(B, 'this', { module: 'module.audit["org"]', action: 'replace', values: { bucket: 'trail-v2', force_destroy: true }, before: { bucket: 'trail', force_destroy: true } })
        .resource('aws_cloudtrail', 'org', { values: { s3_bucket_name: 'trail-v2' } }),
      findings: [{ address: `module.audit["org"].${B}.this`, message: 'CloudTrail log files from aws_cloudtrail.org' }],
    },
    { name: 'real plan (plan-actions): a renamed log group', plan: ACTIONS, findings: [{ address: `${LG}.app_renamed` }] },
  ],
});
