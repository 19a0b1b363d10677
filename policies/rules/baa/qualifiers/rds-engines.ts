/**
 * The list covers Amazon RDS for "SQL Server, MySQL, Oracle, PostgreSQL, Db2 and MariaDB engines
 * only (Amazon Aurora is listed separately)". Every engine RDS offers today is one of those, so
 * this check only speaks when an engine appears that planwarden cannot place under the list's
 * words: a new engine, or a misspelt one. It says unknown, not fail, because the table below can
 * lag the list; the test of this file pins the qualifier it was written for.
 */
import type { Outcome, ResourceInstance } from '../../../engine/types';
import { knownValue, show } from '../../support';
import { LIST_NAME } from '../list';
import { verdict } from '../verdict';
import { listQualifiers, type QualifierCheck } from './qualifier';

/** The list entry whose qualifier this table implements, and the qualifier it was written for. */
export const RDS_LIST_NAME = 'Amazon Relational Database Service (Amazon RDS)';
export const RDS_QUALIFIER = 'SQL Server, MySQL, Oracle, PostgreSQL, Db2 and MariaDB engines only (Amazon Aurora is listed separately)';
/** Messages quote the data, which is what the list says today. */
const QUOTED_QUALIFIER = listQualifiers(RDS_LIST_NAME).join('; ') || RDS_QUALIFIER;

/** RDS engine names (RDS API `Engine`) → the list's words. RDS Custom engines are a deployment option of RDS for Oracle and SQL Server. */
const COVERED_ENGINES: ReadonlyArray<{ readonly pattern: RegExp; readonly listed: string }> = [
  { pattern: /^aurora(-mysql|-postgresql)?$/, listed: 'Amazon Aurora' },
  { pattern: /^mysql$/, listed: 'Amazon RDS for MySQL' },
  { pattern: /^mariadb$/, listed: 'Amazon RDS for MariaDB' },
  { pattern: /^postgres$/, listed: 'Amazon RDS for PostgreSQL' },
  { pattern: /^(custom-)?oracle-[a-z0-9-]+$/, listed: 'Amazon RDS for Oracle' },
  { pattern: /^(custom-)?sqlserver-[a-z0-9-]+$/, listed: 'Amazon RDS for SQL Server' },
  { pattern: /^db2-[a-z0-9-]+$/, listed: 'Amazon RDS for Db2' },
];

/**
 * Attributes whose presence means the engine is inherited, so an engine known only after apply
 * is the source's engine, judged where the source is defined.
 */
const ENGINE_SOURCES: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ['replicate_source_db', 'snapshot_identifier'],
  aws_rds_cluster: ['replication_source_identifier', 'snapshot_identifier', 'global_cluster_identifier'],
  aws_rds_cluster_instance: [],
  aws_rds_global_cluster: ['source_db_cluster_identifier'],
};

function inheritedFrom(instance: ResourceInstance): string | undefined {
  return (ENGINE_SOURCES[instance.type] ?? []).find((attribute) => {
    const value = instance.attr(attribute);
    return knownValue(value) !== undefined || (value.state === 'unknown' && value.references.length > 0);
  });
}

export const rdsEngines: QualifierCheck = {
  resourceTypes: Object.keys(ENGINE_SOURCES),
  check(instance: ResourceInstance): Outcome[] {
    const engine = instance.attr('engine');
    const name = knownValue(engine);
    if (typeof name === 'string') {
      const covered = COVERED_ENGINES.find((e) => e.pattern.test(name));
      if (covered !== undefined) return [verdict('pass', 'engine', `${instance.address} runs ${name} (${covered.listed})`)];
      return [
        verdict(
          'unknown',
          'engine',
          `${instance.address}: engine ${show(engine)} is not one planwarden can place under the list's RDS qualifier ("${QUOTED_QUALIFIER}", ${LIST_NAME}); check it against the live list`,
          { remediation: 'Use an engine the list names (SQL Server, MySQL, Oracle, PostgreSQL, Db2, MariaDB, or Amazon Aurora MySQL/PostgreSQL), or confirm on the live list that this engine is covered and waive the finding with that reason.' },
        ),
      ];
    }
    const source = inheritedFrom(instance);
    if (source !== undefined) return [verdict('pass', 'engine', `${instance.address} takes its engine from ${source}, judged where that source is defined`)];
    const why = engine.state === 'unknown' ? 'known only after apply' : name === undefined ? 'not set' : 'not an engine name';
    return [
      verdict('unknown', 'engine', `${instance.address}: engine is ${why}, so planwarden cannot tell whether the list covers it`, {
        remediation: 'Write engine as a literal (e.g. "postgres" or "aurora-postgresql") so the plan shows it.',
      }),
    ];
  },
};
