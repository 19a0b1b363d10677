/**
 * LOG-016: OpenSearch / Elasticsearch domains publish audit, error and slow logs to CloudWatch
 * Logs through `log_publishing_options`.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { turnedOff } from './shared/change';
import { destination, knownText, listText, setting } from './shared/read';

const LOG_TYPES = ['AUDIT_LOGS', 'ES_APPLICATION_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS'] as const;

function requiredTypes(ctx: RuleContext): string[] {
  const v = ctx.params.requiredLogTypes;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [...LOG_TYPES];
}

export const searchDomainLogs: Rule = {
  id: 'LOG-016',
  title: 'OpenSearch domains publish audit, error and slow logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  rationale:
    'A search domain indexing ePHI answers queries that never reach CloudTrail. Audit logs record who read or changed which index, error logs record failed access, and slow logs expose bulk extraction — the activity record 164.312(b) and 164.308(a)(1)(ii)(D) ask for. None is published unless configured. Relies on: the provider plans log_publishing_options = [] when omitted and each block\'s enabled defaults to true.',
  remediation:
    'Add a log_publishing_options block per log type (AUDIT_LOGS, ES_APPLICATION_LOGS, INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS) with cloudwatch_log_group_arn set and enabled = true; audit logs also need advanced_security_options { enabled = true }.',
  params: {
    requiredLogTypes: {
      description: 'Log types every domain must publish.',
      default: [...LOG_TYPES],
      allowed: [...LOG_TYPES],
    },
  },
  docs: {
    defaults: 'Provider 5.x plans log_publishing_options = [] when omitted; each block\'s enabled defaults to true. AWS publishes nothing unless asked; AUDIT_LOGS requires fine-grained access control.',
    anchors: ['cdk-nag OpenSearchErrorLogsToCloudWatch', 'cdk-nag AwsSolutions OS9', 'AWS Config opensearch-logs-to-cloudwatch, elasticsearch-logs-to-cloudwatch', 'Checkov CKV_AWS_84, CKV_AWS_317'],
    example: {
      fail: 'resource "aws_opensearch_domain" "search" {\n  domain_name = "records"\n}',
      pass: 'resource "aws_opensearch_domain" "search" {\n  domain_name = "records"\n  log_publishing_options {\n    log_type                 = "AUDIT_LOGS"\n    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn\n  }\n  # … ES_APPLICATION_LOGS, INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS\n}',
    },
  },
  check(domain: ResourceInstance, ctx: RuleContext): Outcome {
    const whole = domain.attr('log_publishing_options');
    if (whole.state === 'unknown') return unknown('log_publishing_options', `${domain.address}: log_publishing_options is known only after apply`);
    const published = new Set<string>();
    const undecided: string[] = [];
    const switchedOff: string[] = [];
    for (const path of domain.blocks('log_publishing_options')) {
      const type = knownText(domain.attr([...path, 'log_type']));
      const on = setting(domain.attr([...path, 'enabled']), 'on');
      const target = destination(domain.attr([...path, 'cloudwatch_log_group_arn']));
      if (type === undefined) continue;
      if (on === 'on' && target === 'set') published.add(type);
      else if (on === 'unknown' || target === 'unknown') undecided.push(type);
      else if (on === 'off') switchedOff.push(`${type}${turnedOff(domain, [...path, 'enabled']) ? ' (this update turns it off)' : ''}`);
    }
    const missing = requiredTypes(ctx).filter((t) => !published.has(t));
    if (missing.length === 0) return pass('log_publishing_options', `${domain.address} publishes ${listText([...published].sort())}`);
    if (missing.every((t) => undecided.includes(t))) return unknown('log_publishing_options', `${domain.address}: whether ${listText(missing)} are published is known only after apply`);
    const audit = missing.includes('AUDIT_LOGS') && setting(domain.attr('advanced_security_options.enabled'), 'off') !== 'on' ? ' (AUDIT_LOGS also needs advanced_security_options.enabled = true)' : '';
    const off = switchedOff.length > 0 ? `; enabled = false on ${listText(switchedOff)}` : '';
    return fail('log_publishing_options', `${domain.address} does not publish ${listText(missing)}${off}${audit}; add log_publishing_options for each with a cloudwatch_log_group_arn and enabled = true`);
  },
};
