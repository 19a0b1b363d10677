/**
 * What every report must satisfy, whatever the plan: the JSON report validates against the
 * published schema (docs/report.schema.json), its counts agree with its findings, findings are
 * sorted, SARIF validates against the official schema, JUnit is well-formed XML.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import { XMLValidator } from 'fast-xml-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './seeds';

export const REPORT_SCHEMA_FILE = path.join(ROOT, 'docs', 'report.schema.json');
const SARIF_SCHEMA_FILE = path.join(ROOT, 'test', 'fixtures', 'schemas', 'sarif-2.1.0.json');

let reportValidator: ValidateFunction | undefined;
let sarifValidator: ValidateFunction | undefined;

/** Strict ajv: a schema with a typo in a keyword is an error, not a schema that accepts everything. */
export function reportSchema(): ValidateFunction {
  reportValidator ??= new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(REPORT_SCHEMA_FILE, 'utf8')) as object);
  return reportValidator;
}

function isUriReference(value: string): boolean {
  return /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value);
}

/** The official SARIF schema needs format checkers and non-strict mode (see test/fixtures/schemas/README.md). */
export function sarifSchema(): ValidateFunction {
  sarifValidator ??= new Ajv({
    strict: false,
    allErrors: true,
    formats: {
      uri: (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value) && isUriReference(value),
      'uri-reference': isUriReference,
      'date-time': (value: string) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value),
    },
  }).compile(JSON.parse(fs.readFileSync(SARIF_SCHEMA_FILE, 'utf8')) as object);
  return sarifValidator;
}

interface JsonFinding {
  address: string;
  ruleId: string;
  status: 'fail' | 'unknown' | 'waived';
  blocking: boolean;
}
interface JsonReport {
  summary: { failed: number; unknown: number; waived: number; blocking: number; checks: number };
  findings: JsonFinding[];
}

/** Problems with one run's outputs (empty when all is well). `exitCode` is what the CLI would exit with. */
export function reportProblems(outputs: Readonly<Record<string, string>>, exitCode: number): string[] {
  const problems: string[] = [];
  let report: JsonReport;
  try {
    report = JSON.parse(outputs.json) as JsonReport;
  } catch (err) {
    return [`json output does not parse: ${(err as Error).message}`];
  }
  const validate = reportSchema();
  if (!validate(report)) problems.push(`json report fails docs/report.schema.json: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  const count = (status: JsonFinding['status']) => report.findings.filter((f) => f.status === status).length;
  const s = report.summary;
  if (s.failed !== count('fail') || s.unknown !== count('unknown') || s.waived !== count('waived')) problems.push(`summary counts disagree with findings: ${JSON.stringify(s)}`);
  if (s.blocking !== report.findings.filter((f) => f.blocking).length) problems.push('summary.blocking disagrees with findings');
  if (exitCode !== (s.blocking > 0 ? 1 : 0)) problems.push(`exit ${exitCode} with ${s.blocking} blocking findings`);
  for (let i = 1; i < report.findings.length; i++) {
    const a = report.findings[i - 1];
    const b = report.findings[i];
    if (a.address > b.address || (a.address === b.address && a.ruleId > b.ruleId)) problems.push(`findings not sorted at ${i}: ${a.address} ${a.ruleId} > ${b.address} ${b.ruleId}`);
  }
  try {
    const log = JSON.parse(outputs.sarif) as { runs?: Array<{ tool?: { driver?: { rules?: unknown[] } } }> };
    // The rule descriptors are the same for every plan and make up most of the log (and of the
    // validation time); the reporter's own tests validate them. Results are what a plan changes.
    const driver = log.runs?.[0]?.tool?.driver;
    if (driver?.rules) driver.rules = [];
    const sarif = sarifSchema();
    if (!sarif(log)) problems.push(`sarif fails the SARIF 2.1.0 schema: ${JSON.stringify(sarif.errors?.slice(0, 3))}`);
  } catch (err) {
    problems.push(`sarif output does not parse: ${(err as Error).message}`);
  }
  const xml = XMLValidator.validate(outputs.junit);
  if (xml !== true) problems.push(`junit is not well-formed XML: ${JSON.stringify(xml)}`);
  for (const format of ['text', 'markdown']) if (!outputs[format]) problems.push(`${format} output is empty`);
  return problems;
}
