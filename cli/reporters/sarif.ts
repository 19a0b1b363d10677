/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers.
 *
 * Shape decisions, each forced by a consumer:
 * - Every result carries a location with `physicalLocation.artifactLocation.uri`: GitHub
 *   rejects the whole upload if a single result lacks one. The `.tf` declaration is used when
 *   the source locator finds it, else the plan file the resource came from.
 * - `partialFingerprints` come from (rule, address, attribute), not from file lines, so an
 *   alert survives edits that move the block around.
 * - Plain-text messages are SARIF "message strings": `{`/`}` are placeholder syntax and
 *   `[text](target)` is an embedded link, so untrusted text is escaped for both.
 * - Waived findings stay in the log as suppressed results (kind external, with the reason),
 *   which viewers show as dismissed rather than dropping the audit trail.
 */
import type { Enforcement, Finding, Report, RuleSummary, Severity } from '../../policies/engine/types';
import { findingFingerprint } from '../../policies/engine/baseline';
import { parseResourceAddress, type SourceLocator } from '../source-locations';
import { markdownText } from './markdown';

export interface SarifOptions {
  /** Finds the `.tf` declaration of a finding's resource, when `--source-dir` was given. */
  sourceLocations?: SourceLocator;
  /** Absolute URI documenting the tool (e.g. the project page); omitted when not given. */
  informationUri?: string;
}

const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const FINGERPRINT_KEY = 'planwardenFinding/v1';

/**
 * GitHub maps security-severity scores onto its own bands (critical 9.0+, high 7.0–8.9,
 * medium 4.0–6.9, low 0.1–3.9); each value sits inside the band of the same name.
 */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

type SarifLevel = 'error' | 'warning' | 'note';

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const descriptors = ruleDescriptorsFor(report);
  const ruleIndex = new Map(descriptors.map((rule, index) => [rule.id, index]));
  const driver: Record<string, unknown> = { name: 'planwarden', version: report.tool.version };
  if (options.informationUri !== undefined) driver.informationUri = options.informationUri;
  driver.rules = descriptors.map(reportingDescriptor);

  const run: Record<string, unknown> = { tool: { driver } };
  const notifications = configurationNotifications(report);
  if (notifications.length > 0) {
    run.invocations = [{ executionSuccessful: true, toolConfigurationNotifications: notifications }];
  }
  run.results = report.findings.map((finding) => sarifResult(finding, ruleIndex, options.sourceLocations));
  run.properties = {
    unknownPolicy: report.unknownPolicy,
    summary: report.summary,
    weakerThanHipaa: report.weakerThanHipaa,
    notices: report.notices,
    waivers: report.waivers,
  };
  const log = { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * What the configuration did to the run, in SARIF's own place for it: thresholds set weaker
 * than HIPAA are warnings, waiver notices are notes.
 */
function configurationNotifications(report: Report): Array<Record<string, unknown>> {
  return [
    ...report.weakerThanHipaa.map((entry) => ({
      level: 'warning',
      message: { text: sarifMessageText(`Weaker than HIPAA: ${entry}`) },
    })),
    ...report.notices.map((notice) => ({ level: 'note', message: { text: sarifMessageText(notice) } })),
  ];
}

/**
 * The rules in effect, sorted by id so rule indices are stable; a finding whose rule is
 * missing from `report.rules` still gets a descriptor built from the finding itself.
 */
function ruleDescriptorsFor(report: Report): RuleSummary[] {
  const byId = new Map(report.rules.map((rule) => [rule.id, rule]));
  for (const finding of report.findings) {
    if (!byId.has(finding.ruleId)) {
      byId.set(finding.ruleId, {
        id: finding.ruleId,
        title: finding.ruleId,
        family: finding.family,
        severity: finding.severity,
        enforcement: finding.enforcement,
        hipaa: finding.hipaa,
        resourceTypes: [finding.resourceType],
        params: {},
        rationale: finding.message,
        remediation: finding.remediation,
      });
    }
  }
  return [...byId.values()].sort((a, b) => compareStrings(a.id, b.id));
}

function reportingDescriptor(rule: RuleSummary): Record<string, unknown> {
  const citations = rule.hipaa.map((citation) => `45 CFR § ${citation}`).join('; ');
  const helpText = citations === '' ? rule.remediation : `${rule.remediation}\n\nHIPAA Security Rule: ${citations}.`;
  const helpMarkdown =
    `**Remediation:** ${markdownText(rule.remediation)}` +
    (citations === '' ? '' : `\n\n**HIPAA Security Rule:** ${markdownText(citations)}.`);
  return {
    id: rule.id,
    name: pascalCaseName(rule.title) || rule.id,
    shortDescription: { text: sarifMessageText(rule.title) },
    fullDescription: { text: sarifMessageText(rule.rationale) },
    help: { text: sarifMessageText(helpText), markdown: sarifMessageText(helpMarkdown) },
    defaultConfiguration: { level: levelForEnforcement(rule.enforcement) },
    properties: {
      // GitHub only shows security-severity for rules tagged "security".
      tags: unique(['security', 'hipaa', rule.family, ...rule.hipaa.map((citation) => `HIPAA-${citation}`)]),
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      enforcement: rule.enforcement,
      family: rule.family,
      hipaa: rule.hipaa,
      resourceTypes: rule.resourceTypes,
    },
  };
}

function sarifResult(
  finding: Finding,
  ruleIndex: ReadonlyMap<string, number>,
  sourceLocations: SourceLocator | undefined,
): Record<string, unknown> {
  const result: Record<string, unknown> = {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId),
    level: resultLevel(finding),
    message: { text: sarifMessageText(resultMessage(finding)) },
    locations: [resultLocation(finding, sourceLocations)],
    partialFingerprints: { [FINGERPRINT_KEY]: findingFingerprint(finding) },
  };
  if (finding.status === 'waived') {
    const waiver = finding.waiver;
    const justification =
      waiver === null
        ? 'Waived by planwarden configuration.'
        : [waiver.reason, `expires ${waiver.expires}`, waiver.ticket === undefined ? '' : `ticket ${waiver.ticket}`]
            .filter((part) => part !== '')
            .join('; ');
    const suppression: Record<string, unknown> = { kind: 'external', state: 'accepted', justification };
    if (waiver !== null) suppression.properties = { ...waiver };
    result.suppressions = [suppression];
  }
  result.properties = resultProperties(finding);
  return result;
}

