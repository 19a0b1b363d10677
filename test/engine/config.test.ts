import { resolveRun, settingsFor, enabledRules } from '../../policies/engine/config';
import { emptyConfig, type PlanwardenConfig } from '../../policies/engine/config/model';
import { parseConfigText } from '../../policies/engine/config/load';
import { phiScopeFrom } from '../../policies/engine/config/scope';
import { validateConfig } from '../../policies/engine/config/validate';
import { compileGlob } from '../../policies/engine/config/glob';
import { evaluateGraph } from '../../policies/engine/evaluate';
import { buildGraph } from '../../policies/engine/graph';
import { loadDocument } from '../../policies/engine/load';
import { InputError } from '../../policies/engine/types';
import { ALL_RULES, findRule } from '../../policies/rules';
import { plan } from '../support/plan-builder';

const validate = (doc: unknown) => validateConfig(doc, 'planwarden.config.json', ALL_RULES);
const errorOf = (doc: unknown): string => {
  try {
    validate(doc);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
};

describe('config validation', () => {
  it.each([
    [{ rulez: {} }, /rulez: unknown key/],
    [{ rules: { 'NOPE-1': {} } }, /rules.NOPE-1: no rule or family/],
    [{ rules: { 'LOG-001': { enforcement: 'sometimes' } } }, /rules.LOG-001.enforcement: expected one of advisory/],
    [{ rules: { 'LOG-001': { params: { minRetentionDays: '2192' } } } }, /expected a number/],
    [{ rules: { 'LOG-001': { params: { minRetentionDays: 100 } } } }, /at least 365.*allowWeakerThanHipaa/],
    [{ rules: { 'LOG-001': { params: { minRetentionDays: 99999 } } } }, /at most 3653/],
    [{ rules: { logging: { params: { noSuchParam: 1 } } } }, /no rule in logging has a param "noSuchParam"/],
    [{ waivers: [{ rule: 'LOG-001', address: 'x', reason: 'r' }] }, /waivers\[0\].expires: every waiver needs an expiry date/],
    [{ waivers: [{ rule: 'LOG-001', address: 'x', reason: ' ', expires: '2026-12-01' }] }, /waivers\[0\].reason: expected a non-empty string/],
    [{ waivers: [{ rule: 'LOG-001', address: 'x', reason: 'r', expires: '2026-02-30' }] }, /expected a date YYYY-MM-DD/],
    [{ waivers: [{ rule: 'LOG-001', address: 'x', reason: 'r', expires: '2026-12-01', owner: 'Ann', approver: 'ann' }] }, /approver must be a different person/],
    [{ waiverPolicy: { requireApprover: true }, waivers: [{ rule: 'LOG-001', address: 'x', reason: 'r', expires: '2026-12-01' }] }, /name the approver/],
    [{ waivers: [{ rule: ['NOPE-9'], address: 'x', reason: 'r', expires: '2026-12-01' }] }, /no rule or family "NOPE-9"/],
    [{ phiScope: { all: false } }, /name tags or modules/],
    [{ unknown: 'maybe' }, /unknown: expected one of pass, warn, fail/],
    [[], /expected an object/],
  ])('%j is refused', (doc, pattern) => {
    expect(errorOf(doc)).toMatch(pattern);
  });

  it('accepts weaker thresholds only with allowWeakerThanHipaa, and says so', () => {
    const { config, weakened } = validate({ allowWeakerThanHipaa: true, rules: { logging: { params: { minRetentionDays: 90 } } } });
    // A family-level param reaches every logging rule that has it; each is named.
    expect(weakened).toContain('LOG-001 minRetentionDays = 90 (below the HIPAA-safe 365)');
    expect(weakened.every((w) => /^LOG-\d{3} minRetentionDays = 90 /.test(w))).toBe(true);
    expect(settingsFor(config)(findRule('LOG-001')!).params.minRetentionDays).toBe(90);
  });

  it('applies family then rule overrides, and disables rules', () => {
    const { config } = validate({ rules: { logging: { enforcement: 'advisory', severity: 'low' }, 'LOG-001': { severity: 'critical' }, 'ENC-001': { enabled: false } } });
    const s = settingsFor(config)(findRule('LOG-001')!);
    expect([s.severity, s.enforcement]).toEqual(['critical', 'advisory']);
    expect(enabledRules(ALL_RULES, config).map((r) => r.id)).not.toContain('ENC-001');
  });

  it('parses YAML with duplicate keys refused, and JSON errors with a position', () => {
    expect(parseConfigText('unknown: warn\n', 'c.yaml')).toEqual({ unknown: 'warn' });
    expect(() => parseConfigText('unknown: warn\nunknown: fail\n', 'c.yaml')).toThrow(/invalid YAML/);
    expect(() => parseConfigText('{"unknown": }', 'c.json')).toThrow(/invalid JSON at line 1, column 13/);
  });
});

describe('globs', () => {
  it('treat brackets and quotes literally and * as any run', () => {
    expect(compileGlob('aws_s3_bucket.b[0]').test('aws_s3_bucket.b[0]')).toBe(true);
    expect(compileGlob('aws_s3_bucket.b[0]').test('aws_s3_bucket.b0')).toBe(false);
    expect(compileGlob('module.a["x"].*').test('module.a["x"].aws_s3_bucket.b')).toBe(true);
    expect(compileGlob('ENC-*').test('ENC-001')).toBe(true);
  });

  it('stay linear on hostile patterns', () => {
    const started = Date.now();
    compileGlob('*'.repeat(500) + 'x').test('a'.repeat(10000));
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('waivers', () => {
  const LG = 'aws_cloudwatch_log_group';
  const doc = plan()
    .resource(LG, 'short', { module: 'module.legacy["a"]', values: { retention_in_days: 30 } })
    .resource(LG, 'other', { values: { retention_in_days: 30 } })
    .resource(LG, 'tagged', { values: { retention_in_days: 7, tags: { 'planwarden:waive': 'LOG-001:Debug logs only, no PHI:2026-12-01' } } })
    .resource(LG, 'badtag', { values: { retention_in_days: 7, tags: { 'planwarden:waive': 'LOG-001:2026-12-01' } } })
    .build();
  const rule = findRule('LOG-001')!;

  function run(config: PlanwardenConfig, today: string) {
    const resolved = resolveRun(config, [rule], { changedOnly: false }, new Date(`${today}T12:00:00Z`));
    const graph = buildGraph(loadDocument(doc, 'p.json', 0), 0);
    const { findings } = evaluateGraph(graph, resolved.rules, 'p.json', resolved.options);
    return { findings, uses: resolved.waivers.uses(), notices: resolved.waivers.notices() };
  }

  const waiverOn = (expires: string): PlanwardenConfig => ({
    ...emptyConfig(),
    file: 'c.json',
    waivers: [{ rule: ['logging'], address: 'module.legacy.*', reason: 'Legacy stack retires in Q1, SEC-7', expires, owner: 'ann', approver: 'bob' }],
  });

  it('waives by family and module glob, through the day of expiry (UTC)', () => {
    const { findings, uses } = run(waiverOn('2026-11-22'), '2026-11-22');
    const legacy = findings.find((f) => f.address.startsWith('module.legacy'))!;
    expect(legacy.status).toBe('waived');
    expect(legacy.blocking).toBe(false);
    expect(legacy.waiver).toMatchObject({ reason: 'Legacy stack retires in Q1, SEC-7', owner: 'ann', approver: 'bob', source: 'config' });
    expect(findings.find((f) => f.address === `${LG}.other`)!.status).toBe('fail');
    expect(uses[0]).toMatchObject({ state: 'expiring', matched: 1 });
  });

  it('stops waiving the day after expiry and says so', () => {
    const { findings, notices } = run(waiverOn('2026-11-22'), '2026-11-23');
    const legacy = findings.find((f) => f.address.startsWith('module.legacy'))!;
    expect(legacy.status).toBe('fail');
    expect(legacy.blocking).toBe(true);
    expect(legacy.message).toContain('(waiver expired on 2026-11-22');
    expect(notices.join('\n')).toMatch(/waiver #1 .* expired on 2026-11-22 and no longer waives 1 finding/);
  });

  it('refuses a waiver further ahead than waiverPolicy.maxDays', () => {
    expect(() => run(waiverOn('2028-01-01'), '2026-11-22')).toThrow(/more than 365 days ahead/);
  });

  it('reports a waiver that matched nothing as stale', () => {
    const config = { ...waiverOn('2026-12-31'), waivers: [{ ...waiverOn('2026-12-31').waivers[0], address: 'module.gone.*' }] };
    const { uses, notices } = run(config, '2026-11-22');
    expect(uses[0].state).toBe('stale');
    expect(notices.join('\n')).toMatch(/matched nothing in this plan \(stale\)/);
  });

  it('honours in-resource tag waivers and reports malformed ones', () => {
    const { findings, notices } = run(emptyConfig(), '2026-11-22');
    expect(findings.find((f) => f.address === `${LG}.tagged`)).toMatchObject({ status: 'waived', waiver: { source: 'tag', reason: 'Debug logs only, no PHI' } });
    expect(findings.find((f) => f.address === `${LG}.badtag`)!.status).toBe('fail');
    expect(notices.join('\n')).toMatch(/badtag: tag planwarden:waive .* gives no reason|is not RULE-ID:reason:YYYY-MM-DD/);
  });
});

describe('PHI scope', () => {
  const doc = plan()
    .defaultTags({ Team: 'data' })
    .resource('aws_sqs_queue', 'phi', { values: { tags: { DataClassification: 'ePHI' } } })
    .resource('aws_sqs_queue', 'public', { values: { tags: { DataClassification: 'public' } } })
    .resource('aws_sqs_queue', 'unknown_tags', { unknown: ['tags', 'tags_all'] })
    .resource('aws_sqs_queue', 'in_module', { module: 'module.records["x"]', values: {} })
    .build();
  const graph = buildGraph(loadDocument(doc, 'p.json', 0), 0);
  const scope = phiScopeFrom({ all: false, tags: { DataClassification: ['PHI', 'ePHI'] }, modules: ['module.records'] });
  const decide = (a: string) => scope(graph.byAddress(a)!, graph);

  it('decides by tags, module and fails closed on unknown tags, saying why', () => {
    expect(decide('aws_sqs_queue.phi')).toEqual({ inScope: true, reason: 'tags + provider default_tags: DataClassification=ePHI (phiScope.tags)' });
    expect(decide('aws_sqs_queue.public')).toMatchObject({ inScope: false });
    expect(decide('aws_sqs_queue.unknown_tags')).toMatchObject({ inScope: true, reason: expect.stringContaining('known only after apply') });
    expect(decide('module.records["x"].aws_sqs_queue.in_module')).toMatchObject({ inScope: true, reason: expect.stringContaining('module.records') });
  });

  it('finds PHI classification in provider default_tags', () => {
    const g = buildGraph(loadDocument(plan().defaultTags({ DataClassification: 'PHI' }).resource('aws_sqs_queue', 'q', { values: {} }).build(), 'p.json', 0), 0);
    expect(scope(g.byAddress('aws_sqs_queue.q')!, g)).toMatchObject({ inScope: true, reason: expect.stringContaining('default_tags') });
  });
});
