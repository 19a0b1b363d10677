/**
 * LOG-017: Redshift audit logging — connection, user and user-activity logs — for provisioned
 * clusters (the companion `aws_redshift_logging`, or the deprecated inline `logging` block) and
 * Redshift Serverless namespaces (`log_exports`).
 */
import type { Evidence, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { turnedOff } from './shared/change';
import { companionsOf, deletedCompanions, deletedNote } from './shared/companions';
import { destination, knownText, listText, setting, stringList } from './shared/read';

const SERVERLESS_EXPORTS = ['connectionlog', 'useractivitylog', 'userlog'];
const QUERY = { types: ['aws_redshift_logging'], attribute: 'cluster_identifier', matchValues: ['cluster_identifier', 'id'] };

/** Judges a logging destination at `prefix` on `holder` (the companion, or the cluster's inline block). */
function judgeDestination(holder: ResourceInstance, prefix: string, where: string, evidence: Evidence[]): Outcome {
  const at = (name: string) => (prefix ? `${prefix}.${name}` : name);
  const type = holder.attr(at('log_destination_type'));
  if (type.state === 'unknown') return unknown(at('log_destination_type'), `${where}: log_destination_type is known only after apply`, { evidence });
  if (knownText(type) === 'cloudwatch') {
    const exports = stringList(holder, at('log_exports'));
    if (exports.values.length > 0) return pass(at('log_exports'), `${where} sends ${listText(exports.values)} to CloudWatch Logs`, { evidence });
    if (exports.unknown) return unknown(at('log_exports'), `${where}: log_exports is known only after apply`, { evidence });
    return fail(at('log_exports'), `${where} sends audit logs to CloudWatch but exports no log type; set log_exports = ["connectionlog", "useractivitylog", "userlog"]`, { evidence });
  }
  // The cluster's inline bucket_name is computed; the companion's is not.
  const bucket = destination(holder.attr(at('bucket_name')), holder.type === 'aws_redshift_cluster');
  if (bucket === 'set') return pass(at('bucket_name'), `${where} writes audit logs to S3`, { evidence });
  if (bucket === 'unknown') return unknown(at('bucket_name'), `${where}: bucket_name is known only after apply`, { evidence });
  return fail(at('bucket_name'), `${where} enables audit logging with no destination; set bucket_name, or log_destination_type = "cloudwatch" with log_exports`, { evidence });
}

function judgeCluster(cluster: ResourceInstance, ctx: RuleContext): Outcome[] {
  const companions = companionsOf(ctx.graph, cluster, QUERY);
  if (companions.length > 0) return companions.map((c) => judgeDestination(c.join.instance, '', `${c.join.instance.address} (for ${cluster.address})`, [evidenceOf(c.join)]));
  // The inline block is computed: unknown when not written, known once written (or applied).
  const inline = cluster.attr('logging');
  if (inline.state === 'known' && Array.isArray(inline.value) && inline.value.length > 0) {
    const enable = setting(cluster.attr('logging.enable'), 'off');
    if (enable === 'unknown') return [unknown('logging.enable', `${cluster.address}: logging.enable is known only after apply`)];
    if (enable === 'on') return [judgeDestination(cluster, 'logging', cluster.address, [])];
    const change = turnedOff(cluster, 'logging.enable') ? ' (this update turns it off)' : '';
    return [fail('logging.enable', `${cluster.address} sets logging.enable = false${change}; add an aws_redshift_logging for the cluster`)];
  }
  const gone = deletedNote(deletedCompanions(ctx.graph, cluster, QUERY));
  return [fail('logging', `${cluster.address} has no audit logging${gone}; add an aws_redshift_logging with cluster_identifier = ${cluster.type}.${cluster.name}.id and an S3 or CloudWatch destination`)];
}

function judgeNamespace(namespace: ResourceInstance): Outcome {
  const exports = stringList(namespace, 'log_exports');
  const missing = SERVERLESS_EXPORTS.filter((t) => !exports.values.includes(t));
  if (missing.length === 0) return pass('log_exports', `${namespace.address} exports ${listText(SERVERLESS_EXPORTS)}`);
  if (exports.unknown) return unknown('log_exports', `${namespace.address}: log_exports is known only after apply`);
  return fail('log_exports', `${namespace.address} does not export ${listText(missing)}; set log_exports = ${JSON.stringify(SERVERLESS_EXPORTS)}`);
}

export const redshiftAuditLogging: Rule = {
  id: 'LOG-017',
  title: 'Redshift audit logging is enabled',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_redshift_cluster', 'aws_redshiftserverless_namespace'],
  rationale:
    'A warehouse of ePHI must record who connected and what they ran (164.312(b), 164.308(a)(1)(ii)(D)). Redshift keeps its system tables for a few days only; audit logging delivers connection, user and user-activity logs to S3 or CloudWatch Logs, where the family retention applies. Relies on: Redshift writes no audit logs unless logging is enabled, and Serverless namespaces default to no log exports.',
  remediation:
    'Add an aws_redshift_logging with cluster_identifier = aws_redshift_cluster.<this>.id and log_destination_type = "cloudwatch" with log_exports = ["connectionlog", "useractivitylog", "userlog"] (or an S3 bucket_name); for Serverless set log_exports on the namespace. User-activity logs also need enable_user_activity_logging = true in the parameter group.',
  params: {},
  docs: {
    defaults:
      'Redshift writes no audit logs unless enabled. Provider 5.x plans the deprecated inline logging block as unknown (computed) when omitted; aws_redshift_logging is the current way. Redshift Serverless namespaces default to log_exports = [].',
    anchors: ['cdk-nag RedshiftClusterConfiguration (logging half)', 'AWS Config redshift-cluster-configuration-check (loggingEnabled)', 'Checkov CKV_AWS_71', 'cdk-nag AwsSolutions RS5'],
    example: {
      fail: 'resource "aws_redshift_cluster" "dw" {\n  cluster_identifier = "dw"\n  node_type          = "ra3.xlplus"\n  # …\n}',
      pass: 'resource "aws_redshift_logging" "dw" {\n  cluster_identifier   = aws_redshift_cluster.dw.id\n  log_destination_type = "cloudwatch"\n  log_exports          = ["connectionlog", "useractivitylog", "userlog"]\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    return instance.type === 'aws_redshiftserverless_namespace' ? [judgeNamespace(instance)] : judgeCluster(instance, ctx);
  },
};
