/**
 * PHI scope: which resources hold or process ePHI. Every resource by default (strict); or those
 * whose tags (`tags_all`, else `tags` merged over the provider's `default_tags`) carry a PHI
 * classification, or that live in named modules. Tags known only after apply count as PHI:
 * when in doubt, fail closed. Each decision says how it was made.
 */
import type { PhiScope } from '../evaluate';
import type { JsonValue, PlanGraph, ResourceInstance, ScopeDecision } from '../types';
import { compileGlob, globMatchesAddress } from './glob';
import type { PhiScopeConfig } from './model';

function knownTags(instance: ResourceInstance, graph: PlanGraph): { tags: Record<string, string>; from: string } | 'unknown' {
  const all = instance.attr('tags_all');
  if (all.state === 'known' && isRecord(all.value)) return { tags: strings(all.value), from: 'tags_all' };
  const own = instance.attr('tags');
  if (own.state === 'unknown' || all.state === 'unknown') {
    // tags_all is computed from tags and default_tags; unknown when either part is.
    if (own.state === 'unknown') return 'unknown';
  }
  const defaults = graph.providerDefaultTags(instance) ?? {};
  const tags = { ...defaults, ...(own.state === 'known' && isRecord(own.value) ? strings(own.value) : {}) };
  return { tags, from: Object.keys(defaults).length > 0 ? 'tags + provider default_tags' : 'tags' };
}

function isRecord(v: JsonValue): v is Record<string, JsonValue> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function strings(v: Record<string, JsonValue>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

export function phiScopeFrom(config: PhiScopeConfig): PhiScope {
  if (config.all) return () => ({ inScope: true, reason: 'every resource is in PHI scope (phiScope.all)' });
  const modules = config.modules.map((m) => ({ text: m, glob: compileGlob(m.endsWith('*') ? m : `${m}*`) }));
  const wanted = Object.entries(config.tags).map(([k, values]) => [k, new Set(values.map((v) => v.toLowerCase()))] as const);
  const describe = [
    ...Object.entries(config.tags).map(([k, v]) => `tag ${k} in ${v.join('/')}`),
    ...config.modules.map((m) => `module ${m}`),
  ].join(' or ');
  return (instance: ResourceInstance, graph: PlanGraph): ScopeDecision => {
    for (const m of modules) {
      if (globMatchesAddress(m.glob, instance.address, instance.configAddress)) return { inScope: true, reason: `in module ${m.text} (phiScope.modules)` };
    }
    if (wanted.length === 0) return { inScope: false, reason: `not ${describe}` };
    const tags = knownTags(instance, graph);
    if (tags === 'unknown') return { inScope: true, reason: 'tags are known only after apply; treated as PHI' };
    for (const [key, values] of wanted) {
      const value = tags.tags[key];
      if (value !== undefined && values.has(value.toLowerCase())) return { inScope: true, reason: `${tags.from}: ${key}=${value} (phiScope.tags)` };
    }
    return { inScope: false, reason: `not ${describe}` };
  };
}
