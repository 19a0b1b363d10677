import { opensearchTransit } from '../../../policies/rules/transit/opensearch-transit';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { SEARCH, TRANSIT_DATA } from './fixtures';

const OS = 'aws_opensearch_domain';
const ES = 'aws_elasticsearch_domain';
const secure = (policy = 'Policy-Min-TLS-1-2-PFS-2023-10') => ({
  values: { node_to_node_encryption: [{ enabled: true }], domain_endpoint_options: [{ enforce_https: true, tls_security_policy: policy }] },
});

ruleTester(opensearchTransit, {
  valid: [
    { name: 'node-to-node, enforced HTTPS, TLS 1.2 PFS policy', plan: plan().resource(OS, 'search', secure()) },
    { name: 'Elasticsearch domain with Policy-Min-TLS-1-2-2019-07, in a module', plan: plan().resource(ES, 'this', { module: 'module.search', ...secure('Policy-Min-TLS-1-2-2019-07') }) },
    {
      name: 'CDKTF synth: single blocks written as objects',
      plan: { resource: { aws_opensearch_domain: { search: { domain_name: 'phi', node_to_node_encryption: { enabled: true }, domain_endpoint_options: { enforce_https: true, tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' } } } } },
    },
  ],
  invalid: [
    {
      name: 'everything omitted (plan: blocks unknown)',
      plan: plan().resource(OS, 'search', { values: { domain_name: 'phi' }, unknown: ['node_to_node_encryption', 'domain_endpoint_options'] }),
      findings: [
        { address: `${OS}.search`, attribute: 'node_to_node_encryption.enabled' },
        { address: `${OS}.search`, attribute: 'domain_endpoint_options.enforce_https' },
        { address: `${OS}.search`, attribute: 'domain_endpoint_options.tls_security_policy', message: 'omits tls_security_policy' },
      ],
    },
    {
      name: 'TLS 1.0 policy',
      plan: plan().resource(OS, 'search', secure('Policy-Min-TLS-1-0-2019-07')),
      findings: [{ address: `${OS}.search`, message: 'set tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"' }],
    },
    {
      name: 'enforce_https from a variable',
      plan: plan().resource(OS, 'search', {
        values: { node_to_node_encryption: [{ enabled: true }], domain_endpoint_options: [{ tls_security_policy: 'Policy-Min-TLS-1-2-2019-07' }] },
        unknown: ['domain_endpoint_options.0.enforce_https'],
        refs: { 'domain_endpoint_options.enforce_https': ['var.enforce_https'] },
      }),
      findings: [{ address: `${OS}.search`, status: 'unknown', attribute: 'domain_endpoint_options.enforce_https' }],
    },
    {
      name: 'real plan: a domain with every transit setting omitted',
      plan: SEARCH,
      findings: [
        { address: `${OS}.defaults_bad`, attribute: 'node_to_node_encryption.enabled' },
        { address: `${OS}.defaults_bad`, attribute: 'domain_endpoint_options.enforce_https' },
        { address: `${OS}.defaults_bad`, attribute: 'domain_endpoint_options.tls_security_policy' },
      ],
    },
    { name: 'real plan: Elasticsearch with the TLS 1.0 policy', plan: TRANSIT_DATA, findings: [{ address: `${ES}.tls10_bad`, message: 'Policy-Min-TLS-1-0-2019-07' }] },
  ],
});
