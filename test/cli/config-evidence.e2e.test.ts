/** check --evidence / --evidence-key and planwarden verify, through the built CLI. */
import { createHash, generateKeyPairSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { plan } from '../support/plan-builder';
import { runCli } from './helpers';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-evidence-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const file = (name: string) => path.join(tmp, name);
const write = (name: string, content: string | Buffer) => {
  fs.writeFileSync(file(name), content);
  return file(name);
};
const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

const LG = 'aws_cloudwatch_log_group';
const PLAN_TEXT = JSON.stringify(
  plan()
    .resource(LG, 'short', { values: { name: '/short', retention_in_days: 30 } })
    .resource(LG, 'ok', { values: { name: '/ok', retention_in_days: 2192 } })
    .resource(LG, 'legacy', { values: { name: '/legacy', retention_in_days: 7 } })
    .build(),
);
const planFile = write('plan.json', PLAN_TEXT);
const CONFIG_TEXT = JSON.stringify({
  waivers: [{ rule: 'LOG-001', address: `${LG}.legacy`, reason: 'retiring', expires: new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10), ticket: 'SEC-7', owner: 'ann', approver: 'bob' }],
});
const configFile = write('planwarden.config.json', CONFIG_TEXT);

const keys = generateKeyPairSync('ed25519');
const privatePem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const keyFile = write('key.pem', privatePem);
const publicFile = write('pub.pem', keys.publicKey.export({ type: 'spki', format: 'pem' }).toString());
const otherPublic = write('other.pem', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());

function check(evidence: string, extra: string[] = [], env: NodeJS.ProcessEnv = {}) {
  // A key in the caller's environment must not sign the unsigned cases.
  return runCli(['check', planFile, '--config', configFile, '--only', 'LOG-001', '--evidence', evidence, ...extra], { cwd: tmp, env: { PLANWARDEN_EVIDENCE_KEY: '', ...env } });
}

/** Evidence with the run time blanked: everything else must be byte-identical between runs. */
const withoutTime = (bytes: Buffer) => bytes.toString('utf8').replace(/"generatedAt":"[^"]+"/, '"generatedAt":""');

