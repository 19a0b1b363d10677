import { ssmParameterEncryption } from '../../../policies/rules/encryption/ssm-parameter-encryption';
import { plan } from '../../support/plan-builder';
import { runRule, ruleTester } from '../../support/rule-tester';
import { DATA } from './fixtures';

const P = 'aws_ssm_parameter';
const FAKE_URL = 'postgres://app:fixture-secret-value@db.internal:5432/records';

ruleTester(ssmParameterEncryption, {
  valid: [
    { name: 'SecureString with a CMK', plan: plan().resource(P, 'p', { values: { name: '/db/password', type: 'SecureString' }, unknown: ['key_id'], refs: { key_id: ['aws_kms_key.k.arn'] } }) },
    { name: 'plain String that is not a secret', plan: plan().resource(P, 'p', { values: { name: '/app/log_level', type: 'String', value: 'INFO' }, sensitive: ['value'] }) },
    { name: 'SecureString on aws/ssm when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(P, 'p', { values: { name: '/db/password', type: 'SecureString' }, unknown: ['key_id'] }) },
    { name: 'custom secret name pattern', params: { secretNamePattern: '^/vault/' }, plan: plan().resource(P, 'p', { values: { name: '/app/password_policy_url', type: 'String', value: 'https://example.org' } }) },
    { name: 'real plan: SecureString with a CMK', plan: DATA, addresses: [`${P}.secure_string_cmk_ok`] },
  ],
  invalid: [
    { name: 'password stored as String', plan: plan().resource(P, 'p', { values: { name: '/db/password', type: 'String', value: 'x' }, sensitive: ['value'] }), findings: [{ address: `${P}.p`, attribute: 'type', message: 'set type = "SecureString"' }] },
    {
      name: 'credential in a URL, harmless name, in a module',
      plan: plan().resource(P, 'p', { module: 'module.cfg["a"]', values: { name: '/app/database_url', type: 'String', value: FAKE_URL }, sensitive: ['value'] }),
      findings: [{ address: `module.cfg["a"].${P}.p`, message: 'embeds a credential' }],
    },
    { name: 'SecureString on aws/ssm', plan: plan().resource(P, 'p', { values: { name: '/db/password', type: 'SecureString' }, unknown: ['key_id'] }), findings: [{ address: `${P}.p`, attribute: 'key_id', message: 'aws/ssm' }] },
    { name: 'type known only after apply', plan: plan().resource(P, 'p', { values: { name: '/x' }, unknown: ['type'], refs: { type: ['var.type'] } }), findings: [{ address: `${P}.p`, status: 'unknown' }] },
    {
      name: 'real plan: connection string as String, SecureString on the default key',
      plan: DATA,
      findings: [
        { address: `${P}.plain_string_secret_bad`, attribute: 'type' },
        { address: `${P}.secure_string_default_key`, attribute: 'key_id' },
      ],
    },
  ],
});

describe('ENC-017 never prints a parameter value', () => {
  it('reports the credential without echoing it', () => {
    const findings = runRule(ssmParameterEncryption, plan().resource(P, 'p', { values: { name: '/app/database_url', type: 'String', value: FAKE_URL }, sensitive: ['value'] }));
    expect(findings).toHaveLength(1);
    expect(JSON.stringify(findings)).not.toContain('fixture-secret-value');
  });
});
