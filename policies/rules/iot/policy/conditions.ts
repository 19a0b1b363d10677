/**
 * Evaluates a statement's Condition block against a request context, three-valued: a static
 * analyser rarely knows every fact about a connection, so "unknown" is an answer.
 *
 * Supported: the String operators (Equals, NotEquals, EqualsIgnoreCase, NotEqualsIgnoreCase,
 * Like, NotLike), Bool and Null, each with the `IfExists` suffix and the `ForAllValues:` /
 * `ForAnyValue:` set prefixes. Keys are the IoT policy variables (variables.ts). Any other
 * operator, or a key the context does not give, is unknown. Values may contain policy
 * variables, which are substituted first.
 */
import type { ConditionEntry, PolicyStatement } from './document';
import { compiledPattern, matchBound } from './pattern';
import { describeVariable, scanTemplate, substitutedText, variableValues, type Dialect, type RequestContext } from './variables';

export type Truth = 'true' | 'false' | 'unknown';

interface Operator {
  readonly base: string;
  readonly set: 'any' | 'all' | 'none';
  readonly ifExists: boolean;
}

function parseOperator(operator: string): Operator {
  let rest = operator;
  let set: Operator['set'] = 'none';
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const qualifier = rest.slice(0, colon).toLowerCase();
    if (qualifier === 'forallvalues') set = 'all';
    else if (qualifier === 'foranyvalue') set = 'any';
    else return { base: '', set, ifExists: false };
    rest = rest.slice(colon + 1);
  }
  const ifExists = /ifexists$/i.test(rest);
  if (ifExists) rest = rest.slice(0, -'IfExists'.length);
  return { base: rest.toLowerCase(), set, ifExists };
}

function renderValue(value: string, ctx: RequestContext | undefined, dialect: Dialect): string {
  let out = '';
  for (const part of scanTemplate(value, dialect)) out += typeof part === 'string' ? part : substitutedText(part, ctx);
  return out;
}

/** Whether one context value satisfies one policy value under a positive base operator. */
function positiveMatch(base: string, actual: string, expected: string, ctx: RequestContext | undefined, dialect: Dialect): boolean | undefined {
  switch (base) {
    case 'stringequals':
    case 'stringnotequals':
      return actual === renderValue(expected, ctx, dialect);
    case 'stringequalsignorecase':
    case 'stringnotequalsignorecase':
      return actual.toLowerCase() === renderValue(expected, ctx, dialect).toLowerCase();
    case 'stringlike':
    case 'stringnotlike':
      return matchBound(compiledPattern(expected, dialect), actual, ctx);
    case 'bool':
      return actual.toLowerCase() === expected.toLowerCase();
    default:
      return undefined;
  }
}

const NEGATED = new Set(['stringnotequals', 'stringnotequalsignorecase', 'stringnotlike']);
const SUPPORTED = new Set(['stringequals', 'stringnotequals', 'stringequalsignorecase', 'stringnotequalsignorecase', 'stringlike', 'stringnotlike', 'bool', 'null']);

/** Truth of one `operator → key → values` entry. */
export function evaluateCondition(entry: ConditionEntry, ctx: RequestContext | undefined, dialect: Dialect = 'rendered'): Truth {
  const op = parseOperator(entry.operator);
  if (!SUPPORTED.has(op.base)) return 'unknown';
  const actual = variableValues(describeVariable(entry.key), ctx);
  if (op.base === 'null') {
    if (actual === undefined) return 'unknown';
    const wantsAbsent = entry.values.some((v) => v.toLowerCase() === 'true');
    return wantsAbsent ? 'false' : 'true';
  }
  // The context not knowing a key says nothing about whether the real request carries it.
  if (actual === undefined) return 'unknown';
  const negated = NEGATED.has(op.base);
  const satisfies = (value: string): boolean | undefined => {
    let any = false;
    for (const expected of entry.values) {
      const m = positiveMatch(op.base, value, expected, ctx, dialect);
      if (m === undefined) return undefined;
      if (m) any = true;
    }
    return negated ? !any : any;
  };
  const results = actual.map(satisfies);
  if (results.some((r) => r === undefined)) return 'unknown';
  const ok = op.set === 'all' ? results.every(Boolean) : results.some(Boolean);
  return ok ? 'true' : 'false';
}

/** Truth of a statement's whole Condition block (all entries must hold). */
export function evaluateConditions(statement: PolicyStatement, ctx: RequestContext | undefined, dialect: Dialect = 'rendered'): Truth {
  let result: Truth = 'true';
  for (const entry of statement.conditions) {
    const truth = evaluateCondition(entry, ctx, dialect);
    if (truth === 'false') return 'false';
    if (truth === 'unknown') result = 'unknown';
  }
  return result;
}

/** Whether the statement requires `iot:Connection.Thing.IsAttached` to be true (Bool, not IfExists). */
export function requiresIsAttached(statement: PolicyStatement): boolean {
  return statement.conditions.some((entry) => {
    const op = parseOperator(entry.operator);
    return (
      op.base === 'bool' &&
      !op.ifExists &&
      op.set === 'none' &&
      describeVariable(entry.key).kind === 'thing-is-attached' &&
      entry.values.length > 0 &&
      entry.values.every((v) => v.toLowerCase() === 'true')
    );
  });
}
