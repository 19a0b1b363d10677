/**
 * TLS-009: RDS instances and Aurora/Multi-AZ clusters refuse unencrypted connections. Every RDS
 * engine offers TLS, but most accept cleartext too unless a parameter in the DB's parameter
 * group (or, for Oracle, its option group) forces it. The group is found through the graph; an
 * AWS default group is judged by what AWS documents it sets.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { groupOf, parameterOf, versionOf } from './shared/parameter-group';
import { engineTls, type ParameterRule } from './shared/rds-engines';
import { fromWhat, printable, setting, setString } from './shared/setting';

interface Target {
  readonly groupAttribute: string;
  readonly groupTypes: readonly string[];
}

const TARGETS: Record<string, Target> = {
  aws_db_instance: { groupAttribute: 'parameter_group_name', groupTypes: ['aws_db_parameter_group'] },
  aws_rds_cluster: { groupAttribute: 'db_cluster_parameter_group_name', groupTypes: ['aws_rds_cluster_parameter_group'] },
};

function judgeParameter(db: ResourceInstance, ctx: RuleContext, target: Target, rule: ParameterRule, engine: string): Outcome {
  const attribute = target.groupAttribute;
  const engineVersion = setting(db, 'engine_version');
  const version = versionOf(setString(engineVersion));
  const group = groupOf(ctx.graph, db, attribute, target.groupTypes);
  const want = `${rule.parameter} = "${rule.setTo}"`;
  const remediation = `Point ${attribute} at a parameter group (${target.groupTypes[0]}) that sets parameter { name = "${rule.parameter}", value = "${rule.setTo}" }.`;
  switch (group.kind) {
    case 'unknown':
      return unknown(attribute, `${db.address}: ${attribute} is known only after apply${group.references.length > 0 ? ` (it comes from ${group.references[0]})` : ''} and names no group in this plan; planwarden cannot confirm ${want}`);
    case 'external':
      return unknown(attribute, `${db.address} uses parameter group "${group.name}", which is not in this plan; planwarden cannot confirm it sets ${want}`);
    case 'default': {
      const groupVersion = versionOf(group.name) ?? version;
      if (groupVersion === undefined && engineVersion.kind === 'unknown') {
        return unknown('engine_version', `${db.address} uses AWS's default parameter group and its engine_version is known only after apply${fromWhat(engineVersion)}; whether ${rule.parameter} is on by default depends on it`);
      }
      const shown = group.name ?? `AWS's default group for ${engine}${setString(engineVersion) ? ` ${setString(engineVersion)}` : ''}`;
      if (rule.defaultForces(groupVersion)) return pass(attribute, `${db.address} uses ${shown}, where AWS sets ${rule.parameter} on by default`);
      return fail(attribute, `${db.address} uses ${shown}, where ${rule.parameter} is off, so it accepts unencrypted connections; use a custom parameter group with ${want}`, { remediation });
    }
    case 'group': {
      const value = parameterOf(group.group, rule.parameter);
      const where = `${db.address} uses parameter group ${group.group.address}`;
      if (value.kind === 'unknown') return unknown(attribute, `${where}, whose ${rule.parameter} is known only after apply`, { evidence: group.evidence });
      if (value.kind === 'set') {
        const text = String(value.value);
        const shown = printable(value);
        return rule.forces(text)
          ? pass(attribute, `${where}, which sets ${rule.parameter} = "${shown}"`, { evidence: group.evidence })
          : fail(attribute, `${where}, which sets ${rule.parameter} = "${shown}", so unencrypted connections are accepted; set ${want} in ${group.group.address}`, { evidence: group.evidence, remediation });
      }
      // Not set in the custom group: the family's default applies ("postgres16", "mariadb11.8").
      const family = setString(setting(group.group, 'family'));
      if (rule.defaultForces(versionOf(family) ?? version)) return pass(attribute, `${where}; its family ${family ?? ''} turns ${rule.parameter} on by default`, { evidence: group.evidence });
      return fail(attribute, `${where}, which does not set ${rule.parameter} (off by default for ${family ?? engine}); add parameter { name = "${rule.parameter}", value = "${rule.setTo}" } to ${group.group.address}`, {
        evidence: group.evidence,
        remediation,
      });
    }
  }
}

/** Oracle forces encryption with native network encryption REQUIRED, or offers TLS through the SSL option. */
function judgeOracle(db: ResourceInstance, ctx: RuleContext): Outcome {
  const attribute = 'option_group_name';
  const remediation =
    'Point option_group_name at an aws_db_option_group with option { option_name = "NATIVE_NETWORK_ENCRYPTION", option_settings { name = "SQLNET.ENCRYPTION_SERVER", value = "REQUIRED" } } (or the SSL option).';
  const group = groupOf(ctx.graph, db, attribute, ['aws_db_option_group']);
  if (group.kind === 'default') return fail(attribute, `${db.address} uses the default option group, which neither requires native network encryption nor offers TLS; ${remediation.charAt(0).toLowerCase()}${remediation.slice(1)}`, { remediation });
  if (group.kind === 'unknown') return unknown(attribute, `${db.address}: option_group_name is known only after apply and names no option group in this plan`);
  if (group.kind === 'external') return unknown(attribute, `${db.address} uses option group "${group.name}", which is not in this plan`);
  const options = group.group.blocks('option');
  if (options.length === 0 && group.group.attr('option').state === 'unknown') return unknown(attribute, `${db.address}: the options of ${group.group.address} are known only after apply`, { evidence: group.evidence });
  for (const path of options) {
    const name = setString(setting(group.group, [...path, 'option_name']));
    if (name === 'SSL') return pass(attribute, `${db.address} offers TLS through the SSL option of ${group.group.address}`, { evidence: group.evidence });
    if (name !== 'NATIVE_NETWORK_ENCRYPTION') continue;
    for (const s of group.group.blocks([...path, 'option_settings'])) {
      if (setString(setting(group.group, [...s, 'name'])) !== 'SQLNET.ENCRYPTION_SERVER') continue;
      const value = setting(group.group, [...s, 'value']);
      if (value.kind === 'unknown') return unknown(attribute, `${db.address}: SQLNET.ENCRYPTION_SERVER in ${group.group.address} is known only after apply`, { evidence: group.evidence });
      if (setString(value)?.toUpperCase() === 'REQUIRED') return pass(attribute, `${db.address} requires native network encryption (${group.group.address})`, { evidence: group.evidence });
    }
  }
  return fail(attribute, `${db.address} uses option group ${group.group.address}, which does not set SQLNET.ENCRYPTION_SERVER = "REQUIRED" under NATIVE_NETWORK_ENCRYPTION (nor the SSL option)`, {
    evidence: group.evidence,
    remediation,
  });
}

