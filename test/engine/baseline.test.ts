/** Baseline comparison: fingerprints, known/new/worsened, moves, duplicates, and the report it yields. */
import { findingFingerprint as sarifFingerprint } from '../../cli/reporters/sarif';
import { applyBaseline, compareWithBaseline, findingFingerprint, isWorse, movesOf, type BaselineEntry } from '../../policies/engine/baseline';
import { buildReport } from '../../policies/engine/report';
import type { Finding } from '../../policies/engine/types';

function finding(address: string, overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'LOG-001',
    family: 'logging',
    severity: 'medium',
    enforcement: 'hard-mandatory',
    status: 'fail',
    address,
    resourceType: 'aws_cloudwatch_log_group',
    action: 'create',
    attribute: 'retention_in_days',
    message: `${address} keeps audit logs 30 days`,
    remediation: 'Set retention_in_days to 2192.',
    hipaa: ['164.312(b)'],
    waiver: null,
    blocking: true,
    evidence: [],
    input: 'plan.json',
    ...overrides,
  };
}

const entry = (f: Finding): BaselineEntry => f;
const states = (findings: readonly Finding[]) => findings.map((f) => `${f.address} ${f.baseline} ${f.blocking ? 'blocking' : 'not-blocking'}`);

describe('findingFingerprint', () => {
  it('depends on rule, address and attribute only — not message, remediation, action or input', () => {
    const a = finding('aws_cloudwatch_log_group.a');
    const reworded = finding('aws_cloudwatch_log_group.a', { message: 'other words', remediation: 'x', action: 'update', input: 'elsewhere.json', severity: 'high' });
    expect(findingFingerprint(reworded)).toBe(findingFingerprint(a));
    expect(findingFingerprint({ ...a, attribute: 'kms_key_id' })).not.toBe(findingFingerprint(a));
    expect(findingFingerprint({ ...a, ruleId: 'LOG-002' })).not.toBe(findingFingerprint(a));
    expect(findingFingerprint({ ...a, address: 'aws_cloudwatch_log_group.b' })).not.toBe(findingFingerprint(a));
    // No attribute and an empty one are the same identity (SARIF's definition).
    expect(findingFingerprint({ ...a, attribute: null })).toBe(findingFingerprint({ ...a, attribute: '' }));
  });

  it('is the fingerprint SARIF gives code scanning', () => {
    const f = finding('module.x["k"].aws_cloudwatch_log_group.a');
    expect(findingFingerprint(f)).toBe(sarifFingerprint(f));
  });
});

