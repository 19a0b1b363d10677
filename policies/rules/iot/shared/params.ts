/** Reading the IOT- rules' params, with the bounds the rules document. */
import type { JsonValue, ParamSpec } from '../../../engine/types';
import { parseIotArn } from '../policy';

export function stringList(value: JsonValue | undefined): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v !== '') : [];
}

export function numberParam(value: JsonValue | undefined, fallback: number, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}

export const SHARED_TOPIC_PREFIXES: ParamSpec = {
  description:
    'Topic prefixes every device may share, e.g. "fleet/broadcast/" (fixed text, no wildcards, not $aws/). A topic or topic-filter resource whose name starts with one of them is accepted. Default: none.',
  default: [],
};

/**
 * The usable shared prefixes: fixed text ending in `/`, without policy wildcards, MQTT
 * wildcards or `$` (so `$aws/` reserved topics and policy variables can never be shared).
 */
export function sharedPrefixes(value: JsonValue | undefined): string[] {
  return stringList(value)
    .map((p) => (p.endsWith('/') ? p : p + '/'))
    .filter((p) => p.length > 1 && !/[*?#+$]/.test(p));
}

/** Whether every topic a `topic/…` or `topicfilter/…` resource pattern names lies under one of the prefixes. */
export function underSharedPrefix(resource: string, prefixes: readonly string[]): boolean {
  if (prefixes.length === 0) return false;
  const arn = parseIotArn(resource);
  if (arn.form !== 'arn' || arn.service !== 'iot' || (arn.resourceType !== 'topic' && arn.resourceType !== 'topicfilter') || arn.resourceName === undefined) {
    return false;
  }
  const name = arn.resourceName;
  return prefixes.some((p) => name.startsWith(p));
}
