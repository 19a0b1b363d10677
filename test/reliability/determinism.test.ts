/**
 * Same input, same bytes: every report format is byte-identical whatever the order of the
 * resources in the plan file (resource_changes, planned_values, configuration resources and
 * module calls, and the key order of objects, all shuffled), across repeated runs. Findings are
 * sorted by address, then rule id.
 *
 * The runs evaluate the same relative paths from different working directories, so the file
 * names in the reports are the same; each directory holds the same planwarden.config.json.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { JsonObject, JsonValue } from '../../policies/engine/types';
import { spawnAll } from './support/cli';
import { corpusPlanFiles, fixturePlanFiles, isObject, parsePlanBytes, readSeed } from './support/seeds';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-determinism-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const FORMATS = ['json', 'sarif', 'junit', 'markdown', 'github'] as const;

/** A small deterministic PRNG (mulberry32), so a failing order can be reproduced from its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(list: readonly T[], random: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** The object with its keys in another order (JSON objects are unordered). */
function reorderKeys(v: JsonValue, random: () => number): JsonValue {
  if (Array.isArray(v)) return v.map((x) => reorderKeys(x, random));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const k of shuffled(Object.keys(v), random)) Object.defineProperty(out, k, { value: reorderKeys(v[k], random), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Lists whose order means nothing to Terraform, shuffled wherever they occur. */
const UNORDERED = new Set(['resource_changes', 'resources', 'child_modules', 'resource_drift', 'output_changes']);

function shuffleResources(v: JsonValue, random: () => number): JsonValue {
  if (Array.isArray(v)) return v.map((x) => shuffleResources(x, random));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) {
    const inner = shuffleResources(x, random);
    Object.defineProperty(out, k, { value: UNORDERED.has(k) && Array.isArray(inner) ? shuffled(inner, random) : inner, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Within waiverPolicy.maxDays of any day the test runs on, and not "expiring" (30 days). */
const EXPIRES_OK = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10);

/** Tag waivers on several resources (valid, malformed, expired): their notices come in evaluation order unless sorted. */
function waiverPlan(): JsonObject {
  const group = (name: string, waive: string, retention: number) => ({
    address: `aws_cloudwatch_log_group.${name}`, mode: 'managed', type: 'aws_cloudwatch_log_group', name,
    change: { actions: ['create'], before: null, after: { name: `/${name}`, retention_in_days: retention, tags: { 'planwarden:waive': waive } }, after_unknown: {}, after_sensitive: {} },
  });
  return {
    format_version: '1.2',
    terraform_version: '1.9.0',
    resource_changes: [
      group('a_valid', `LOG-001:scratch logs:${EXPIRES_OK}`, 1),
      group('b_no_reason', `LOG-001::${EXPIRES_OK}`, 1),
      group('c_unknown_rule', `NOPE-001:x:${EXPIRES_OK}`, 1),
      group('d_expired', 'LOG-001:old:2020-01-01', 1),
      group('e_two', 'LOG-001:one:2020-01-01;ENC-019:two', 1),
      group('f_garbage', 'garbage', 2192),
    ],
    configuration: { root_module: {} },
  };
}

const CONFIG = {
  waivers: [
    { rule: 'ENC-*', address: 'module.*', reason: 'legacy modules', expires: EXPIRES_OK },
    { rule: ['logging'], address: 'aws_cloudwatch_log_group.a_*', reason: 'scratch', expires: '2020-01-01' },
    { rule: 'TLS-001', address: 'nothing.matches.this', reason: 'stale', expires: EXPIRES_OK },
  ],
  waiverPolicy: { maxDays: 1095 },
};

interface Variant {
  dir: string;
  names: string[];
}

function writeVariant(label: string, docs: ReadonlyArray<{ name: string; doc: JsonObject }>, seed: number | undefined): Variant {
  const dir = path.join(tmp, label);
  fs.mkdirSync(path.join(dir, 'out'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'planwarden.config.json'), JSON.stringify(CONFIG));
  const random = prng(seed ?? 0);
  for (const { name, doc } of docs) {
    const content = seed === undefined ? doc : reorderKeys(shuffleResources(doc, random), random);
    fs.writeFileSync(path.join(dir, name), JSON.stringify(content, null, seed === undefined ? 2 : seed % 3));
  }
  return { dir, names: docs.map((d) => d.name) };
}

describe('byte-identical reports whatever the order of resources', () => {
  const docs = [
    ...fixturePlanFiles(),
    // A sample of the real corpus: one plan in four keeps the run short.
    ...corpusPlanFiles().filter((_, i) => i % 4 === 0),
  ].map((file) => ({ name: path.basename(file), doc: parsePlanBytes(readSeed(file).bytes) as JsonObject }));
  docs.push({ name: 'tag-waivers.json', doc: waiverPlan() });
  const variants = [writeVariant('original', docs, undefined), writeVariant('shuffled-1', docs, 1), writeVariant('shuffled-2', docs, 2)];
  let outputs: Array<Record<string, string>>;

  beforeAll(async () => {
    const runs = await spawnAll(
      variants.map((v) => ({
        name: v.dir,
        cwd: v.dir,
        args: ['check', ...v.names, '--format', 'text', ...FORMATS.flatMap((f) => ['--format', `${f}=out/report.${f}`])],
      })),
      { parallel: 3, timeoutMs: 60_000 },
    );
    outputs = runs.map((r, i) => {
      expect(`${r.code} ${r.stderr}`).toBe('1 ');
      const out: Record<string, string> = { text: r.stdout };
      for (const f of FORMATS) out[f] = fs.readFileSync(path.join(variants[i].dir, 'out', `report.${f}`), 'utf8');
      return out;
    });
  });

  it.each(['text', ...FORMATS])('%s', (format) => {
    const [original, ...others] = outputs.map((o) => o[format]);
    expect(original.length).toBeGreaterThan(100);
    for (const other of others) {
      if (other === original) continue;
      // Point at the first difference, not a megabyte-long diff.
      let i = 0;
      while (i < original.length && original[i] === other[i]) i++;
      throw new Error(`${format} differs at character ${i}:\n  original: ${JSON.stringify(original.slice(Math.max(0, i - 120), i + 120))}\n  shuffled: ${JSON.stringify(other.slice(Math.max(0, i - 120), i + 120))}`);
    }
  });

  it('the JSON findings are sorted by address, then rule id, and the shuffle did reorder the inputs', () => {
    const report = JSON.parse(outputs[0].json) as { findings: Array<{ address: string; ruleId: string }> };
    const keys = report.findings.map((f) => [f.address, f.ruleId] as const);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    expect(keys).toEqual(sorted);
    // Guard against a shuffle that changed nothing (which would make the comparisons vacuous).
    const first = (dir: string) => (JSON.parse(fs.readFileSync(path.join(dir, 'tag-waivers.json'), 'utf8')) as { resource_changes: Array<{ address: string }> }).resource_changes.map((r) => r.address).join();
    expect(new Set(variants.map((v) => first(v.dir))).size).toBeGreaterThan(1);
  });
});
