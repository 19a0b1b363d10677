/**
 * Retention floors shared by the constructs. HIPAA asks that required documentation be kept
 * six years (164.316(b)(2)(i)); 2192 days is six years including two leap days, and it is the
 * `hipaa-6y` profile of the planwarden logging rules.
 */
export const SIX_YEARS_IN_DAYS = 2192;

/** The lowest Object Lock default retention the audit-log immutability rule (LOG-009) can be configured to accept; its default minimum is six years. */
export const MIN_OBJECT_LOCK_DAYS = 365;

/** The only values CloudWatch Logs accepts for `retention_in_days` (0, "never expire", is left out on purpose). */
export const CLOUDWATCH_RETENTION_DAYS: readonly number[] = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

/**
 * Throws unless `days` is a value CloudWatch Logs accepts and at least six years.
 * "Never expire" is not offered: in a plan it looks exactly like an omitted retention.
 */
export function validateLogRetentionDays(days: number, where: string): void {
  if (!CLOUDWATCH_RETENTION_DAYS.includes(days)) {
    throw new Error(`${where}: retentionDays ${days} is not a CloudWatch Logs value (${CLOUDWATCH_RETENTION_DAYS.join(', ')})`);
  }
  if (days < SIX_YEARS_IN_DAYS) {
    throw new Error(`${where}: retentionDays ${days} is shorter than the six-year minimum (${SIX_YEARS_IN_DAYS})`);
  }
}

export function validateWholeDays(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${what} must be a whole number from ${min} to ${max}, got ${value}`);
  }
}
