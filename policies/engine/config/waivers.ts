/**
 * Waivers: written exceptions with a reason and an expiry. Config waivers name rules (ids,
 * families or globs) and an address glob; a resource may carry its own in a tag
 * (`planwarden:waive = "ENC-003:reason:2027-03-01"`, several separated by `;`). An expired
 * waiver stops waiving and says so; a waiver that matched nothing is reported as stale.
 * Lookups are indexed by rule id and, for waivers naming one address (no `*` or `?`), by that
 * address: a finding costs two map lookups plus a test of each glob waiver of its rule, however
 * many single-address waivers a large estate keeps.
 */
import type { WaiverLookup, WaiverMatch } from '../evaluate';
import { FAMILIES, type ResourceInstance, type Rule, type WaiverRecord } from '../types';
import { compileGlob, globMatchesAddress } from './glob';
import type { WaiverConfig } from './model';
import { isValidDate } from './validate';

export const WAIVER_TAG = 'planwarden:waive';
const EXPIRING_WITHIN_DAYS = 30;
const DAY_MS = 86_400_000;

export type WaiverState = 'active' | 'expiring' | 'expired' | 'stale';

export interface WaiverUse {
  source: 'config' | 'tag';
  /** Position in the config's waivers list (config waivers). */
  index?: number;
  record: WaiverRecord;
  state: WaiverState;
  /** How many findings it waived (or would have, when expired). */
  matched: number;
}

/** UTC calendar day of a clock reading, YYYY-MM-DD. */
export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

export function daysBetween(fromDay: string, toDay: string): number {
  return Math.round((Date.parse(`${toDay}T00:00:00Z`) - Date.parse(`${fromDay}T00:00:00Z`)) / DAY_MS);
}

interface Entry {
  use: WaiverUse;
  address: RegExp | undefined;
  expired: boolean;
}

/** One rule's config waivers: those naming a single address by it, the globs in a list. */
interface RuleWaivers {
  exact: Map<string, Entry[]>;
  globs: Entry[];
}

function isExactAddress(glob: string): boolean {
  return !glob.includes('*') && !glob.includes('?');
}

/** Config position of a config waiver (tag waivers are consulted after every config waiver). */
function configOrder(a: Entry, b: Entry): number {
  return (a.use.index ?? 0) - (b.use.index ?? 0);
}

function selectorMatches(selector: string, rule: Rule): boolean {
  const s = selector.toLowerCase();
  if (FAMILIES.includes(s as never)) return rule.family === s;
  if (/[*?]/.test(selector)) return compileGlob(selector.toUpperCase()).test(rule.id);
  return rule.id.toLowerCase() === s;
}

export class WaiverBook implements WaiverLookup {
  private readonly byRule = new Map<string, RuleWaivers>();
  private readonly tagEntries = new Map<string, Entry[]>();
  private readonly entries: Entry[] = [];
  readonly problems: string[] = [];

  constructor(
    waivers: readonly WaiverConfig[],
    private readonly rules: readonly Rule[],
    private readonly today: string,
    private readonly maxDays: number,
  ) {
    waivers.forEach((w, index) => {
      const record: WaiverRecord = { rule: w.rule.length === 1 ? w.rule[0] : [...w.rule], address: w.address, reason: w.reason, expires: w.expires, source: 'config' };
      for (const key of ['ticket', 'owner', 'approver', 'hipaaControl'] as const) if (w[key] !== undefined) record[key] = w[key];
      const entry: Entry = { use: { source: 'config', index, record, state: 'active', matched: 0 }, address: compileGlob(w.address), expired: w.expires < today };
      const covered = rules.filter((rule) => w.rule.some((s) => selectorMatches(s, rule)));
      // A waiver for rules not run this time (--only/--skip, disabled) is neither used nor stale.
      if (covered.length === 0) return;
      this.entries.push(entry);
      for (const rule of covered) {
        let book = this.byRule.get(rule.id);
        if (book === undefined) this.byRule.set(rule.id, (book = { exact: new Map(), globs: [] }));
        if (isExactAddress(w.address)) push(book.exact, w.address, entry);
        else book.globs.push(entry);
      }
    });
  }

  /**
   * Takes in the usage another WaiverBook recorded over the same config (a worker thread that
   * evaluated one of several inputs): config waivers add up their matches, tag waivers join.
   */
  absorb(uses: readonly WaiverUse[], problems: readonly string[]): void {
    for (const use of uses) {
      if (use.source === 'config') {
        const mine = this.entries.find((e) => e.use.source === 'config' && e.use.index === use.index);
        if (mine) mine.use.matched += use.matched;
      } else {
        this.entries.push({ use: { ...use }, address: undefined, expired: use.record.expires < this.today });
      }
    }
    this.problems.push(...problems);
  }

  /** Config waivers that expire further ahead than waiverPolicy.maxDays allows. */
  tooFarAhead(): Array<{ index: number; expires: string }> {
    return this.entries
      .filter((e) => e.use.source === 'config' && daysBetween(this.today, e.use.record.expires) > this.maxDays)
      .map((e) => ({ index: e.use.index!, expires: e.use.record.expires }));
  }

