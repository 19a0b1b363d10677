/**
 * `planwarden waivers`: every config waiver with its status on a given UTC day, for a review
 * meeting. Status, first that applies:
 *   expired   the expiry day has passed (a waiver holds through its expiry day, UTC)
 *   stale     plans were given and it matched no finding in them
 *   expiring  it expires within `within` days (today included)
 *   active    otherwise
 * The same order as the check report's waiver states, with the window the reviewer chooses.
 */
import type { WaiverRecord } from '../types';
import type { PlanwardenConfig } from './model';
import { daysBetween, type WaiverUse } from './waivers';

export type ReviewStatus = 'active' | 'expiring' | 'expired' | 'stale';

export interface ReviewedWaiver {
  source: 'config' | 'tag';
  /** 1-based position in the config's waivers list (config waivers). */
  number: number | null;
  record: WaiverRecord;
  status: ReviewStatus;
  /** Days from today to the expiry day: 0 = expires at the end of today, negative = expired. */
  daysLeft: number;
  /** Findings matched in the plans given; null without plans. */
  matched: number | null;
  /** Further ahead than waiverPolicy.maxDays: `check` refuses the config until it is shortened. */
  beyondMaxDays: boolean;
}

export interface WaiverReview {
  today: string;
  within: number;
  waivers: ReviewedWaiver[];
  counts: Record<ReviewStatus, number>;
}

function configRecord(config: PlanwardenConfig, index: number): WaiverRecord {
  const w = config.waivers[index];
  const record: WaiverRecord = { rule: w.rule.length === 1 ? w.rule[0] : [...w.rule], address: w.address, reason: w.reason, expires: w.expires, source: 'config' };
  for (const key of ['ticket', 'owner', 'approver', 'hipaaControl'] as const) if (w[key] !== undefined) record[key] = w[key];
  return record;
}

/**
 * `uses` are the waiver states of a check over the plans (WaiverBook.uses()), or undefined when
 * no plans were given: then nothing can be stale, and tag waivers (which live in plans) are not known.
 */
export function reviewWaivers(config: PlanwardenConfig, today: string, within: number, uses: readonly WaiverUse[] | undefined): WaiverReview {
  const statusOf = (daysLeft: number, matched: number | null): ReviewStatus => {
    if (daysLeft < 0) return 'expired';
    if (matched === 0) return 'stale';
    return daysLeft <= within ? 'expiring' : 'active';
  };
  const matchedByIndex = new Map<number, number>();
  for (const use of uses ?? []) if (use.source === 'config' && use.index !== undefined) matchedByIndex.set(use.index, use.matched);
  const waivers: ReviewedWaiver[] = config.waivers.map((w, index) => {
    const daysLeft = daysBetween(today, w.expires);
    // A config waiver missing from the uses covered no rule that ran: it matched nothing.
    const matched = uses === undefined ? null : matchedByIndex.get(index) ?? 0;
    return {
      source: 'config',
      number: index + 1,
      record: configRecord(config, index),
      status: statusOf(daysLeft, matched),
      daysLeft,
      matched,
      beyondMaxDays: daysLeft > config.waiverPolicy.maxDays,
    };
  });
  for (const use of uses ?? []) {
    if (use.source !== 'tag') continue;
    const daysLeft = daysBetween(today, use.record.expires);
    waivers.push({ source: 'tag', number: null, record: { ...use.record }, status: statusOf(daysLeft, use.matched), daysLeft, matched: use.matched, beyondMaxDays: false });
  }
  const counts: Record<ReviewStatus, number> = { active: 0, expiring: 0, expired: 0, stale: 0 };
  for (const w of waivers) counts[w.status]++;
  return { today, within, waivers, counts };
}