describe('compareWithBaseline', () => {
  it('marks findings in the baseline known (not blocking) and the others new (blocking unchanged)', () => {
    const before = [finding('aws_cloudwatch_log_group.old')];
    const now = [finding('aws_cloudwatch_log_group.new'), finding('aws_cloudwatch_log_group.old', { message: 'reworded since' })];
    const { findings, counts } = compareWithBaseline(now, before.map(entry));
    expect(states(findings)).toEqual(['aws_cloudwatch_log_group.new new blocking', 'aws_cloudwatch_log_group.old known not-blocking']);
    expect(counts).toEqual({ new: 1, worsened: 0, known: 1, fixed: 0 });
    // Pure: the input findings are not touched.
    expect(now[1].blocking).toBe(true);
    expect(now[1].baseline).toBeUndefined();
  });

  it.each<[string, boolean, Partial<Finding>, Partial<Finding>]>([
    ['unknown → fail', true, { status: 'unknown' }, { status: 'fail' }],
    ['waived → fail (waiver expired)', true, { status: 'waived' }, { status: 'fail' }],
    ['waived → unknown', true, { status: 'waived' }, { status: 'unknown' }],
    ['severity raised', true, { severity: 'medium' }, { severity: 'critical' }],
    ['enforcement raised', true, { enforcement: 'advisory' }, { enforcement: 'hard-mandatory' }],
    ['fail → unknown (better)', false, { status: 'fail' }, { status: 'unknown' }],
    ['severity lowered', false, { severity: 'high' }, { severity: 'low' }],
    ['unchanged', false, {}, {}],
  ])('%s: worse=%s', (_name, worse, then, now) => {
    const before = finding('aws_cloudwatch_log_group.a', then);
    const current = finding('aws_cloudwatch_log_group.a', now);
    expect(isWorse(current, before)).toBe(worse);
    const { findings, counts } = compareWithBaseline([current], [before]);
    expect(findings[0].baseline).toBe(worse ? 'new' : 'known');
    expect(findings[0].blocking).toBe(worse ? current.blocking : false);
    expect(counts.worsened).toBe(worse ? 1 : 0);
  });

  it('follows a move the plan records, and only that one', () => {
    const before = [finding('aws_cloudwatch_log_group.legacy'), finding('module.old.aws_cloudwatch_log_group.a')];
    const now = [finding('aws_cloudwatch_log_group.audit'), finding('module.new.aws_cloudwatch_log_group.a')];
    const moves = [
      { input: 'plan.json', address: 'aws_cloudwatch_log_group.audit', previousAddress: 'aws_cloudwatch_log_group.legacy' },
      // A move recorded in another input does not apply here.
      { input: 'other.json', address: 'module.new.aws_cloudwatch_log_group.a', previousAddress: 'module.old.aws_cloudwatch_log_group.a' },
    ];
    const { findings, counts } = compareWithBaseline(now, before, moves);
    expect(states(findings)).toEqual(['aws_cloudwatch_log_group.audit known not-blocking', 'module.new.aws_cloudwatch_log_group.a new blocking']);
    expect(counts).toEqual({ new: 1, worsened: 0, known: 1, fixed: 1 });
  });

  it('a for_each key change without a moved block is a new finding (nothing in the plan ties them)', () => {
    const { findings } = compareWithBaseline([finding('aws_cloudwatch_log_group.a["prod"]')], [finding('aws_cloudwatch_log_group.a["production"]')]);
    expect(findings[0].baseline).toBe('new');
  });

  it('uses each baseline finding once, preferring the same input, then any input', () => {
    const before = [finding('aws_cloudwatch_log_group.a', { input: 'prod.json' })];
    const now = [finding('aws_cloudwatch_log_group.a', { input: 'dev.json' }), finding('aws_cloudwatch_log_group.a', { input: 'prod.json' })];
    const { findings } = compareWithBaseline(now, before);
    expect(findings.map((f) => `${f.input} ${f.baseline}`)).toEqual(['dev.json new', 'prod.json known']);

    // A path that changed between runs (a CI temp folder) still matches.
    const moved = compareWithBaseline([finding('aws_cloudwatch_log_group.a', { input: '/tmp/ci-123/plan.json' })], before);
    expect(moved.findings[0].baseline).toBe('known');
  });

  it('counts open baseline findings that are gone as fixed, waived ones not', () => {
    const before = [finding('aws_cloudwatch_log_group.a'), finding('aws_cloudwatch_log_group.b', { status: 'waived' }), finding('aws_cloudwatch_log_group.c', { status: 'unknown' })];
    expect(compareWithBaseline([], before).counts).toEqual({ new: 0, worsened: 0, known: 0, fixed: 2 });
  });
});

describe('applyBaseline', () => {
  it('recounts blocking and adds a notice, leaving the other summary counts alone', () => {
    const report = buildReport(
      [{ path: 'plan.json', kind: 'plan', terraformVersion: '1.11.4', formatVersion: '1.2', resources: 3 }],
      [{ findings: [finding('aws_cloudwatch_log_group.a'), finding('aws_cloudwatch_log_group.b'), finding('aws_cloudwatch_log_group.c', { status: 'unknown' })], checks: [] }],
      [],
      'warn',
      { notices: ['waiver X expires soon'] },
    );
    const before = [finding('aws_cloudwatch_log_group.a'), finding('aws_cloudwatch_log_group.c', { status: 'fail' }), finding('aws_cloudwatch_log_group.gone')];
    const out = applyBaseline(report, before, [], 'main.json');
    expect(report.summary.blocking).toBe(3);
    expect(out.summary).toEqual({ ...report.summary, blocking: 1 });
    expect(out.notices).toEqual(['waiver X expires soon', 'baseline main.json: 1 new, 2 known and not blocking, 1 no longer found']);
    expect(out.findings.filter((f) => f.blocking).map((f) => f.address)).toEqual(['aws_cloudwatch_log_group.b']);
  });
});

describe('movesOf', () => {
  it('lists the instances with a previous address, under the input they came from', () => {
    const graph = {
      inputs: [{ path: 'plan.json' }],
      instances: [
        { address: 'aws_s3_bucket.a', raw: {} },
        { address: 'aws_s3_bucket.b', raw: { previousAddress: 'aws_s3_bucket.old' } },
      ],
    };
    expect(movesOf(graph)).toEqual([{ input: 'plan.json', address: 'aws_s3_bucket.b', previousAddress: 'aws_s3_bucket.old' }]);
  });
});
