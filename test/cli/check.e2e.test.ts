import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plan } from '../support/plan-builder';
import { ROOT, runCli } from './helpers';

const EXAMPLE = path.join(ROOT, 'examples', 'plans', 'phi-platform.json');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, content);
  return file;
}

const COMPLIANT = JSON.stringify(
  plan()
    .resource('aws_cloudwatch_log_group', 'ok', { values: { name: '/ok', retention_in_days: 2192 } })
    .build(),
);

describe('planwarden check', () => {
  it('fails the bundled example with exit 1 and names what to change', () => {
    const r = runCli(['check', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('aws_cloudwatch_log_group.api_audit');
    expect(r.stdout).toContain('set retention_in_days to 2192 or more, or 0');
    expect(r.stdout).toMatch(/FAILED: \d+ blocking findings?/);
    expect(r.stdout).not.toContain('\u001b['); // NO_COLOR and not a TTY
  });

  it('passes a compliant plan with exit 0', () => {
    const r = runCli(['check', write('ok.json', COMPLIANT), '--only', 'LOG-001']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PASSED: no blocking findings');
  });

  it('prints the DESIGN.md JSON report, sorted and deterministic', () => {
    const a = runCli(['check', EXAMPLE, '--format', 'json']);
    const b = runCli(['check', EXAMPLE, '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
    const report = JSON.parse(a.stdout);
    expect(report).toMatchObject({ schemaVersion: 1, tool: { name: 'planwarden' }, inputs: [{ kind: 'plan', terraformVersion: '1.11.4' }] });
    expect(Object.keys(report.summary).sort()).toEqual(['blocking', 'checks', 'failed', 'resources', 'unknown', 'waived']);
    for (const f of report.findings) {
      for (const key of ['ruleId', 'family', 'severity', 'enforcement', 'status', 'address', 'resourceType', 'action', 'attribute', 'message', 'remediation', 'hipaa', 'waiver']) {
        expect(f).toHaveProperty(key);
      }
    }
    const keys = report.findings.map((f: { address: string; ruleId: string }) => `${f.address}\u0000${f.ruleId}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('reads standard input and writes formats to files', () => {
    const out = path.join(tmp, 'report.json');
    const r = runCli(['check', '-', '--format', `json=${out}`, '--format', 'text'], { input: fs.readFileSync(EXAMPLE) });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('<stdin>');
    expect(JSON.parse(fs.readFileSync(out, 'utf8')).inputs[0].path).toBe('<stdin>');
  });

  it('accepts options before or after the plan paths', () => {
    const before = runCli(['check', '--format', 'json', '--only', 'LOG-001', EXAMPLE]);
    const after = runCli(['check', EXAMPLE, '--format=json', '--only=LOG-001']);
    expect(before.code).toBe(1);
    expect(before.stdout).toBe(after.stdout);
    expect(JSON.parse(before.stdout).inputs).toHaveLength(1);
  });

  it('--only and --skip select by family or id', () => {
    const only = JSON.parse(runCli(['check', EXAMPLE, '--format', 'json', '--only', 'logging']).stdout);
    expect(only.findings.map((f: { family: string }) => f.family)).toEqual(expect.arrayContaining(['logging']));
    expect(new Set(only.findings.map((f: { family: string }) => f.family))).toEqual(new Set(['logging']));
    const skip = JSON.parse(runCli(['check', EXAMPLE, '--format', 'json', '--skip', 'LOG-001']).stdout);
    expect(skip.findings.some((f: { ruleId: string }) => f.ruleId === 'LOG-001')).toBe(false);
  });

  it('--unknown fail makes a value known only after apply block', () => {
    const unknownPlan = write(
      'unknown.json',
      JSON.stringify(plan().resource('aws_cloudwatch_log_group', 'u', { unknown: ['retention_in_days'], refs: { retention_in_days: ['var.days'] } }).build()),
    );
    expect(runCli(['check', unknownPlan, '--only', 'LOG-001']).code).toBe(0);
    expect(runCli(['check', unknownPlan, '--only', 'LOG-001', '--unknown', 'fail']).code).toBe(1);
    const passed = JSON.parse(runCli(['check', unknownPlan, '--only', 'LOG-001', '--unknown', 'pass', '--format', 'json']).stdout);
    expect(passed.summary.unknown).toBe(0);
  });

  it('--changed-only leaves unchanged resources alone', () => {
    const noop = write('noop.json', JSON.stringify(plan().resource('aws_cloudwatch_log_group', 'old', { action: 'no-op', values: { retention_in_days: 7 } }).build()));
    expect(runCli(['check', noop, '--only', 'LOG-001']).code).toBe(1);
    expect(runCli(['check', noop, '--only', 'LOG-001', '--changed-only']).code).toBe(0);
  });

  it('several plans, evaluated on worker threads, give the union of the single-plan reports', () => {
    const other = path.join(ROOT, 'test', 'fixtures', 'plans', 'logs-retention.json');
    const both = JSON.parse(runCli(['check', EXAMPLE, other, '--format', 'json']).stdout);
    const singles = [EXAMPLE, other].flatMap((p) => JSON.parse(runCli(['check', p, '--format', 'json']).stdout).findings);
    const key = (f: { address: string; ruleId: string; input: string; message: string }) => `${f.address}\u0000${f.ruleId}\u0000${f.input}\u0000${f.message}`;
    expect(both.findings.map(key)).toEqual(singles.map(key).sort());
    expect(both.inputs.map((i: { path: string }) => i.path)).toEqual([EXAMPLE, other]);
  });

  it('checks several plans in one call and says which input each finding came from', () => {
    const r = runCli(['check', EXAMPLE, write('ok2.json', COMPLIANT), '--format', 'json', '--only', 'LOG-001']);
    const report = JSON.parse(r.stdout);
    expect(report.inputs).toHaveLength(2);
    expect(new Set(report.findings.map((f: { input: string }) => f.input))).toEqual(new Set([EXAMPLE]));
  });
});

describe('bad input and usage: one line on stderr, exit 2, never a stack trace', () => {
  const cases: Array<[string, () => string[]]> = [
    ['missing file', () => ['check', path.join(tmp, 'missing.json')]],
    ['directory', () => ['check', tmp]],
    ['empty file', () => ['check', write('empty.json', '')]],
    ['invalid JSON', () => ['check', write('bad.json', '{"format_version": ')]],
    ['binary plan.out', () => ['check', write('plan.out', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]))]],
    ['state file', () => ['check', write('terraform.tfstate', JSON.stringify({ version: 4, serial: 1, lineage: 'l', resources: [] }))]],
    ['unknown rule selector', () => ['check', EXAMPLE, '--only', 'NOPE-999']],
    ['unknown format', () => ['check', EXAMPLE, '--format', 'yaml']],
    ['two formats on stdout', () => ['check', EXAMPLE, '--format', 'json', '--format', 'text']],
    ['bad --unknown value', () => ['check', EXAMPLE, '--unknown', 'maybe']],
    ['no command', () => []],
    ['unknown command', () => ['frobnicate']],
    ['unknown option', () => ['check', EXAMPLE, '--no-such-option']],
    ['explain an unknown rule', () => ['explain', 'ENC-999']],
    ['empty override reason', () => ['check', EXAMPLE, '--override-soft', ' ']],
  ];
  it.each(cases)('%s', (_name, args) => {
    const r = runCli(args());
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^planwarden: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an empty stdin is bad input', () => {
    const r = runCli(['check', '-'], { input: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('<stdin>: the file is empty');
  });
});

describe('planwarden rules and explain', () => {
  it('lists the pack as JSON with the contract fields', () => {
    const r = runCli(['rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const { rules } = JSON.parse(r.stdout);
    expect(rules.length).toBeGreaterThan(1);
    for (const rule of rules) {
      expect(Object.keys(rule).sort()).toEqual(['enforcement', 'family', 'hipaa', 'id', 'params', 'resourceTypes', 'severity', 'title']);
    }
  });

  it('explains a rule with its citation, fix and example', () => {
    const r = runCli(['explain', 'log-001']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('LOG-001');
    expect(r.stdout).toContain('164.316(b)(2)(i)');
    expect(r.stdout).toContain('minRetentionDays');
    expect(r.stdout).toContain('Fails:');
  });

  it('the committed rules reference is the generated one', () => {
    const generated = runCli(['rules', '--format', 'markdown']).stdout;
    expect(fs.readFileSync(path.join(ROOT, 'docs', 'rules.md'), 'utf8')).toBe(generated);
  });
});
