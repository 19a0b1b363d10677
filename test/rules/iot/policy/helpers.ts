/** Builders shared by the IoT policy tests (not a test file itself). */
import { parsePolicyDocument, type PolicyDocument } from '../../../../policies/rules/iot/policy/document';
import type { Dialect } from '../../../../policies/rules/iot/policy/variables';

/** ARN prefix of the account the example policies are written for. */
export const ARN = 'arn:aws:iot:us-east-1:123456789012:';

export type StatementInput = Record<string, unknown>;

/** A policy document (as JSON text, the way Terraform plans carry it) from statements. */
export function policyText(...statements: StatementInput[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** Parses and fails the test with the parse problems when the document is not valid. */
export function doc(statements: StatementInput[], dialect: Dialect = 'rendered'): PolicyDocument {
  const result = parsePolicyDocument(policyText(...statements), { dialect });
  if (!result.ok) throw new Error('test policy does not parse: ' + JSON.stringify(result.problems));
  return result.document;
}

export const allow = (action: string | string[], resource: string | string[], extra: StatementInput = {}): StatementInput => ({
  Effect: 'Allow',
  Action: action,
  Resource: resource,
  ...extra,
});

export const deny = (action: string | string[], resource: string | string[], extra: StatementInput = {}): StatementInput => ({
  Effect: 'Deny',
  Action: action,
  Resource: resource,
  ...extra,
});

export const IS_ATTACHED = { Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } } };
export const THING = '${iot:Connection.Thing.ThingName}';
export const CLIENT = '${iot:ClientId}';
