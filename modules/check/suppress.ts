/**
 * Suppressions: construct metadata with a rule id and a required reason. Kept apart from the
 * evaluator so constructs can suppress a rule without loading the rule pack.
 */
import type { Construct } from 'constructs';

export const SUPPRESSION_KEY = 'planwarden:suppress';

export interface Suppression {
  ruleId: string;
  reason: string;
}

/** Suppresses a rule on a construct and its children; the reason is required and reported. */
export function suppressRule(construct: Construct, ruleId: string, reason: string): void {
  if (!/^[A-Z]+-[A-Z0-9-]+$/.test(ruleId)) throw new Error(`planwarden: suppressRule needs a rule id like ENC-001, got "${ruleId}"`);
  if (reason.trim().length < 10) throw new Error(`planwarden: suppressing ${ruleId} on ${construct.node.path} needs a reason (10 characters or more)`);
  construct.node.addMetadata(SUPPRESSION_KEY, { ruleId, reason: reason.trim() } satisfies Suppression);
}
