/**
 * The logging family's shared retention vocabulary. HIPAA 164.316(b)(2)(i) asks for six years
 * of retention; every rule that judges how long audit evidence is kept reads the one param
 * `minRetentionDays`, so the config's family-level `rules.logging.params.minRetentionDays`
 * moves them all at once.
 */
import type { ParamSpec, RuleContext } from '../../../engine/types';

/** The values CloudWatch Logs accepts for retention_in_days (0 = never expire). */
export const CLOUDWATCH_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Six years in CloudWatch's own terms (6 × 365 + 2 leap days). */
export const DEFAULT_MIN_RETENTION_DAYS = 2192;

/** The one param spec every retention-judging rule of the family declares, under the name `minRetentionDays`. */
export const MIN_RETENTION_PARAM: ParamSpec = {
  description: 'Minimum retention in days for audit evidence (shared by the logging family); 0 / never expire always passes.',
  default: DEFAULT_MIN_RETENTION_DAYS,
  min: 365,
  max: 3653,
};

export function minRetentionDays(ctx: RuleContext): number {
  const value = ctx.params.minRetentionDays;
  return typeof value === 'number' && Number.isFinite(value) ? value : DEFAULT_MIN_RETENTION_DAYS;
}

/** The smallest value CloudWatch accepts that is at least `minimum`. */
export function allowedRetentionAtLeast(minimum: number): number {
  return CLOUDWATCH_RETENTION_DAYS.find((d) => d >= minimum) ?? CLOUDWATCH_RETENTION_DAYS[CLOUDWATCH_RETENTION_DAYS.length - 1];
}

export function retentionRemediation(minimum: number): string {
  return `Set retention_in_days to ${allowedRetentionAtLeast(minimum)} or more (a value CloudWatch accepts), or 0 to never expire.`;
}

/**
 * The most days a whole number of years can span (every fourth year a leap year): 1 → 366,
 * 5 → 1827, 6 → 2192, 10 → 3653 — CloudWatch's own values for those periods, so "6 years" of
 * Object Lock meets a 2192-day minimum.
 */
export function daysInYears(years: number): number {
  return years * 365 + Math.ceil(years / 4);
}

/** "2192 days" or "never expire" for messages. */
export function describeDays(days: number): string {
  return days === 0 ? 'never expire' : `${days} days`;
}
