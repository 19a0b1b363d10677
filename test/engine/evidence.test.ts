import { generateKeyPairSync } from 'node:crypto';
import { runCheck } from '../../policies/engine/check';
import { resolveRun, withCustomRules } from '../../policies/engine/config';
import { validateConfig } from '../../policies/engine/config/validate';
import {
  buildEvidence,
  canonicalJson,
  evidenceSession,
  EVIDENCE_SCHEMA,
  InputDigests,
  keyId,
  privateKeyFromPem,
  publicKeyFromPem,
  rulePackDigest,
  serializeEvidence,
  sha256Hex,
  signBytes,
  verifyEvidence,
} from '../../policies/engine/evidence';
import { InputError, type JsonObject, type JsonValue } from '../../policies/engine/types';
import { ALL_RULES, findRule } from '../../policies/rules';
import { plan } from '../support/plan-builder';

const NOW = new Date('2026-03-01T09:30:00Z');
const LG = 'aws_cloudwatch_log_group';
const PLAN = Buffer.from(
  JSON.stringify(
    plan()
      .resource(LG, 'short', { values: { name: '/short', retention_in_days: 30 } })
      .resource(LG, 'legacy', { values: { name: '/legacy', retention_in_days: 7 } })
      .resource(LG, 'ok', { values: { name: '/ok', retention_in_days: 2192 } })
      .build(),
  ),
);
const CONFIG = {
  waivers: [{ rule: 'LOG-001', address: `${LG}.legacy`, reason: 'retired in Q2', expires: '2026-04-30', ticket: 'SEC-9', owner: 'ann', approver: 'bob', hipaaControl: '164.312(b)' }],
};

function evidenceFor(planBytes: Buffer, now = NOW, signingKey: string | null = null): Buffer {
  const { config } = validateConfig(CONFIG, 'planwarden.config.json', ALL_RULES);
  const rules = withCustomRules([findRule('LOG-001')!], config);
  const run = resolveRun(config, rules, { changedOnly: false }, now);
  const digests = new InputDigests();
  const report = runCheck({ sources: digests.track([{ label: 'plan.json', bytes: () => planBytes }]), rules: run.rules, options: run.options });
  report.waivers = run.waivers.uses();
  report.notices = run.waivers.notices();
  const record = buildEvidence({
    report,
    now,
    pack: ALL_RULES,
    inputs: report.inputs.map((_, i) => digests.of(i)),
    config: { path: 'planwarden.config.json', sha256: sha256Hex(JSON.stringify(CONFIG)) },
    options: { changedOnly: false, only: ['LOG-001'], skip: [] },
    exitCode: report.summary.blocking > 0 ? 1 : 0,
    signingKey,
  });
  return serializeEvidence(record);
}

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: [{ z: true, y: null }], A: 'x', é: 1, '\u{1F600}': 2, '\uFB33': 3 })).toBe(
      '{"A":"x","a":[{"y":null,"z":true}],"b":1,"é":1,"\u{1F600}":2,"\uFB33":3}',
    );
  });

  it('writes numbers and strings as RFC 8785 does', () => {
    expect(canonicalJson([1e21, 0.1, -0, 1e-7, 'a\u0001"\\\u2028'])).toBe('[1e+21,0.1,0,1e-7,"a\\u0001\\"\\\\\u2028"]');
    expect(() => canonicalJson(Number.NaN)).toThrow(/not finite/);
  });

  it('is independent of insertion order', () => {
    const a: JsonObject = {};
    const b: JsonObject = {};
    for (const k of ['x', 'b', 'm']) a[k] = k;
    for (const k of ['m', 'x', 'b']) b[k] = k;
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });
});

