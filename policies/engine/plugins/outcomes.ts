/**
 * A plugin rule's check() runs behind a guard, because its results cross from code planwarden
 * does not own into findings every reporter trusts: a malformed outcome (a missing message, an
 * unknown status, a Promise from an async check) is a crash (exit 3, RuleCrash), never a finding
 * that breaks a report or a result that silently passes. A throw is re-raised naming the plugin
 * file, so the exit-3 line points at the plugin rather than at planwarden.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../types';
import { thrownMessage } from './problem';

const STATUSES = new Set(['pass', 'fail', 'unknown', 'skip']);
const JOIN_KINDS = new Set(['reference', 'instance-key', 'value']);

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function optionalString(o: Record<string, unknown>, key: string, nonEmpty = false): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || (nonEmpty && v === '')) return `${key} must be ${nonEmpty ? 'a non-empty string' : 'a string'} when given`;
  return undefined;
}

/** What is wrong with one outcome, or undefined. */
function outcomeProblem(o: unknown): string | undefined {
  if (!isObject(o)) return 'an outcome must be an object like { status: "fail", message: "..." }';
  if (typeof o.status !== 'string' || !STATUSES.has(o.status)) return 'status must be one of pass, fail, unknown, skip';
  if (typeof o.message !== 'string') return 'message must be a string';
  if ((o.status === 'fail' || o.status === 'unknown') && o.message.trim() === '') return `a ${o.status} outcome needs a message naming the address and what to change`;
  const text = optionalString(o, 'attribute') ?? optionalString(o, 'remediation') ?? optionalString(o, 'address', true) ?? optionalString(o, 'scope');
  if (text) return text;
  if (o.evidence !== undefined) {
    if (!Array.isArray(o.evidence)) return 'evidence must be a list when given';
    for (const e of o.evidence as unknown[]) {
      if (!isObject(e) || typeof e.attribute !== 'string') return 'each evidence entry needs an attribute string';
      if (e.related !== undefined && (typeof e.related !== 'string' || e.related === '')) return 'evidence related must be a resource address';
      if (e.via !== undefined && !JOIN_KINDS.has(e.via as string)) return 'evidence via must be one of reference, instance-key, value';
    }
  }
  return undefined;
}

/** Checks what check() returned: undefined, an outcome, or a list of outcomes. */
function guardResult(result: unknown, where: string): Outcome[] | Outcome | undefined {
  if (result === undefined) return undefined;
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    // Its later rejection is the same bug, already reported: keep it from surfacing a second time.
    (result as PromiseLike<unknown>).then(undefined, () => undefined);
    throw new Error(`${where}: check() returned a Promise; rule checks are synchronous`);
  }
  const list = Array.isArray(result) ? (result as unknown[]) : [result];
  list.forEach((o, i) => {
    const problem = outcomeProblem(o);
    if (problem) throw new Error(`${where}: check() returned an invalid outcome${Array.isArray(result) ? ` at [${i}]` : ''}: ${problem}`);
  });
  return result as Outcome[] | Outcome;
}

/** The rule's check(), called on the plugin's own object (so `this` works), its result checked. */
export function guardedCheck(original: Pick<Rule, 'check'>, pluginLabel: string): Rule['check'] {
  const where = `plugin ${pluginLabel}`;
  const check = original.check;
  return (instance: ResourceInstance, ctx: RuleContext) => {
    let result: unknown;
    try {
      result = check.call(original, instance, ctx);
    } catch (err) {
      throw new Error(`${where}: check() threw: ${thrownMessage(err)}`);
    }
    return guardResult(result, where);
  };
}
