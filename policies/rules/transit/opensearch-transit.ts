/**
 * TLS-013: OpenSearch / Elasticsearch domains encrypt every hop: clients reach the endpoint over
 * HTTPS only, with a TLS 1.2+ policy, and nodes talk to each other over TLS (node-to-node).
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { fromWhat, setBoolean, setting, setString } from './shared/setting';
import { OPENSEARCH_TLS12_POLICIES } from './shared/tls-policies';

const RECOMMENDED = 'Policy-Min-TLS-1-2-PFS-2023-10';

function judgeFlag(domain: ResourceInstance, attribute: string, what: string): Outcome {
  const value = setting(domain, attribute);
  if (value.kind === 'unknown') return unknown(attribute, `${domain.address}: ${attribute} is known only after apply${fromWhat(value)}`);
  if (setBoolean(value) === true) return pass(attribute, `${domain.address} has ${what}`);
  const why = value.kind === 'omitted' ? `omits ${attribute} (AWS default: off)` : `sets ${attribute} = false`;
  return fail(attribute, `${domain.address} ${why}, so ${what} is off; set ${attribute} = true`);
}

function judgePolicy(domain: ResourceInstance): Outcome {
  const attribute = 'domain_endpoint_options.tls_security_policy';
  const policy = setting(domain, attribute);
  if (policy.kind === 'unknown') return unknown(attribute, `${domain.address}: tls_security_policy is known only after apply${fromWhat(policy)}`);
  const value = setString(policy);
  if (value !== undefined && OPENSEARCH_TLS12_POLICIES.includes(value)) return pass(attribute, `${domain.address} uses ${value}`);
  const why =
    value === undefined
      ? 'omits tls_security_policy, so the domain keeps whatever AWS assigns (Policy-Min-TLS-1-0-2019-07, which accepts TLS 1.0, on domains created through the API)'
      : `sets tls_security_policy = "${value}", which accepts TLS 1.0 and 1.1`;
  return fail(attribute, `${domain.address} ${why}; set tls_security_policy = "${RECOMMENDED}"`);
}

export const opensearchTransit: Rule = {
  id: 'TLS-013',
  title: 'OpenSearch domains enforce HTTPS with TLS 1.2+ and node-to-node encryption',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  rationale:
    'Indexed documents and search results carry ePHI: without enforced HTTPS clients may query in cleartext, a TLS 1.0 policy falls short of NIST SP 800-52r2, and without node-to-node encryption shards replicate in cleartext (164.312(e)(1), (e)(2)(ii)). Relies on: provider 5.x shows omitted node_to_node_encryption and domain_endpoint_options as unknown; AWS leaves node-to-node encryption and enforce_https off unless asked, and the API does not document a TLS 1.2 default policy.',
  remediation: `Set node_to_node_encryption { enabled = true } and domain_endpoint_options { enforce_https = true, tls_security_policy = "${RECOMMENDED}" }.`,
  params: {},
  docs: {
    defaults: 'node_to_node_encryption, domain_endpoint_options: unknown in the plan when omitted; AWS default off / not enforced. Node-to-node encryption cannot be turned off once on.',
    anchors: [
      'cdk-nag OpenSearchNodeToNodeEncryption (HIPAA), AwsSolutions-OS2',
      'AWS Config opensearch-https-required, opensearch-node-to-node-encryption-check, elasticsearch-node-to-node-encryption-check',
      'Checkov CKV_AWS_6, CKV_AWS_83, CKV_AWS_228',
    ],
    example: {
      fail: 'resource "aws_opensearch_domain" "search" {\n  domain_name = "phi-search"\n}',
      pass: `resource "aws_opensearch_domain" "search" {\n  domain_name = "phi-search"\n  node_to_node_encryption {\n    enabled = true\n  }\n  domain_endpoint_options {\n    enforce_https       = true\n    tls_security_policy = "${RECOMMENDED}"\n  }\n}`,
    },
  },
  check(domain: ResourceInstance): Outcome[] {
    return [
      judgeFlag(domain, 'node_to_node_encryption.enabled', 'node-to-node encryption'),
      judgeFlag(domain, 'domain_endpoint_options.enforce_https', 'HTTPS enforced'),
      judgePolicy(domain),
    ];
  },
};
