import { redshiftAuditLogging } from '../../../policies/rules/logging/redshift-audit-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const RS = 'aws_redshift_cluster';
const RL = 'aws_redshift_logging';
const NS = 'aws_redshiftserverless_namespace';
const SERVICES = { file: `${FIXTURES}/logging-services.json` };
const DATABASES = { file: `${FIXTURES}/encryption-services-databases.json` };
const cluster = { values: { cluster_identifier: 'dw' }, unknown: ['logging'] };

ruleTester(redshiftAuditLogging, {
  valid: [
    {
      name: 'aws_redshift_logging to CloudWatch, tied by reference',
      plan: plan().resource(RS, 'dw', cluster).resource(RL, 'dw', { values: { log_destination_type: 'cloudwatch', log_exports: ['useractivitylog'] }, unknown: ['cluster_identifier'], refs: { cluster_identifier: [`${RS}.dw.id`] } }),
    },
    {
      name: 'aws_redshift_logging to S3 in another module, tied by the known cluster identifier',
      plan: plan().resource(RS, 'dw', cluster).resource(RL, 'this', { module: 'module.audit', values: { cluster_identifier: 'dw', log_destination_type: 's3' }, unknown: ['bucket_name'], refs: { bucket_name: ['var.bucket'] } }),
    },
    { name: 'the deprecated inline logging block', plan: plan().resource(RS, 'dw', { values: { logging: [{ enable: true, bucket_name: 'rs-logs', log_destination_type: null }] } }) },
    { name: 'a Serverless namespace exporting all three logs', plan: plan().resource(NS, 'ns', { values: { log_exports: ['userlog', 'connectionlog', 'useractivitylog'] } }) },
    { name: 'real plan (logging-services)', plan: SERVICES, addresses: [`${RS}.logged_ok`, `${NS}.logged_ok`] },
  ],
  invalid: [
    { name: 'no audit logging (inline block unknown, no companion)', plan: plan().resource(RS, 'dw', cluster), findings: [{ address: `${RS}.dw`, attribute: 'logging' }] },
    {
      name: 'CloudWatch destination without log types',
      plan: plan().resource(RS, 'dw', cluster).resource(RL, 'dw', { values: { cluster_identifier: 'dw', log_destination_type: 'cloudwatch', log_exports: null } }),
      findings: [{ address: `${RS}.dw`, attribute: 'log_exports', related: `${RL}.dw` }],
    },
    {
      name: 'an update that turns inline logging off says so',
      plan: plan().resource(RS, 'dw', { action: 'update', values: { logging: [{ enable: false }] }, before: { logging: [{ enable: true, bucket_name: 'b' }] } }),
      findings: [{ address: `${RS}.dw`, message: 'this update turns it off' }],
    },
    {
      name: 'a companion being destroyed is named',
      plan: plan().resource(RS, 'dw', { action: 'no-op', values: { cluster_identifier: 'dw', id: 'dw' }, unknown: ['logging'] }).resource(RL, 'old', { action: 'delete', before: { cluster_identifier: 'dw', bucket_name: 'b' } }),
      findings: [{ address: `${RS}.dw`, message: `${RL}.old is being destroyed` }],
    },
    { name: 'a Serverless namespace missing user activity', plan: plan().resource(NS, 'ns', { values: { log_exports: ['userlog', 'connectionlog'] } }), findings: [{ address: `${NS}.ns`, message: 'useractivitylog' }] },
    { name: 'real plan (logging-services)', plan: SERVICES, findings: [{ address: `${RS}.unlogged_bad` }, { address: `${NS}.unlogged_bad` }] },
    { name: 'real plan (encryption-services-databases)', plan: DATABASES, findings: [{ address: `${RS}.unencrypted_bad` }] },
  ],
});

describe('LOG-017 on the real plans', () => {
  it('passes the cluster with a logging companion', () => {
    expect(judged(redshiftAuditLogging, SERVICES.file, 'pass')).toEqual([`${RS}.logged_ok`, `${NS}.logged_ok`]);
    expect(judged(redshiftAuditLogging, DATABASES.file, 'pass')).toEqual([`${RS}.encrypted_ok`]);
  });
});
