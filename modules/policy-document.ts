/**
 * IAM-style policy documents (key, bucket, queue, topic, role and IoT policies) as typed
 * values, rendered to the JSON string Terraform expects.
 */

export type PolicyPrincipal = '*' | { readonly AWS?: string | string[]; readonly Service?: string | string[] };

/** `{ operator: { key: value } }`, e.g. `{ Bool: { 'aws:SecureTransport': 'false' } }`. */
export type PolicyConditions = Readonly<Record<string, Readonly<Record<string, string | string[]>>>>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: PolicyPrincipal;
  readonly Action: string | string[];
  /** Absent only in a role's trust policy. */
  readonly Resource?: string | string[];
  readonly Condition?: PolicyConditions;
}

export function renderPolicy(statements: readonly PolicyStatement[]): string {
  if (statements.length === 0) {
    throw new Error('a policy document needs at least one statement');
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/**
 * Deny every request on `resources` that does not arrive over TLS.
 * `actionPattern` is the service's wildcard (`s3:*`, `sqs:*`) or the one action a
 * resource policy of that service may name (`sns:Publish`).
 */
export function denyInsecureTransport(actionPattern: string, resources: string[]): PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: actionPattern,
    Resource: resources,
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

function principalIsAnyone(principal: PolicyPrincipal | undefined): boolean {
  if (principal === '*') return true;
  const aws = principal?.AWS;
  return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
}

/**
 * Escape hatches may add statements to a resource policy, but never an unconditional Allow
 * for everyone: that is a public resource, which no PHI store may be.
 */
export function assertNotPublic(statement: PolicyStatement, where: string): void {
  if (statement.Effect === 'Allow' && principalIsAnyone(statement.Principal) && !statement.Condition) {
    throw new Error(`${where}: an Allow statement for Principal "*" without a Condition would make it public`);
  }
}

/** The trust policy that lets one AWS service assume a role, optionally only on behalf of this account. */
export function serviceTrustPolicy(servicePrincipal: string, conditions?: PolicyConditions): string {
  return renderPolicy([
    {
      Effect: 'Allow',
      Principal: { Service: servicePrincipal },
      Action: 'sts:AssumeRole',
      ...(conditions ? { Condition: conditions } : {}),
    },
  ]);
}
