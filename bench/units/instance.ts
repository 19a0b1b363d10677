/** Turns "this resource, in this state, built by this shape" into a GeneratedInstance. */
import { instanceAddress, type GeneratedAction, type GeneratedInstance } from '../plan-model';
import type { PlanObject } from '../plan-values';
import type { Random } from '../prng';
import type { Tags } from '../shapes/common';

/** Share of already-applied, tagged instances whose plan is an in-place update rather than a no-op. */
const UPDATE_RATE = 0.2;

export interface BuildView {
  /** Whether the object exists, so its computed attributes are known. */
  readonly existing: boolean;
  /** Build the state recorded before this plan (differs from the planned value only for an update). */
  readonly prior: boolean;
}

export interface InstanceSpec {
  readonly moduleAddress: string;
  readonly type: string;
  readonly name: string;
  readonly index?: string | number;
  readonly action: GeneratedAction;
  readonly build: (view: BuildView) => PlanObject;
  readonly violation: string | null;
}

export function makeInstance(spec: InstanceSpec): GeneratedInstance {
  const { action, build } = spec;
  let before: PlanObject | null = null;
  let after: PlanObject | null = null;
  switch (action) {
    case 'create':
      after = build({ existing: false, prior: false });
      break;
    case 'no-op':
      after = build({ existing: true, prior: false });
      before = after;
      break;
    case 'update':
      before = build({ existing: true, prior: true });
      after = build({ existing: true, prior: false });
      break;
    case 'delete':
      before = build({ existing: true, prior: true });
      break;
  }
  return {
    address: instanceAddress(spec.moduleAddress, spec.type, spec.name, spec.index),
    moduleAddress: spec.moduleAddress,
    type: spec.type,
    name: spec.name,
    index: spec.index,
    action,
    before,
    after,
    // A deleted instance is not checked, so it cannot be a violation.
    violation: action === 'delete' ? null : spec.violation,
  };
}

/**
 * The action for an instance: created when its module instance is new; otherwise no-op, or an
 * update when it has tags to change (untagged companions have nothing this generator updates).
 */
export function lifecycleAction(rng: Random, existing: boolean, updatable: boolean): GeneratedAction {
  if (!existing) return 'create';
  return updatable && rng.chance(UPDATE_RATE) ? 'update' : 'no-op';
}

/** Tags before an update: the cost-center tag is what the update changes. */
export function priorTags(tags: Tags): Tags {
  return { ...tags, CostCenter: 'unassigned' };
}
