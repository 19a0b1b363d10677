/**
 * The logging family as a whole: its registry, the one shared retention param, and metadata
 * every rule must carry (rationale naming the HIPAA section and the defaults relied on).
 */
import { settingsFor } from '../../../policies/engine/config';
import { validateConfig } from '../../../policies/engine/config/validate';
import { ALL_RULES } from '../../../policies/rules';
import { loggingRules } from '../../../policies/rules/logging';
import { MIN_RETENTION_PARAM } from '../../../policies/rules/logging/shared/retention';
import { logBucketLifecycle } from '../../../policies/rules/logging/log-bucket-lifecycle';
import { plan } from '../../support/plan-builder';
import { runRule } from '../../support/rule-tester';

describe('the logging family', () => {
  it('registers LOG-001 … LOG-029 once each, in order, all in the pack', () => {
    expect(loggingRules.map((r) => r.id)).toEqual(Array.from({ length: 29 }, (_, i) => `LOG-${String(i + 1).padStart(3, '0')}`));
    for (const rule of loggingRules) expect(ALL_RULES).toContain(rule);
  });

  it.each(loggingRules.map((r) => [r.id, r] as const))('%s carries complete metadata', (_id, rule) => {
    expect(rule.family).toBe('logging');
    expect(rule.rationale).toMatch(/16[0-9]\.3\d\d\(/);
    expect(rule.rationale).toMatch(/Relies on: /);
    expect(rule.docs?.defaults?.length ?? 0).toBeGreaterThan(20);
    expect(rule.docs?.anchors?.length ?? 0).toBeGreaterThan(0);
    expect(rule.docs?.example?.fail.length ?? 0).toBeGreaterThan(10);
    expect(rule.docs?.example?.pass.length ?? 0).toBeGreaterThan(10);
    for (const spec of Object.values(rule.params)) {
      if (typeof spec.default === 'number') expect(spec.min !== undefined && spec.max !== undefined).toBe(true);
      if (Array.isArray(spec.default)) expect(spec.allowed?.length ?? 0).toBeGreaterThan(0);
    }
  });

  it('judges every retention with the one minRetentionDays spec', () => {
    const withRetention = loggingRules.filter((r) => 'minRetentionDays' in r.params);
    expect(withRetention.map((r) => r.id)).toEqual(['LOG-001', 'LOG-008', 'LOG-009']);
    for (const rule of withRetention) expect(rule.params.minRetentionDays).toEqual(MIN_RETENTION_PARAM);
    expect(MIN_RETENTION_PARAM).toMatchObject({ default: 2192, min: 365, max: 3653 });
  });

  it('takes the family-level config param for every retention rule at once', () => {
    const { config } = validateConfig({ rules: { logging: { params: { minRetentionDays: 2557 } } } }, 'planwarden.config.json', ALL_RULES);
    const settings = settingsFor(config);
    for (const rule of loggingRules.filter((r) => 'minRetentionDays' in r.params)) expect(settings(rule).params.minRetentionDays).toBe(2557);
    // …and a log bucket kept six years now fails at seven.
    const trail = plan()
      .resource('aws_s3_bucket', 'trail', { values: { bucket: 'trail' } })
      .resource('aws_cloudtrail', 'org', { values: { s3_bucket_name: 'trail' } })
      .resource('aws_s3_bucket_lifecycle_configuration', 'trail', { values: { bucket: 'trail', rule: [{ id: 'x', status: 'Enabled', expiration: [{ days: 2192, date: null }] }] } });
    expect(runRule(logBucketLifecycle, trail, { minRetentionDays: 2557 })).toHaveLength(1);
    expect(runRule(logBucketLifecycle, trail)).toHaveLength(0);
  });

  it('refuses a family threshold below the HIPAA-safe bound unless weakening is allowed', () => {
    expect(() => validateConfig({ rules: { logging: { params: { minRetentionDays: 90 } } } }, 'c.json', ALL_RULES)).toThrow(/at least 365/);
    const { weakened } = validateConfig({ allowWeakerThanHipaa: true, rules: { logging: { params: { minRetentionDays: 90 } } } }, 'c.json', ALL_RULES);
    expect(weakened).toEqual(expect.arrayContaining([expect.stringContaining('LOG-001 minRetentionDays = 90')]));
  });
});
