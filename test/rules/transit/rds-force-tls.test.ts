import { rdsForceTls } from '../../../policies/rules/transit/rds-force-tls';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, TRANSIT_DATA } from './fixtures';

const DB = 'aws_db_instance';
const PG = 'aws_db_parameter_group';
const group = (name: string, family: string, parameters: Array<[string, string]>) => ({
  values: { name, family, parameter: parameters.map(([n, v]) => ({ name: n, value: v, apply_method: 'immediate' })) },
});
const instance = (engine: string, version: string | undefined, extra: Record<string, string> = {}) => ({
  values: { engine, ...(version ? { engine_version: version } : {}), ...extra },
  unknown: [...(version ? [] : ['engine_version']), ...('parameter_group_name' in extra ? [] : ['parameter_group_name']), 'option_group_name'],
});

ruleTester(rdsForceTls, {
  valid: [
    { name: 'PostgreSQL 16 on its default group (rds.force_ssl defaults to 1 from 15)', plan: plan().resource(DB, 'pg', instance('postgres', '16.3')) },
    { name: 'PostgreSQL with engine_version omitted (AWS default version, 15+)', plan: plan().resource(DB, 'pg', instance('postgres', undefined)) },
    {
      name: 'MySQL with a group setting require_secure_transport = ON, joined by reference',
      plan: plan()
        .resource(PG, 'tls', group('records-tls', 'mysql8.0', [['require_secure_transport', 'ON']]))
        .resource(DB, 'mysql', { ...instance('mysql', '8.0'), unknown: ['parameter_group_name'], refs: { parameter_group_name: [`${PG}.tls.name`, `${PG}.tls`] } }),
    },
    {
      name: 'SQL Server with rds.force_ssl = 1, joined by the literal group name, in a module',
      plan: plan()
        .resource(PG, 'tls', { module: 'module.db', ...group('sql-tls', 'sqlserver-se-16.0', [['rds.force_ssl', '1']]) })
        .resource(DB, 'this', { module: 'module.db', values: { engine: 'sqlserver-se', parameter_group_name: 'sql-tls' } }),
    },
    { name: 'custom PostgreSQL 15 group that does not set rds.force_ssl inherits 1', plan: plan().resource(PG, 'tuning', group('tuning', 'postgres15', [['work_mem', '65536']])).resource(DB, 'pg', { values: { engine: 'postgres', engine_version: '15.7', parameter_group_name: 'tuning' } }) },
    { name: 'MariaDB 11.8 default group (require_secure_transport ON by default)', plan: plan().resource(DB, 'maria', instance('mariadb', '11.8.2')) },
    {
      name: 'Aurora MySQL cluster with require_secure_transport = 1',
      plan: plan()
        .resource('aws_rds_cluster_parameter_group', 'tls', group('aurora-tls', 'aurora-mysql8.0', [['require_secure_transport', '1']]))
        .resource('aws_rds_cluster', 'aurora', { values: { engine: 'aurora-mysql' }, unknown: ['db_cluster_parameter_group_name'], refs: { db_cluster_parameter_group_name: ['aws_rds_cluster_parameter_group.tls.name'] } }),
    },
    {
      name: 'Oracle with native network encryption REQUIRED',
      plan: plan()
        .resource('aws_db_option_group', 'nne', { values: { name: 'nne', option: [{ option_name: 'NATIVE_NETWORK_ENCRYPTION', option_settings: [{ name: 'SQLNET.ENCRYPTION_SERVER', value: 'REQUIRED' }] }] } })
        .resource(DB, 'ora', { values: { engine: 'oracle-ee', engine_version: '19', option_group_name: 'nne' }, unknown: ['parameter_group_name'] }),
    },
    { name: 'RDS Custom engines are not judged', plan: plan().resource(DB, 'custom', instance('custom-oracle-ee', '19')) },
    {
      name: 'real plan: PG15 default group, forcing groups (by reference, through a module variable), Oracle NNE, Aurora MySQL',
      plan: TRANSIT_DATA,
      addresses: [`${DB}.pg15_default_group_ok`, `${DB}.mysql_secure_transport_ok`, `${DB}.oracle_nne_required_ok`, `module.tenant_db["alpha"].${DB}.this`, 'aws_rds_cluster.aurora_mysql_tls_ok'],
    },
    { name: 'real plan (databases case): force_ssl groups', plan: DATABASES, addresses: [`${DB}.postgres_encrypted_ok`, 'aws_rds_cluster.aurora_pg_encrypted_ok'] },
  ],
  invalid: [
    {
      name: 'PostgreSQL 14 on its default group',
      plan: plan().resource(DB, 'pg', instance('postgres', '14.12')),
      findings: [{ address: `${DB}.pg`, attribute: 'parameter_group_name', message: 'rds.force_ssl is off' }],
    },
    {
      name: 'MySQL on a named default group',
      plan: plan().resource(DB, 'mysql', { values: { engine: 'mysql', engine_version: '5.7', parameter_group_name: 'default.mysql5.7' } }),
      findings: [{ address: `${DB}.mysql`, message: 'default.mysql5.7, where require_secure_transport is off' }],
    },
    {
      name: 'group that sets rds.force_ssl = 0',
      plan: plan().resource(PG, 'weak', group('weak', 'postgres16', [['rds.force_ssl', '0']])).resource(DB, 'pg', { values: { engine: 'postgres', engine_version: '16.3', parameter_group_name: 'weak' } }),
      findings: [{ address: `${DB}.pg`, message: 'sets rds.force_ssl = "0"', related: `${PG}.weak`, via: 'value' }],
    },
    {
      name: 'custom MySQL group without require_secure_transport',
      plan: plan().resource(PG, 'tuning', group('tuning', 'mysql8.0', [['max_connections', '200']])).resource(DB, 'mysql', { values: { engine: 'mysql', engine_version: '8.0', parameter_group_name: 'tuning' } }),
      findings: [{ address: `${DB}.mysql`, message: 'does not set require_secure_transport (off by default for mysql8.0)' }],
    },
    {
      name: 'Aurora PostgreSQL on the default cluster group',
      plan: plan().resource('aws_rds_cluster', 'aurora', { values: { engine: 'aurora-postgresql', engine_version: '16.4' }, unknown: ['db_cluster_parameter_group_name'] }),
      findings: [{ address: 'aws_rds_cluster.aurora', attribute: 'db_cluster_parameter_group_name' }],
    },
    {
      name: 'parameter group from a variable that names no group here',
      plan: plan().resource(DB, 'pg', { values: { engine: 'postgres', engine_version: '14.12' }, unknown: ['parameter_group_name'], refs: { parameter_group_name: ['var.parameter_group_name'] } }),
      findings: [{ address: `${DB}.pg`, status: 'unknown', message: 'var.parameter_group_name' }],
    },
    {
      name: 'a custom group managed outside this plan',
      plan: plan().resource(DB, 'pg', { values: { engine: 'postgres', engine_version: '14.12', parameter_group_name: 'shared-pg14' } }),
      findings: [{ address: `${DB}.pg`, status: 'unknown', message: '"shared-pg14", which is not in this plan' }],
    },
    {
      name: 'PostgreSQL on the default group with engine_version from a variable',
      plan: plan().resource(DB, 'pg', { values: { engine: 'postgres' }, unknown: ['engine_version', 'parameter_group_name'], refs: { engine_version: ['var.pg_version'] } }),
      findings: [{ address: `${DB}.pg`, status: 'unknown', attribute: 'engine_version' }],
    },
    {
      name: 'read replica / snapshot restore: engine omitted, taken from the source at apply',
      plan: plan().resource(DB, 'replica', { values: { replicate_source_db: 'records' }, unknown: ['engine', 'engine_version', 'parameter_group_name'] }),
      findings: [{ address: `${DB}.replica`, status: 'unknown', attribute: 'engine' }],
    },
    {
      name: 'real plan: PG14, MariaDB group without the parameter, SQL Server, Oracle default options, default.postgres14 through a module, Aurora PostgreSQL',
      plan: TRANSIT_DATA,
      findings: [
        { address: `${DB}.pg14_default_group_bad` },
        { address: `${DB}.mariadb_group_without_param_bad`, related: `${PG}.mariadb_tuning` },
        { address: `${DB}.sqlserver_default_bad` },
        { address: `${DB}.oracle_default_options_bad`, attribute: 'option_group_name' },
        { address: `module.tenant_db["beta"].${DB}.this`, message: 'default.postgres14' },
        { address: 'aws_rds_cluster.aurora_pg_default_bad' },
      ],
    },
  ],
});
