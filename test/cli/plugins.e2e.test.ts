/**
 * Rule plugins (docs/plugins.md) through the built CLI: a .js and a .ts plugin named by the
 * config or by --plugin, --no-plugins, every validation failure (exit 2, one line), crashes in
 * check() (exit 3), overrides, waivers, report formats, evidence and multi-plan runs.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reportSchema } from '../reliability/support/report-checks';
import { plan } from '../support/plan-builder';
import { ROOT, runCli, type CliResult } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-plugins-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A project folder; `typescript` makes the project's own compiler resolvable, as in a real repository. */
function project(name: string, options: { typescript?: boolean } = {}): string {
  const d = path.join(tmp, name);
  fs.mkdirSync(d, { recursive: true });
  if (options.typescript) {
    fs.mkdirSync(path.join(d, 'node_modules'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', 'typescript'), path.join(d, 'node_modules', 'typescript'), 'dir');
  }
  return d;
}

function write(d: string, name: string, content: string): string {
  const file = path.join(d, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

const expectOneLineError = (r: CliResult, code: number, pattern: RegExp) => {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: expect.stringMatching(pattern) });
  expect(r.stdout).toBe('');
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(r.stderr).not.toContain('    at ');
};

const S3 = 'aws_s3_bucket';

/** Two buckets: `bad` force-destroys and has no classification tag, `good` neither. */
function bucketsPlan(prefix: string): string {
  return JSON.stringify(
    plan()
      .resource(S3, `${prefix}bad`, { values: { bucket: `${prefix}bad`, force_destroy: true, tags: { owner: 'team-a' } } })
      .resource(S3, `${prefix}good`, { values: { bucket: `${prefix}good`, force_destroy: false, tags: { 'data-classification': 'phi', owner: 'team-b' } } })
      .build(),
  );
}

/** Rule fields every test plugin shares; each test overrides what it is about. */
const BASE_FIELDS = `
  family: 'encryption', severity: 'high', enforcement: 'hard-mandatory',
  hipaa: ['164.310(d)(2)(i)'], resourceTypes: ['aws_s3_bucket'],
  rationale: 'A bucket that Terraform may destroy with its objects loses records.',
  remediation: 'Set force_destroy = false.',
  params: {},`;

/** CommonJS: fails buckets with force_destroy = true. */
const JS_PLUGIN = `
module.exports.rules = [{
  id: 'ACME-JS-001',
  title: 'Buckets are not force-destroyed',${BASE_FIELDS}
  check(bucket) {
    const v = bucket.attr('force_destroy');
    if (v.state === 'known' && v.value === true) return { status: 'fail', attribute: 'force_destroy', message: bucket.address + ' sets force_destroy; set it to false' };
    return { status: 'pass', message: '' };
  },
}];
`;

/** TypeScript with types from planwarden, a relative .ts import and a param: fails buckets without the tag. */
const TS_HELPER = `
import type { AttributeValue } from 'planwarden';
export function tagOf(tags: AttributeValue, key: string): string | undefined {
  if (tags.state !== 'known' || tags.value === null || typeof tags.value !== 'object' || Array.isArray(tags.value)) return undefined;
  const value = (tags.value as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
`;
const TS_PLUGIN = `
import type { Outcome, ResourceInstance, Rule, RuleContext } from 'planwarden';
import { tagOf } from './helpers';

const rule: Rule = {
  id: 'ACME-TS-001',
  title: 'Buckets carry a classification tag',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.308(a)(1)(ii)(A)'],
  resourceTypes: ['aws_s3_bucket'],
  rationale: 'Knowing where ePHI is starts the risk analysis.',
  remediation: 'Tag the bucket.',
  params: { requiredTag: { description: 'the tag every bucket needs', default: 'data-classification' } },
  check(bucket: ResourceInstance, ctx: RuleContext): Outcome {
    const key = String(ctx.params.requiredTag);
    const value: string | undefined = tagOf(bucket.attr('tags'), key);
    return value === undefined
      ? { status: 'fail', attribute: 'tags.' + key, message: \`\${bucket.address} has no \${key} tag; add one\` }
      : { status: 'pass', message: '' };
  },
};
export default [rule];
`;

/** A project with both plugins under plugins/, a plan, and a config naming the plugins. */
function pluginProject(name: string, config: Record<string, unknown> = {}): string {
  const d = project(name, { typescript: true });
  write(d, 'plugins/js-rule.js', JS_PLUGIN);
  write(d, 'plugins/ts-rule.ts', TS_PLUGIN);
  write(d, 'plugins/helpers.ts', TS_HELPER);
  write(d, 'plan.json', bucketsPlan(''));
  write(d, 'planwarden.config.json', JSON.stringify({ plugins: ['./plugins/js-rule.js', 'plugins/ts-rule.ts'], ...config }));
  return d;
}

const ONLY = ['--only', 'ACME-JS-001,ACME-TS-001'];

interface JsonFinding {
  ruleId: string;
  address: string;
  status: string;
  severity: string;
  enforcement: string;
  blocking: boolean;
  input: string;
  message: string;
}
interface JsonReport {
  summary: { checks: number; failed: number; waived: number; blocking: number };
  findings: JsonFinding[];
  notices: string[];
}

function jsonOf(r: CliResult): JsonReport {
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as JsonReport;
}

describe('rule plugins named by the config', () => {
  const d = pluginProject('basic');

  it('run a .js and a .ts plugin: each fails one bucket and passes the other; the report validates against its schema', () => {
    const r = runCli(['check', 'plan.json', ...ONLY, '--format', 'json'], { cwd: d });
    expect(r.code).toBe(1);
    const report = jsonOf(r);
    expect(reportSchema()(report)).toBe(true);
    expect(report.summary).toMatchObject({ checks: 4, failed: 2, blocking: 2 });
    expect(report.findings.map((f) => [f.ruleId, f.address, f.status, f.severity, f.enforcement])).toEqual([
      ['ACME-JS-001', `${S3}.bad`, 'fail', 'high', 'hard-mandatory'],
      ['ACME-TS-001', `${S3}.bad`, 'fail', 'medium', 'soft-mandatory'],
    ]);
    expect(report.findings[1].message).toBe(`${S3}.bad has no data-classification tag; add one`);
  });

  it('take part in the whole pack: plugin findings sit beside built-in ones', () => {
    const all = jsonOf(runCli(['check', 'plan.json', '--format', 'json'], { cwd: d }));
    const ids = new Set(all.findings.map((f) => f.ruleId));
    expect(ids.has('ACME-JS-001') && ids.has('ACME-TS-001')).toBe(true);
    expect([...ids].some((id) => /^(ENC|LOG|TLS|BAA)-/.test(id))).toBe(true);
  });

  it('take rules.<ID> overrides of severity, enforcement and declared params, and refuse params they do not declare', () => {
    const o = pluginProject('overrides', {
      rules: {
        'ACME-JS-001': { severity: 'low', enforcement: 'advisory' },
        'ACME-TS-001': { params: { requiredTag: 'owner' } },
      },
    });
    const r = runCli(['check', 'plan.json', ...ONLY, '--format', 'json'], { cwd: o });
    expect(r.code).toBe(0);
    // requiredTag = owner: both buckets carry an owner tag, so the TS rule passes both.
    expect(jsonOf(r).findings.map((f) => [f.ruleId, f.address, f.severity, f.enforcement, f.blocking])).toEqual([['ACME-JS-001', `${S3}.bad`, 'low', 'advisory', false]]);

    write(o, 'planwarden.config.json', JSON.stringify({ plugins: ['./plugins/ts-rule.ts'], rules: { 'ACME-TS-001': { params: { minDays: 3 } } } }));
    expectOneLineError(runCli(['check', 'plan.json'], { cwd: o }), 2, /planwarden\.config\.json: rules\.ACME-TS-001\.params\.minDays: no rule in ACME-TS-001 has a param "minDays"/);
    write(o, 'planwarden.config.json', JSON.stringify({ plugins: ['./plugins/ts-rule.ts'], rules: { 'ACME-TS-001': { params: { requiredTag: 7 } } } }));
    expectOneLineError(runCli(['check', 'plan.json'], { cwd: o }), 2, /rules\.ACME-TS-001\.params\.requiredTag: expected a string like "data-classification"/);
  });

  it('can be waived like a built-in rule (config waiver, waiver tag), and --only/--skip select them', () => {
    const w = pluginProject('waived', {
      waivers: [{ rule: 'ACME-JS-001', address: `${S3}.bad`, reason: 'bucket is emptied by hand first', expires: day(60), owner: 'ann', approver: 'bob' }],
    });
    const r = runCli(['check', 'plan.json', '--only', 'ACME-JS-001', '--format', 'json'], { cwd: w });
    expect(r.code).toBe(0);
    const report = jsonOf(r);
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'ACME-JS-001', status: 'waived', blocking: false })]);
    expect(report.summary).toMatchObject({ waived: 1, blocking: 0 });

    // A resource's own waiver tag may name a plugin rule too.
    write(d, 'tagged.json', JSON.stringify(plan().resource(S3, 'bad', { values: { bucket: 'bad', force_destroy: true, tags: { 'planwarden:waive': `ACME-JS-001:emptied by hand:${day(10)}` } } }).build()));
    const tagged = jsonOf(runCli(['check', 'tagged.json', '--only', 'ACME-JS-001', '--format', 'json'], { cwd: d }));
    expect(tagged.findings).toEqual([expect.objectContaining({ ruleId: 'ACME-JS-001', status: 'waived', waiver: expect.objectContaining({ source: 'tag', reason: 'emptied by hand' }) })]);

    const skipped = jsonOf(runCli(['check', 'plan.json', ...ONLY, '--skip', 'ACME-TS-001', '--format', 'json'], { cwd: d }));
    expect(skipped.findings.map((f) => f.ruleId)).toEqual(['ACME-JS-001']);
    const byFamily = jsonOf(runCli(['check', 'plan.json', ...ONLY, '--skip', 'encryption', '--format', 'json'], { cwd: d }));
    expect(byFamily.findings.map((f) => f.ruleId)).toEqual(['ACME-TS-001']);
  });

  it('describe themselves in SARIF rule metadata', () => {
    const r = runCli(['check', 'plan.json', ...ONLY, '--format', 'sarif'], { cwd: d });
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout) as { runs: Array<{ tool: { driver: { rules: Array<Record<string, any>> } }; results: Array<Record<string, any>> }> };
    const rules = log.runs[0].tool.driver.rules;
    const ts = rules.find((x) => x.id === 'ACME-TS-001');
    expect(ts).toMatchObject({
      shortDescription: { text: 'Buckets carry a classification tag' },
      fullDescription: { text: 'Knowing where ePHI is starts the risk analysis.' },
      defaultConfiguration: { level: 'error' },
      properties: { severity: 'medium', enforcement: 'soft-mandatory', family: 'logging', hipaa: ['164.308(a)(1)(ii)(A)'], resourceTypes: [S3] },
    });
    expect(ts!.help.text).toContain('Tag the bucket.');
    const result = log.runs[0].results.find((x) => x.ruleId === 'ACME-TS-001');
    expect(rules[result!.ruleIndex].id).toBe('ACME-TS-001');
  });

  it('appear in every report format', () => {
    for (const format of ['text', 'junit', 'markdown', 'github']) {
      const r = runCli(['check', 'plan.json', ...ONLY, '--format', format], { cwd: d });
      expect({ format, code: r.code, stderr: r.stderr }).toEqual({ format, code: 1, stderr: '' });
      expect(r.stdout).toContain('ACME-JS-001');
      expect(r.stdout).toContain('ACME-TS-001');
    }
  });

  it('are hashed into the evidence record like the config', () => {
    const r = runCli(['check', 'plan.json', ...ONLY, '--evidence', 'ev.json'], { cwd: d, env: { PLANWARDEN_EVIDENCE_KEY: '' } });
    expect(r.code).toBe(1);
    const record = JSON.parse(fs.readFileSync(path.join(d, 'ev.json'), 'utf8'));
    const file = (name: string) => fs.readFileSync(path.join(d, 'plugins', name));
    expect(record.plugins).toEqual([
      { path: path.join(d, 'plugins', 'js-rule.js'), declaredBy: 'plugins[0]', loaded: true, sha256: sha256(file('js-rule.js')), bytes: file('js-rule.js').length, rules: ['ACME-JS-001'] },
      { path: path.join(d, 'plugins', 'ts-rule.ts'), declaredBy: 'plugins[1]', loaded: true, sha256: sha256(file('ts-rule.ts')), bytes: file('ts-rule.ts').length, rules: ['ACME-TS-001'] },
    ]);
    expect(record.rules).toEqual([
      expect.objectContaining({ id: 'ACME-JS-001', plugin: true, custom: false }),
      expect.objectContaining({ id: 'ACME-TS-001', plugin: true, custom: false, params: { requiredTag: 'data-classification' } }),
    ]);
    expect(record.checks.filter((c: { ruleId: string }) => c.ruleId.startsWith('ACME-'))).toHaveLength(4);
  });

  it('give the same findings in a multi-plan run (worker threads) as in single-plan runs', () => {
    const m = pluginProject('multi');
    write(m, 'a.json', bucketsPlan('a_'));
    write(m, 'b.json', bucketsPlan('b_'));
    // One plugin from the config, one from --plugin: the workers must load both.
    write(m, 'planwarden.config.json', JSON.stringify({ plugins: ['plugins/ts-rule.ts'], rules: { 'ACME-TS-001': { severity: 'critical' } } }));
    const args = ['--plugin', 'plugins/js-rule.js', '--format', 'json'];
    const multi = runCli(['check', 'a.json', 'b.json', ...args], { cwd: m });
    const singleA = runCli(['check', 'a.json', ...args], { cwd: m });
    const singleB = runCli(['check', 'b.json', ...args], { cwd: m });
    expect([multi.code, singleA.code, singleB.code]).toEqual([1, 1, 1]);
    const [mr, ar, br] = [jsonOf(multi), jsonOf(singleA), jsonOf(singleB)];
    // Addresses differ between the plans (a_*, b_*), so the sorted multi-plan list is a then b.
    expect(mr.findings).toEqual([...ar.findings, ...br.findings]);
    expect(mr.findings.filter((f) => f.ruleId.startsWith('ACME-')).map((f) => [f.ruleId, f.address, f.severity])).toEqual([
      ['ACME-JS-001', `${S3}.a_bad`, 'high'],
      ['ACME-TS-001', `${S3}.a_bad`, 'critical'],
      ['ACME-JS-001', `${S3}.b_bad`, 'high'],
      ['ACME-TS-001', `${S3}.b_bad`, 'critical'],
    ]);
    expect(mr.summary.checks).toBe(ar.summary.checks + br.summary.checks);
  });
});

