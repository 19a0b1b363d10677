/**
 * Companion lookups the logging rules share: "the aws_flow_log whose vpc_id is this VPC", with
 * two shapes the graph alone cannot tie.
 *
 * - Locals. Terraform's JSON configuration carries no `locals` expressions, so a companion
 *   written `vpc_id = local.vpc_id` (terraform-aws-modules/vpc does exactly this) has references
 *   the graph cannot follow. When such a companion sits in the same module instance as the
 *   only resource of the target's type there, it can only mean that resource; the finding says
 *   the tie was inferred.
 * - Deletions. A companion being destroyed is not a companion any more, but a finding is far
 *   more useful when it says "aws_flow_log.main is being destroyed" than "no flow log".
 */
import type { Join, PlanGraph, ResourceInstance } from '../../../engine/types';

export interface CompanionQuery {
  readonly types: readonly string[];
  readonly attribute: string;
  /** Attributes of the target whose known values may also tie a companion (name, id, ARN). */
  readonly matchValues?: readonly string[];
}

/** A companion, and whether the tie was inferred from a local value in the same module instance. */
export interface Companion {
  readonly join: Join;
  readonly inferred: boolean;
}

/** Companions of `target` by reference or value, plus those tied only through a local value (see above). */
export function companionsOf(graph: PlanGraph, target: ResourceInstance, query: CompanionQuery): Companion[] {
  // No instance of a companion type in the plan: nothing can refer, match or be inferred.
  if (query.types.every((type) => graph.byType(type).length === 0)) return [];
  const direct = graph.referrers(target, query).map((join) => ({ join, inferred: false }));
  if (direct.length > 0) return direct;
  return inferredThroughLocals(graph, target, query).map((join) => ({ join, inferred: true }));
}

const moduleIndexes = new WeakMap<PlanGraph, Map<string, Map<string, ResourceInstance[]>>>();

/** Live managed instances of `type` in one module instance; indexed once per graph and type. */
function inModule(graph: PlanGraph, type: string, moduleAddress: string): readonly ResourceInstance[] {
  let byType = moduleIndexes.get(graph);
  if (!byType) moduleIndexes.set(graph, (byType = new Map()));
  let byModule = byType.get(type);
  if (!byModule) {
    byModule = new Map();
    for (const i of graph.byType(type)) {
      if (i.mode !== 'managed' || i.action === 'delete') continue;
      const list = byModule.get(i.moduleAddress) ?? [];
      list.push(i);
      byModule.set(i.moduleAddress, list);
    }
    byType.set(type, byModule);
  }
  return byModule.get(moduleAddress) ?? [];
}

function inferredThroughLocals(graph: PlanGraph, target: ResourceInstance, query: CompanionQuery): Join[] {
  const peers = inModule(graph, target.type, target.moduleAddress);
  if (peers.length !== 1 || peers[0] !== target) return [];
  const joins: Join[] = [];
  for (const type of query.types) {
    for (const candidate of inModule(graph, type, target.moduleAddress)) {
      const value = candidate.attr(query.attribute);
      if (value.state !== 'unknown') continue;
      const refs = value.references;
      if (!refs.some((r) => r.startsWith('local.')) || refs.some((r) => !r.startsWith('local.') && !r.startsWith('var.'))) continue;
      // Something the graph can resolve (a variable wired to a resource) is not an inference case.
      if (graph.referencesOf(candidate, query.attribute).length > 0) continue;
      joins.push({ instance: candidate, attribute: query.attribute, via: 'reference' });
    }
  }
  return joins;
}

/**
 * Companions planned for deletion that pointed at `target`: their prior `attribute` equals one of
 * the target's known `matchValues` (an existing VPC's id, an existing bucket's name).
 */
export function deletedCompanions(graph: PlanGraph, target: ResourceInstance, query: CompanionQuery): ResourceInstance[] {
  // Most plans delete no companion at all: then there is no need to read the target's values.
  if (query.types.every((type) => deletedIndex(graph, type, query.attribute).size === 0)) return [];
  const out = new Set<ResourceInstance>();
  for (const attr of query.matchValues ?? []) {
    const v = target.attr(attr);
    if (v.state !== 'known' || typeof v.value !== 'string' || v.value === '') continue;
    for (const type of query.types) for (const d of deletedIndex(graph, type, query.attribute).get(v.value) ?? []) out.add(d);
  }
  return [...out];
}

/** graph → type → attribute → index (nested rather than one joined key: this is asked for every bucket). */
const deletedIndexes = new WeakMap<PlanGraph, Map<string, Map<string, Map<string, ResourceInstance[]>>>>();

/** Instances of `type` being deleted, by the prior value of `attribute`; built once per graph. */
function deletedIndex(graph: PlanGraph, type: string, attribute: string): Map<string, ResourceInstance[]> {
  let all = deletedIndexes.get(graph);
  if (!all) deletedIndexes.set(graph, (all = new Map()));
  let byAttribute = all.get(type);
  if (!byAttribute) all.set(type, (byAttribute = new Map()));
  let index = byAttribute.get(attribute);
  if (index) return index;
  index = new Map();
  for (const candidate of graph.byType(type)) {
    if (candidate.action !== 'delete') continue;
    const prior = candidate.before(attribute);
    if (prior.state !== 'known' || typeof prior.value !== 'string') continue;
    const list = index.get(prior.value) ?? [];
    list.push(candidate);
    index.set(prior.value, list);
  }
  byAttribute.set(attribute, index);
  return index;
}

/** " (aws_flow_log.a is being destroyed)" for messages; '' when nothing is. */
export function deletedNote(deleted: readonly ResourceInstance[]): string {
  if (deleted.length === 0) return '';
  const names = deleted.map((d) => d.address).join(', ');
  return ` (${names} ${deleted.length === 1 ? 'is' : 'are'} being destroyed by this plan)`;
}

/** " (tied through a local value in the same module)" when a companion was inferred. */
export function inferredNote(companion: Companion): string {
  return companion.inferred ? ' (tied through a local value in the same module instance)' : '';
}

/**
 * What `source.attribute` points at, by reference or known value, plus — when the reference runs
 * through a local value — the only instance of `types` in the source's module instance.
 */
export function targetsOf(graph: PlanGraph, source: ResourceInstance, attribute: string, types: readonly string[], matchValues: readonly string[]): Companion[] {
  const direct = graph.referencesOf(source, attribute, { types, matchValues }).map((join) => ({ join, inferred: false }));
  if (direct.length > 0) return direct;
  const value = source.attr(attribute);
  if (value.state !== 'unknown' || !value.references.some((r) => r.startsWith('local.'))) return [];
  const peers = types.flatMap((t) => inModule(graph, t, source.moduleAddress));
  return peers.length === 1 ? [{ join: { instance: peers[0], attribute, via: 'reference' }, inferred: true }] : [];
}

const liveIndexes = new WeakMap<PlanGraph, Map<string, readonly ResourceInstance[]>>();

/** Live managed instances of a type (not being deleted), listed once per graph: rules that look at every trail or every configuration from each instance stay linear. */
export function liveOfType(graph: PlanGraph, type: string): readonly ResourceInstance[] {
  let byType = liveIndexes.get(graph);
  if (!byType) liveIndexes.set(graph, (byType = new Map()));
  let list = byType.get(type);
  if (!list) {
    list = graph.byType(type).filter((i) => i.mode === 'managed' && i.action !== 'delete');
    byType.set(type, list);
  }
  return list;
}
