/**
 * `planwarden waivers [plans...] [--config FILE] [--within DAYS] [--format text|json]`: every
 * waiver with its status, for a review meeting. With plans, the check runs over them so a
 * waiver that matches nothing shows as stale, and the plans' tag waivers are listed too.
 * Exit 0 (a listing), 2 for a bad config, plan or option.
 */
import * as fs from 'node:fs';
import { runCheck } from '../../policies/engine/check';
import { findConfigFile, loadConfig, pluginNotices, resolveRun, reviewWaivers, utcDay, withCustomRules, type ReviewedWaiver, type WaiverReview } from '../../policies/engine/config';
import { resolveSources } from '../../policies/engine/load';
import { InputError } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { EXIT } from '../errors';

export const DEFAULT_WITHIN_DAYS = 30;
const MAX_WITHIN_DAYS = 3650;

export interface WaiversArgs {
  config?: string;
  within?: number;
  plans: string[];
  format: 'text' | 'json';
  /** --plugin FILE / --no-plugins, as for check: waivers may name plugin rules. */
  plugins?: string[];
  noPlugins?: boolean;
}

function readStdin(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch {
    throw new InputError('cannot read standard input; pipe the plan JSON in, or pass a file path instead of -');
  }
}

function rulesOf(w: ReviewedWaiver): string {
  return [w.record.rule].flat().join(',');
}

function renderText(file: string, review: WaiverReview, withPlans: boolean, notices: readonly string[]): string {
  const { waivers, counts } = review;
  const lines = [`${file}: ${waivers.length} waiver${waivers.length === 1 ? '' : 's'} on ${review.today} (UTC); expiring = within ${review.within} days${withPlans ? '' : '; pass plans to find stale ones'}`];
  if (waivers.length > 0) lines.push('', `${'#'.padEnd(4)}${'STATUS'.padEnd(10)}${'EXPIRES'.padEnd(12)}${'DAYS'.padStart(5)}  ${'MATCHED'.padStart(7)}  ${'RULE'.padEnd(11)} ADDRESS`);
  for (const w of waivers) {
    const number = w.source === 'tag' ? 'tag' : String(w.number);
    const matched = w.matched === null ? '-' : String(w.matched);
    lines.push(`${number.padEnd(4)}${w.status.padEnd(10)}${w.record.expires.padEnd(12)}${String(w.daysLeft).padStart(5)}  ${matched.padStart(7)}  ${rulesOf(w).padEnd(11)} ${w.record.address}`);
    const details = [`reason: ${w.record.reason}`];
    if (w.record.ticket) details.push(`ticket ${w.record.ticket}`);
    if (w.record.owner) details.push(`owner ${w.record.owner}`);
    if (w.record.approver) details.push(`approver ${w.record.approver}`);
    if (w.record.hipaaControl) details.push(`HIPAA ${w.record.hipaaControl}`);
    lines.push(`    ${details.join('; ')}`);
    if (w.beyondMaxDays) lines.push('    expires further ahead than waiverPolicy.maxDays: check refuses the config until it is shortened');
  }
  // Malformed tag waivers found in the plans: they waive nothing, and a reviewer should see them.
  if (notices.length > 0) lines.push('', ...notices.map((n) => `notice: ${n}`));
  lines.push('', `${counts.active} active, ${counts.expiring} expiring, ${counts.expired} expired, ${counts.stale} stale`);
  return lines.join('\n') + '\n';
}

function renderJson(file: string, review: WaiverReview, plans: readonly string[], notices: readonly string[]): string {
  const out = {
    config: file,
    today: review.today,
    within: review.within,
    plans: [...plans],
    counts: review.counts,
    waivers: review.waivers,
    notices: [...notices],
  };
  return JSON.stringify(out, null, 2) + '\n';
}

export function runWaiversCommand(args: WaiversArgs, now: Date = new Date(), cwd: string = process.cwd()): number {
  const within = args.within ?? DEFAULT_WITHIN_DAYS;
  if (!Number.isInteger(within) || within < 0 || within > MAX_WITHIN_DAYS) throw new InputError(`--within expects a whole number of days from 0 to ${MAX_WITHIN_DAYS}`);
  const file = args.config ?? findConfigFile(cwd);
  if (file === undefined) throw new InputError('no planwarden.config.json or .yaml in this directory; name one with --config');
  const { config } = loadConfig(file, cwd, ALL_RULES, { cli: args.plugins ?? [], skipConfigPlugins: args.noPlugins === true });
  let uses;
  let notices: string[] = [];
  if (args.plans.length > 0) {
    // The same run as `check` (all rules, custom ones included), for the waivers' match counts.
    const run = resolveRun(config, withCustomRules(ALL_RULES, config), { changedOnly: false }, now);
    runCheck({ sources: resolveSources(args.plans, readStdin), rules: run.rules, options: run.options });
    uses = run.waivers.uses();
    notices = [...pluginNotices(config), ...run.waivers.problems];
  }
  const review = reviewWaivers(config, utcDay(now), within, uses);
  process.stdout.write(args.format === 'json' ? renderJson(file, review, args.plans, notices) : renderText(file, review, args.plans.length > 0, notices));
  return EXIT.pass;
}
