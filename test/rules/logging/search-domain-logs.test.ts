import { searchDomainLogs } from '../../../policies/rules/logging/search-domain-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const OS = 'aws_opensearch_domain';
const SEARCH = { file: `${FIXTURES}/logging-search.json` };
const STREAMS = { file: `${FIXTURES}/encryption-services-search-streams.json` };
const ALL = ['AUDIT_LOGS', 'ES_APPLICATION_LOGS', 'INDEX_SLOW_LOGS', 'SEARCH_SLOW_LOGS'];
const publish = (types: string[], extra: Record<string, unknown> = {}) =>
  types.map((log_type) => ({ log_type, cloudwatch_log_group_arn: 'arn:aws:logs:us-east-1:1:log-group:search', enabled: true, ...extra }));

ruleTester(searchDomainLogs, {
  valid: [
    { name: 'all four log types', plan: plan().resource(OS, 'd', { values: { log_publishing_options: publish(ALL) } }) },
    {
      name: 'log group ARNs known only after apply (a dynamic block: no references in the plan)',
      plan: plan().resource(OS, 'd', { values: { log_publishing_options: ALL.map((log_type) => ({ log_type, enabled: true })) }, unknown: ALL.map((_, i) => `log_publishing_options.${i}.cloudwatch_log_group_arn`) }),
    },
    {
      name: 'the anchor set only, when the config narrows requiredLogTypes',
      params: { requiredLogTypes: ['AUDIT_LOGS', 'ES_APPLICATION_LOGS'] },
      plan: plan().resource('aws_elasticsearch_domain', 'd', { values: { log_publishing_options: publish(['AUDIT_LOGS', 'ES_APPLICATION_LOGS']) } }),
    },
    { name: 'real plan (logging-search)', plan: SEARCH, addresses: [`${OS}.all_logs_ok`] },
    { name: 'real plan (search-streams) with the anchor set', params: { requiredLogTypes: ['AUDIT_LOGS', 'ES_APPLICATION_LOGS'] }, plan: STREAMS, addresses: [`${OS}.encrypted_ok`] },
  ],
  invalid: [
    {
      name: 'nothing published (plan shows [])',
      plan: plan().resource(OS, 'd', { values: { log_publishing_options: [], advanced_security_options: [] } }),
      findings: [{ address: `${OS}.d`, message: 'AUDIT_LOGS also needs advanced_security_options.enabled = true' }],
    },
    { name: 'slow logs missing', plan: plan().resource(OS, 'd', { values: { log_publishing_options: publish(['AUDIT_LOGS', 'ES_APPLICATION_LOGS']) } }), findings: [{ address: `${OS}.d`, message: 'INDEX_SLOW_LOGS and SEARCH_SLOW_LOGS' }] },
    {
      name: 'an update that switches audit logs off says so',
      plan: plan().resource(OS, 'd', {
        action: 'update',
        values: { log_publishing_options: [...publish(['AUDIT_LOGS'], { enabled: false }), ...publish(ALL.slice(1))] },
        before: { log_publishing_options: publish(ALL) },
      }),
      findings: [{ address: `${OS}.d`, message: 'AUDIT_LOGS (this update turns it off)' }],
    },
    {
      name: 'enabled known only after apply',
      plan: plan().resource(OS, 'd', { values: { log_publishing_options: [{ log_type: 'AUDIT_LOGS', cloudwatch_log_group_arn: 'arn:x' }, ...publish(ALL.slice(1))] }, unknown: ['log_publishing_options.0.enabled'] }),
      findings: [{ address: `${OS}.d`, status: 'unknown' }],
    },
    {
      name: 'real plan (logging-search)',
      plan: SEARCH,
      findings: [{ address: `${OS}.audit_disabled_bad`, message: 'enabled = false on AUDIT_LOGS' }, { address: 'aws_elasticsearch_domain.slow_only_bad', message: 'AUDIT_LOGS and ES_APPLICATION_LOGS' }],
    },
    { name: 'real plan (search-streams)', plan: STREAMS, findings: [{ address: `${OS}.defaults_bad` }, { address: `${OS}.encrypted_ok`, message: 'SLOW_LOGS' }] },
  ],
});

describe('LOG-016 on the real plan', () => {
  it('passes the domain whose log blocks come from a dynamic block', () => {
    expect(judged(searchDomainLogs, SEARCH.file, 'pass')).toEqual([`${OS}.all_logs_ok`]);
  });
});
