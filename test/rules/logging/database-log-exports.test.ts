import { databaseLogExports } from '../../../policies/rules/logging/database-log-exports';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const DB = 'aws_db_instance';
const CLUSTER = 'aws_rds_cluster';
const SERVICES = { file: `${FIXTURES}/logging-services.json` };
const SOURCES = { file: `${FIXTURES}/encryption-storage-sources.json` };
const db = (engine: string, exports: string[] | null) => ({ values: { engine, enabled_cloudwatch_logs_exports: exports } });

ruleTester(databaseLogExports, {
  valid: [
    { name: 'postgres with postgresql and upgrade', plan: plan().resource(DB, 'pg', db('postgres', ['postgresql', 'upgrade'])) },
    { name: 'mysql with all four (extra iam-db-auth-error is fine)', plan: plan().resource(DB, 'my', db('mysql', ['audit', 'error', 'general', 'slowquery', 'iam-db-auth-error'])) },
    { name: 'oracle without oemagent', plan: plan().resource(DB, 'ora', db('oracle-ee', ['alert', 'audit', 'listener', 'trace'])) },
    { name: 'sqlserver', plan: plan().resource(DB, 'ms', db('sqlserver-se', ['agent', 'error'])) },
    { name: 'an Aurora instance is not judged (the cluster exports)', plan: plan().resource(DB, 'member', db('aurora-postgresql', null)) },
    { name: 'aurora-mysql cluster', plan: plan().resource(CLUSTER, 'c', db('aurora-mysql', ['audit', 'error', 'general', 'slowquery'])) },
    { name: 'Multi-AZ MySQL cluster (no audit export exists there)', plan: plan().resource(CLUSTER, 'c', db('mysql', ['error', 'general', 'slowquery'])) },
    { name: 'DocumentDB', plan: plan().resource('aws_docdb_cluster', 'd', db('docdb', ['audit', 'profiler'])) },
    {
      name: 'a read replica takes its engine from the source instance (engine unknown in the plan)',
      plan: plan()
        .resource(DB, 'primary', db('postgres', ['postgresql', 'upgrade']))
        .resource(DB, 'replica', { values: { enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] }, unknown: ['engine', 'replicate_source_db'], refs: { replicate_source_db: [`${DB}.primary.identifier`, `${DB}.primary`] } }),
    },
    { name: 'real plan (logging-services)', plan: SERVICES, addresses: ['module.db["full"].aws_db_instance.this', `${CLUSTER}.aurora_pg_ok`, 'aws_docdb_cluster.docdb_ok'] },
  ],
  invalid: [
    { name: 'postgres, omitted (plan: null)', plan: plan().resource(DB, 'pg', db('postgres', null)), findings: [{ address: `${DB}.pg`, message: 'enabled_cloudwatch_logs_exports = ["postgresql","upgrade"]' }] },
    { name: 'mysql without audit', plan: plan().resource(DB, 'my', db('mysql', ['error', 'general', 'slowquery'])), findings: [{ address: `${DB}.my`, message: 'does not export audit logs' }] },
    { name: 'Neptune without audit', plan: plan().resource('aws_neptune_cluster', 'n', db('neptune', null)), findings: [{ address: 'aws_neptune_cluster.n' }] },
    {
      name: 'an update that stops exporting says which',
      plan: plan().resource(DB, 'pg', { action: 'update', ...db('postgres', ['postgresql']), before: { engine: 'postgres', enabled_cloudwatch_logs_exports: ['postgresql', 'upgrade'] } }),
      findings: [{ address: `${DB}.pg`, message: 'this update stops exporting upgrade' }],
    },
    {
      name: 'exports known only after apply',
      plan: plan().resource(DB, 'pg', { values: { engine: 'postgres' }, unknown: ['enabled_cloudwatch_logs_exports'], refs: { enabled_cloudwatch_logs_exports: ['var.exports'] } }),
      findings: [{ address: `${DB}.pg`, status: 'unknown' }],
    },
    {
      name: 'one element known only after apply and a required type missing',
      plan: plan().resource(DB, 'pg', { values: { engine: 'postgres', enabled_cloudwatch_logs_exports: ['postgresql', null] }, unknown: ['enabled_cloudwatch_logs_exports.1'] }),
      findings: [{ address: `${DB}.pg`, status: 'unknown' }],
    },
    { name: 'engine unknown and no source in the plan', plan: plan().resource(DB, 'x', { unknown: ['engine'] }), findings: [{ address: `${DB}.x`, status: 'unknown', attribute: 'engine' }] },
    {
      name: 'real plan (logging-services): for_each module instance, mysql, Neptune',
      plan: SERVICES,
      findings: [{ address: 'module.db["partial"].aws_db_instance.this', message: 'upgrade' }, { address: `${DB}.mysql_bad` }, { address: 'aws_neptune_cluster.neptune_bad' }],
    },
  ],
});

describe('LOG-015 on the real plans', () => {
  it('follows replicas and snapshot restores to their source engine', () => {
    const failing = judged(databaseLogExports, SOURCES.file, 'fail');
    expect(failing).toEqual(expect.arrayContaining([`${DB}.replica_of_encrypted_ok`, `${DB}.restored_from_unencrypted_bad`]));
    expect(judged(databaseLogExports, SOURCES.file, 'unknown')).toEqual([]);
  });
  it('skips the Aurora cluster instance', () => {
    expect(judged(databaseLogExports, SERVICES.file, 'pass')).toEqual(['aws_docdb_cluster.docdb_ok', `${CLUSTER}.aurora_pg_ok`, 'module.db["full"].aws_db_instance.this']);
  });
});
