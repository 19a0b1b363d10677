/**
 * ENC-029: a KMS key policy does not let everyone use the key. A key that anyone can call
 * kms:Decrypt on protects nothing: the encryption of every store under it is void.
 */
import type { JsonValue, Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { knownString } from './read';

type Statement = Record<string, JsonValue>;

function isEveryone(principal: JsonValue | undefined): boolean {
  if (principal === '*') return true;
  if (Array.isArray(principal)) return principal.some(isEveryone);
  if (principal !== null && typeof principal === 'object') return Object.values(principal).some(isEveryone);
  return false;
}

function statementsOf(document: unknown): Statement[] {
  if (document === null || typeof document !== 'object' || Array.isArray(document)) return [];
  const list = (document as Record<string, JsonValue>).Statement;
  const items = Array.isArray(list) ? list : list !== undefined ? [list] : [];
  return items.filter((s): s is Statement => s !== null && typeof s === 'object' && !Array.isArray(s));
}

function hasConditions(statement: Statement): boolean {
  const condition = statement.Condition;
  return condition !== undefined && condition !== null && typeof condition === 'object' && Object.keys(condition).length > 0;
}

export const kmsKeyPolicy: Rule = {
  id: 'ENC-029',
  title: 'KMS key policies do not allow everyone to use the key',
  family: 'encryption',
  severity: 'critical',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key', 'aws_kms_external_key'],
  rationale:
    'Encryption protects ePHI only while the key is controlled (164.312(a)(2)(iv), 164.312(a)(1)). A key policy statement that allows Principal "*" without a condition lets any AWS principal — in any account — use the key if it can reach the data, so the encryption adds no access control. Statements with a condition (kms:CallerAccount, kms:ViaService, aws:PrincipalOrgID …) are accepted; planwarden does not judge whether the condition is tight enough.',
  remediation: 'Name the principals (account root, roles) in the key policy, or add a Condition such as kms:CallerAccount / aws:PrincipalOrgID to the statement that allows "*".',
  params: {},
  docs: {
    defaults: 'Provider 5.x: policy is computed; omitted, KMS applies the default key policy (the account root only), which passes. The plan shows a policy written with jsonencode() or a data source as a JSON string, unknown when it depends on values known only after apply.',
    anchors: ['Checkov CKV_AWS_33', 'AWS Config kms-cmk-not-scheduled-for-deletion (neighbour; no policy check in the HIPAA pack)'],
    example: {
      fail: 'resource "aws_kms_key" "phi" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = "*", Action = "kms:*", Resource = "*" }]\n  })\n}',
      pass: 'resource "aws_kms_key" "phi" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "kms:*", Resource = "*" }]\n  })\n}',
    },
  },
  check(key: ResourceInstance): Outcome[] {
    const policy = key.attr('policy');
    if (policy.state === 'unknown') {
      // Omitted, KMS applies its default policy (account root only); a configured policy known only after apply cannot be read.
      return policy.references.length > 0 ? [unknown('policy', `${key.address}: the key policy is known only after apply`)] : [pass('policy', `${key.address} uses the default key policy`)];
    }
    const text = knownString(policy);
    if (text === undefined) return [pass('policy', `${key.address} uses the default key policy`)];
    let document: unknown;
    try {
      document = JSON.parse(text);
    } catch {
      return [unknown('policy', `${key.address}: the key policy is not valid JSON`)];
    }
    const open = statementsOf(document).filter((s) => s.Effect === 'Allow' && (isEveryone(s.Principal) || s.NotPrincipal !== undefined) && !hasConditions(s));
    if (open.length === 0) return [pass('policy', `${key.address} grants the key only to named principals or under conditions`)];
    return open.map((s) => {
      const sid = typeof s.Sid === 'string' && s.Sid !== '' ? `statement "${s.Sid}"` : 'a statement';
      const how = s.NotPrincipal !== undefined ? 'allows every principal but those in NotPrincipal' : 'allows Principal "*"';
      return fail('policy', `${key.address} key policy ${sid} ${how} with no Condition; name the principals or add a condition such as kms:CallerAccount`);
    });
  },
};
