import { s3Versioning } from '../../../policies/rules/logging/s3-versioning';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged, PHI_TAGGED } from './judged';

const B = 'aws_s3_bucket';
const V = 'aws_s3_bucket_versioning';
const APPS = { file: `${FIXTURES}/logging-apps.json` };
const ACTIONS = { file: `${FIXTURES}/plan-actions.json` };
const S3 = { file: `${FIXTURES}/s3-encryption.json` };
const enabled = (status = 'Enabled') => ({ versioning_configuration: [{ status, mfa_delete: null }] });

ruleTester(s3Versioning, {
  valid: [
    { name: 'a companion with status Enabled', plan: plan().resource(B, 'phi', { values: { bucket: 'phi' } }).resource(V, 'phi', { values: enabled(), unknown: ['bucket'], refs: { bucket: [`${B}.phi.id`] } }) },
    {
      name: 'for_each buckets with for_each companions',
      plan: plan()
        .resource(B, 't', { index: 'a', values: { bucket: 't-a' } })
        .resource(V, 't', { index: 'a', values: enabled(), unknown: ['bucket'], refs: { bucket: [`${B}.t`, 'each.key'] } }),
    },
    { name: 'Object Lock keeps versioning on', plan: plan().resource(B, 'locked', { values: { bucket: 'locked', object_lock_enabled: true } }) },
    { name: 'the legacy inline block', plan: plan().resource(B, 'phi', { values: { bucket: 'phi', versioning: [{ enabled: true, mfa_delete: false }] } }) },
    { name: 'outside PHI scope and holding no logs', options: { phiScope: PHI_TAGGED }, plan: plan().resource(B, 'web', { values: { bucket: 'web', tags: {} } }) },
    { name: 'real plan (logging-apps)', plan: APPS, addresses: [`${B}.versioned_ok`, `${B}.locked_ok`] },
    { name: 'real plan (s3-encryption): the Enabled companion', plan: S3, addresses: [`${B}.phi_kms_ok`] },
  ],
  invalid: [
    { name: 'no versioning (plan: inline block unknown)', plan: plan().resource(B, 'phi', { values: { bucket: 'phi' }, unknown: ['versioning'] }), findings: [{ address: `${B}.phi`, attribute: V }] },
    { name: 'Suspended', plan: plan().resource(B, 'phi', { values: { bucket: 'phi' } }).resource(V, 'phi', { values: { bucket: 'phi', ...enabled('Suspended') } }), findings: [{ address: `${B}.phi`, message: 'Suspended', related: `${V}.phi` }] },
    {
      name: 'a log bucket outside PHI scope is still judged',
      options: { phiScope: PHI_TAGGED },
      plan: plan().resource(B, 'logs', { values: { bucket: 'logs', tags: {} } }).resource('aws_cloudtrail', 'org', { values: { s3_bucket_name: 'logs' } }),
      findings: [{ address: `${B}.logs`, message: 'CloudTrail log files' }],
    },
    { name: 'real plan (logging-apps)', plan: APPS, findings: [{ address: `${B}.unversioned_bad` }] },
    { name: 'real plan (plan-actions): an update that suspends versioning', plan: ACTIONS, findings: [{ address: `${B}.records`, message: '(was Enabled)' }, { address: `${B}.renamed` }] },
  ],
});

describe('LOG-026 on the real plan', () => {
  it('passes the versioned and the Object Lock bucket', () => expect(judged(s3Versioning, APPS.file, 'pass')).toEqual([`${B}.locked_ok`, `${B}.versioned_ok`]));
});
