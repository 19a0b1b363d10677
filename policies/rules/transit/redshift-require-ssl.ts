/**
 * TLS-010: Redshift clusters require SSL. The switch is `require_ssl` in the cluster's parameter
 * group. Since 2025-01-10 AWS gives new clusters without a group `default.redshift-2.0`, where
 * require_ssl is true; clusters on `default.redshift-1.0` (every older cluster) accept cleartext.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { groupOf, parameterOf } from './shared/parameter-group';
import { printable, setting, setString } from './shared/setting';

const ATTRIBUTE = 'cluster_parameter_group_name';
const REMEDIATION = 'Set cluster_parameter_group_name to an aws_redshift_parameter_group with parameter { name = "require_ssl", value = "true" } (or to "default.redshift-2.0").';

/** require_ssl in AWS's default group of a family: true from redshift-2.0 on. */
function familyRequiresSsl(family: string | undefined): boolean {
  return family !== undefined && family !== 'redshift-1.0';
}

export const redshiftRequireSsl: Rule = {
  id: 'TLS-010',
  title: 'Redshift clusters require SSL connections',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_redshift_cluster'],
  rationale:
    'A Redshift cluster whose parameter group leaves require_ssl false accepts cleartext client connections, exposing query results with ePHI (164.312(e)(1), (e)(2)(ii)). Relies on: provider 5.x shows an omitted cluster_parameter_group_name as unknown; since 2025-01-10 AWS attaches default.redshift-2.0 (require_ssl = true) to new clusters, while default.redshift-1.0 (require_ssl = false) stays on existing ones; a custom group starts from its family\'s defaults.',
  remediation: REMEDIATION,
  params: {},
  docs: {
    defaults:
      'Omitted cluster_parameter_group_name on a new cluster: default.redshift-2.0 (require_ssl = true, AWS change of 2025-01-10). "default.redshift-1.0": require_ssl = false. A custom group without require_ssl inherits its family (redshift-1.0 false, redshift-2.0 true).',
    anchors: ['cdk-nag RedshiftRequireTlsSSL, AwsSolutions-RS1', 'AWS Config redshift-require-tls-ssl', 'Checkov CKV_AWS_105'],
    example: {
      fail: 'resource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier           = "phi-warehouse"\n  cluster_parameter_group_name = "default.redshift-1.0"\n  # ...\n}',
      pass: 'resource "aws_redshift_parameter_group" "tls" {\n  name   = "warehouse-tls"\n  family = "redshift-2.0"\n  parameter {\n    name  = "require_ssl"\n    value = "true"\n  }\n}\n\nresource "aws_redshift_cluster" "warehouse" {\n  cluster_identifier           = "phi-warehouse"\n  cluster_parameter_group_name = aws_redshift_parameter_group.tls.name\n  # ...\n}',
    },
  },
  check(cluster: ResourceInstance, ctx: RuleContext): Outcome {
    const group = groupOf(ctx.graph, cluster, ATTRIBUTE, ['aws_redshift_parameter_group']);
    switch (group.kind) {
      case 'unknown':
        return unknown(ATTRIBUTE, `${cluster.address}: ${ATTRIBUTE} is known only after apply and names no group in this plan; planwarden cannot confirm require_ssl = true`);
      case 'external':
        return unknown(ATTRIBUTE, `${cluster.address} uses parameter group "${group.name}", which is not in this plan; planwarden cannot confirm require_ssl = true`);
      case 'default': {
        if (group.name === undefined) {
          // Omitted: only a cluster created now gets the 2025 default group.
          return cluster.action === 'create'
            ? pass(ATTRIBUTE, `${cluster.address} gets default.redshift-2.0 (require_ssl = true) as a new cluster`)
            : unknown(ATTRIBUTE, `${cluster.address}: the parameter group of this existing cluster is not in the plan; planwarden cannot confirm require_ssl = true`);
        }
        const family = group.name.slice('default.'.length);
        return familyRequiresSsl(family)
          ? pass(ATTRIBUTE, `${cluster.address} uses ${group.name} (require_ssl = true)`)
          : fail(ATTRIBUTE, `${cluster.address} uses ${group.name}, where require_ssl is false, so clients may connect without TLS; use a parameter group with require_ssl = "true"`, { remediation: REMEDIATION });
      }
      case 'group': {
        const value = parameterOf(group.group, 'require_ssl');
        const where = `${cluster.address} uses parameter group ${group.group.address}`;
        if (value.kind === 'unknown') return unknown(ATTRIBUTE, `${where}, whose require_ssl is known only after apply`, { evidence: group.evidence });
        if (value.kind === 'set') {
          const text = String(value.value).toLowerCase();
          return text === 'true'
            ? pass(ATTRIBUTE, `${where}, which sets require_ssl = true`, { evidence: group.evidence })
            : fail(ATTRIBUTE, `${where}, which sets require_ssl = "${printable(value)}"; set require_ssl = "true" in ${group.group.address}`, { evidence: group.evidence, remediation: REMEDIATION });
        }
        const family = setString(setting(group.group, 'family'));
        return familyRequiresSsl(family)
          ? pass(ATTRIBUTE, `${where}; family ${family} has require_ssl = true by default`, { evidence: group.evidence })
          : fail(ATTRIBUTE, `${where}, which does not set require_ssl (false by default for ${family ?? 'its family'}); add parameter { name = "require_ssl", value = "true" } to ${group.group.address}`, {
              evidence: group.evidence,
              remediation: REMEDIATION,
            });
      }
    }
  },
};
