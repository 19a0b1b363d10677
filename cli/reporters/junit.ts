/**
 * JUnit XML for the test-report views of GitLab, Jenkins and Azure DevOps.
 *
 * One <testsuite> per rule family and one <testcase> per (rule, resource) check. Families
 * rather than rules: a pack has dozens of rules, and dozens of one-case suites make every
 * CI view a wall of headers, while five families read like a compliance checklist. The rule
 * still shows: the classname is `planwarden.<family>.<rule id>`, which Jenkins and Azure
 * split into package and class, so each rule gets its own group beneath its family.
 *
 * A testcase fails exactly when the finding blocks the run (the exit code's meaning), since
 * Azure's and Jenkins' publishers can fail a pipeline on failed tests: an advisory failure or a
 * tolerated unknown passes with the warning in <system-out>, and a waived check is <skipped>.
 */
import { FAMILIES, type CheckRecord, type Finding, type Report } from '../../policies/engine/types';
import { truncate } from './markdown';

export interface JunitOptions {
  /** Prefix of suite names and classnames; set one per plan when several plans publish into one pipeline. */
  suitePrefix?: string;
}

interface CheckCase {
  ruleId: string;
  address: string;
  family: string;
  result: CheckRecord['result'];
  findings: Finding[];
}

type CaseOutcome =
  | { kind: 'pass'; notes: string | undefined }
  | { kind: 'failure'; message: string; type: string; details: string }
  | { kind: 'skipped'; message: string };

const MAX_ATTRIBUTE_CHARS = 1_000;

