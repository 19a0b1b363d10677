import Ajv, { type ValidateFunction } from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import { artifactUri, findingFingerprint, renderSarif, sarifMessageText } from '../../../cli/reporters/sarif';
import type { SourceLocation, SourceLocator } from '../../../cli/source-locations';
import { ADDRESSES, HOSTILE_TEXT, WAIVERS, WEAKER_THAN_HIPAA, buildReport, makeFinding } from './report-fixture';

/* The official OASIS schema; see test/fixtures/schemas/README.md for where it came from. */
const schemaPath = path.join(__dirname, '../../fixtures/schemas/sarif-2.1.0.json');

interface SarifLog {
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; rules: SarifRule[] } };
    results: SarifResult[];
  }>;
}
interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation?: { artifactLocation: { uri: string }; region?: { startLine: number } };
    logicalLocations: Array<{ name: string; fullyQualifiedName: string; kind: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: string; state: string; justification: string; properties?: Record<string, unknown> }>;
  properties: Record<string, unknown>;
}

/**
 * The schema uses `format` keywords; ajv needs checkers for them or it refuses the schema.
 * These follow RFC 3986 closely enough to catch an unencoded space or a bogus scheme. The
 * schema's own style (`required` inside `anyOf`) trips ajv's strict-mode lint, so that lint is off.
 */
function compileSarifSchema(): ValidateFunction {
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    formats: {
      uri: (value: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(value) && isUriReference(value),
      'uri-reference': isUriReference,
      'date-time': (value: string) => !Number.isNaN(Date.parse(value)) && /^\d{4}-\d{2}-\d{2}T/.test(value),
    },
  });
  return ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
}

