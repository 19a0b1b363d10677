/** What the generator produces before it is written: module instances holding resource instances. */
import type { PlanObject } from './plan-values';

export type GeneratedAction = 'create' | 'update' | 'no-op' | 'delete';

export interface GeneratedInstance {
  readonly address: string;
  /** '' for the root module. */
  readonly moduleAddress: string;
  readonly type: string;
  readonly name: string;
  /** count index or for_each key; undefined for a single instance. */
  readonly index: string | number | undefined;
  readonly action: GeneratedAction;
  /** The prior state (wholly known); null for a create. */
  readonly before: PlanObject | null;
  /** The planned value, with unknowns; null for a delete. */
  readonly after: PlanObject | null;
  /** Why a HIPAA rule should flag this instance, or null. Not written to the plan; used for statistics. */
  readonly violation: string | null;
}

export interface GeneratedModuleInstance {
  /** '' for the root module, e.g. module.tenant["t0042"].module.archive otherwise. */
  readonly address: string;
  /** Sorted by address, as Terraform writes them. */
  readonly instances: readonly GeneratedInstance[];
  /** Sorted by address. */
  readonly children: readonly GeneratedModuleInstance[];
}

export const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';

/** Terraform's rendering of an instance key: [0] or ["name"]. */
export function formatIndex(index: string | number | undefined): string {
  if (index === undefined) return '';
  return typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
}

export function instanceAddress(moduleAddress: string, type: string, name: string, index: string | number | undefined): string {
  const local = `${type}.${name}${formatIndex(index)}`;
  return moduleAddress === '' ? local : `${moduleAddress}.${local}`;
}

/** Go's byte-wise string order, which Terraform uses to sort addresses (not localeCompare). */
export function byAddress<T extends { readonly address: string }>(a: T, b: T): number {
  return a.address < b.address ? -1 : a.address > b.address ? 1 : 0;
}