export const rdsForceTls: Rule = {
  id: 'TLS-009',
  title: 'RDS and Aurora databases refuse unencrypted connections',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: Object.keys(TARGETS),
  rationale:
    'RDS engines offer TLS but, on most engines and versions, also accept cleartext logins and queries; only a forcing parameter makes every connection carrying ePHI encrypted (164.312(e)(1), (e)(2)(ii)). Relies on: provider 5.x shows an omitted parameter_group_name / db_cluster_parameter_group_name as unknown, and AWS then attaches its default group; AWS documents rds.force_ssl = 1 by default only for RDS PostgreSQL 15+, require_secure_transport = ON only for MariaDB 11.8+, and off for MySQL, Aurora, SQL Server and Db2.',
  remediation:
    'Attach a custom parameter group that forces TLS: rds.force_ssl = "1" (PostgreSQL, Aurora PostgreSQL, SQL Server), require_secure_transport = "ON" (MySQL, MariaDB, Aurora MySQL), db2comm = "SSL" (Db2); for Oracle an option group with NATIVE_NETWORK_ENCRYPTION and SQLNET.ENCRYPTION_SERVER = "REQUIRED".',
  params: {},
  docs: {
    defaults:
      'Omitted group: AWS default group, judged by the engine and engine_version (PostgreSQL 15+ and MariaDB 11.8+ force TLS by default; an omitted PostgreSQL engine_version means AWS\'s current default version, 15 or later). A custom group that does not set the parameter inherits its family\'s default. Aurora cluster members (aws_rds_cluster_instance) inherit the cluster\'s setting. RDS Custom engines are not checked.',
    anchors: [
      'Checkov CKV2_AWS_69 (passes when there is no parameter group; planwarden judges the default group instead)',
      'HashiCorp FSBP rds-*-encrypted-in-transit',
      'AWS Security Hub RDS.* (rds.force_ssl / require_secure_transport)',
    ],
    example: {
      fail: 'resource "aws_db_instance" "records" {\n  engine         = "mysql"\n  engine_version = "8.0"\n  # no parameter_group_name: default.mysql8.0 has require_secure_transport = OFF\n}',
      pass: 'resource "aws_db_parameter_group" "tls" {\n  name   = "records-tls"\n  family = "mysql8.0"\n  parameter {\n    name  = "require_secure_transport"\n    value = "ON"\n  }\n}\n\nresource "aws_db_instance" "records" {\n  engine               = "mysql"\n  engine_version       = "8.0"\n  parameter_group_name = aws_db_parameter_group.tls.name\n}',
    },
  },
  check(db: ResourceInstance, ctx: RuleContext): Outcome {
    const target = TARGETS[db.type];
    const engineSetting = setting(db, 'engine');
    if (engineSetting.kind === 'unknown') return unknown('engine', `${db.address}: engine is known only after apply${fromWhat(engineSetting)}`);
    if (engineSetting.kind === 'omitted' && db.type === 'aws_db_instance') {
      // A restore from a snapshot or a read replica takes its engine from the source.
      return unknown('engine', `${db.address}: engine is omitted (taken from a snapshot or source DB at apply), so planwarden cannot tell which TLS parameter applies`);
    }
    // aws_rds_cluster defaults to Aurora MySQL ("aurora-mysql" since provider 5.x).
    const engine = setString(engineSetting) ?? (db.type === 'aws_rds_cluster' ? 'aurora-mysql' : '');
    if (db.type === 'aws_db_instance' && engine.startsWith('aurora')) {
      return skip(`${db.address} is an Aurora instance; its cluster's parameter group decides TLS`);
    }
    const tls = engineTls(engine);
    if (!tls) return skip(`${db.address} runs engine "${engine}", which planwarden has no TLS setting for (RDS Custom, or not an RDS engine)`);
    if (tls.kind === 'option') return judgeOracle(db, ctx);
    return judgeParameter(db, ctx, target, tls, engine);
  },
};
