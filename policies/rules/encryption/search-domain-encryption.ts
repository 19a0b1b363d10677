/**
 * ENC-013: OpenSearch and Elasticsearch domains encrypt data at rest. (Node-to-node and HTTPS
 * settings belong to the TLS family; OpenSearch Serverless, which always encrypts, is judged
 * on its key by ENC-024.)
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, unknown } from '../support';
import { customerKeyParam, judgeKey, keyContext } from './key-requirement';
import { inBlock, readSwitch } from './read';

const AWS_MANAGED = 'the AWS-managed aws/es key';

export const searchDomainEncryption: Rule = {
  id: 'ENC-013',
  title: 'OpenSearch and Elasticsearch domains encrypt data at rest',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_opensearch_domain', 'aws_elasticsearch_domain'],
  rationale:
    'Search indices built from clinical records hold ePHI, as do the domain\'s logs, swap files and automated snapshots (164.312(a)(2)(iv)). A domain is unencrypted at rest unless encrypt_at_rest { enabled = true }, and encryption can only be turned on for domains that support it, so an omitted block fails. Encrypted domains use aws/es unless kms_key_id names a key; requireCustomerManagedKey asks for a customer-managed one.',
  remediation: 'Add encrypt_at_rest { enabled = true, kms_key_id = aws_kms_key.<name>.arn }.',
  params: customerKeyParam(false, AWS_MANAGED),
  docs: {
    defaults: 'Provider 5.x: encrypt_at_rest is computed (unknown in a plan when omitted); AWS leaves such a domain unencrypted. encrypt_at_rest.kms_key_id is computed: unset means aws/es.',
    anchors: ['cdk-nag OpenSearchEncryptedAtRest', 'AWS Config opensearch-encrypted-at-rest, elasticsearch-encrypted-at-rest', 'cdk-nag AwsSolutions-OS8', 'Checkov CKV_AWS_5, CKV_AWS_247'],
    example: {
      fail: 'resource "aws_opensearch_domain" "search" {\n  domain_name = "records"\n}',
      pass: 'resource "aws_opensearch_domain" "search" {\n  domain_name = "records"\n  encrypt_at_rest {\n    enabled    = true\n    kms_key_id = aws_kms_key.search.arn\n  }\n}',
    },
  },
  check(domain: ResourceInstance, ctx: RuleContext): Outcome {
    // encrypt_at_rest is a computed block: omitted, the whole block is unknown with no expression.
    const block = domain.attr('encrypt_at_rest');
    const omitted = domain.blocks('encrypt_at_rest').length === 0 && (block.state !== 'unknown' || block.references.length === 0);
    const enabled = omitted ? 'default' : readSwitch(domain.attr(inBlock('encrypt_at_rest', 'enabled')), false);
    if (enabled === 'unknown') return unknown('encrypt_at_rest.enabled', `${domain.address}: encrypt_at_rest.enabled is known only after apply`);
    if (enabled !== 'on') {
      const how = enabled === 'off' ? 'sets encrypt_at_rest.enabled = false' : 'has no encrypt_at_rest block, so the domain is not encrypted at rest';
      return fail('encrypt_at_rest.enabled', `${domain.address} ${how}; add encrypt_at_rest { enabled = true }`);
    }
    return judgeKey({ instance: domain, path: inBlock('encrypt_at_rest', 'kms_key_id'), serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keyContext(ctx) });
  },
};