describe('evidence record', () => {
  it('holds hashes, versions, time, every check, findings and the waivers applied', () => {
    const record = JSON.parse(evidenceFor(PLAN).toString('utf8')) as Record<string, JsonValue>;
    expect(record).toMatchObject({
      schema: EVIDENCE_SCHEMA,
      generatedAt: '2026-03-01T09:30:00.000Z',
      tool: { name: 'planwarden' },
      rulePack: { rules: ALL_RULES.length, sha256: rulePackDigest(ALL_RULES) },
      signingKey: null,
      config: { path: 'planwarden.config.json', sha256: sha256Hex(JSON.stringify(CONFIG)) },
      inputs: [{ path: 'plan.json', kind: 'plan', sha256: sha256Hex(PLAN), bytes: PLAN.length, resources: 3, terraformVersion: '1.11.4' }],
      options: { unknownPolicy: 'warn', changedOnly: false, overrideSoft: null, only: ['LOG-001'], skip: [] },
      outcome: { exitCode: 1, passed: false },
      summary: { checks: 3, failed: 1, waived: 1, blocking: 1 },
    });
    expect(record.checks).toEqual([
      { ruleId: 'LOG-001', address: `${LG}.legacy`, result: 'waived' },
      { ruleId: 'LOG-001', address: `${LG}.ok`, result: 'pass' },
      { ruleId: 'LOG-001', address: `${LG}.short`, result: 'fail' },
    ]);
    expect(record.waivers).toEqual([
      {
        source: 'config',
        index: 0,
        state: 'active',
        matched: 1,
        record: { rule: 'LOG-001', address: `${LG}.legacy`, reason: 'retired in Q2', expires: '2026-04-30', ticket: 'SEC-9', owner: 'ann', approver: 'bob', hipaaControl: '164.312(b)', source: 'config' },
      },
    ]);
    expect(record.findings).toEqual([
      expect.objectContaining({ ruleId: 'LOG-001', address: `${LG}.legacy`, status: 'waived', blocking: false, waiver: expect.objectContaining({ ticket: 'SEC-9' }) }),
      expect.objectContaining({ ruleId: 'LOG-001', address: `${LG}.short`, status: 'fail', blocking: true, waiver: null }),
    ]);
    expect(record.rules).toEqual([expect.objectContaining({ id: 'LOG-001', custom: false, params: { minRetentionDays: 2192 } })]);
  });

  it('is byte-identical for the same inputs and clock', () => {
    expect(evidenceFor(PLAN).equals(evidenceFor(Buffer.from(PLAN)))).toBe(true);
  });

  it('changes its input hash when one plan byte changes, and its time with the clock', () => {
    const changed = Buffer.from(PLAN);
    // Same JSON meaning (a space where the loader ignores it) but different bytes.
    const changedBytes = Buffer.concat([changed, Buffer.from(' ')]);
    const a = JSON.parse(evidenceFor(PLAN).toString()) as { inputs: Array<{ sha256: string }> };
    const b = JSON.parse(evidenceFor(changedBytes).toString()) as { inputs: Array<{ sha256: string }> };
    expect(b.inputs[0].sha256).not.toBe(a.inputs[0].sha256);
    expect(b.inputs[0].sha256).toBe(sha256Hex(changedBytes));
    const later = JSON.parse(evidenceFor(PLAN, new Date('2026-03-02T00:00:00Z')).toString()) as { generatedAt: string };
    expect(later.generatedAt).toBe('2026-03-02T00:00:00.000Z');
  });

  it('versions the rule pack by its metadata', () => {
    const rule = findRule('LOG-001')!;
    const tweaked = ALL_RULES.map((r) => (r === rule ? { ...r, severity: 'low' as const } : r));
    expect(rulePackDigest(tweaked)).not.toBe(rulePackDigest(ALL_RULES));
    expect(rulePackDigest([...ALL_RULES].reverse())).toBe(rulePackDigest(ALL_RULES));
  });

  it('refuses to build with a missing input digest', () => {
    const digests = new InputDigests();
    expect(() => digests.of(0)).toThrow(/never read/);
  });
});

describe('signing and verification', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();

  it('verifies good evidence and names the key', () => {
    const key = privateKeyFromPem(privatePem, 'key.pem');
    const bytes = evidenceFor(PLAN, NOW, keyId(key));
    const result = verifyEvidence(bytes, signBytes(bytes, key), publicKeyFromPem(publicPem, 'pub.pem'));
    expect(result.status).toBe('valid');
    expect(result.keyId).toBe(keyId(key));
    expect(result.keyId).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('rejects tampered evidence and another key', () => {
    const bytes = evidenceFor(PLAN);
    const signature = signBytes(bytes, privateKey);
    const tampered = Buffer.from(bytes.toString('utf8').replace('"result":"fail"', '"result":"pass"'));
    expect(tampered.equals(bytes)).toBe(false);
    expect(verifyEvidence(tampered, signature, publicKey).status).toBe('invalid');
    expect(verifyEvidence(bytes, signature, other.publicKey).status).toBe('invalid');
    expect(verifyEvidence(bytes, Buffer.alloc(10), publicKey).status).toBe('invalid');
  });

  it('says when a valid signature covers something that is not canonical evidence', () => {
    const pretty = Buffer.from(JSON.stringify(JSON.parse(evidenceFor(PLAN).toString()), null, 2));
    expect(verifyEvidence(pretty, signBytes(pretty, privateKey), publicKey)).toMatchObject({ status: 'not-evidence', reason: expect.stringMatching(/canonical/) });
    const other = Buffer.from('{"hello":1}');
    expect(verifyEvidence(other, signBytes(other, privateKey), publicKey)).toMatchObject({ status: 'not-evidence' });
  });

  it('accepts only unencrypted Ed25519 keys, without echoing them', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const encrypted = privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }).toString();
    expect(() => privateKeyFromPem(rsa, 'rsa.pem')).toThrow(/rsa\.pem: an rsa key; evidence is signed with Ed25519 keys only/);
    expect(() => privateKeyFromPem(encrypted, '$PLANWARDEN_EVIDENCE_KEY')).toThrow(/is encrypted/);
    expect(() => privateKeyFromPem('not a key', 'k.pem')).toThrow(InputError);
    expect(() => publicKeyFromPem('nope', 'pub.pem')).toThrow(/not a PEM public key/);
    try {
      privateKeyFromPem(rsa, 'rsa.pem');
    } catch (err) {
      expect((err as Error).message).not.toContain('BEGIN');
    }
  });

  it('reads the key from the environment only when evidence is asked for', () => {
    expect(evidenceSession({}, { PLANWARDEN_EVIDENCE_KEY: 'garbage' }, NOW)).toBeUndefined();
    expect(() => evidenceSession({ evidence: 'e.json' }, { PLANWARDEN_EVIDENCE_KEY: 'garbage' }, NOW)).toThrow(/\$PLANWARDEN_EVIDENCE_KEY: not a PEM private key/);
    expect(evidenceSession({ evidence: 'e.json' }, { PLANWARDEN_EVIDENCE_KEY: privatePem }, NOW)).toBeDefined();
    expect(() => evidenceSession({ evidenceKey: 'k.pem' }, {}, NOW)).toThrow(/name that file with --evidence FILE/);
    expect(() => evidenceSession({ evidence: '-' }, {}, NOW)).toThrow(/needs a file name/);
  });
});
