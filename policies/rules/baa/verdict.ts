/** Outcomes of the BAA rules. */
import type { Outcome, ScopeDecision } from '../../engine/types';

/**
 * An outcome whose attribute is set only when the verdict rests on one (type_name, engine, a URL):
 * for most BAA findings it is the resource type itself that is wrong, and a type is no attribute.
 */
export function verdict(status: 'pass' | 'fail' | 'unknown', attribute: string | undefined, message: string, extra: Partial<Outcome> = {}): Outcome {
  return { status, message, ...(attribute !== undefined ? { attribute } : {}), ...extra };
}

/**
 * Applies PHI scope to a rule's verdicts: out of scope, a failure or unknown becomes a pass that
 * says why; in scope, it carries the reason. The decision is asked for only when something could
 * fail, since it reads tags and module paths.
 */
export function scoped(address: string, outcomes: Outcome[], decide: () => ScopeDecision): Outcome[] {
  if (outcomes.every((o) => o.status === 'pass')) return outcomes;
  const scope = decide();
  return outcomes.map((o): Outcome => {
    if (o.status === 'pass') return o;
    if (!scope.inScope) return { ...o, status: 'pass', message: `${address} is not in PHI scope (${scope.reason})`, scope: scope.reason };
    return { ...o, message: `${o.message.replace(/\.$/, '')}. PHI scope: ${scope.reason}.`, scope: scope.reason };
  });
}
