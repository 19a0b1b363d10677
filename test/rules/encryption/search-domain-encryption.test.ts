import { searchDomainEncryption } from '../../../policies/rules/encryption/search-domain-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { SEARCH_STREAMS } from './fixtures';

const OS = 'aws_opensearch_domain';

ruleTester(searchDomainEncryption, {
  valid: [
    { name: 'encrypted with aws/es', plan: plan().resource(OS, 'd', { values: { encrypt_at_rest: [{ enabled: true }] }, unknown: ['encrypt_at_rest.0.kms_key_id'] }) },
    { name: 'Elasticsearch domain encrypted with a CMK when required', params: { requireCustomerManagedKey: true }, plan: plan().resource('aws_elasticsearch_domain', 'd', { values: { encrypt_at_rest: [{ enabled: true }] }, unknown: ['encrypt_at_rest.0.kms_key_id'], refs: { 'encrypt_at_rest.kms_key_id': ['aws_kms_key.k.arn'] } }) },
    { name: 'real plan: encrypted domain', plan: SEARCH_STREAMS, addresses: [`${OS}.encrypted_ok`] },
  ],
  invalid: [
    { name: 'no encrypt_at_rest block (computed, unknown)', plan: plan().resource(OS, 'd', { unknown: ['encrypt_at_rest'] }), findings: [{ address: `${OS}.d`, attribute: 'encrypt_at_rest.enabled', message: 'no encrypt_at_rest block' }] },
    { name: 'enabled = false in a module', plan: plan().resource(OS, 'd', { module: 'module.search["logs"]', values: { encrypt_at_rest: [{ enabled: false }] } }), findings: [{ address: `module.search["logs"].${OS}.d`, message: 'enabled = false' }] },
    { name: 'enabled known only after apply', plan: plan().resource(OS, 'd', { values: { encrypt_at_rest: [{}] }, unknown: ['encrypt_at_rest.0.enabled'], refs: { 'encrypt_at_rest.enabled': ['var.enc'] } }), findings: [{ address: `${OS}.d`, status: 'unknown' }] },
    { name: 'aws/es when a CMK is required', params: { requireCustomerManagedKey: true }, plan: plan().resource(OS, 'd', { values: { encrypt_at_rest: [{ enabled: true }] }, unknown: ['encrypt_at_rest.0.kms_key_id'] }), findings: [{ address: `${OS}.d`, attribute: 'encrypt_at_rest.kms_key_id' }] },
    { name: 'real plan: defaults', plan: SEARCH_STREAMS, findings: [{ address: `${OS}.defaults_bad`, message: 'no encrypt_at_rest block' }] },
  ],
});
