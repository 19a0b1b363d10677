/** Shared reading of a CloudFront distribution: its cache behaviours and what viewers may use. */
import type { AttributePath, ResourceInstance } from '../../../engine/types';
import { setting, setString, type Setting } from './setting';

export interface CacheBehaviour {
  /** Dotted path for findings, e.g. 'ordered_cache_behavior[1].viewer_protocol_policy'. */
  readonly attribute: string;
  readonly label: string;
  readonly targetOriginId: string | undefined;
  readonly viewerProtocolPolicy: Setting;
}

export const HTTPS_VIEWER_POLICIES = new Set(['redirect-to-https', 'https-only']);

export function cacheBehaviours(distribution: ResourceInstance): CacheBehaviour[] {
  const read = (path: AttributePath, attribute: string, label: string): CacheBehaviour => ({
    attribute: `${attribute}.viewer_protocol_policy`,
    label,
    targetOriginId: setString(setting(distribution, [...path, 'target_origin_id'])),
    viewerProtocolPolicy: setting(distribution, [...path, 'viewer_protocol_policy']),
  });
  const out = distribution.blocks('default_cache_behavior').map((p) => read(p, 'default_cache_behavior', 'the default cache behaviour'));
  distribution.blocks('ordered_cache_behavior').forEach((p, i) => {
    const pattern = setString(setting(distribution, [...p, 'path_pattern']));
    out.push(read(p, `ordered_cache_behavior[${i}]`, `the cache behaviour for "${pattern ?? i}"`));
  });
  return out;
}

/** Origin ids an origin group stands for, so a behaviour that targets the group reaches its members. */
export function originGroupMembers(distribution: ResourceInstance): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const g of distribution.blocks('origin_group')) {
    const id = setString(setting(distribution, [...g, 'origin_id']));
    if (id === undefined) continue;
    const members = distribution.blocks([...g, 'member']).map((m) => setString(setting(distribution, [...m, 'origin_id']))).filter((x): x is string => x !== undefined);
    groups.set(id, members);
  }
  return groups;
}
