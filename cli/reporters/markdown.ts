/**
 * The pull-request comment: a verdict a reviewer can read in two seconds, counts by family and
 * severity, then what to change — blocking findings in full, the rest folded away.
 *
 * Two constraints shape it. GitHub refuses comments over 65,536 characters, so the text is
 * built against a budget and the tail is summarised rather than cut mid-element. And every
 * string that came from the plan or the config (addresses, messages, waiver reasons) is
 * treated as hostile: it must not inject markup, HTML comments that swallow the rest of the
 * comment, table columns, or @mentions that notify people.
 */
import {
  FAMILIES,
  InputError,
  SEVERITIES,
  type Family,
  type Finding,
  type Report,
  type RuleSummary,
  type Severity,
  type WaiverReport,
} from '../../policies/engine/types';

export const DEFAULT_MARKDOWN_MARKER = 'planwarden:report';
/** Below GitHub's 65,536-character comment limit, leaving room for a bot's own wrapper text. */
export const DEFAULT_MARKDOWN_MAX_CHARS = 60_000;

export interface MarkdownOptions {
  /**
   * Identifies the comment so CI can update it in place; use one marker per plan when a pull
   * request checks several plans. Letters, digits and `:._/-` only.
   */
  marker?: string;
  /** Shown in the headline, e.g. the plan or environment name. */
  title?: string;
  /** Character budget for the whole comment. */
  maxChars?: number;
}

/** Longest untrusted strings shown; longer ones are cut with an ellipsis so one item cannot eat the budget. */
const MAX_TEXT_CHARS = 1_000;
const MAX_ADDRESS_CHARS = 300;
const MAX_INPUTS_LISTED = 10;
/** Room kept for the truncation note (its counts are only known at the end). */
const TRUNCATION_NOTE_RESERVE = 400;

export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
  const marker = checkedMarker(options.marker ?? DEFAULT_MARKDOWN_MARKER);
  const budget = options.maxChars ?? DEFAULT_MARKDOWN_MAX_CHARS;
  const rulesById = new Map(report.rules.map((rule) => [rule.id, rule]));

  const head = [
    `<!-- ${marker} -->`,
    `### ${headline(report.findings, options.title)}`,
    '',
    ...weakerThanHipaaCallout(report.weakerThanHipaa),
    runDescription(report),
    '',
    ...countsTable(report.findings),
  ].join('\n');

  const sections = findingSections(report.findings, rulesById);
  sections.push({
    name: 'notices',
    open: '#### Notices\n',
    close: '',
    items: report.notices.map((notice) => `- ${markdownText(notice)}`),
  });
  sections.push(collapsible('waivers', `📋 Waivers in the configuration and tags (${report.waivers.length})`, report.waivers.map(waiverItem)));

  const body = fitSections(sections, budget - head.length - 1);
  return `${head}\n${body}`;
}

interface Section {
  name: 'blocking' | 'non-blocking' | 'unknown' | 'waived' | 'notices' | 'waivers';
  open: string;
  close: string;
  items: string[];
}

function findingSections(findings: readonly Finding[], rulesById: ReadonlyMap<string, RuleSummary>): Section[] {
  const blocking = findings.filter((finding) => finding.blocking);
  const nonBlockingFailures = findings.filter((finding) => !finding.blocking && finding.status === 'fail');
  const unknown = findings.filter((finding) => !finding.blocking && finding.status === 'unknown');
  const waived = findings.filter((finding) => finding.status === 'waived');
  const item = (finding: Finding): string => findingItem(finding, rulesById.get(finding.ruleId));
  return [
    { name: 'blocking', open: `#### ❌ Blocking (${blocking.length})\n`, close: '', items: blocking.map(item) },
    collapsible('non-blocking', `⚠️ Non-blocking failures (${nonBlockingFailures.length})`, nonBlockingFailures.map(item)),
    collapsible('unknown', `❔ Unknown at plan time (${unknown.length})`, unknown.map(item)),
    collapsible('waived', `🔕 Waived (${waived.length})`, waived.map(item)),
  ];
}

function collapsible(name: Section['name'], summary: string, items: string[]): Section {
  // The blank line after <summary> is what lets GitHub render the markdown list inside.
  return { name, open: `<details><summary>${summary}</summary>\n`, close: '\n</details>\n', items };
}

/**
 * Add items in display order while they fit; once one does not, stop (so what is shown is
 * always a prefix of the ordered list: blocking first) and say how much was left out.
 */
