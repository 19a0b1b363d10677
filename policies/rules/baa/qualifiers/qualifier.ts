/**
 * A qualifier check: one of the list's limits on an otherwise eligible service ("excludes
 * Simple AD", "engines only", "excludes Public Workforce"), judged on one resource instance.
 * Checks return verdicts without PHI scope; the rule adds scope once, for the ones that count.
 */
import { hipaaEligibleList } from '../../../data/catalog';
import type { Outcome, ResourceInstance, RuleContext } from '../../../engine/types';

export interface QualifierCheck {
  /** The resource types it reads. */
  readonly resourceTypes: readonly string[];
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[];
}

/** The qualifiers AWS's list gives a service, verbatim, or [] when the list names none (or not the service). */
export function listQualifiers(listName: string): readonly string[] {
  return hipaaEligibleList.services.find((s) => s.name === listName)?.qualifiers ?? [];
}
