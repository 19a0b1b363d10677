import * as fs from 'node:fs';
import * as path from 'node:path';
import { INIT_TEMPLATE } from '../../cli/commands/init';
import { resolveRun, reviewWaivers, utcDay, withCustomRules } from '../../policies/engine/config';
import { parseConfigText } from '../../policies/engine/config/load';
import { emptyConfig, type PlanwardenConfig } from '../../policies/engine/config/model';
import { validateConfig } from '../../policies/engine/config/validate';
import { evaluateGraph } from '../../policies/engine/evaluate';
import { buildGraph } from '../../policies/engine/graph';
import { loadDocument } from '../../policies/engine/load';
import { ALL_RULES, findRule } from '../../policies/rules';
import { plan } from '../support/plan-builder';

const LG = 'aws_cloudwatch_log_group';

function configWith(expires: string[], maxDays = 365): PlanwardenConfig {
  return {
    ...emptyConfig(),
    file: 'c.yaml',
    waiverPolicy: { maxDays, requireApprover: false },
    waivers: expires.map((e, i) => ({ rule: ['LOG-001'], address: `${LG}.w${i}`, reason: `reason ${i}`, expires: e, ticket: `SEC-${i}` })),
  };
}

/** The clock is injected: the review is a function of the config and the UTC day only. */
const review = (config: PlanwardenConfig, now: string, within = 30) => reviewWaivers(config, utcDay(new Date(now)), within, undefined);

describe('waiver review', () => {
  it('keeps a waiver that expires today (UTC) in force all day, and expired the next day', () => {
    const config = configWith(['2026-11-22']);
    for (const now of ['2026-11-22T00:00:00Z', '2026-11-22T23:59:59.999Z']) {
      expect(review(config, now).waivers[0]).toMatchObject({ status: 'expiring', daysLeft: 0 });
    }
    expect(review(config, '2026-11-23T00:00:00Z').waivers[0]).toMatchObject({ status: 'expired', daysLeft: -1 });
    // The same day boundary as the check itself: waived today, failing tomorrow.
    const doc = plan().resource(LG, 'w0', { values: { retention_in_days: 1 } }).build();
    const statusOn = (now: string) => {
      const run = resolveRun(config, [findRule('LOG-001')!], { changedOnly: false }, new Date(now));
      return evaluateGraph(buildGraph(loadDocument(doc, 'p.json', 0), 0), run.rules, 'p.json', run.options).findings[0].status;
    };
    expect(statusOn('2026-11-22T23:59:59Z')).toBe('waived');
    expect(statusOn('2026-11-23T00:00:01Z')).toBe('fail');
  });

  it('uses UTC, not the local day of a clock reading', () => {
    // 23:30 at UTC-5 on the 22nd is already the 23rd in UTC.
    expect(review(configWith(['2026-11-22']), '2026-11-22T23:30:00-05:00').waivers[0].status).toBe('expired');
  });

  it('marks expiring by the chosen window, inclusive', () => {
    const config = configWith(['2026-12-22', '2026-12-23', '2027-06-01']);
    expect(review(config, '2026-11-22T12:00:00Z').waivers.map((w) => [w.status, w.daysLeft])).toEqual([
      ['expiring', 30],
      ['active', 31],
      ['active', 191],
    ]);
    expect(review(config, '2026-11-22T12:00:00Z', 7).waivers.map((w) => w.status)).toEqual(['active', 'active', 'active']);
    expect(review(config, '2026-11-22T12:00:00Z', 365).counts).toEqual({ active: 0, expiring: 3, expired: 0, stale: 0 });
  });

  it('finds stale waivers only when a run says what matched, and lists tag waivers from it', () => {
    const config = configWith(['2026-12-31', '2026-12-31', '2026-01-01']);
    const doc = plan()
      .resource(LG, 'w0', { values: { retention_in_days: 1 } })
      .resource(LG, 'tagged', { values: { retention_in_days: 1, tags: { 'planwarden:waive': 'LOG-001:scratch logs:2026-12-01' } } })
      .build();
    const now = new Date('2026-11-22T12:00:00Z');
    const run = resolveRun(config, [findRule('LOG-001')!], { changedOnly: false }, now);
    evaluateGraph(buildGraph(loadDocument(doc, 'p.json', 0), 0), run.rules, 'p.json', run.options);
    const result = reviewWaivers(config, utcDay(now), 30, run.waivers.uses());
    expect(result.waivers.map((w) => [w.source, w.number, w.status, w.matched])).toEqual([
      ['config', 1, 'active', 1],
      ['config', 2, 'stale', 0],
      // Expired wins over stale, as in the check report.
      ['config', 3, 'expired', 0],
      ['tag', null, 'expiring', 1],
    ]);
    expect(result.waivers[3].record).toMatchObject({ rule: 'LOG-001', address: `${LG}.tagged`, reason: 'scratch logs', source: 'tag' });
    expect(review(config, '2026-11-22T12:00:00Z').waivers.map((w) => w.matched)).toEqual([null, null, null]);
  });

  it('flags waivers further ahead than waiverPolicy.maxDays instead of failing the listing', () => {
    const result = review(configWith(['2027-01-01', '2026-12-01'], 30), '2026-11-22T00:00:00Z');
    expect(result.waivers.map((w) => w.beyondMaxDays)).toEqual([true, false]);
  });
});