function fitSections(sections: readonly Section[], budget: number): string {
  const parts: string[] = [];
  const omitted = new Map<Section['name'], number>();
  let used = 0;
  let full = false;
  for (const section of sections) {
    if (section.items.length === 0) continue;
    const shown: string[] = [];
    for (const item of section.items) {
      const cost = item.length + 1 + (shown.length === 0 ? section.open.length + section.close.length + 1 : 0);
      if (full || used + cost + TRUNCATION_NOTE_RESERVE > budget) {
        full = true;
        omitted.set(section.name, (omitted.get(section.name) ?? 0) + 1);
        continue;
      }
      shown.push(item);
      used += cost;
    }
    if (shown.length > 0) parts.push(`${section.open}\n${shown.join('\n')}\n${section.close}`);
  }
  if (omitted.size > 0) parts.push(truncationNote(omitted));
  return parts.join('\n');
}

function truncationNote(omitted: ReadonlyMap<Section['name'], number>): string {
  const findings = ['blocking', 'non-blocking', 'unknown', 'waived'] as const;
  const findingCount = findings.reduce((total, name) => total + (omitted.get(name) ?? 0), 0);
  const detail = findings
    .filter((name) => (omitted.get(name) ?? 0) > 0)
    .map((name) => `${omitted.get(name)} ${name}`)
    .join(', ');
  const parts: string[] = [];
  if (findingCount > 0) parts.push(`${findingCount} more ${plural(findingCount, 'finding')} (${detail})`);
  for (const [name, noun] of [['notices', 'notice'], ['waivers', 'waiver']] as const) {
    const count = omitted.get(name) ?? 0;
    if (count > 0) parts.push(`${count} more ${plural(count, noun)}`);
  }
  return (
    `> [!NOTE]\n> This comment was shortened to stay under GitHub's comment size limit: ` +
    `…and ${parts.join(' and ')} not shown; see the JSON/SARIF artifact for the full report.\n`
  );
}

/**
 * Thresholds the configuration set below what HIPAA asks come before everything else: a
 * passing verdict means less when the bar was lowered.
 */
function weakerThanHipaaCallout(entries: readonly string[]): string[] {
  if (entries.length === 0) return [];
  return [
    '> [!WARNING]',
    `> **Weaker than HIPAA:** this configuration sets ${entries.length} ${plural(entries.length, 'threshold')} below what HIPAA asks.`,
    ...entries.slice(0, MAX_INPUTS_LISTED).map((entry) => `> - ${markdownText(entry)}`),
    ...(entries.length > MAX_INPUTS_LISTED ? [`> - …and ${entries.length - MAX_INPUTS_LISTED} more`] : []),
    '',
  ];
}

function waiverItem(waiver: WaiverReport): string {
  const { record } = waiver;
  const rules = (Array.isArray(record.rule) ? record.rule : [record.rule]).map((rule) => markdownText(rule)).join(', ');
  const facts = [`${waiver.state}`, `expires ${markdownText(record.expires)}`, `matched ${waiver.matched}`, `from ${waiver.source}`];
  if (record.ticket !== undefined) facts.push(`ticket ${markdownText(record.ticket)}`);
  if (record.hipaaControl !== undefined) facts.push(`HIPAA ${markdownText(record.hipaaControl)}`);
  return `- **${rules}** on ${codeSpan(truncate(record.address, MAX_ADDRESS_CHARS))} (${facts.join(', ')}): ${markdownText(record.reason)}`;
}

function headline(findings: readonly Finding[], title: string | undefined): string {
  const prefix = title === undefined ? 'planwarden' : `planwarden · ${markdownText(title)}`;
  const blocking = findings.filter((finding) => finding.blocking).length;
  if (blocking > 0) return `❌ ${prefix}: ${blocking} blocking ${plural(blocking, 'finding')}`;
  const open = findings.filter((finding) => finding.status !== 'waived').length;
  if (open > 0) return `⚠️ ${prefix}: passed with ${open} non-blocking ${plural(open, 'finding')}`;
  return `✅ ${prefix}: passed`;
}

function runDescription(report: Report): string {
  const inputs = report.inputs.slice(0, MAX_INPUTS_LISTED).map((input) => {
    const version = input.terraformVersion === null ? input.kind : `${input.kind}, Terraform ${markdownText(input.terraformVersion)}`;
    const stack = input.stack === undefined ? '' : ` stack ${codeSpan(input.stack)}`;
    return `${codeSpan(truncate(input.path, MAX_ADDRESS_CHARS))}${stack} (${version})`;
  });
  const more = report.inputs.length - inputs.length;
  if (more > 0) inputs.push(`${more} more`);
  const { summary } = report;
  return (
    `${summary.checks} ${plural(summary.checks, 'check')} on ${summary.resources} ${plural(summary.resources, 'resource')}` +
    ` from ${inputs.join(', ')} · unknown values: ${report.unknownPolicy} · planwarden ${markdownText(report.tool.version)}`
  );
}

