/** init, config validate, waivers and custom rules, through the built CLI. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plan } from '../support/plan-builder';
import { runCli } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-config-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function dir(name: string): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  return d;
}

function write(d: string, name: string, content: string): string {
  const file = path.join(d, name);
  fs.writeFileSync(file, content);
  return file;
}

/** UTC day `offset` days from now: the CLI reads the real clock, so dates are relative to it. */
function day(offset: number): string {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

const expectOneLineError = (r: { code: number | null; stderr: string; stdout: string }, pattern: RegExp) => {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
};

describe('planwarden init', () => {
  it('writes a config that `config validate` accepts, and refuses to overwrite it', () => {
    const d = dir('init');
    const first = runCli(['init'], { cwd: d });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('wrote planwarden.config.yaml');
    const text = fs.readFileSync(path.join(d, 'planwarden.config.yaml'), 'utf8');
    expect(text).toMatch(/^# planwarden config/);

    const valid = runCli(['config', 'validate'], { cwd: d });
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/planwarden\.config\.yaml: valid \(0 rule overrides, 0 waivers, 0 custom rules\)/);

    fs.appendFileSync(path.join(d, 'planwarden.config.yaml'), '# my edit\n');
    expectOneLineError(runCli(['init'], { cwd: d }), /planwarden\.config\.yaml already exists; edit it, or pass --force/);
    expect(fs.readFileSync(path.join(d, 'planwarden.config.yaml'), 'utf8')).toContain('# my edit');

    expect(runCli(['init', '--force'], { cwd: d }).code).toBe(0);
    expect(fs.readFileSync(path.join(d, 'planwarden.config.yaml'), 'utf8')).toBe(text);
  });

  it('refuses to add a second config beside a JSON one', () => {
    const d = dir('init-json');
    write(d, 'planwarden.config.json', '{}');
    expectOneLineError(runCli(['init', '--force'], { cwd: d }), /planwarden\.config\.json already configures planwarden here/);
    expect(fs.existsSync(path.join(d, 'planwarden.config.yaml'))).toBe(false);
  });

  it('the written config is the one check uses', () => {
    const d = dir('init-check');
    runCli(['init'], { cwd: d });
    const planFile = write(d, 'plan.json', JSON.stringify(plan().resource('aws_sqs_queue', 'q', { unknown: ['kms_master_key_id'] }).build()));
    const r = runCli(['check', planFile, '--format', 'json'], { cwd: d });
    expect([0, 1]).toContain(r.code);
    expect(JSON.parse(r.stdout).unknownPolicy).toBe('warn');
  });
});

describe('planwarden config validate', () => {
  it.each([
    ['rulez: {}\n', /bad\.yaml: rulez: unknown key; expected one of/],
    ['waivers:\n  - rule: LOG-001\n    address: x\n    reason: r\n', /bad\.yaml: waivers\[0\]\.expires: every waiver needs an expiry date/],
    ['rules:\n  LOG-001:\n    params:\n      minRetentionDays: 30\n', /bad\.yaml: rules\.LOG-001\.params\.minRetentionDays: expected at least 365/],
    ['unknown: warn\nunknown: fail\n', /bad\.yaml: invalid YAML/],
    [
      "customRules:\n  - id: CUSTOM-X-1\n    title: t\n    family: encryption\n    severity: high\n    enforcement: advisory\n    hipaa: [164.312(b)]\n    resourceTypes: [aws_s3_bucket]\n    path: '$..[?(@.constructor)]'\n    predicate: { exists: true }\n    message: m\n    remediation: r\n",
      /bad\.yaml: customRules\[0\]\.path: unsafe or unsupported JSONPath/,
    ],
  ])('exits 2 with the first error: %s', (text, pattern) => {
    const d = dir(`validate-${Math.random().toString(36).slice(2)}`);
    const file = write(d, 'bad.yaml', text);
    expectOneLineError(runCli(['config', 'validate', '--config', file], { cwd: d }), pattern);
  });

  it('refuses a waiver further ahead than waiverPolicy.maxDays, as check would', () => {
    const d = dir('validate-maxdays');
    const file = write(d, 'c.json', JSON.stringify({ waiverPolicy: { maxDays: 10 }, waivers: [{ rule: 'LOG-001', address: '*', reason: 'r', expires: day(40) }] }));
    expectOneLineError(runCli(['config', 'validate', '--config', file], { cwd: d }), /waivers\[0\]\.expires: .* is more than 10 days ahead/);
  });

  it('exits 2 without a config, and reports weakened thresholds when valid', () => {
    expectOneLineError(runCli(['config', 'validate'], { cwd: dir('validate-none') }), /no planwarden\.config\.json or \.yaml in this directory/);
    const d = dir('validate-weak');
    write(d, 'planwarden.config.json', JSON.stringify({ allowWeakerThanHipaa: true, rules: { 'LOG-001': { params: { minRetentionDays: 90 } } } }));
    const r = runCli(['config', 'validate'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('weaker than HIPAA asks (allowWeakerThanHipaa): LOG-001 minRetentionDays = 90');
  });

  it('rejects an unknown action as usage', () => {
    expectOneLineError(runCli(['config', 'check'], { cwd: dir('validate-usage') }), /Choices: "validate"/);
  });
});

describe('planwarden waivers', () => {
  const LG = 'aws_cloudwatch_log_group';
  const d = dir('waivers');
  const waiver = (address: string, expires: string, extra: object = {}) => ({ rule: 'LOG-001', address, reason: `reason for ${address}`, expires, ...extra });
  write(
    d,
    'planwarden.config.json',
    JSON.stringify({
      waivers: [
        waiver(`${LG}.today`, day(0), { ticket: 'SEC-1', owner: 'ann', approver: 'bob', hipaaControl: '164.312(b)' }),
        waiver(`${LG}.yesterday`, day(-1)),
        waiver(`${LG}.soon`, day(10)),
        waiver(`${LG}.later`, day(100)),
        waiver('module.gone.*', day(100)),
      ],
    }),
  );
  const planFile = write(
    d,
    'plan.json',
    JSON.stringify(
      plan()
        .resource(LG, 'today', { values: { retention_in_days: 1 } })
        .resource(LG, 'yesterday', { values: { retention_in_days: 1 } })
        .resource(LG, 'soon', { values: { retention_in_days: 1 } })
        .resource(LG, 'later', { values: { retention_in_days: 1 } })
        .resource(LG, 'badtag', { values: { retention_in_days: 1, tags: { 'planwarden:waive': 'LOG-001:no date' } } })
        .build(),
    ),
  );

  it('lists each config waiver with its status in JSON (today still in force, yesterday expired)', () => {
    const r = runCli(['waivers', '--format', 'json'], { cwd: d });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ today: day(0), within: 30, plans: [], notices: [] });
    expect(out.waivers.map((w: { status: string; daysLeft: number; matched: null }) => [w.status, w.daysLeft, w.matched])).toEqual([
      ['expiring', 0, null],
      ['expired', -1, null],
      ['expiring', 10, null],
      ['active', 100, null],
      ['active', 100, null],
    ]);
    expect(out.waivers[0].record).toMatchObject({ ticket: 'SEC-1', owner: 'ann', approver: 'bob', hipaaControl: '164.312(b)' });
    expect(out.counts).toEqual({ active: 2, expiring: 2, expired: 1, stale: 0 });
  });

  it('honours --within and finds stale waivers when plans are given', () => {
    const r = runCli(['waivers', planFile, '--within', '5', '--format', 'json'], { cwd: d });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.waivers.map((w: { record: { address: string }; status: string; matched: number }) => [w.record.address, w.status, w.matched])).toEqual([
      [`${LG}.today`, 'expiring', 1],
      [`${LG}.yesterday`, 'expired', 1],
      [`${LG}.soon`, 'active', 1],
      [`${LG}.later`, 'active', 1],
      ['module.gone.*', 'stale', 0],
    ]);
    expect(out.notices).toEqual([expect.stringMatching(/badtag: tag planwarden:waive "LOG-001:no date" .*it waives nothing/)]);
  });

  it('prints a text table for a review meeting', () => {
    const r = runCli(['waivers'], { cwd: d });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`5 waivers on ${day(0)} (UTC); expiring = within 30 days`);
    expect(r.stdout).toMatch(new RegExp(`^1\\s+expiring\\s+${day(0)}\\s+0\\s+-\\s+LOG-001\\s+${LG}\\.today$`, 'm'));
    expect(r.stdout).toContain('reason: reason for aws_cloudwatch_log_group.today; ticket SEC-1; owner ann; approver bob; HIPAA 164.312(b)');
    expect(r.stdout).toMatch(/^2\s+expired\s+/m);
    expect(r.stdout).toContain('2 active, 2 expiring, 1 expired, 0 stale');
  });

  it('exits 2 on a bad --within, a missing config, or a bad plan', () => {
    expectOneLineError(runCli(['waivers', '--within', '-3'], { cwd: d }), /--within expects a whole number of days/);
    expectOneLineError(runCli(['waivers', '--within', 'soon'], { cwd: d }), /--within expects a whole number of days/);
    expectOneLineError(runCli(['waivers'], { cwd: dir('waivers-none') }), /no planwarden\.config\.json or \.yaml/);
    expectOneLineError(runCli(['waivers', write(d, 'state.json', '{"version":4,"serial":1,"lineage":"x","resources":[]}')], { cwd: d }), /Terraform state file, not a plan/);
  });
});

