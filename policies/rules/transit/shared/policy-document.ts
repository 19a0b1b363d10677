/**
 * IAM policy documents reduced to what a secure-transport check asks: which statements deny
 * requests made without TLS. A document arrives either as the JSON string a resource holds
 * (aws_s3_bucket_policy.policy, aws_sqs_queue.policy, ...) or as the statement blocks of a
 * `data.aws_iam_policy_document` the plan shows before its `json` is rendered.
 */
import type { JsonValue } from '../../../engine/types';

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: string;
  /** Principals as "TYPE:identifier" ('*' for the bare "*" principal). */
  readonly principals: readonly string[];
  readonly actions: readonly string[];
  readonly notActions: boolean;
  /** undefined when the resources are not known at plan time (ARNs of resources being created). */
  readonly resources: readonly string[] | undefined;
  readonly notResources: boolean;
  readonly conditions: readonly PolicyCondition[];
}

export interface PolicyCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: readonly string[];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A block list as plan JSON writes it, or a single block object as CDKTF synth may. */
function blockList(v: unknown): Record<string, unknown>[] {
  if (Array.isArray(v)) return v.filter(isObject);
  return isObject(v) ? [v] : [];
}

function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (typeof v === 'boolean' || typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) return v.flatMap((x) => (typeof x === 'string' || typeof x === 'boolean' || typeof x === 'number' ? [String(x)] : []));
  return [];
}

function principalsOf(v: unknown): string[] {
  if (v === '*') return ['*'];
  if (!isObject(v)) return [];
  return Object.entries(v).flatMap(([type, ids]) => strings(ids).map((id) => `${type}:${id}`));
}

/** Statements of a policy JSON string; undefined when it is not a policy document. */
export function parsePolicyJson(text: string): PolicyStatement[] | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(doc)) return undefined;
  // A document without statements ("Statement": null, as some modules render an empty policy) is valid and denies nothing.
  const raw = doc.Statement;
  const list = Array.isArray(raw) ? raw : isObject(raw) ? [raw] : raw === undefined || raw === null ? [] : undefined;
  if (!list) return undefined;
  return list.filter(isObject).map((s) => {
    const conditions: PolicyCondition[] = [];
    if (isObject(s.Condition)) {
      for (const [test, pairs] of Object.entries(s.Condition)) {
        if (!isObject(pairs)) continue;
        for (const [variable, values] of Object.entries(pairs)) conditions.push({ test, variable, values: strings(values) });
      }
    }
    return {
      sid: typeof s.Sid === 'string' ? s.Sid : undefined,
      effect: typeof s.Effect === 'string' ? s.Effect : '',
      principals: principalsOf(s.Principal),
      actions: strings(s.Action ?? s.NotAction),
      notActions: s.Action === undefined && s.NotAction !== undefined,
      resources: strings(s.Resource ?? s.NotResource),
      notResources: s.Resource === undefined && s.NotResource !== undefined,
      conditions,
    };
  });
}

/**
 * Statements of a `data.aws_iam_policy_document` from its planned `statement` blocks. Values
 * Terraform does not know yet (resource ARNs) read as null inside known lists; a resource list
 * with any such element is reported as unknown.
 */
export function statementsOfPolicyDocument(statementBlocks: JsonValue | undefined): PolicyStatement[] {
  return blockList(statementBlocks).map((s) => {
    const actions = strings(s.actions);
    const notActions = strings(s.not_actions);
    const resourcesRaw = Array.isArray(s.resources) ? s.resources : Array.isArray(s.not_resources) ? s.not_resources : [];
    const resources = resourcesRaw.some((r) => typeof r !== 'string') ? undefined : strings(resourcesRaw);
    const principals = blockList(s.principals).flatMap((p) => strings(p.identifiers).map((id) => (p.type === '*' && id === '*' ? '*' : `${String(p.type)}:${id}`)));
    const conditions = blockList(s.condition).map((c) => ({
      test: typeof c.test === 'string' ? c.test : '',
      variable: typeof c.variable === 'string' ? c.variable : '',
      values: strings(c.values),
    }));
    return {
      sid: typeof s.sid === 'string' ? s.sid : undefined,
      effect: typeof s.effect === 'string' && s.effect !== '' ? s.effect : 'Allow',
      principals,
      actions: actions.length > 0 ? actions : notActions,
      notActions: actions.length === 0 && notActions.length > 0,
      resources,
      notResources: !Array.isArray(s.resources) && Array.isArray(s.not_resources),
      conditions,
    };
  });
}

/** IAM wildcard match ('*' any run, '?' one character), case-insensitive as IAM compares actions. */
export function wildcardMatches(pattern: string, value: string, caseInsensitive = false): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`, caseInsensitive ? 'is' : 's').test(value);
}

function anyonePrincipal(s: PolicyStatement): boolean {
  return s.principals.some((p) => p === '*' || p === 'AWS:*');
}

/** Condition operators that match when aws:SecureTransport is false (the "IfExists" form also matches an absent key). */
const BOOL_TESTS = new Set(['bool', 'boolifexists', 'stringequals', 'stringequalsignorecase', 'stringequalsifexists', 'stringlike']);

function deniesWithoutTls(s: PolicyStatement): boolean {
  // Every condition must hold for a statement to apply: a deny that also demands, say, a source
  // VPC would let non-TLS requests from elsewhere through, so such a statement does not count.
  if (s.conditions.length !== 1) return false;
  const c = s.conditions[0];
  return BOOL_TESTS.has(c.test.toLowerCase()) && c.variable.toLowerCase() === 'aws:securetransport' && c.values.length > 0 && c.values.every((v) => v.toLowerCase() === 'false');
}

export interface SecureTransportQuery {
  /** Actions the deny must cover, e.g. ['s3:GetObject', 's3:PutObject', 's3:ListBucket'] — tested as concrete actions. */
  readonly actions: readonly string[];
  /** Concrete resource ARNs the deny must cover; omitted when the target's ARN is not known. */
  readonly resources?: readonly string[];
}

export interface SecureTransportVerdict {
  /** The statements that deny non-TLS requests to everyone. */
  readonly denying: readonly PolicyStatement[];
  /** Actions of the query no denying statement covers. */
  readonly uncoveredActions: readonly string[];
  /** Resources of the query no denying statement covers (only when the statements' resources are known). */
  readonly uncoveredResources: readonly string[];
}

/**
 * Whether the statements deny every request made without TLS, by anyone, for the given actions
 * and resources: Effect Deny, Principal "*", Condition Bool aws:SecureTransport = false.
 */
export function secureTransportDeny(statements: readonly PolicyStatement[], query: SecureTransportQuery): SecureTransportVerdict {
  const denying = statements.filter((s) => s.effect.toLowerCase() === 'deny' && anyonePrincipal(s) && !s.notActions && !s.notResources && deniesWithoutTls(s));
  const uncoveredActions = query.actions.filter((a) => !denying.some((s) => s.actions.some((p) => wildcardMatches(p, a, true))));
  const uncoveredResources = (query.resources ?? []).filter(
    (r) => !denying.some((s) => s.resources === undefined || s.resources.some((p) => wildcardMatches(p, r))),
  );
  return { denying, uncoveredActions, uncoveredResources };
}
