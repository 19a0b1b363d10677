/**
 * TLS-011: DocumentDB clusters keep TLS on. DocumentDB enables TLS in every default cluster
 * parameter group; it is only lost when a custom group sets `tls = disabled`.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { groupOf, parameterOf } from './shared/parameter-group';

const ATTRIBUTE = 'db_cluster_parameter_group_name';

export const docdbTls: Rule = {
  id: 'TLS-011',
  title: 'DocumentDB clusters keep TLS enabled',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_docdb_cluster'],
  rationale:
    'With tls = disabled a DocumentDB cluster accepts cleartext connections, so documents with ePHI cross the VPC unencrypted (164.312(e)(1), (e)(2)(ii)). Relies on: AWS default cluster parameter groups (default.docdb4.0, default.docdb5.0, ...) set tls = enabled, and a custom group that does not set tls inherits that.',
  remediation: 'Remove tls = "disabled" from the cluster parameter group, or set parameter { name = "tls", value = "enabled" } (or "tls1.2+").',
  params: {},
  docs: {
    defaults: 'Omitted db_cluster_parameter_group_name: the default group, tls = enabled. aws_docdb_elastic_cluster always uses TLS.',
    anchors: ['Checkov CKV_AWS_90'],
    example: {
      fail: 'resource "aws_docdb_cluster_parameter_group" "docs" {\n  family = "docdb5.0"\n  parameter {\n    name  = "tls"\n    value = "disabled"\n  }\n}',
      pass: 'resource "aws_docdb_cluster_parameter_group" "docs" {\n  family = "docdb5.0"\n  parameter {\n    name  = "tls"\n    value = "enabled"\n  }\n}',
    },
  },
  check(cluster: ResourceInstance, ctx: RuleContext): Outcome {
    const group = groupOf(ctx.graph, cluster, ATTRIBUTE, ['aws_docdb_cluster_parameter_group']);
    if (group.kind === 'default') return pass(ATTRIBUTE, `${cluster.address} uses a default cluster parameter group (tls = enabled)`);
    if (group.kind === 'external') return unknown(ATTRIBUTE, `${cluster.address} uses parameter group "${group.name}", which is not in this plan; planwarden cannot confirm tls is enabled`);
    if (group.kind === 'unknown') return unknown(ATTRIBUTE, `${cluster.address}: ${ATTRIBUTE} is known only after apply and names no group in this plan`);
    const value = parameterOf(group.group, 'tls');
    const where = `${cluster.address} uses parameter group ${group.group.address}`;
    if (value.kind === 'unknown') return unknown(ATTRIBUTE, `${where}, whose tls parameter is known only after apply`, { evidence: group.evidence });
    if (value.kind === 'set' && String(value.value).toLowerCase() === 'disabled') {
      return fail(ATTRIBUTE, `${where}, which sets tls = "disabled"; set tls = "enabled" in ${group.group.address}`, { evidence: group.evidence });
    }
    return pass(ATTRIBUTE, `${where}, which keeps tls enabled`, { evidence: group.evidence });
  },
};
