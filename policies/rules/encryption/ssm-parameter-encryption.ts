/**
 * ENC-017: SSM parameters that hold secrets are SecureString, encrypted with a customer-managed
 * key. A parameter "holds a secret" when its name says so (password, token, key, …) or its value
 * carries credentials (a URL with user:password@). The value is read to decide, never printed.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, keyContext } from './key-requirement';
import { knownString } from './read';

const AWS_MANAGED = 'the AWS-managed aws/ssm key';
export const DEFAULT_SECRET_NAME_PATTERN =
  '(pass(word|wd|phrase)?|pwd|secret|token|api[-_]?key|private[-_]?key|access[-_]?key|credential|auth[-_]?(token|key|secret|code)|connection[-_]?string|conn[-_]?str|dsn|signing[-_]?key|client[-_]?secret)';
/** scheme://user:password@host — a credential embedded in a URL or connection string. */
const CREDENTIAL_IN_URL = /^[a-z][a-z0-9+.-]*:\/\/[^\s/:@]+:[^\s/@]+@/i;

function secretNamePattern(param: unknown): RegExp {
  if (typeof param === 'string' && param !== '') {
    try {
      return new RegExp(param, 'i');
    } catch {
      // A bad pattern in config must not silently turn the rule off: fall back to the default.
    }
  }
  return new RegExp(DEFAULT_SECRET_NAME_PATTERN, 'i');
}

/** Why the parameter looks like a secret, or undefined. Never includes the value. */
function secretReason(parameter: ResourceInstance, pattern: RegExp): string | undefined {
  const name = knownString(parameter.attr('name'));
  if (name !== undefined && pattern.test(name)) return `its name ${JSON.stringify(name)} says it holds a secret`;
  for (const attribute of ['value', 'insecure_value']) {
    const value = knownString(parameter.attr(attribute));
    if (value !== undefined && CREDENTIAL_IN_URL.test(value.trim())) return `its ${attribute} embeds a credential (user:password@ in a URL)`;
  }
  return undefined;
}

export const ssmParameterEncryption: Rule = {
  id: 'ENC-017',
  title: 'SSM parameters holding secrets are SecureString with a customer-managed key',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(d)'],
  resourceTypes: ['aws_ssm_parameter'],
  rationale:
    'Credentials to systems holding ePHI must be protected (164.312(d)) and encrypted at rest (164.312(a)(2)(iv)). String and StringList parameters are stored in plain text and readable by anyone with ssm:GetParameter; SecureString parameters are encrypted with KMS, by default with aws/ssm. planwarden requires SecureString for parameters whose name or value marks them as secrets, and a customer-managed key on every SecureString by default; requireCustomerManagedKey = false accepts aws/ssm.',
  remediation: 'Set type = "SecureString" and key_id to a customer-managed aws_kms_key; rotate the secret, since its old value was stored in plain text.',
  params: {
    ...customerKeyParam(true, AWS_MANAGED),
    secretNamePattern: {
      description: 'Case-insensitive regular expression: parameters whose name matches hold secrets and must be SecureString.',
      default: DEFAULT_SECRET_NAME_PATTERN,
    },
  },
  docs: {
    defaults: 'Provider 5.x: type is required; key_id is computed (unset = aws/ssm for SecureString); value is sensitive (never shown by planwarden). AWS: String and StringList values are not encrypted.',
    anchors: ['Checkov CKV2_AWS_34 (SecureString), CKV_AWS_337 (CMK)'],
    example: {
      fail: 'resource "aws_ssm_parameter" "db_password" {\n  name  = "/records/db/password"\n  type  = "String"\n  value = var.db_password\n}',
      pass: 'resource "aws_ssm_parameter" "db_password" {\n  name   = "/records/db/password"\n  type   = "SecureString"\n  key_id = aws_kms_key.params.arn\n  value  = var.db_password\n}',
    },
  },
  check(parameter: ResourceInstance, ctx: RuleContext): Outcome {
    const type = parameter.attr('type');
    if (type.state === 'unknown') return unknown('type', `${parameter.address}: type is known only after apply`);
    if (knownString(type) === 'SecureString') {
      return judgeKey({ instance: parameter, path: 'key_id', serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keyContext(ctx) });
    }
    const reason = secretReason(parameter, secretNamePattern(ctx.params.secretNamePattern));
    if (reason === undefined) return pass('type', `${parameter.address} does not look like a secret`);
    return fail('type', `${parameter.address} is type ${JSON.stringify(knownString(type) ?? 'String')} (plain text) but ${reason}; set type = "SecureString" with key_id = a customer-managed aws_kms_key`);
  },
};
