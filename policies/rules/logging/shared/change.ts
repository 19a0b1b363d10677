/**
 * What an update changes. A finding on an update that lowers retention or turns logging off
 * should say what it was before, so a reviewer sees the regression rather than a standing
 * setting. Only updates have a meaningful `before` here: a create has none, and a replace
 * starts a new resource whose earlier settings no longer apply.
 */
import type { AttributePath, JsonValue, ResourceInstance } from '../../../engine/types';

/** The known prior value of an attribute when this is an update and the value changed; otherwise undefined. */
export function priorValue(instance: ResourceInstance, path: string | AttributePath): JsonValue | undefined {
  if (instance.action !== 'update') return undefined;
  const before = instance.before(path);
  if (before.state !== 'known' || before.sensitive) return undefined;
  const after = instance.attr(path);
  if (after.state === 'known' && JSON.stringify(after.value) === JSON.stringify(before.value)) return undefined;
  return before.value;
}

/** " (was true)" — or the caller's wording of the prior value — for a changed update; '' otherwise. */
export function wasNote(instance: ResourceInstance, path: string | AttributePath, render: (v: JsonValue) => string = (v) => `was ${JSON.stringify(v)}`): string {
  const prior = priorValue(instance, path);
  return prior === undefined ? '' : ` (${render(prior)})`;
}

/** Whether an update turns a switch from true to something else (false, null, omitted). */
export function turnedOff(instance: ResourceInstance, path: string | AttributePath): boolean {
  const prior = priorValue(instance, path);
  return prior === true || prior === 'true';
}