function isUriReference(value: string): boolean {
  return /^(?:[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*$/.test(value);
}

function parse(text: string): SarifLog {
  return JSON.parse(text) as SarifLog;
}

function resultFor(log: SarifLog, ruleId: string, address: string): SarifResult {
  const found = log.runs[0].results.find(
    (result) => result.ruleId === ruleId && result.locations[0].logicalLocations[0].fullyQualifiedName === address,
  );
  if (found === undefined) throw new Error(`no result for ${ruleId} ${address}`);
  return found;
}

function fixedLocator(known: Record<string, SourceLocation>): SourceLocator {
  return { locate: (address) => known[address] };
}

describe('renderSarif', () => {
  const validate = compileSarifSchema();

  it('produces a log that the official SARIF 2.1.0 schema accepts', () => {
    const text = renderSarif(buildReport(), {
      informationUri: 'https://github.com/example/planwarden',
      sourceLocations: fixedLocator({ [ADDRESSES.phiBucket]: { file: 'infra/modules/records/main.tf', line: 12 } }),
    });
    const valid = validate(JSON.parse(text));
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('is checked by a validator that does reject invalid logs', () => {
    const log = parse(renderSarif(buildReport())) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    delete log.runs[0].results[0].message;
    expect(validate(log)).toBe(false);
    const badUri = parse(renderSarif(buildReport())) as unknown as {
      runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
    };
    badUri.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri = 'plans/has space.json';
    expect(validate(badUri)).toBe(false);
  });

  it('describes every rule in effect, sorted by id, with GitHub security-severity and HIPAA tags', () => {
    const log = parse(renderSarif(buildReport()));
    const { driver } = log.runs[0].tool;
    expect(driver.name).toBe('planwarden');
    expect(driver.version).toBe('0.1.0');
    expect(driver.rules.map((rule) => rule.id)).toEqual(['BAA-001', 'ENC-001', 'IOT-001', 'LOG-001', 'TLS-001']);

    const enc = driver.rules[1];
    expect(enc.name).toBe('S3BucketsHoldingEphiAreEncryptedWithKms');
    expect(enc.shortDescription.text).toBe('S3 buckets holding ePHI are encrypted with KMS');
    expect(enc.fullDescription.text).toBe('Rationale for ENC-001.');
    expect(enc.help.text).toContain('Default remediation for ENC-001.');
    expect(enc.help.text).toContain('45 CFR § 164.312(a)(2)(iv); 45 CFR § 164.312(e)(2)(ii)');
    expect(enc.help.markdown).toContain('**Remediation:**');
    expect(enc.defaultConfiguration.level).toBe('error');
    expect(enc.properties.tags).toEqual([
      'security',
      'hipaa',
      'encryption',
      'HIPAA-164.312(a)(2)(iv)',
      'HIPAA-164.312(e)(2)(ii)',
    ]);
    const severities = Object.fromEntries(driver.rules.map((rule) => [rule.id, rule.properties['security-severity']]));
    expect(severities).toEqual({ 'BAA-001': '3.0', 'ENC-001': '8.0', 'IOT-001': '9.5', 'LOG-001': '5.5', 'TLS-001': '9.5' });
    expect(driver.rules[3].defaultConfiguration.level).toBe('warning');
  });

  it('maps finding status and blocking to result levels, with ruleIndex pointing at the rule', () => {
    const log = parse(renderSarif(buildReport()));
    const { rules } = log.runs[0].tool.driver;
    const results = log.runs[0].results;
    expect(results).toHaveLength(5);
    for (const result of results) expect(rules[result.ruleIndex].id).toBe(result.ruleId);

    expect(resultFor(log, 'ENC-001', ADDRESSES.phiBucket).level).toBe('error');
    expect(resultFor(log, 'LOG-001', ADDRESSES.logGroup).level).toBe('warning');
    const unknown = resultFor(log, 'TLS-001', ADDRESSES.listener);
    expect(unknown.level).toBe('warning');
    expect(unknown.message.text).toMatch(/^Unknown at plan time: /);
    expect(unknown.suppressions).toBeUndefined();
  });

  it('reports a blocking unknown as an error', () => {
    const finding = makeFinding('TLS-001', ADDRESSES.listener, { status: 'unknown', blocking: true });
    const log = parse(renderSarif(buildReport({ findings: [finding], unknownPolicy: 'fail' })));
    expect(log.runs[0].results[0].level).toBe('error');
  });

  it('keeps waived findings as externally suppressed results with the waiver as justification', () => {
    const waived = resultFor(parse(renderSarif(buildReport())), 'BAA-001', ADDRESSES.notebook);
    expect(waived.level).toBe('warning');
    expect(waived.suppressions).toEqual([
      {
        kind: 'external',
        state: 'accepted',
        justification: 'Legacy lab decommissioned in Q3; expires 2027-03-31; ticket SEC-123',
        properties: {
          rule: 'BAA-001',
          address: 'module.legacy.*',
          reason: 'Legacy lab decommissioned in Q3',
          expires: '2027-03-31',
          ticket: 'SEC-123',
          owner: 'data-platform',
          approver: 'ciso',
          source: 'config',
        },
      },
    ]);
  });

  it('points at the .tf declaration when the locator knows it, else at the plan file without a region', () => {
    const log = parse(
      renderSarif(buildReport(), {
        sourceLocations: fixedLocator({ [ADDRESSES.phiBucket]: { file: 'infra/modules/records/main.tf', line: 12 } }),
      }),
    );
    const located = resultFor(log, 'ENC-001', ADDRESSES.phiBucket).locations[0];
    expect(located.physicalLocation).toEqual({
      artifactLocation: { uri: 'infra/modules/records/main.tf' },
      region: { startLine: 12 },
    });
    expect(located.logicalLocations).toEqual([
      { name: 'aws_s3_bucket.phi', fullyQualifiedName: ADDRESSES.phiBucket, kind: 'resource' },
    ]);
    const fallback = resultFor(log, 'LOG-001', ADDRESSES.logGroup).locations[0];
    expect(fallback.physicalLocation).toEqual({ artifactLocation: { uri: 'plans/prod.json' } });
  });

  it('gives a result from stdin only its logical location', () => {
    const finding = makeFinding('LOG-001', ADDRESSES.logGroup, { input: '-' });
    const log = parse(renderSarif(buildReport({ findings: [finding] })));
    expect(log.runs[0].results[0].locations[0].physicalLocation).toBeUndefined();
    expect(log.runs[0].results[0].locations[0].logicalLocations[0].fullyQualifiedName).toBe(ADDRESSES.logGroup);
  });

  it('fingerprints a finding by rule, address and attribute only', () => {
    const base = makeFinding('ENC-001', ADDRESSES.phiBucket, { attribute: 'kms_master_key_id' });
    const reworded = { ...base, message: 'different words', severity: 'low' as const };
    const otherAttribute = { ...base, attribute: 'sse_algorithm' };
    expect(findingFingerprint(reworded)).toBe(findingFingerprint(base));
    expect(findingFingerprint(otherAttribute)).not.toBe(findingFingerprint(base));
    expect(findingFingerprint({ ...base, address: `${ADDRESSES.phiBucket}x` })).not.toBe(findingFingerprint(base));

    const log = parse(renderSarif(buildReport()));
    const fingerprints = log.runs[0].results.map((result) => result.partialFingerprints['planwardenFinding/v1']);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    for (const fingerprint of fingerprints) expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports weakened thresholds and waiver notices as tool configuration notifications', () => {
    const log = JSON.parse(renderSarif(buildReport())) as {
      runs: Array<{ invocations?: Array<{ executionSuccessful: boolean; toolConfigurationNotifications: unknown[] }>; properties: Record<string, unknown> }>;
    };
    expect(log.runs[0].invocations).toEqual([
      {
        executionSuccessful: true,
        toolConfigurationNotifications: [
          { level: 'warning', message: { text: `Weaker than HIPAA: ${WEAKER_THAN_HIPAA[0]}` } },
          { level: 'note', message: { text: 'Waiver for ENC-002 on module.old.* expired on 2025-01-31 (SEC-9); it no longer waives.' } },
        ],
      },
    ]);
    expect(log.runs[0].properties.waivers).toEqual(WAIVERS);
    const quiet = JSON.parse(renderSarif(buildReport({ weakerThanHipaa: [], notices: [] }))) as { runs: Array<Record<string, unknown>> };
    expect(quiet.runs[0].invocations).toBeUndefined();
  });

  it('is byte-identical for the same report', () => {
    const locator = fixedLocator({ [ADDRESSES.phiBucket]: { file: 'main.tf', line: 3 } });
    expect(renderSarif(buildReport(), { sourceLocations: locator })).toBe(
      renderSarif(buildReport(), { sourceLocations: locator }),
    );
  });

  it('keeps hostile text as data: no embedded links, no placeholders, JSON-escaped control characters', () => {
    const text = renderSarif(buildReport());
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
    const hostile = resultFor(parse(text), 'ENC-001', ADDRESSES.hostileBucket);
    expect(hostile.message.text).toContain('<script>alert(1)</script> ]]> 100% done');
    expect(hostile.message.text).toContain('[click] (https://evil.example)');
    expect(hostile.message.text).not.toContain('](');
    expect(hostile.message.text).toContain('{{0}}');
    expect(hostile.message.text).toContain('redevil');
  });

  it('escapes message strings for SARIF placeholders and embedded links', () => {
    expect(sarifMessageText('a {0} [x](1) b')).toBe('a {{0}} [x] (1) b');
    expect(sarifMessageText(HOSTILE_TEXT)).not.toMatch(/\]\(|(^|[^{]){(?!{)/);
  });

  it('turns file paths into URI references', () => {
    expect(artifactUri('./infra/main.tf')).toBe('infra/main.tf');
    expect(artifactUri('infra\\modules\\a b\\main.tf')).toBe('infra/modules/a%20b/main.tf');
    expect(artifactUri('plans/prod#1?.json')).toBe('plans/prod%231%3F.json');
    expect(artifactUri('c:odd/100%.json')).toBe('c%3Aodd/100%25.json');
    expect(artifactUri('/home/ci/plan.json')).toBe('file:///home/ci/plan.json');
    expect(artifactUri('C:\\work\\plan.json')).toBe('file:///C:/work/plan.json');
  });
});