/** One row per family with findings: open findings by severity, then blocking and waived counts. */
function countsTable(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ['No findings.', ''];
  const header = `| Family | ${SEVERITIES.map(capitalise).join(' | ')} | Blocking | Waived |`;
  const divider = `|---|${SEVERITIES.map(() => '---:').join('|')}|---:|---:|`;
  const row = (label: string, rows: readonly Finding[]): string => {
    const open = rows.filter((finding) => finding.status !== 'waived');
    const bySeverity = SEVERITIES.map((severity: Severity) => open.filter((finding) => finding.severity === severity).length);
    const blocking = rows.filter((finding) => finding.blocking).length;
    const waived = rows.filter((finding) => finding.status === 'waived').length;
    return `| ${label} | ${bySeverity.join(' | ')} | ${blocking} | ${waived} |`;
  };
  const families = FAMILIES.filter((family: Family) => findings.some((finding) => finding.family === family));
  const rows = families.map((family) => row(family, findings.filter((finding) => finding.family === family)));
  return [header, divider, ...rows, row('**Total**', findings), ''];
}

function findingItem(finding: Finding, rule: RuleSummary | undefined): string {
  const title = rule === undefined ? '' : ` ${markdownText(rule.title)}`;
  const lines = [
    `- **${markdownText(finding.ruleId)}**${title} · ${codeSpan(truncate(finding.address, MAX_ADDRESS_CHARS))}` +
      ` · ${finding.severity} · ${finding.enforcement}`,
    `  ${markdownText(finding.message)}`,
  ];
  if (finding.status === 'waived' && finding.waiver !== null) {
    const { waiver } = finding;
    const facts = [`expires ${markdownText(waiver.expires)}`];
    if (waiver.ticket !== undefined) facts.push(`ticket ${markdownText(waiver.ticket)}`);
    if (waiver.owner !== undefined) facts.push(`owner ${markdownText(waiver.owner)}`);
    if (waiver.approver !== undefined) facts.push(`approved by ${markdownText(waiver.approver)}`);
    lines.push(`  **Waived:** ${markdownText(waiver.reason)} (${facts.join(', ')})`);
  } else {
    lines.push(`  **Fix:** ${markdownText(finding.remediation)}`);
  }
  if (finding.overridden !== undefined) lines.push(`  **Overridden:** ${markdownText(finding.overridden)}`);
  return lines.join('\n');
}

/**
 * Plain text made inert in GitHub-flavoured markdown, on one line: markup characters are
 * backslash-escaped (CommonMark renders them literally, and `\<` can never open HTML or an
 * HTML comment), line breaks and control characters become spaces, bidirectional overrides
 * are dropped, and `@name` gets a zero-width space so it does not notify anyone.
 */
export function markdownText(text: string, maxChars = MAX_TEXT_CHARS): string {
  return flattenToOneLine(truncate(text, maxChars))
    .replace(/[\\`*_[\]<>|~&$#!]/g, (char) => `\\${char}`)
    .replace(/@(?=[A-Za-z0-9_-])/g, '@\u200B');
}

/**
 * Text as an inline code span: the fence is longer than any backtick run inside, so the
 * content cannot close it. Code spans never render markup or mentions; only `|` still splits
 * table cells, so it is escaped when the span sits in a table.
 */
export function codeSpan(text: string, options: { inTable?: boolean } = {}): string {
  let content = flattenToOneLine(text);
  if (options.inTable === true) content = content.replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = content.startsWith('`') || content.endsWith('`') || content.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Cut to at most `maxChars` UTF-16 units, never between the halves of a surrogate pair. */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = Math.max(0, maxChars - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

function flattenToOneLine(text: string): string {
  return (
    text
      // Bidirectional controls can make the shown text differ from what is stored.
      .replace(/[\u202A-\u202E\u2066-\u2069]/g, '')
      .replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029]+/g, ' ')
  );
}

/**
 * The marker ends up inside an HTML comment; anything beyond a plain identifier could close
 * that comment early or collide with another tool's marker.
 */
function checkedMarker(marker: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9:._/-]{0,99}$/.test(marker) || marker.includes('--')) {
    throw new InputError(
      `markdown marker ${JSON.stringify(marker)} must be 1-100 letters, digits or ":._/-", start with a letter or digit, and not contain "--"`,
    );
  }
  return marker;
}

function plural(count: number, noun: string): string {
  return count === 1 ? noun : `${noun}s`;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
