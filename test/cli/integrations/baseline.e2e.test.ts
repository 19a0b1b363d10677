/** `planwarden baseline` and `check --baseline`, through the built CLI. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plan } from '../../support/plan-builder';
import { ROOT, runCli } from '../helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-baseline-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

interface JsonFinding {
  ruleId: string;
  address: string;
  blocking: boolean;
  baseline?: string;
  message: string;
}

/** A plan of log groups: name → retention days, or 'unknown' for a value known only after apply. */
function logGroups(name: string, groups: Record<string, number | 'unknown'>): string {
  const builder = plan();
  for (const [group, days] of Object.entries(groups)) {
    builder.resource('aws_cloudwatch_log_group', group, days === 'unknown' ? { values: { name: `/${group}` }, unknown: ['retention_in_days'] } : { values: { name: `/${group}`, retention_in_days: days } });
  }
  return write(name, JSON.stringify(builder.build()));
}

function json(stdout: string): { summary: { blocking: number }; notices: string[]; findings: JsonFinding[] } {
  return JSON.parse(stdout);
}

const states = (findings: JsonFinding[]) => findings.map((f) => `${f.address} ${f.baseline} ${f.blocking}`);

describe('planwarden baseline', () => {
  it('writes the JSON report check writes, and exits 0 although findings block', () => {
    const planFile = logGroups('today.json', { audit: 30, app: 2192 });
    const out = path.join(tmp, 'baseline.json');
    const r = runCli(['baseline', planFile, '--only', 'LOG-001', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const check = runCli(['check', planFile, '--only', 'LOG-001', '--format', 'json']);
    expect(check.code).toBe(1);
    expect(fs.readFileSync(out, 'utf8')).toBe(check.stdout);
    // Without --output it goes to stdout.
    expect(runCli(['baseline', planFile, '--only', 'LOG-001']).stdout).toBe(check.stdout);
  });
});

describe('planwarden check --baseline', () => {
  const before = logGroups('main.json', { audit: 30, app: 14, metrics: 'unknown' });
  const baselineFile = path.join(tmp, 'main.baseline.json');
  beforeAll(() => {
    expect(runCli(['baseline', before, '--only', 'LOG-001', '--output', baselineFile]).code).toBe(0);
  });

  it('passes the same plan: every finding is known and listed, none blocks', () => {
    const r = runCli(['check', before, '--only', 'LOG-001', '--baseline', baselineFile, '--format', 'json']);
    expect(r.code).toBe(0);
    const report = json(r.stdout);
    expect(report.summary.blocking).toBe(0);
    expect(states(report.findings)).toEqual([
      'aws_cloudwatch_log_group.app known false',
      'aws_cloudwatch_log_group.audit known false',
      'aws_cloudwatch_log_group.metrics known false',
    ]);
    expect(report.notices).toEqual([`baseline ${baselineFile}: 0 new, 3 known and not blocking, 0 no longer found`]);
    const text = runCli(['check', before, '--only', 'LOG-001', '--baseline', baselineFile]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`notice: baseline ${baselineFile}: 0 new, 3 known`);
  });

  it('blocks on a new finding and on a worsened one (unknown → fail), not on the known ones', () => {
    const after = logGroups('pr.json', { audit: 30, app: 14, metrics: 7, billing: 1 });
    const r = runCli(['check', after, '--only', 'LOG-001', '--baseline', baselineFile, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(states(report.findings)).toEqual([
      'aws_cloudwatch_log_group.app known false',
      'aws_cloudwatch_log_group.audit known false',
      'aws_cloudwatch_log_group.billing new true',
      'aws_cloudwatch_log_group.metrics new true',
    ]);
    expect(report.summary.blocking).toBe(2);
    expect(report.notices[0]).toBe(`baseline ${baselineFile}: 2 new (1 worsened), 2 known and not blocking, 0 no longer found`);
  });

  it('blocks on a raised severity (config), and counts fixed findings', () => {
    const config = write('strict.json', JSON.stringify({ rules: { 'LOG-001': { severity: 'critical' } } }));
    const after = logGroups('fixed-some.json', { audit: 30, app: 2192 });
    const r = runCli(['check', after, '--only', 'LOG-001', '--baseline', baselineFile, '--config', config, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = json(r.stdout);
    expect(states(report.findings)).toEqual(['aws_cloudwatch_log_group.audit new true']);
    expect(report.notices.at(-1)).toBe(`baseline ${baselineFile}: 1 new (1 worsened), 0 known and not blocking, 2 no longer found`);
  });

  it('recognises findings by rule, address and attribute, not by message text', () => {
    const edited = JSON.parse(fs.readFileSync(baselineFile, 'utf8'));
    for (const finding of edited.findings) finding.message = 'worded differently in an older version';
    const file = write('reworded.json', JSON.stringify(edited));
    expect(runCli(['check', before, '--only', 'LOG-001', '--baseline', file]).code).toBe(0);
  });

  it('follows a move that the plan records (real Terraform plan with a moved block), and only then', () => {
    const planFile = path.join(ROOT, 'test', 'fixtures', 'plans', 'plan-actions.json');
    const current = json(runCli(['check', planFile, '--format', 'json']).stdout);
    const moved = current.findings.filter((f) => f.address === 'aws_cloudwatch_log_group.app');
    expect(moved.length).toBeGreaterThan(0);
    // The baseline from before the move: the same findings, under the old address.
    const old = JSON.parse(runCli(['check', planFile, '--format', 'json']).stdout);
    for (const f of old.findings) if (f.address === 'aws_cloudwatch_log_group.app') f.address = 'aws_cloudwatch_log_group.legacy_app';
    const baseline = write('before-move.json', JSON.stringify(old));

    const withMove = runCli(['check', planFile, '--baseline', baseline, '--format', 'json']);
    expect(withMove.code).toBe(0);
    expect(json(withMove.stdout).findings.filter((f) => f.address === 'aws_cloudwatch_log_group.app').map((f) => f.baseline)).toEqual(moved.map(() => 'known'));

    // The same plan without previous_address: nothing ties the two addresses.
    const document = JSON.parse(fs.readFileSync(planFile, 'utf8'));
    for (const change of document.resource_changes) delete change.previous_address;
    const unmoved = write('no-move.json', JSON.stringify(document));
    const withoutMove = runCli(['check', unmoved, '--baseline', baseline, '--format', 'json']);
    expect(withoutMove.code).toBe(1);
    const blocking = json(withoutMove.stdout).findings.filter((f) => f.blocking);
    expect(blocking.map((f) => `${f.address} ${f.baseline}`)).toEqual(moved.map(() => 'aws_cloudwatch_log_group.app new'));
  });

  it('refuses a baseline that is not a planwarden JSON report, with one line (exit 2)', () => {
    const notReport = runCli(['check', before, '--baseline', before]);
    expect(notReport.code).toBe(2);
    expect(notReport.stderr).toBe(
      `planwarden: ${before}: this is a Terraform plan, not a planwarden report; run \`planwarden check ${before} --format json=report.json\` and pass report.json\n`,
    );
    const missing = runCli(['check', before, '--baseline', path.join(tmp, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json: no such file');
    const stdin = runCli(['check', before, '--baseline', '-']);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe('planwarden: --baseline needs a file; standard input is for plans\n');
    expect(notReport.stdout + missing.stdout + stdin.stdout).toBe('');
  });

  it('leaves the JSON report unchanged when no baseline is given', () => {
    const r = runCli(['check', before, '--only', 'LOG-001', '--format', 'json']);
    expect(json(r.stdout).findings.every((f) => !('baseline' in f))).toBe(true);
  });
});
