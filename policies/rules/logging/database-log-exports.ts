/**
 * LOG-015: databases export their audit, error and activity logs to CloudWatch Logs, the set
 * depending on the engine (cdk-nag's RDSLoggingEnabled lists, with the engine values AWS
 * documents for each): RDS instances, Aurora and Multi-AZ clusters, DocumentDB, Neptune.
 */
import type { Outcome, PlanGraph, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { priorValue } from './shared/change';
import { knownText, listText, stringList } from './shared/read';

/** Required exports by engine, per resource type; first match on the engine name wins. */
const INSTANCE_EXPORTS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^(mysql|mariadb)$/, ['audit', 'error', 'general', 'slowquery']],
  [/^postgres$/, ['postgresql', 'upgrade']],
  [/^oracle-/, ['alert', 'audit', 'listener', 'trace']],
  [/^sqlserver-/, ['agent', 'error']],
  [/^db2-/, ['diag.log', 'notify.log']],
];

const CLUSTER_EXPORTS: ReadonlyArray<[RegExp, readonly string[]]> = [
  [/^(aurora|aurora-mysql)$/, ['audit', 'error', 'general', 'slowquery']],
  [/^aurora-postgresql$/, ['postgresql']],
  // Multi-AZ DB clusters: RDS for MySQL has no audit export there.
  [/^mysql$/, ['error', 'general', 'slowquery']],
  [/^postgres$/, ['postgresql', 'upgrade']],
];

const FIXED_EXPORTS: Readonly<Record<string, readonly string[]>> = {
  aws_docdb_cluster: ['audit', 'profiler'],
  aws_neptune_cluster: ['audit'],
};

function requiredExports(db: ResourceInstance, engine: string | undefined): readonly string[] | 'not-applicable' | 'unknown' {
  const fixed = FIXED_EXPORTS[db.type];
  if (fixed) return fixed;
  if (engine === undefined) return 'unknown';
  if (db.type === 'aws_db_instance' && /^aurora/.test(engine)) return 'not-applicable';
  const table = db.type === 'aws_db_instance' ? INSTANCE_EXPORTS : CLUSTER_EXPORTS;
  return table.find(([pattern]) => pattern.test(engine))?.[1] ?? 'not-applicable';
}

/**
 * The engine, following a read replica to its source and a snapshot restore to the snapshot's
 * instance: Terraform plans `engine` as unknown for both, though the source decides it.
 */
function engineOf(db: ResourceInstance, graph: PlanGraph, depth = 0): string | undefined {
  const own = knownText(db.attr('engine'));
  if (own !== undefined || depth > 3 || db.type !== 'aws_db_instance') return own;
  const source = graph.referencesOf(db, 'replicate_source_db', { types: ['aws_db_instance'], matchValues: ['identifier', 'arn', 'id'] })[0];
  if (source) return engineOf(source.instance, graph, depth + 1);
  const snapshot = graph.referencesOf(db, 'snapshot_identifier', { types: ['aws_db_snapshot', 'aws_db_snapshot_copy'], matchValues: ['db_snapshot_identifier', 'db_snapshot_arn', 'id'] })[0];
  if (!snapshot) return undefined;
  const fromSnapshot = knownText(snapshot.instance.attr('engine'));
  if (fromSnapshot !== undefined) return fromSnapshot;
  const origin = graph.referencesOf(snapshot.instance, 'db_instance_identifier', { types: ['aws_db_instance'], matchValues: ['identifier', 'id'] })[0];
  return origin ? engineOf(origin.instance, graph, depth + 1) : undefined;
}

export const databaseLogExports: Rule = {
  id: 'LOG-015',
  title: 'Databases export their audit and activity logs to CloudWatch Logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'],
  rationale:
    'Database logs record logins, failed authentications, schema changes and, with audit logging, who queried what — the activity record on ePHI that 164.312(b) and 164.308(a)(1)(ii)(D) ask for. Logs kept only on the instance rotate away within days and vanish with it; exported to CloudWatch Logs they are retained (LOG-001) and searchable. Relies on: RDS, Aurora, DocumentDB and Neptune export nothing unless enabled_cloudwatch_logs_exports lists the log types (the provider plans null).',
  remediation:
    'Set enabled_cloudwatch_logs_exports to the engine\'s log types: MySQL/MariaDB ["audit","error","general","slowquery"], PostgreSQL ["postgresql","upgrade"], Oracle ["alert","audit","listener","trace"], SQL Server ["agent","error"], Db2 ["diag.log","notify.log"], Aurora MySQL ["audit","error","general","slowquery"], Aurora PostgreSQL ["postgresql"], DocumentDB ["audit","profiler"], Neptune ["audit"]; audit, general and slow query logs also need the engine\'s parameter or option group settings.',
  params: {},
  docs: {
    defaults:
      'Provider 5.x plans enabled_cloudwatch_logs_exports = null (nothing exported) when omitted. A read replica or snapshot restore takes its engine from the source instance in the plan. Aurora instances are skipped (the cluster exports); RDS Custom and unrecognised engines are not judged. Oracle\'s oemagent log exists only with the OEM agent option and is not required, unlike cdk-nag.',
    anchors: ['cdk-nag RDSLoggingEnabled', 'AWS Config rds-logging-enabled', 'Checkov CKV_AWS_129, CKV_AWS_324, CKV_AWS_85, CKV_AWS_104, CKV_AWS_101', 'cdk-nag AwsSolutions DOC5'],
    example: {
      fail: 'resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t4g.micro"\n  # …\n}',
      pass: 'resource "aws_db_instance" "phi" {\n  engine                          = "postgres"\n  instance_class                  = "db.t4g.micro"\n  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]\n  # …\n}',
    },
  },
  check(db: ResourceInstance, ctx: RuleContext): Outcome {
    const engine = engineOf(db, ctx.graph);
    const required = requiredExports(db, engine);
    if (required === 'not-applicable') return skip(`${db.address}: engine ${engine ?? '?'} exports its logs elsewhere or not at all`);
    if (required === 'unknown') return unknown('engine', `${db.address}: engine is known only after apply; planwarden cannot tell which logs it must export`);
    const exports = stringList(db, 'enabled_cloudwatch_logs_exports');
    const missing = required.filter((t) => !exports.values.includes(t));
    if (missing.length === 0) return pass('enabled_cloudwatch_logs_exports', `${db.address} exports ${listText([...required])} logs`);
    if (exports.unknown) return unknown('enabled_cloudwatch_logs_exports', `${db.address}: enabled_cloudwatch_logs_exports is known only after apply`);
    const prior = priorValue(db, 'enabled_cloudwatch_logs_exports');
    const dropped = Array.isArray(prior) ? prior.filter((p): p is string => typeof p === 'string' && missing.includes(p)) : [];
    const change = dropped.length > 0 ? ` (this update stops exporting ${listText(dropped)})` : '';
    return fail(
      'enabled_cloudwatch_logs_exports',
      `${db.address} (${engine ?? db.type}) does not export ${listText(missing)} logs${change}; set enabled_cloudwatch_logs_exports = ${JSON.stringify(required)}`,
    );
  },
};