describe('check --evidence', () => {
  it('writes canonical JSON with hashes, time, every check and the waivers applied; exit code unchanged', () => {
    const before = Date.now();
    const r = check(file('ev.json'));
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const bytes = fs.readFileSync(file('ev.json'));
    const record = JSON.parse(bytes.toString('utf8'));
    expect(JSON.stringify(sortKeys(record))).toBe(bytes.toString('utf8'));
    expect(bytes.toString('utf8')).not.toMatch(/\n/);
    expect(record).toMatchObject({
      schema: 'planwarden-evidence/1',
      tool: { name: 'planwarden', version: expect.any(String) },
      rulePack: { rules: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      signingKey: null,
      config: { path: configFile, sha256: sha256(CONFIG_TEXT) },
      inputs: [{ path: planFile, kind: 'plan', sha256: sha256(PLAN_TEXT), bytes: Buffer.byteLength(PLAN_TEXT), resources: 3 }],
      options: { unknownPolicy: 'warn', only: ['LOG-001'], skip: [], changedOnly: false, overrideSoft: null },
      outcome: { exitCode: 1, passed: false },
    });
    const at = Date.parse(record.generatedAt);
    expect(record.generatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(at).toBeGreaterThanOrEqual(before - 1000);
    expect(at).toBeLessThanOrEqual(Date.now());
    expect(record.checks).toEqual([
      { ruleId: 'LOG-001', address: `${LG}.legacy`, result: 'waived' },
      { ruleId: 'LOG-001', address: `${LG}.ok`, result: 'pass' },
      { ruleId: 'LOG-001', address: `${LG}.short`, result: 'fail' },
    ]);
    expect(record.waivers).toEqual([expect.objectContaining({ state: 'expiring', matched: 1, record: expect.objectContaining({ ticket: 'SEC-7', owner: 'ann', approver: 'bob' }) })]);
    expect(fs.existsSync(file('ev.json.sig'))).toBe(false);
  });

  it('is byte-identical for the same inputs (apart from the run time), and a changed plan byte changes its hash', () => {
    check(file('a.json'));
    check(file('b.json'));
    const a = fs.readFileSync(file('a.json'));
    const b = fs.readFileSync(file('b.json'));
    expect(withoutTime(a)).toBe(withoutTime(b));
    // One byte: a space the JSON parser ignores, so the findings stay the same.
    fs.writeFileSync(planFile, PLAN_TEXT + ' ');
    try {
      check(file('c.json'));
    } finally {
      fs.writeFileSync(planFile, PLAN_TEXT);
    }
    const c = JSON.parse(fs.readFileSync(file('c.json'), 'utf8'));
    expect(c.inputs[0].sha256).toBe(sha256(PLAN_TEXT + ' '));
    expect(c.inputs[0].sha256).not.toBe(JSON.parse(a.toString()).inputs[0].sha256);
    expect(c.checks).toEqual(JSON.parse(a.toString()).checks);
  });

  it('hashes standard input as read', () => {
    const r = runCli(['check', '-', '--config', configFile, '--only', 'LOG-001', '--evidence', file('stdin.json')], { cwd: tmp, input: PLAN_TEXT });
    expect(r.code).toBe(1);
    expect(JSON.parse(fs.readFileSync(file('stdin.json'), 'utf8')).inputs[0]).toMatchObject({ path: '<stdin>', sha256: sha256(PLAN_TEXT) });
  });

  it('exits 2 on a bad key before checking anything, and on --evidence-key alone', () => {
    const rsa = write('rsa.pem', generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    for (const [args, env, pattern] of [
      [['--evidence-key', rsa], {}, /rsa\.pem: an rsa key; evidence is signed with Ed25519 keys only/],
      [['--evidence-key', file('missing.pem')], {}, /missing\.pem: cannot read \(ENOENT\)/],
      [[], { PLANWARDEN_EVIDENCE_KEY: 'not a key' }, /\$PLANWARDEN_EVIDENCE_KEY: not a PEM private key/],
    ] as const) {
      const r = check(file('bad-key.json'), [...args], env);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
      expect(r.stderr).not.toContain('BEGIN');
      expect(fs.existsSync(file('bad-key.json'))).toBe(false);
    }
    const alone = runCli(['check', planFile, '--evidence-key', keyFile], { cwd: tmp });
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/name that file with --evidence FILE/);
  });
});

describe('signed evidence and planwarden verify', () => {
  it('signs with --evidence-key and verifies with the public key (exit 0)', () => {
    expect(check(file('signed.json'), ['--evidence-key', keyFile]).code).toBe(1);
    expect(fs.statSync(file('signed.json.sig')).size).toBe(64);
    const record = JSON.parse(fs.readFileSync(file('signed.json'), 'utf8'));
    expect(record.signingKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    const r = runCli(['verify', file('signed.json'), '--public-key', publicFile], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`valid: ${file('signed.json')} signed by ${record.signingKey}; generated ${record.generatedAt}; 1 input\n`);
    // --signature names the file explicitly.
    expect(runCli(['verify', file('signed.json'), '--signature', file('signed.json.sig'), '--public-key', publicFile]).code).toBe(0);
  });

  it('signs with the key from PLANWARDEN_EVIDENCE_KEY', () => {
    expect(check(file('env.json'), [], { PLANWARDEN_EVIDENCE_KEY: privatePem }).code).toBe(1);
    expect(runCli(['verify', file('env.json'), '--public-key', publicFile]).code).toBe(0);
  });

  it('exits 1 for tampered evidence or another key', () => {
    check(file('t.json'), ['--evidence-key', keyFile]);
    const original = fs.readFileSync(file('t.json'), 'utf8');
    fs.writeFileSync(file('t.json'), original.replace('"result":"fail"', '"result":"pass"'));
    const tampered = runCli(['verify', file('t.json'), '--public-key', publicFile]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/^INVALID: .*t\.json does not match .*t\.json\.sig under key sha256:/);
    fs.writeFileSync(file('t.json'), original);
    expect(runCli(['verify', file('t.json'), '--public-key', publicFile]).code).toBe(0);
    expect(runCli(['verify', file('t.json'), '--public-key', otherPublic]).code).toBe(1);
  });

  it('exits 2 for missing or malformed files and missing options', () => {
    check(file('u.json'), ['--evidence-key', keyFile]);
    const cases: Array<[string[], RegExp]> = [
      [['verify', file('nope.json'), '--public-key', publicFile], /nope\.json: no such file/],
      [['verify', file('u.json'), '--signature', file('nope.sig'), '--public-key', publicFile], /nope\.sig: no such file/],
      [['verify', file('u.json'), '--signature', planFile, '--public-key', publicFile], /not a raw 64-byte Ed25519 signature/],
      [['verify', file('u.json'), '--public-key', planFile], /not a PEM public key/],
      [['verify', file('u.json')], /Missing required argument: public-key/],
    ];
    for (const [args, pattern] of cases) {
      const r = runCli(args, { cwd: tmp });
      expect([args, r.code]).toEqual([args, 2]);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(pattern);
    }
  });

  const openssl = spawnSync('openssl', ['version']).status === 0;
  (openssl ? it : it.skip)('verifies with openssl alone, as docs/evidence.md shows', () => {
    check(file('o.json'), ['--evidence-key', keyFile]);
    const signingKey = JSON.parse(fs.readFileSync(file('o.json'), 'utf8')).signingKey;
    const ok = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', publicFile, '-rawin', '-in', file('o.json'), '-sigfile', file('o.json.sig')], { encoding: 'utf8' });
    expect(ok.stdout).toContain('Signature Verified Successfully');
    fs.appendFileSync(file('o.json'), ' ');
    const bad = spawnSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', publicFile, '-rawin', '-in', file('o.json'), '-sigfile', file('o.json.sig')], { encoding: 'utf8' });
    expect(bad.status).not.toBe(0);
    const der = spawnSync('openssl', ['pkey', '-pubin', '-in', publicFile, '-outform', 'DER']);
    expect(`sha256:${sha256(der.stdout)}`).toBe(signingKey);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}
