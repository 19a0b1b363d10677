/**
 * Flattens `configuration` expressions into attribute path → references. An expression leaf is
 * an object with `references` or `constant_value`; nested blocks are objects or lists of them.
 */
import type { JsonValue } from '../types';
import type { ExpressionIndex } from '../values';
import { isObject, ownValue } from './shape';

const MAX_DEPTH = 32;

export function stringList(v: JsonValue | undefined): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function isLeaf(v: JsonValue): boolean {
  return isObject(v) && (ownValue(v, 'references') !== undefined || ownValue(v, 'constant_value') !== undefined);
}

export function flattenExpressions(expressions: JsonValue | undefined): ExpressionIndex {
  const index = new Map<string, string[]>();
  const visit = (node: JsonValue, prefix: string, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    if (Array.isArray(node)) {
      for (const item of node) visit(item, prefix, depth + 1);
      return;
    }
    if (!isObject(node)) return;
    if (prefix !== '' && isLeaf(node)) {
      const refs = stringList(ownValue(node, 'references'));
      if (refs.length > 0) index.set(prefix, [...(index.get(prefix) ?? []), ...refs]);
      return;
    }
    for (const key of Object.keys(node)) {
      visit(node[key], prefix === '' ? key : `${prefix}.${key}`, depth + 1);
    }
  };
  if (expressions !== undefined) visit(expressions, '', 0);
  return index;
}

/** References of a `count_expression` / `for_each_expression`. */
export function iterationReferences(resource: Record<string, JsonValue>): string[] {
  const out: string[] = [];
  for (const key of ['for_each_expression', 'count_expression']) {
    const expr = ownValue(resource, key);
    if (isObject(expr)) out.push(...stringList(ownValue(expr, 'references')));
  }
  return out;
}