describe('custom rules in check', () => {
  const d = dir('custom');
  const rule = {
    id: 'CUSTOM-SQS-001',
    title: 'SQS queues use a customer-managed KMS key',
    family: 'encryption',
    severity: 'high',
    enforcement: 'hard-mandatory',
    hipaa: ['164.312(a)(2)(iv)'],
    resourceTypes: ['aws_sqs_queue'],
    path: '$.kms_master_key_id',
    predicate: { matches: '^arn:aws:kms:' },
    message: 'the queue is not encrypted with a customer-managed KMS key',
    remediation: 'set kms_master_key_id to a customer-managed key ARN',
  };
  const planFile = write(
    d,
    'plan.json',
    JSON.stringify(
      plan()
        .resource('aws_sqs_queue', 'cmk', { values: { kms_master_key_id: 'arn:aws:kms:us-east-1:111122223333:key/k' } })
        .resource('aws_sqs_queue', 'managed', { values: { kms_master_key_id: 'alias/aws/sqs' } })
        .resource('aws_sqs_queue', 'later', { unknown: ['kms_master_key_id'] })
        .build(),
    ),
  );

  it('report like built-in rules in JSON, SARIF and the exit code', () => {
    write(d, 'planwarden.config.json', JSON.stringify({ customRules: [rule] }));
    const r = runCli(['check', planFile, '--only', 'CUSTOM-SQS-001', '--format', 'json', '--format', `sarif=${path.join(d, 'out.sarif')}`], { cwd: d });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.map((f: { address: string; status: string }) => [f.address, f.status])).toEqual([
      ['aws_sqs_queue.later', 'unknown'],
      ['aws_sqs_queue.managed', 'fail'],
    ]);
    expect(report.findings[1]).toMatchObject({ ruleId: 'CUSTOM-SQS-001', family: 'encryption', severity: 'high', hipaa: ['164.312(a)(2)(iv)'], attribute: 'kms_master_key_id', blocking: true });
    expect(report.summary).toMatchObject({ checks: 3, failed: 1, unknown: 1, blocking: 1 });
    const sarif = JSON.parse(fs.readFileSync(path.join(d, 'out.sarif'), 'utf8'));
    expect(sarif.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['CUSTOM-SQS-001']);
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toContain('CUSTOM-SQS-001');
  });

  it('follow family selection, overrides and waivers', () => {
    write(
      d,
      'planwarden.config.json',
      JSON.stringify({
        customRules: [rule],
        rules: { 'CUSTOM-SQS-001': { enforcement: 'advisory' } },
        waivers: [{ rule: 'CUSTOM-SQS-001', address: 'aws_sqs_queue.managed', reason: 'migrating in SEC-5', expires: day(20) }],
      }),
    );
    const r = runCli(['check', planFile, '--only', 'encryption', '--format', 'json'], { cwd: d });
    const report = JSON.parse(r.stdout);
    const custom = report.findings.filter((f: { ruleId: string }) => f.ruleId === 'CUSTOM-SQS-001');
    expect(custom.map((f: { address: string; status: string; enforcement: string }) => [f.address, f.status, f.enforcement])).toEqual([
      ['aws_sqs_queue.later', 'unknown', 'advisory'],
      ['aws_sqs_queue.managed', 'waived', 'advisory'],
    ]);
    const skipped = JSON.parse(runCli(['check', planFile, '--skip', 'CUSTOM-SQS-001', '--format', 'json'], { cwd: d }).stdout);
    expect(skipped.findings.map((f: { ruleId: string }) => f.ruleId)).not.toContain('CUSTOM-SQS-001');
    expect(skipped.findings.length).toBeGreaterThan(0);
  });

  it.each([
    ['$..[?(@.constructor)]', /customRules\[0\]\.path: unsafe or unsupported JSONPath: filter, script/],
    ['$[(this.constructor)]', /customRules\[0\]\.path: unsafe or unsupported JSONPath/],
    ['$.__proto__.polluted', /prototype keys are refused/],
    ["$['constructor']", /prototype keys are refused/],
  ])('refuse the injection path %s at load with exit 2', (bad, pattern) => {
    const e = dir(`custom-bad-${Math.random().toString(36).slice(2)}`);
    write(e, 'planwarden.config.json', JSON.stringify({ customRules: [{ ...rule, path: bad }] }));
    expectOneLineError(runCli(['check', planFile], { cwd: e }), pattern);
  });

  it('refuse a catastrophic-looking pattern only for unsupported syntax; (a+)+ runs in linear time', () => {
    const e = dir('custom-redos');
    write(e, 'planwarden.config.json', JSON.stringify({ customRules: [{ ...rule, predicate: { matches: '^(a+)+$' } }] }));
    const slow = JSON.stringify(plan().resource('aws_sqs_queue', 'q', { values: { kms_master_key_id: 'a'.repeat(30000) + '!' } }).build());
    const started = Date.now();
    const r = runCli(['check', write(e, 'plan.json', slow), '--only', 'CUSTOM-SQS-001', '--format', 'json'], { cwd: e });
    expect(Date.now() - started).toBeLessThan(20000);
    expect(r.code).toBe(1);
    write(e, 'planwarden.config.json', JSON.stringify({ customRules: [{ ...rule, predicate: { matches: '(a)\\1' } }] }));
    expectOneLineError(runCli(['check', planFile], { cwd: e }), /predicate\.matches: unsupported pattern: backreferences are not supported/);
  });
});