describe('--plugin on the command line', () => {
  const d = project('cli', { typescript: true });
  write(d, 'rules/js-rule.js', JS_PLUGIN);
  write(d, 'rules/ts-rule.ts', TS_PLUGIN);
  write(d, 'rules/helpers.ts', TS_HELPER);
  write(d, 'plan.json', bucketsPlan(''));

  it('loads plugins relative to the working directory, with or without a config', () => {
    const r = runCli(['check', 'plan.json', '--plugin', 'rules/js-rule.js', '--plugin', './rules/ts-rule.ts', ...ONLY, '--format', 'json'], { cwd: d });
    expect(r.code).toBe(1);
    expect(jsonOf(r).findings.map((f) => f.ruleId)).toEqual(['ACME-JS-001', 'ACME-TS-001']);
    // Without the plugin, its rule id is unknown.
    expectOneLineError(runCli(['check', 'plan.json', '--only', 'ACME-JS-001'], { cwd: d }), 2, /unknown rule or family "ACME-JS-001"/);
  });

  it('lists and explains plugin rules (rules, explain), validates them with the config (config validate), and accepts their waivers (waivers)', () => {
    const listed = runCli(['rules', '--plugin', 'rules/js-rule.js', '--format', 'json'], { cwd: d });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout).rules).toContainEqual({ id: 'ACME-JS-001', title: 'Buckets are not force-destroyed', family: 'encryption', severity: 'high', enforcement: 'hard-mandatory', hipaa: ['164.310(d)(2)(i)'], resourceTypes: [S3], params: {} });
    expect(runCli(['rules'], { cwd: d }).stdout).not.toContain('ACME-');

    const explained = runCli(['explain', 'acme-ts-001', '--plugin', 'rules/ts-rule.ts'], { cwd: d });
    expect(explained.code).toBe(0);
    expect(explained.stdout).toContain('ACME-TS-001: Buckets carry a classification tag');
    expect(explained.stdout).toContain('requiredTag');

    write(d, 'c.yaml', `rules:\n  ACME-JS-001:\n    enforcement: advisory\nwaivers:\n  - rule: ACME-JS-001\n    address: aws_s3_bucket.bad\n    reason: emptied by hand\n    expires: "${day(30)}"\n`);
    expectOneLineError(runCli(['config', 'validate', '--config', 'c.yaml'], { cwd: d }), 2, /c\.yaml: rules\.ACME-JS-001: no rule or family "ACME-JS-001"/);
    const valid = runCli(['config', 'validate', '--config', 'c.yaml', '--plugin', 'rules/js-rule.js'], { cwd: d });
    expect(valid.code).toBe(0);
    expect(valid.stdout).toContain('c.yaml: valid (1 rule override, 1 waiver, 0 custom rules, 1 plugin with 1 rule)');
    const waivers = runCli(['waivers', 'plan.json', '--config', 'c.yaml', '--plugin', 'rules/js-rule.js', '--format', 'json'], { cwd: d });
    expect(waivers.code).toBe(0);
    expect(JSON.parse(waivers.stdout).waivers).toEqual([expect.objectContaining({ status: 'expiring', matched: 1 })]);
  });

  it('loads a file named by both the config and --plugin once', () => {
    write(d, 'both.json', JSON.stringify({ plugins: ['rules/js-rule.js'] }));
    const r = runCli(['check', 'plan.json', '--config', 'both.json', '--plugin', 'rules/js-rule.js', '--only', 'ACME-JS-001', '--format', 'json'], { cwd: d });
    expect(r.code).toBe(1);
    expect(jsonOf(r).findings).toHaveLength(1);
  });
});