/**
 * Blocking findings are errors. A non-blocking failure or unknown is a warning. A waived
 * finding keeps the level its rule would give it: the suppression, not the level, says it was
 * accepted.
 */
function resultLevel(finding: Finding): SarifLevel {
  if (finding.status === 'waived') return levelForEnforcement(finding.enforcement);
  return finding.blocking ? 'error' : 'warning';
}

function levelForEnforcement(enforcement: Enforcement): SarifLevel {
  return enforcement === 'advisory' ? 'warning' : 'error';
}

function resultMessage(finding: Finding): string {
  const lead = finding.status === 'unknown' ? `Unknown at plan time: ${finding.message}` : finding.message;
  return `${lead}\n\nRemediation: ${finding.remediation}`;
}

function resultLocation(finding: Finding, sourceLocations: SourceLocator | undefined): Record<string, unknown> {
  const location: Record<string, unknown> = {};
  const declared = sourceLocations?.locate(finding.address);
  if (declared !== undefined) {
    location.physicalLocation = {
      artifactLocation: { uri: artifactUri(declared.file) },
      region: { startLine: declared.line },
    };
  } else if (isFilePath(finding.input)) {
    // No region: the plan file is where the resource was found, not a line to point at.
    location.physicalLocation = { artifactLocation: { uri: artifactUri(finding.input) } };
  }
  location.logicalLocations = [
    { name: resourceName(finding.address), fullyQualifiedName: finding.address, kind: 'resource' },
  ];
  return location;
}

function resultProperties(finding: Finding): Record<string, unknown> {
  const properties: Record<string, unknown> = {
    status: finding.status,
    blocking: finding.blocking,
    severity: finding.severity,
    enforcement: finding.enforcement,
    family: finding.family,
    hipaa: finding.hipaa,
    address: finding.address,
    resourceType: finding.resourceType,
    action: finding.action,
    attribute: finding.attribute,
    remediation: finding.remediation,
    input: finding.input,
  };
  if (finding.overridden !== undefined) properties.overridden = finding.overridden;
  if (finding.scope !== undefined) properties.scope = finding.scope;
  if (finding.stack !== undefined) properties.stack = finding.stack;
  if (finding.constructPath !== undefined) properties.constructPath = finding.constructPath;
  return properties;
}

/** Stable per (rule, address, attribute); the same identity baselines use. */
export { findingFingerprint };

/**
 * Untrusted text as a SARIF plain-text message string. Braces are doubled because `{0}` is
 * placeholder syntax, and `](` is split so no `[text](target)` embedded link can form, whose
 * target a viewer would render as a clickable link. Bidirectional overrides are dropped so
 * the text a viewer shows is the text that is stored.
 */
export function sarifMessageText(text: string): string {
  return text
    .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
    .replace(/[{}]/g, (brace) => brace + brace)
    .replace(/\]\(/g, '] (');
}

/**
 * A relative path as a URI reference: forward slashes, every segment percent-encoded (so a
 * `:` cannot read as a scheme and `#`, `?`, `%` or spaces stay part of the name). Absolute
 * paths become file URIs.
 */
export function artifactUri(filePath: string): string {
  const slashed = filePath.replace(/\\/g, '/');
  const drive = /^([A-Za-z]):\//.exec(slashed);
  if (drive !== null) return `file:///${drive[1]}:/${encodeSegments(slashed.slice(3))}`;
  if (slashed.startsWith('/')) return `file:///${encodeSegments(slashed.replace(/^\/+/, ''))}`;
  return encodeSegments(slashed.replace(/^(\.\/)+/, ''));
}

function encodeSegments(relative: string): string {
  return relative.split('/').map(encodeURIComponent).join('/');
}

/** Stdin and synthetic inputs have no file to point at. */
function isFilePath(input: string): boolean {
  return input !== '' && input !== '-' && !input.startsWith('<');
}

/** `type.name` of the resource, without module path or instance key; the address if it does not parse. */
function resourceName(address: string): string {
  const parts = parseResourceAddress(address);
  if (parts === undefined) return address;
  return parts.mode === 'data' ? `data.${parts.type}.${parts.name}` : `${parts.type}.${parts.name}`;
}

/** "S3 buckets encrypt at rest (KMS)" → "S3BucketsEncryptAtRestKms": SARIF's readable rule name. */
function pascalCaseName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join('');
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
