/** Reading a JSON report back (comment, check --baseline): a faithful round trip, and one-line refusals. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseReport, readReportFile } from '../../../cli/integrations/report-file';
import { renderJson } from '../../../cli/reporters/json';
import { renderMarkdown } from '../../../cli/reporters/markdown';
import { InputError } from '../../../policies/engine/types';
import { buildReport } from '../reporters/report-fixture';

const HINT = 'pass the file that `planwarden check --format json=report.json` wrote';

describe('parseReport', () => {
  it('reads back everything the JSON reporter writes', () => {
    const report = buildReport();
    const read = parseReport(renderJson(report), 'r.json');
    expect(read.findings).toEqual(report.findings);
    expect(read.waivers).toEqual(report.waivers);
    expect(read.inputs).toEqual(report.inputs);
    expect(read.summary).toEqual(report.summary);
    expect(read.notices).toEqual(report.notices);
    expect(read.weakerThanHipaa).toEqual(report.weakerThanHipaa);
    expect(read.unknownPolicy).toBe(report.unknownPolicy);
    // So the comment rendered from the file is the comment rendered from the run.
    expect(renderMarkdown({ ...read, rules: report.rules })).toBe(renderMarkdown(report));
  });

  it('keeps the baseline state of a finding', () => {
    const json = JSON.parse(renderJson(buildReport()));
    json.findings[0].baseline = 'known';
    expect(parseReport(JSON.stringify(json), 'r.json').findings[0].baseline).toBe('known');
    json.findings[0].baseline = 'old';
    expect(() => parseReport(JSON.stringify(json), 'r.json')).toThrow(`r.json: findings[0].baseline is not one of new, known; ${HINT}`);
  });

  const valid = (): Record<string, unknown> => JSON.parse(renderJson(buildReport()));

  it.each<[string, (doc: Record<string, unknown>) => unknown, string]>([
    ['a Terraform plan', () => ({ format_version: '1.2', terraform_version: '1.11.4', resource_changes: [] }),
      'r.json: this is a Terraform plan, not a planwarden report; run `planwarden check r.json --format json=report.json` and pass report.json'],
    ['a SARIF log', () => ({ version: '2.1.0', runs: [] }), `r.json: this is a SARIF log, not a planwarden JSON report; ${HINT}`],
    ['another tool', () => ({ tool: { name: 'checkov' } }), `r.json: not a planwarden JSON report (no "tool": {"name": "planwarden"}); ${HINT}`],
    ['a newer schema', (d) => ({ ...d, schemaVersion: 2 }), `r.json: report schemaVersion 2 is not supported (this planwarden reads 1); ${HINT}`],
    ['a list', () => [], `r.json: not a planwarden JSON report (expected an object); ${HINT}`],
    ['a bad severity', (d) => {
      (d.findings as Array<Record<string, unknown>>)[1].severity = 'urgent';
      return d;
    }, `r.json: findings[1].severity is not one of critical, high, medium, low; ${HINT}`],
    ['no findings', (d) => ({ ...d, findings: undefined }), `r.json: findings is not a list; ${HINT}`],
    ['a non-boolean blocking', (d) => {
      (d.findings as Array<Record<string, unknown>>)[0].blocking = 'yes';
      return d;
    }, `r.json: findings[0].blocking is not true or false; ${HINT}`],
  ])('refuses %s with one line', (_name, mutate, message) => {
    expect(() => parseReport(JSON.stringify(mutate(valid())), 'r.json')).toThrow(new InputError(message));
  });

  it('locates a JSON syntax error and refuses an empty file', () => {
    expect(() => parseReport('{\n  "a": 1,\n}', 'r.json')).toThrow(/^r\.json: invalid JSON at line 3, column 1;/);
    expect(() => parseReport('  \n', 'r.json')).toThrow(`r.json: the file is empty; ${HINT}`);
  });
});

describe('readReportFile', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-report-'));
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('reads a file (with a BOM), stdin, and names a missing file', () => {
    const file = path.join(tmp, 'r.json');
    fs.writeFileSync(file, '\uFEFF' + renderJson(buildReport()));
    expect(readReportFile(file).findings).toHaveLength(buildReport().findings.length);
    expect(readReportFile('-', () => Buffer.from(renderJson(buildReport()))).inputs).toEqual(buildReport().inputs);
    expect(() => readReportFile(path.join(tmp, 'nope.json'))).toThrow(`${path.join(tmp, 'nope.json')}: no such file; ${HINT}`);
    expect(() => readReportFile(tmp)).toThrow(`${tmp}: is a directory; ${HINT}`);
  });
});