describe('--no-plugins', () => {
  const d = project('untrusted', { typescript: true });
  // Loading this plugin leaves a mark: the proof that --no-plugins runs none of its code.
  write(d, 'plugins/marking.js', `require('node:fs').writeFileSync(require('node:path').join(__dirname, 'ran'), 'yes');\n${JS_PLUGIN}`);
  write(d, 'plan.json', bucketsPlan(''));
  write(
    d,
    'planwarden.config.json',
    JSON.stringify({
      plugins: ['plugins/marking.js'],
      rules: { 'ACME-JS-001': { enforcement: 'advisory', params: { whatever: 1 } } },
      waivers: [{ rule: 'ACME-JS-001', address: `${S3}.bad`, reason: 'r', expires: day(30) }],
    }),
  );
  const marker = path.join(d, 'plugins', 'ran');

  it('runs none of the config plugins, says so in the report, and does not pass silently', () => {
    for (const format of ['json', 'text']) {
      const r = runCli(['check', 'plan.json', '--no-plugins', '--format', format, '--only', 'encryption'], { cwd: d });
      expect(fs.existsSync(marker)).toBe(false);
      expect(r.stderr).toBe('');
      const notice = `plugin ${path.join(d, 'plugins', 'marking.js')} (plugins[0] in ${path.join(d, 'planwarden.config.json')}) was not loaded (--no-plugins): its rules did not run, so this report does not cover them`;
      if (format === 'json') {
        const report = JSON.parse(r.stdout) as JsonReport;
        expect(reportSchema()(report)).toBe(true);
        expect(report.notices).toContain(notice);
        expect(report.findings.some((f) => f.ruleId.startsWith('ACME-'))).toBe(false);
      } else {
        expect(r.stdout).toContain(`notice: ${notice}`);
      }
    }
    const evidence = runCli(['check', 'plan.json', '--no-plugins', '--only', 'encryption', '--evidence', 'ev.json'], { cwd: d, env: { PLANWARDEN_EVIDENCE_KEY: '' } });
    expect(evidence.stderr).toBe('');
    expect(JSON.parse(fs.readFileSync(path.join(d, 'ev.json'), 'utf8')).plugins).toEqual([
      { path: path.join(d, 'plugins', 'marking.js'), declaredBy: 'plugins[0]', loaded: false, sha256: null, bytes: null, rules: [] },
    ]);
    expect(fs.existsSync(marker)).toBe(false);

    // The control: without the flag the plugin runs (and its params override is checked).
    expectOneLineError(runCli(['check', 'plan.json'], { cwd: d }), 2, /rules\.ACME-JS-001\.params\.whatever: no rule in ACME-JS-001 has a param "whatever"/);
    expect(fs.existsSync(marker)).toBe(true);
  });

  it('still loads what --plugin names (the person running the command chose it)', () => {
    fs.rmSync(marker, { force: true });
    write(d, 'rules/js-rule.js', JS_PLUGIN);
    write(d, 'c2.json', JSON.stringify({ plugins: ['plugins/marking.js'], waivers: [{ rule: 'ACME-JS-001', address: `${S3}.bad`, reason: 'r', expires: day(30) }] }));
    const r = runCli(['check', 'plan.json', '--config', 'c2.json', '--no-plugins', '--plugin', 'rules/js-rule.js', '--only', 'ACME-JS-001', '--format', 'json'], { cwd: d });
    expect(r.code).toBe(0);
    expect(fs.existsSync(marker)).toBe(false);
    const report = jsonOf(r);
    expect(report.findings).toEqual([expect.objectContaining({ ruleId: 'ACME-JS-001', status: 'waived' })]);
    expect(report.notices[0]).toMatch(/marking\.js \(plugins\[0\].*was not loaded \(--no-plugins\)/);
  });
});

describe('plugin problems are exit 2 with one line naming the config file, the key and what is expected', () => {
  const d = project('broken', { typescript: true });
  write(d, 'plan.json', bucketsPlan(''));
  const config = (plugins: unknown, extra: Record<string, unknown> = {}) => write(d, 'c.json', JSON.stringify({ plugins, ...extra }));
  const rule = (fields: string) => `module.exports = [{ id: 'ACME-X-001', title: 'A title',${BASE_FIELDS} check() { return undefined; }, ${fields} }];\n`;

  const cases: Array<[string, () => void, RegExp]> = [
    ['a missing file', () => config(['./ok.js', './missing.js']), /c\.json: plugins\[1\]: \.\/missing\.js: does not exist \(plugins are relative to the config file's folder, .*broken\)/],
    ['a directory', () => (fs.mkdirSync(path.join(d, 'dir.js'), { recursive: true }), config(['dir.js'])), /c\.json: plugins\[0\]: dir\.js: is a directory/],
    ['a wrong extension', () => config(['rules.txt']), /c\.json: plugins\[0\]: rules\.txt: expected a plugin file ending \.js, \.cjs, \.ts or \.cts/],
    ['an ES module in TypeScript', () => config(['rules.mts']), /c\.json: plugins\[0\]: rules\.mts: is an ES module in TypeScript.*write the plugin as CommonJS \(\.js or \.cjs with module\.exports\) or as \.ts/],
    ['not a list', () => config(5), /c\.json: plugins: expected a list of plugin file paths/],
    ['an empty path', () => config(['']), /c\.json: plugins\[0\]: expected a non-empty string/],
    ['the same file twice', () => config(['ok.js', './ok.js']), /c\.json: plugins\[1\]: \.\/ok\.js: names the same file as plugins\[0\]/],
    ['no rules exported', () => (write(d, 'p.js', 'module.exports = { helper() {} };'), config(['p.js'])), /c\.json: plugins\[0\]: p\.js: exports no rules; export `rules`/],
    ['an empty list', () => (write(d, 'p.js', 'module.exports.rules = [];'), config(['p.js'])), /p\.js: exports an empty list of rules/],
    ['rules and default both', () => (write(d, 'p.js', `${rule('')}module.exports = { rules: module.exports, default: [] };`), config(['p.js'])), /p\.js: exports both `rules` and `default`/],
    ['a top-level throw', () => (write(d, 'p.js', 'const detail = "no\\nnetwork";\nthrow new Error("cannot start: " + detail);'), config(['p.js'])), /c\.json: plugins\[0\]: p\.js: threw while loading: cannot start: no network\n$/],
    ['a JavaScript syntax error', () => (write(d, 'p.js', 'module.exports = [\n  {,\n];'), config(['p.js'])), /p\.js: has a syntax error at line 2: Unexpected token ','/],
    ['a TypeScript syntax error', () => (write(d, 'p.ts', 'export const rules = [\n  { id: },\n];'), config(['p.ts'])), /p\.ts: has a TypeScript syntax error at 2:9: Expression expected\./],
    ['a syntax error in an imported .ts file', () => (write(d, 'h.ts', 'export const = 1;'), write(d, 'p.ts', "import './h';\nexport const rules = [];"), config(['p.ts'])), /p\.ts: imports .*h\.ts, which has a TypeScript syntax error at 1:14/],
    ['a collision with a built-in id', () => (write(d, 'p.js', rule("id: 'ENC-001'")), config(['p.js'])), /c\.json: plugins\[0\]: p\.js: module\.exports\[0\] \(ENC-001\)\.id: ENC-001 is a built-in rule id/],
    ['a reserved prefix', () => (write(d, 'p.js', rule("id: 'LOG-999'")), config(['p.js'])), /\(LOG-999\)\.id: LOG- is reserved for planwarden's own rules and customRules; use your own prefix, e.g\. ACME-999/],
    [
      'a collision with a customRules id',
      () => (
        write(d, 'p.js', rule("id: 'CUSTOM-S3-001'")),
        config(['p.js'], {
          customRules: [{ id: 'CUSTOM-S3-001', title: 't', family: 'encryption', severity: 'high', enforcement: 'advisory', hipaa: ['164.312(b)'], resourceTypes: ['aws_s3_bucket'], path: '$.bucket', predicate: { exists: true }, message: 'm', remediation: 'r' }],
        })
      ),
      /\(CUSTOM-S3-001\)\.id: CUSTOM-S3-001 is a customRules id in the config/,
    ],
    ['a collision with another plugin', () => (write(d, 'p.js', rule('')), write(d, 'q.js', rule('')), config(['p.js', 'q.js'])), /c\.json: plugins\[1\]: q\.js: module\.exports\[0\] \(ACME-X-001\)\.id: ACME-X-001 is also defined by plugins\[0\] \(p\.js\)/],
    ['an id defined twice in one plugin', () => (write(d, 'p.js', `${rule('')}module.exports.push({ ...module.exports[0] });`), config(['p.js'])), /module\.exports\[1\] \(ACME-X-001\)\.id: ACME-X-001 is defined twice in this plugin/],
    ['a bad id', () => (write(d, 'p.js', rule("id: 'acme_1'")), config(['p.js'])), /module\.exports\[0\] \(acme_1\)\.id: expected capital letters and digits in dash-separated parts, e\.g\. ACME-S3-001/],
    ['an empty title', () => (write(d, 'p.js', rule("title: ' '")), config(['p.js'])), /\(ACME-X-001\)\.title: expected a non-empty string/],
    ['a long title', () => (write(d, 'p.js', rule(`title: '${'t'.repeat(201)}'`)), config(['p.js'])), /\(ACME-X-001\)\.title: expected at most 200 characters/],
    ['a long rationale', () => (write(d, 'p.js', rule(`rationale: '${'r'.repeat(2001)}'`)), config(['p.js'])), /\(ACME-X-001\)\.rationale: expected at most 2000 characters/],
    ['no remediation', () => (write(d, 'p.js', rule('remediation: undefined')), config(['p.js'])), /\(ACME-X-001\)\.remediation: expected a non-empty string/],
    ['a bad severity', () => (write(d, 'p.js', rule("severity: 'urgent'")), config(['p.js'])), /\(ACME-X-001\)\.severity: expected one of critical, high, medium, low/],
    ['a bad family', () => (write(d, 'p.js', rule("family: 'tagging'")), config(['p.js'])), /\(ACME-X-001\)\.family: expected one of encryption, transit, logging, baa, iot/],
    ['a bad enforcement', () => (write(d, 'p.js', rule("enforcement: 'mandatory'")), config(['p.js'])), /\(ACME-X-001\)\.enforcement: expected one of advisory, soft-mandatory, hard-mandatory/],
    ['a bad HIPAA citation', () => (write(d, 'p.js', rule("hipaa: ['164.312(b)', 'HIPAA 164']")), config(['p.js'])), /\(ACME-X-001\)\.hipaa\[1\]: expected a HIPAA Security Rule citation like 164\.312\(a\)\(2\)\(iv\)/],
    ['no HIPAA citation', () => (write(d, 'p.js', rule('hipaa: []')), config(['p.js'])), /\(ACME-X-001\)\.hipaa: expected a non-empty list of a HIPAA Security Rule citation/],
    ['a non-AWS resource type', () => (write(d, 'p.js', rule("resourceTypes: ['google_storage_bucket']")), config(['p.js'])), /\(ACME-X-001\)\.resourceTypes\[0\]: expected an AWS resource type like aws_s3_bucket, or \*/],
    ['no resource types', () => (write(d, 'p.js', rule('resourceTypes: []')), config(['p.js'])), /\(ACME-X-001\)\.resourceTypes: expected a non-empty list/],
    ['check not a function', () => (write(d, 'p.js', rule("check: 'yes'")), config(['p.js'])), /\(ACME-X-001\)\.check: expected a function check\(instance, ctx\)/],
    ['params not a plain object', () => (write(d, 'p.js', rule('params: new Map()')), config(['p.js'])), /\(ACME-X-001\)\.params: expected a plain object/],
    ['a param default that is not JSON', () => (write(d, 'p.js', rule("params: { when: { description: 'd', default: () => 1 } }")), config(['p.js'])), /\(ACME-X-001\)\.params\.when\.default: expected a boolean, a finite number, a string or a list of strings/],
    ['bounds on a string param', () => (write(d, 'p.js', rule("params: { mode: { description: 'd', default: 'x', min: 1 } }")), config(['p.js'])), /\(ACME-X-001\)\.params\.mode: min and max are bounds of a number param/],
    ['an unknown field', () => (write(d, 'p.js', rule("remediaton: 'typo'")), config(['p.js'])), /\(ACME-X-001\)\.remediaton: unknown field; expected one of id, title/],
  ];

  it.each(cases)('%s', (_name, setup, pattern) => {
    write(d, 'ok.js', rule("id: 'ACME-OK-001'"));
    setup();
    expectOneLineError(runCli(['check', 'plan.json', '--config', 'c.json'], { cwd: d }), 2, pattern);
  });

  it('config validate loads and validates plugins too', () => {
    write(d, 'p.js', rule("severity: 'urgent'"));
    config(['p.js']);
    expectOneLineError(runCli(['config', 'validate', '--config', 'c.json'], { cwd: d }), 2, /c\.json: plugins\[0\]: p\.js: module\.exports\[0\] \(ACME-X-001\)\.severity/);
  });

  it('--plugin problems name the flag', () => {
    expectOneLineError(runCli(['check', 'plan.json', '--plugin', './nope.js'], { cwd: d }), 2, /^planwarden: --plugin \.\/nope\.js: does not exist \(--plugin is relative to the working directory, .*broken\)$/m);
    write(d, 'p.js', rule("hipaa: ['164.312(b)', 'HIPAA 164']"));
    expectOneLineError(runCli(['check', 'plan.json', '--plugin', 'p.js'], { cwd: d }), 2, /^planwarden: --plugin p\.js: module\.exports\[0\] \(ACME-X-001\)\.hipaa\[1\]: expected a HIPAA/m);
  });

  it('an unreadable file', () => {
    // root reads anything: there is no unreadable file to make.
    if (process.getuid?.() === 0) return;
    write(d, 'secret.js', rule(''));
    fs.chmodSync(path.join(d, 'secret.js'), 0o000);
    config(['secret.js']);
    expectOneLineError(runCli(['check', 'plan.json', '--config', 'c.json'], { cwd: d }), 2, /c\.json: plugins\[0\]: secret\.js: cannot be read \(EACCES\)/);
  });

  it('a .ts plugin where the project has no typescript', () => {
    const bare = project('no-typescript');
    write(bare, 'plan.json', bucketsPlan(''));
    write(bare, 'rules.ts', TS_PLUGIN);
    write(bare, 'planwarden.config.json', JSON.stringify({ plugins: ['rules.ts'] }));
    expectOneLineError(
      runCli(['check', 'plan.json'], { cwd: bare }),
      2,
      /planwarden\.config\.json: plugins\[0\]: rules\.ts: is TypeScript, and no `typescript` package can be found from its folder; install typescript in your project \(npm install --save-dev typescript\) or compile the plugin to \.js/,
    );
  });
});

describe('a plugin rule that fails at evaluation time is exit 3 naming the rule and the plugin', () => {
  const d = project('crash');
  write(d, 'plan.json', bucketsPlan(''));
  const plugin = (check: string) => write(d, 'p.js', `module.exports = [{ id: 'ACME-CRASH-001', title: 't',${BASE_FIELDS} ${check} }];`);

  it.each([
    ['throws', 'check(b) { if (b.address.endsWith("bad")) throw new Error("plugin bug\\non two lines"); }', /rule ACME-CRASH-001 failed on aws_s3_bucket\.bad: plugin p\.js: check\(\) threw: plugin bug on two lines \(a bug in that rule plugin, not in planwarden\)/],
    ['returns an outcome without a message', 'check() { return { status: "fail" }; }', /rule ACME-CRASH-001 failed on aws_s3_bucket\.\w+: plugin p\.js: check\(\) returned an invalid outcome: message must be a string/],
    ['returns an unknown status', 'check() { return [{ status: "pass", message: "" }, { status: "failed", message: "m" }]; }', /check\(\) returned an invalid outcome at \[1\]: status must be one of pass, fail, unknown, skip/],
    ['is async', 'async check() { return undefined; }', /rule ACME-CRASH-001 failed on aws_s3_bucket\.\w+: plugin p\.js: check\(\) returned a Promise; rule checks are synchronous/],
  ])('%s', (_name, check, pattern) => {
    plugin(check);
    expectOneLineError(runCli(['check', 'plan.json', '--plugin', 'p.js'], { cwd: d }), 3, pattern);
    expect(runCli(['check', 'plan.json', '--plugin', 'p.js', '--format', 'json'], { cwd: d }).code).toBe(3);
  });
});

describe('the bundled CLI (what `bin` installs)', () => {
  it('loads plugins at run time, in its worker threads too, with the same output as the compiled modules', () => {
    const bundle = path.join(ROOT, 'dist', 'bundle', 'planwarden.js');
    if (!fs.existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` (npm test does)`);
    const d = pluginProject('bundled');
    write(d, 'a.json', bucketsPlan('a_'));
    write(d, 'b.json', bucketsPlan('b_'));
    const args = ['check', 'a.json', 'b.json', ...ONLY, '--format', 'json'];
    const r = spawnSync(process.execPath, [bundle, ...args], { cwd: d, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const bundled: CliResult = { code: r.status, stdout: r.stdout, stderr: r.stderr };
    expect(bundled.code).toBe(1);
    expect(jsonOf(bundled).findings.map((f) => [f.ruleId, f.address])).toEqual([
      ['ACME-JS-001', `${S3}.a_bad`],
      ['ACME-TS-001', `${S3}.a_bad`],
      ['ACME-JS-001', `${S3}.b_bad`],
      ['ACME-TS-001', `${S3}.b_bad`],
    ]);
    expect(bundled).toEqual(runCli(args, { cwd: d }));
  });
});

describe('the example plugin', () => {
  it('examples/plugins/planwarden.config.yaml validates and its rule fails the untagged example buckets (one waived)', () => {
    const config = path.join(ROOT, 'examples', 'plugins', 'planwarden.config.yaml');
    expect(runCli(['config', 'validate', '--config', config]).code).toBe(0);
    const r = runCli(['check', path.join(ROOT, 'examples', 'plans', 'phi-platform.json'), '--config', config, '--only', 'ACME-TAG-001', '--format', 'json']);
    expect(r.code).toBe(0);
    // The example's waiver expires on 2027-03-31 (inclusive, UTC); after that it stops waiving.
    const waived = new Date().toISOString().slice(0, 10) <= '2027-03-31' ? 'waived' : 'fail';
    expect(jsonOf(r).findings.map((f) => [f.address, f.status, f.enforcement])).toEqual([
      ['module.records["north"].aws_s3_bucket.this', 'fail', 'advisory'],
      ['module.records["south"].aws_s3_bucket.this', waived, 'advisory'],
    ]);
  });
});
