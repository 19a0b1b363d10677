import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { renderJunit, xmlAttribute, xmlText } from '../../../cli/reporters/junit';
import { ADDRESSES, HOSTILE_TEXT, WEAKER_THAN_HIPAA, buildReport, hostileString, makeFinding } from './report-fixture';

interface TestCase {
  '@_name': string;
  '@_classname': string;
  failure?: { '#text'?: string; '@_message': string; '@_type': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface TestSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  testcase: TestCase[];
}
interface JunitDocument {
  testsuites: { '@_tests': string; '@_failures': string; '@_skipped': string; testsuite: TestSuite[] };
}

const parser = new XMLParser({
  ignoreAttributes: false,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => name === 'testsuite' || name === 'testcase',
});

function parseJunit(xml: string): JunitDocument {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as JunitDocument;
}

function testcase(document: JunitDocument, classname: string, name: string): TestCase {
  for (const suite of document.testsuites.testsuite) {
    const found = suite.testcase.find((candidate) => candidate['@_classname'] === classname && candidate['@_name'] === name);
    if (found !== undefined) return found;
  }
  throw new Error(`no testcase ${classname} ${name}`);
}

describe('renderJunit', () => {
  const report = buildReport();
  const document = parseJunit(renderJunit(report));

  it('has one suite per family with checks, in family order', () => {
    expect(document.testsuites.testsuite.map((suite) => suite['@_name'])).toEqual([
      'planwarden.encryption',
      'planwarden.transit',
      'planwarden.logging',
      'planwarden.baa',
      'planwarden.iot',
    ]);
  });

  it('has one testcase per check, and counts that match the elements', () => {
    const suites = document.testsuites.testsuite;
    const cases = suites.flatMap((suite) => suite.testcase);
    expect(cases).toHaveLength(report.checks.length);
    for (const suite of suites) {
      expect(Number(suite['@_tests'])).toBe(suite.testcase.length);
      expect(Number(suite['@_failures'])).toBe(suite.testcase.filter((one) => one.failure !== undefined).length);
      expect(Number(suite['@_skipped'])).toBe(suite.testcase.filter((one) => one.skipped !== undefined).length);
      expect(suite['@_errors']).toBe('0');
    }
    expect(document.testsuites['@_tests']).toBe(String(report.checks.length));
    // Failures are exactly the blocking findings; the one waiver is the one skip.
    expect(document.testsuites['@_failures']).toBe('2');
    expect(document.testsuites['@_skipped']).toBe('1');
  });

  it('fails a blocking check with its message, remediation and HIPAA citations', () => {
    const failed = testcase(document, 'planwarden.encryption.ENC-001', ADDRESSES.phiBucket);
    expect(failed.failure?.['@_message']).toBe(
      `${ADDRESSES.phiBucket} has no server-side encryption configuration; set sse_algorithm to aws:kms.`,
    );
    expect(failed.failure?.['@_type']).toBe('fail high hard-mandatory');
    const body = failed.failure?.['#text'] ?? '';
    expect(body).toContain('BLOCKING fail · ENC-001 · high · hard-mandatory · attribute rule.apply_server_side_encryption_by_default.sse_algorithm');
    expect(body).toContain('Remediation: Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm = "aws:kms".');
    expect(body).toContain('HIPAA: 164.312(a)(2)(iv), 164.312(e)(2)(ii)');
  });

  it('passes non-blocking failures and unknowns, with the warning in system-out', () => {
    const advisory = testcase(document, 'planwarden.logging.LOG-001', ADDRESSES.logGroup);
    expect(advisory.failure).toBeUndefined();
    expect(advisory['system-out']).toContain('NON-BLOCKING fail · LOG-001');
    const unknown = testcase(document, 'planwarden.transit.TLS-001', ADDRESSES.listener);
    expect(unknown.failure).toBeUndefined();
    expect(unknown['system-out']).toContain('NON-BLOCKING unknown · TLS-001');
  });

  it('fails a blocking unknown', () => {
    const finding = makeFinding('TLS-001', ADDRESSES.listener, { status: 'unknown', blocking: true });
    const failed = parseJunit(renderJunit(buildReport({ findings: [finding], unknownPolicy: 'fail' })));
    expect(testcase(failed, 'planwarden.transit.TLS-001', ADDRESSES.listener).failure?.['@_type']).toBe(
      'unknown critical soft-mandatory',
    );
  });

  it('skips a waived check and says why', () => {
    const waived = testcase(document, 'planwarden.baa.BAA-001', ADDRESSES.notebook);
    expect(waived.skipped?.['@_message']).toBe(
      'Waived: Legacy lab decommissioned in Q3 (expires 2027-03-31, ticket SEC-123, owner data-platform)',
    );
  });

  it('lists passing checks as plain testcases', () => {
    const passed = testcase(document, 'planwarden.iot.IOT-001', ADDRESSES.iotPolicy);
    expect(passed.failure).toBeUndefined();
    expect(passed.skipped).toBeUndefined();
    expect(passed['system-out']).toBeUndefined();
  });

  it('gives a finding that no check names a testcase of its own', () => {
    const planLevel = makeFinding('BAA-001', 'aws_sagemaker_domain.studio', { blocking: true });
    const xml = renderJunit(buildReport({ findings: [planLevel], checks: [] }));
    const parsed = parseJunit(xml);
    expect(parsed.testsuites['@_tests']).toBe('1');
    expect(testcase(parsed, 'planwarden.baa.BAA-001', 'aws_sagemaker_domain.studio').failure).toBeDefined();
  });

  it('keeps hostile text as text: escaped markup, no invalid XML characters', () => {
    const xml = renderJunit(report);
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    expect(xml).not.toContain('<script>');
    const hostile = testcase(document, 'planwarden.encryption.ENC-001', ADDRESSES.hostileBucket);
    const body = hostile.failure?.['#text'] ?? '';
    expect(body).toContain('Bucket <script>alert(1)</script> ]]> 100% done\n::error::injected `rm -rf /` <!-- hide -->');
    expect(body).toContain('red\u202Eevil');
    expect(body).not.toContain('\u0000');
    const message = hostile.failure?.['@_message'] ?? '';
    expect(message.startsWith('Bucket <script>alert(1)</script> ]]> 100% done ::error::')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(1000);
    expect(HOSTILE_TEXT.length).toBeGreaterThan(1000);
  });

  it('records weakened thresholds and notices as suite properties', () => {
    const properties = (document.testsuites.testsuite[0] as unknown as {
      properties: { property: Array<{ '@_name': string; '@_value': string }> };
    }).properties.property;
    expect(properties).toEqual([
      { '@_name': 'planwarden.version', '@_value': '0.1.0' },
      { '@_name': 'planwarden.unknownPolicy', '@_value': 'warn' },
      { '@_name': 'planwarden.weakerThanHipaa', '@_value': WEAKER_THAN_HIPAA[0] },
      { '@_name': 'planwarden.notice', '@_value': 'Waiver for ENC-002 on module.old.* expired on 2025-01-31 (SEC-9); it no longer waives.' },
    ]);
  });

  it('is byte-identical for the same report and honours the suite prefix', () => {
    expect(renderJunit(buildReport())).toBe(renderJunit(buildReport()));
    const prefixed = parseJunit(renderJunit(buildReport(), { suitePrefix: 'planwarden.prod' }));
    expect(prefixed.testsuites.testsuite[0]['@_name']).toBe('planwarden.prod.encryption');
    expect(prefixed.testsuites.testsuite[0].testcase[0]['@_classname']).toBe('planwarden.prod.encryption.ENC-001');
  });

  it('writes an empty but valid document when nothing was checked', () => {
    const empty = parseJunit(renderJunit(buildReport({ findings: [], checks: [] })));
    expect(empty.testsuites['@_tests']).toBe('0');
  });
});

describe('XML escaping', () => {
  /** What XML 1.0 can carry, after the normalisations the escapers document. */
  const expectedText = (raw: string): string =>
    raw.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/\r\n?/g, '\n');

  it('round-trips any text through element content and attributes', () => {
    fc.assert(
      fc.property(hostileString(60), (raw) => {
        const xml = `<r a="${xmlAttribute(raw)}">${xmlText(raw)}</r>`;
        expect(XMLValidator.validate(xml)).toBe(true);
        const parsed = parser.parse(xml) as { r: { '#text'?: string; '@_a': string } | string };
        const element = typeof parsed.r === 'string' ? { '#text': parsed.r, '@_a': '' } : parsed.r;
        expect(element['#text'] ?? '').toBe(expectedText(raw));
        expect(element['@_a']).toBe(expectedText(raw).replace(/[\t\n]+/g, ' '));
      }),
      { numRuns: 300 },
    );
  });
});
