/**
 * IoT policy evaluation: does a statement cover an action and a resource, and does a whole
 * document allow a request.
 *
 * Semantics (IoT Core follows IAM's): a request is allowed when some Allow statement applies
 * and no Deny statement applies — an explicit Deny always wins; with no applicable Allow the
 * answer is an implicit deny. A statement applies when its Action (or NotAction) covers the
 * action, its Resource (or NotResource) covers the resource ARN, and its Condition holds.
 *
 * Resource matching works on the whole ARN string: `*` and `?` are the only wildcards; `#` and
 * `+` are literal characters (so `topicfilter/a/#` matches only a subscription to the filter
 * `a/#` itself, and `topic/a/#` matches no real topic). Policy variables are substituted from
 * the context before matching; an unresolved variable stays as its literal `${...}` text.
 *
 * Conditions the context cannot decide are "unknown". `unknownConditions: 'permissive'`
 * (the default) answers "could this be allowed?": an Allow with unknown conditions counts and a
 * Deny with unknown conditions does not. `'strict'` answers "is this certainly allowed?".
 */
import { actionPatternMatches } from './actions';
import { evaluateConditions } from './conditions';
import type { PolicyDocument, PolicyStatement } from './document';
import { compiledPattern, matchBound } from './pattern';
import type { Dialect, RequestContext } from './variables';

export type Applicability = 'yes' | 'no' | 'maybe';

export interface EvaluateOptions {
  readonly unknownConditions?: 'permissive' | 'strict';
}

export interface Decision {
  readonly allowed: boolean;
  readonly outcome: 'allow' | 'explicit-deny' | 'implicit-deny';
  /** Allow statements that apply (or may, under permissive conditions). */
  readonly allowedBy: readonly number[];
  /** Deny statements that apply (or may, under strict conditions). */
  readonly deniedBy: readonly number[];
  /** Statements whose conditions could not be decided and were assumed as the option says. */
  readonly assumed: readonly number[];
}

/** Shape check for a statement model handed in from outside (the evaluator must not throw on a bad one). */
export function isPolicyStatement(value: unknown): value is PolicyStatement {
  const s = value as PolicyStatement;
  return (
    typeof value === 'object' &&
    value !== null &&
    (s.effect === 'Allow' || s.effect === 'Deny') &&
    typeof s.action === 'object' &&
    s.action !== null &&
    Array.isArray(s.action.patterns) &&
    typeof s.resource === 'object' &&
    s.resource !== null &&
    Array.isArray(s.resource.patterns) &&
    Array.isArray(s.conditions)
  );
}

/** Whether the statement's Action/NotAction element covers `action` (whatever its Effect). */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean {
  if (!isPolicyStatement(statement) || typeof action !== 'string') return false;
  const listed = statement.action.patterns.some((p) => actionPatternMatches(p, action));
  return statement.action.negated ? !listed : listed;
}

/** Whether an Allow statement grants `action` by its action element (resources and conditions aside). */
export function actionGrants(statement: PolicyStatement, action: string): boolean {
  return isPolicyStatement(statement) && statement.effect === 'Allow' && statementCoversAction(statement, action);
}

/**
 * Whether a Resource pattern matches a concrete ARN, with policy variables substituted from
 * `context` (unresolved ones match only their literal text).
 */
export function resourceMatches(pattern: string, arn: string, context?: RequestContext, dialect: Dialect = 'rendered'): boolean {
  if (typeof pattern !== 'string' || typeof arn !== 'string') return false;
  return matchBound(compiledPattern(pattern, dialect), arn, context);
}

/** Whether the statement's Resource/NotResource element covers the ARN. */
export function statementCoversResource(statement: PolicyStatement, arn: string, context?: RequestContext, dialect: Dialect = 'rendered'): boolean {
  if (!isPolicyStatement(statement) || typeof arn !== 'string') return false;
  const listed = statement.resource.patterns.some((p) => resourceMatches(p, arn, context, dialect));
  return statement.resource.negated ? !listed : listed;
}

/** Whether the statement applies to the request: action, resource and (three-valued) conditions. */
export function statementApplies(statement: PolicyStatement, action: string, arn: string, context?: RequestContext, dialect: Dialect = 'rendered'): Applicability {
  if (!statementCoversAction(statement, action) || !statementCoversResource(statement, arn, context, dialect)) return 'no';
  const truth = evaluateConditions(statement, context, dialect);
  return truth === 'true' ? 'yes' : truth === 'false' ? 'no' : 'maybe';
}

/** Evaluates a request against a whole document (explicit deny wins). Never throws. */
export function evaluate(document: PolicyDocument, action: string, resourceArn: string, context?: RequestContext, options: EvaluateOptions = {}): Decision {
  const permissive = options?.unknownConditions !== 'strict';
  const allowedBy: number[] = [];
  const deniedBy: number[] = [];
  const assumed: number[] = [];
  const statements = document !== null && typeof document === 'object' && Array.isArray(document.statements) ? document.statements : [];
  const dialect: Dialect = document?.dialect === 'terraform-template' ? 'terraform-template' : 'rendered';
  for (const statement of statements) {
    if (!isPolicyStatement(statement)) continue;
    const applies = statementApplies(statement, action, resourceArn, context, dialect);
    if (applies === 'no') continue;
    if (applies === 'maybe') {
      assumed.push(statement.index);
      const counts = statement.effect === 'Allow' ? permissive : !permissive;
      if (!counts) continue;
    }
    (statement.effect === 'Allow' ? allowedBy : deniedBy).push(statement.index);
  }
  const outcome = deniedBy.length > 0 ? 'explicit-deny' : allowedBy.length > 0 ? 'allow' : 'implicit-deny';
  return { allowed: outcome === 'allow', outcome, allowedBy, deniedBy, assumed };
}

/** True when the document allows the request (see `evaluate` for the semantics). */
export function isAllowed(document: PolicyDocument, action: string, resourceArn: string, context?: RequestContext, options?: EvaluateOptions): boolean {
  return evaluate(document, action, resourceArn, context, options).allowed;
}