describe('starting and example configs', () => {
  const parse = (text: string, file: string) => validateConfig(parseConfigText(text, file) ?? {}, file, ALL_RULES);

  it('init writes a config that validates with strict defaults', () => {
    const { config, weakened } = parse(INIT_TEMPLATE, 'planwarden.config.yaml');
    expect(weakened).toEqual([]);
    expect(config).toMatchObject({ unknown: 'warn', waiverPolicy: { maxDays: 365, requireApprover: true }, phiScope: { all: true }, waivers: [], customRules: [] });
  });

  it("init's commented examples validate too once uncommented", () => {
    // Uncomment the example lines ("#  key: ..." under a key) in place of the empty values.
    const uncommented = INIT_TEMPLATE.split('\n')
      .map((line) => (/^#  /.test(line) ? line.slice(1) : line))
      .join('\n')
      .replace(/^(rules|waivers|customRules): (\{\}|\[\])$/gm, '$1:')
      .replace(/^phiScope:\n  all: true\n/m, 'phiScope:\n');
    const { config } = parse(uncommented, 'uncommented.yaml');
    expect(config.rules['LOG-001'].params).toEqual({ minRetentionDays: 2557 });
    expect(config.waivers[0]).toMatchObject({ rule: ['ENC-002'], approver: 'privacy-officer' });
    expect(config.phiScope).toEqual({ all: false, tags: { DataClassification: ['PHI', 'ePHI'] }, modules: ['module.records'] });
    expect(config.customRules![0]).toMatchObject({ id: 'CUSTOM-SQS-001', predicate: { matches: '^arn:aws:kms:' } });
  });

  it('examples/planwarden.config.yaml validates and its custom rules run', () => {
    const file = path.join(__dirname, '..', '..', 'examples', 'planwarden.config.yaml');
    const { config } = parse(fs.readFileSync(file, 'utf8'), file);
    expect(config.customRules!.map((r) => r.id)).toEqual(['CUSTOM-SQS-001', 'CUSTOM-S3-002', 'CUSTOM-RDS-003']);
    const rules = withCustomRules(ALL_RULES, config).filter((r) => r.id.startsWith('CUSTOM-'));
    const run = resolveRun(config, rules, { changedOnly: false }, new Date('2026-11-22T00:00:00Z'));
    const doc = plan()
      .resource('aws_sqs_queue', 'phi', { values: { kms_master_key_id: 'alias/aws/sqs', tags: { DataClassification: 'PHI' } } })
      .resource('aws_sqs_queue', 'public', { values: { kms_master_key_id: 'alias/aws/sqs', tags: { DataClassification: 'public' } } })
      .resource('aws_db_instance', 'records', { module: 'module.records', values: { backup_retention_period: 1 } })
      .build();
    const { findings } = evaluateGraph(buildGraph(loadDocument(doc, 'p.json', 0), 0), run.rules, 'p.json', run.options);
    expect(findings.map((f) => [f.ruleId, f.address, f.status, f.enforcement, f.blocking])).toEqual([
      ['CUSTOM-SQS-001', 'aws_sqs_queue.phi', 'fail', 'advisory', false],
      ['CUSTOM-RDS-003', 'module.records.aws_db_instance.records', 'fail', 'soft-mandatory', true],
    ]);
  });
});

describe('waiver lookup (indexed by rule and, for single-address waivers, by address)', () => {
  const run = (waivers: PlanwardenConfig['waivers'], doc: ReturnType<ReturnType<typeof plan>['build']>) => {
    const config: PlanwardenConfig = { ...emptyConfig(), file: 'c.yaml', waivers };
    const resolved = resolveRun(config, [findRule('LOG-001')!], { changedOnly: false }, new Date('2026-11-22T12:00:00Z'));
    const result = evaluateGraph(buildGraph(loadDocument(doc, 'p.json', 0), 0), resolved.rules, 'p.json', resolved.options);
    return { findings: result.findings, uses: resolved.waivers.uses() };
  };
  const waiver = (address: string, expires: string, reason: string) => ({ rule: ['LOG-001'], address, reason, expires });

  it('takes the first active waiver in config order, whether it names the address, the configuration address or a glob', () => {
    const doc = plan()
      .resource(LG, 'a', { values: { retention_in_days: 1 } })
      .resource(LG, 'b', { values: { retention_in_days: 1 } })
      .resource(LG, 'k', { index: 'x', values: { retention_in_days: 1 } })
      .build();
    const { findings, uses } = run(
      [
        waiver(`${LG}.*`, '2026-01-01', 'expired glob'),
        waiver(`${LG}.a`, '2026-01-01', 'expired exact'),
        waiver(`${LG}.a`, '2027-01-01', 'active exact'),
        waiver(`${LG}.k`, '2027-01-01', 'every instance of k'),
        waiver(`${LG}.?`, '2027-01-01', 'active glob'),
      ],
      doc,
    );
    expect(findings.map((f) => [f.address, f.status, f.waiver?.reason])).toEqual([
      [`${LG}.a`, 'waived', 'active exact'],
      [`${LG}.b`, 'waived', 'active glob'],
      [`${LG}.k["x"]`, 'waived', 'every instance of k'],
    ]);
    // Expired waivers met before the active one count the findings they would have waived.
    expect(uses.map((u) => [u.record.reason, u.matched])).toEqual([
      ['expired glob', 3],
      ['expired exact', 1],
      ['active exact', 1],
      ['every instance of k', 1],
      ['active glob', 1],
    ]);
  });

  it('keeps thousands of single-address waivers a lookup, not a glob test each per finding', () => {
    const builder = plan();
    for (let i = 0; i < 2000; i++) builder.resource(LG, `g${i}`, { values: { retention_in_days: 1 } });
    const many = Array.from({ length: 5000 }, (_, i) => waiver(`${LG}.g${i}`, '2027-01-01', `r${i}`));
    // Counted, not timed: a scan would test 5,000 globs for each of the 2,000 findings.
    const tests = jest.spyOn(RegExp.prototype, 'test');
    try {
      const { findings } = run(many, builder.build());
      expect(findings).toHaveLength(2000);
      expect(findings.every((f) => f.status === 'waived' && f.waiver?.reason === `r${f.address.slice(LG.length + 2)}`)).toBe(true);
      expect(tests.mock.calls.length).toBeLessThan(20 * findings.length);
    } finally {
      tests.mockRestore();
    }
  });
});