export function renderJunit(report: Report, options: JunitOptions = {}): string {
  const prefix = options.suitePrefix ?? 'planwarden';
  const cases = checkCases(report);
  const familyOrder = [...FAMILIES, 'other'] as string[];
  const families = familyOrder.filter((family) => cases.some((check) => check.family === family));

  const suites = families.map((family) => {
    const members = cases.filter((check) => check.family === family);
    const outcomes = members.map(caseOutcome);
    const failures = outcomes.filter((outcome) => outcome.kind === 'failure').length;
    const skipped = outcomes.filter((outcome) => outcome.kind === 'skipped').length;
    const testcases = members.map((check, index) => testcaseXml(check, outcomes[index], `${prefix}.${family}`));
    return {
      tests: members.length,
      failures,
      skipped,
      xml: [
        `  <testsuite name="${xmlAttribute(`${prefix}.${family}`)}" tests="${members.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
        '    <properties>',
        `      <property name="planwarden.version" value="${xmlAttribute(report.tool.version)}"/>`,
        `      <property name="planwarden.unknownPolicy" value="${report.unknownPolicy}"/>`,
        ...report.weakerThanHipaa.map(
          (entry) => `      <property name="planwarden.weakerThanHipaa" value="${xmlAttribute(entry)}"/>`,
        ),
        ...report.notices.map((notice) => `      <property name="planwarden.notice" value="${xmlAttribute(notice)}"/>`),
        '    </properties>',
        ...testcases,
        '  </testsuite>',
      ].join('\n'),
    };
  });

  const total = (key: 'tests' | 'failures' | 'skipped'): number => suites.reduce((sum, suite) => sum + suite[key], 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${xmlAttribute(prefix)}" tests="${total('tests')}" failures="${total('failures')}" errors="0" skipped="${total('skipped')}" time="0">`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * Every check, with the findings it produced. A finding about a resource no check names (a
 * plan-level outcome) gets a case of its own, so nothing reported is missing from the XML.
 */
function checkCases(report: Report): CheckCase[] {
  const familyOfRule = new Map<string, string>(report.rules.map((rule) => [rule.id, rule.family]));
  const cases = new Map<string, CheckCase>();
  const keyOf = (ruleId: string, address: string): string => `${ruleId}\u0000${address}`;
  for (const check of report.checks) {
    const key = keyOf(check.ruleId, check.address);
    if (!cases.has(key)) {
      const family = familyOfRule.get(check.ruleId) ?? 'other';
      cases.set(key, { ruleId: check.ruleId, address: check.address, family, result: check.result, findings: [] });
    }
  }
  for (const finding of report.findings) {
    const key = keyOf(finding.ruleId, finding.address);
    const existing = cases.get(key);
    if (existing === undefined) {
      cases.set(key, {
        ruleId: finding.ruleId,
        address: finding.address,
        family: finding.family,
        result: finding.status,
        findings: [finding],
      });
    } else {
      existing.findings.push(finding);
    }
  }
  return [...cases.values()].sort(
    (a, b) => compareStrings(a.ruleId, b.ruleId) || compareStrings(a.address, b.address),
  );
}

function caseOutcome(check: CheckCase): CaseOutcome {
  const blocking = check.findings.filter((finding) => finding.blocking);
  // A failed check with no finding to explain it should not happen; failing loudly is the safe reading.
  const unexplained = check.findings.length === 0 && (check.result === 'fail' || check.result === 'unknown');
  if (blocking.length > 0 || unexplained) {
    const first = blocking[0];
    return {
      kind: 'failure',
      message: first === undefined ? `${check.ruleId} ${check.result} on ${check.address}` : first.message,
      type: first === undefined ? check.result : `${first.status} ${first.severity} ${first.enforcement}`,
      details: check.findings.map(findingDetails).join('\n\n'),
    };
  }
  const open = check.findings.filter((finding) => finding.status !== 'waived');
  if (open.length > 0) return { kind: 'pass', notes: check.findings.map(findingDetails).join('\n\n') };
  const waived = check.findings[0];
  if (waived !== undefined || check.result === 'waived') {
    return { kind: 'skipped', message: waived === undefined ? 'Waived' : waiverSummary(waived) };
  }
  return { kind: 'pass', notes: undefined };
}

function findingDetails(finding: Finding): string {
  const label = finding.blocking ? 'BLOCKING' : finding.status === 'waived' ? 'WAIVED' : 'NON-BLOCKING';
  const lines = [
    `${label} ${finding.status} · ${finding.ruleId} · ${finding.severity} · ${finding.enforcement}` +
      (finding.attribute === null ? '' : ` · attribute ${finding.attribute}`),
    finding.message,
    finding.status === 'waived' ? waiverSummary(finding) : `Remediation: ${finding.remediation}`,
  ];
  if (finding.hipaa.length > 0) lines.push(`HIPAA: ${finding.hipaa.join(', ')}`);
  if (finding.overridden !== undefined) lines.push(`Overridden: ${finding.overridden}`);
  return lines.join('\n');
}

function waiverSummary(finding: Finding): string {
  const waiver = finding.waiver;
  if (waiver === null) return 'Waived';
  const facts = [`expires ${waiver.expires}`];
  if (waiver.ticket !== undefined) facts.push(`ticket ${waiver.ticket}`);
  if (waiver.owner !== undefined) facts.push(`owner ${waiver.owner}`);
  return `Waived: ${waiver.reason} (${facts.join(', ')})`;
}

function testcaseXml(check: CheckCase, outcome: CaseOutcome, classPrefix: string): string {
  const open = `    <testcase name="${xmlAttribute(check.address)}" classname="${xmlAttribute(`${classPrefix}.${check.ruleId}`)}" time="0"`;
  switch (outcome.kind) {
    case 'failure':
      return [
        `${open}>`,
        `      <failure message="${xmlAttribute(outcome.message)}" type="${xmlAttribute(outcome.type)}">${xmlText(outcome.details)}</failure>`,
        '    </testcase>',
      ].join('\n');
    case 'skipped':
      return [`${open}>`, `      <skipped message="${xmlAttribute(outcome.message)}"/>`, '    </testcase>'].join('\n');
    case 'pass':
      if (outcome.notes === undefined) return `${open}/>`;
      return [`${open}>`, `      <system-out>${xmlText(outcome.notes)}</system-out>`, '    </testcase>'].join('\n');
  }
}

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF),
 * even as character references.
 */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Element content: markup characters escaped; CR and CRLF become LF, as any XML parser would make them. */
export function xmlText(text: string): string {
  return text
    .replace(XML_INVALID, '')
    .replace(/\r\n?/g, '\n')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/**
 * Attribute value: one line (parsers normalise tabs and newlines in attributes to spaces
 * anyway), bounded in length, quotes escaped.
 */
export function xmlAttribute(text: string): string {
  const oneLine = text.replace(XML_INVALID, '').replace(/[\t\n\r]+/g, ' ');
  return truncate(oneLine, MAX_ATTRIBUTE_CHARS)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
