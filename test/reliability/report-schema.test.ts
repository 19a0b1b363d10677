/**
 * docs/report.schema.json is the contract of `check --format json`: a real report validates,
 * and the schema is strict enough to catch what must never happen (a field that is not in the
 * contract, such as a planned value; a status or severity outside the lists; counts that are
 * not counts; a waived finding without its waiver). The fuzz tests validate every report they
 * produce against the same file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { reportSchema, REPORT_SCHEMA_FILE } from './support/report-checks';
import { spawnAll } from './support/cli';
import { ROOT } from './support/seeds';

type Json = Record<string, unknown>;

describe('the JSON report schema', () => {
  const example = path.join(ROOT, 'examples', 'plans', 'phi-platform.json');
  let report: Json;
  let withBaseline: Json;
  let tmp = '';
  afterAll(() => tmp !== '' && fs.rmSync(tmp, { recursive: true, force: true }));
  beforeAll(async () => {
    const [r, baseline] = await spawnAll([
      { name: 'example', args: ['check', example, '--format', 'json'] },
      { name: 'baseline', args: ['baseline', example, '--only', 'logging'] },
    ]);
    expect(r.code).toBe(1);
    report = JSON.parse(r.stdout) as Json;
    expect(baseline.code).toBe(0);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-schema-'));
    const baselineFile = path.join(tmp, 'baseline.json');
    fs.writeFileSync(baselineFile, baseline.stdout);
    const [b] = await spawnAll([{ name: 'check --baseline', args: ['check', example, '--format', 'json', '--baseline', baselineFile] }]);
    expect([0, 1]).toContain(b.code);
    withBaseline = JSON.parse(b.stdout) as Json;
  });

  it('compiles under ajv strict mode (no unknown keywords that would silently accept anything)', () => {
    expect(() => reportSchema()).not.toThrow();
    expect((JSON.parse(fs.readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as Json).$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('accepts the report the CLI prints, with and without --baseline', () => {
    const validate = reportSchema();
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    expect((report.findings as unknown[]).length).toBeGreaterThan(0);
    expect(validate(withBaseline) ? [] : validate.errors).toEqual([]);
    expect((withBaseline.findings as Json[]).map((f) => f.baseline)).toEqual(expect.arrayContaining(['known', 'new']));
  });

  const broken: Array<[string, (r: Json) => void]> = [
    ['a field outside the contract on a finding (e.g. the planned value)', (r) => ((r.findings as Json[])[0].after = { password: 'x' })],
    ['a field outside the contract at the top', (r) => (r.values = {})],
    ['an unknown status', (r) => ((r.findings as Json[])[0].status = 'pass')],
    ['an unknown severity', (r) => ((r.findings as Json[])[0].severity = 'urgent')],
    ['a rule id of another shape', (r) => ((r.findings as Json[])[0].ruleId = 'enc-1')],
    ['a HIPAA citation of another part', (r) => ((r.findings as Json[])[0].hipaa = ['42 CFR 2'])],
    ['a negative count', (r) => ((r.summary as Json).failed = -1)],
    ['a fractional count', (r) => ((r.summary as Json).checks = 1.5)],
    ['a waived finding without its waiver', (r) => ((r.findings as Json[])[0].status = 'waived')],
    ['a waiver on a finding that is not waived', (r) => ((r.findings as Json[])[0].waiver = { rule: 'ENC-001', address: '*', reason: 'r', expires: '2026-01-01', source: 'config' })],
    ['another schema version', (r) => (r.schemaVersion = 2)],
    ['an empty message', (r) => ((r.findings as Json[])[0].message = '')],
  ];
  it.each(broken)('rejects %s', (_name, breakIt) => {
    const copy = structuredClone(report);
    breakIt(copy);
    expect(reportSchema()(copy)).toBe(false);
  });
});