  find(ruleId: string, instance: ResourceInstance): WaiverMatch {
    const configured = this.byRule.get(ruleId);
    const tagged = this.tagWaivers(instance);
    // Nearly every finding: no waiver names its rule or its resource.
    if (configured === undefined && tagged.length === 0) return {};
    let expired: WaiverRecord | undefined;
    const candidates = [...this.configCandidates(configured, instance), ...tagged.filter((e) => e.use.record.rule === ruleId)];
    for (const entry of candidates) {
      if (entry.address && !globMatchesAddress(entry.address, instance.address, instance.configAddress)) continue;
      entry.use.matched++;
      if (!entry.expired) return { active: entry.use.record };
      expired ??= entry.use.record;
    }
    return { expired };
  }

  /** The rule's config waivers that may match the instance, in config order (the first active one wins). */
  private configCandidates(configured: RuleWaivers | undefined, instance: ResourceInstance): Entry[] {
    if (configured === undefined) return [];
    const byAddress = configured.exact.get(instance.address) ?? [];
    const byConfigAddress = instance.configAddress === instance.address ? [] : (configured.exact.get(instance.configAddress) ?? []);
    const found = [...byAddress, ...byConfigAddress, ...configured.globs];
    // One entry cannot be in both address lists: a waiver names one address.
    return byAddress.length + byConfigAddress.length > 0 && found.length > 1 ? found.sort(configOrder) : found;
  }

  /**
   * Every waiver with its state, for reports and `planwarden waivers`: config waivers in config
   * order, then tag waivers by address. Tag waivers are found in evaluation order, which must not
   * show: the same plan with its resources in another order gives the same report.
   */
  uses(): WaiverUse[] {
    const config = this.entries.filter((e) => e.use.source === 'config');
    const tags = this.entries.filter((e) => e.use.source !== 'config').sort((a, b) => compareText(tagKey(a), tagKey(b)));
    return [...config, ...tags].map((e) => ({ ...e.use, state: this.stateOf(e) }));
  }

  notices(): string[] {
    // Problems are found in evaluation order too; each names its resource, so sorting groups them.
    const out = [...this.problems].sort(compareText);
    for (const use of this.uses()) {
      const label = use.source === 'config' ? `waiver #${use.index! + 1} (${[use.record.rule].flat().join(', ')} on ${use.record.address})` : `tag waiver on ${use.record.address} (${String(use.record.rule)})`;
      if (use.state === 'expired') out.push(`${label} expired on ${use.record.expires} and no longer waives${use.matched > 0 ? ` ${use.matched} finding${use.matched === 1 ? '' : 's'}` : ''}`);
      else if (use.state === 'stale') out.push(`${label} matched nothing in this plan (stale): remove it or fix its address`);
      else if (use.state === 'expiring') out.push(`${label} expires on ${use.record.expires}, within ${EXPIRING_WITHIN_DAYS} days`);
    }
    return out;
  }

  private stateOf(e: Entry): WaiverState {
    if (e.expired) return 'expired';
    if (e.use.matched === 0) return 'stale';
    return daysBetween(this.today, e.use.record.expires) <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'active';
  }

  /** Parses an instance's waiver tag once; a malformed one waives nothing and is reported. */
  private tagWaivers(instance: ResourceInstance): Entry[] {
    const cached = this.tagEntries.get(instance.address);
    if (cached) return cached;
    const entries: Entry[] = [];
    const tag = instance.attr(['tags', WAIVER_TAG]);
    if (tag.state === 'known' && tag.sensitive) {
      // Its reason would be printed in reports and notices, and a sensitive value never is; a
      // waiver whose reason cannot be shown is no audit trail, so it waives nothing.
      this.problems.push(`${instance.address}: tag ${WAIVER_TAG} is marked sensitive, so its reason cannot be shown in a report; it waives nothing`);
    } else if (tag.state === 'known' && typeof tag.value === 'string') {
      for (const part of tag.value.split(';').map((p) => p.trim()).filter((p) => p !== '')) {
        const parsed = this.parseTag(part, instance.address);
        if (!parsed) continue;
        const entry: Entry = { use: { source: 'tag', record: parsed, state: 'active', matched: 0 }, address: undefined, expired: parsed.expires < this.today };
        entries.push(entry);
        this.entries.push(entry);
      }
    }
    this.tagEntries.set(instance.address, entries);
    return entries;
  }

  private parseTag(text: string, address: string): WaiverRecord | undefined {
    const first = text.indexOf(':');
    const last = text.lastIndexOf(':');
    const ruleId = text.slice(0, first).trim().toUpperCase();
    const reason = text.slice(first + 1, last).trim();
    const expires = text.slice(last + 1).trim();
    const problem = (what: string) => {
      this.problems.push(`${address}: tag ${WAIVER_TAG} "${text.slice(0, 80)}" ${what}; it waives nothing`);
      return undefined;
    };
    if (first < 0 || first === last) return problem('is not RULE-ID:reason:YYYY-MM-DD');
    if (!this.rules.some((r) => r.id === ruleId)) return problem(`names no rule "${ruleId}"`);
    if (reason === '') return problem('gives no reason');
    if (!isValidDate(expires)) return problem('has no valid expiry date (YYYY-MM-DD)');
    if (daysBetween(this.today, expires) > this.maxDays) return problem(`expires more than ${this.maxDays} days ahead (waiverPolicy.maxDays)`);
    return { rule: ruleId, address, reason, expires, source: 'tag' };
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function tagKey(e: Entry): string {
  return `${e.use.record.address}\n${[e.use.record.rule].flat().join(',')}\n${e.use.record.expires}\n${e.use.record.reason}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
