/**
 * GitHub Actions workflow commands (`::error file=…,line=…,title=…::message`), which the
 * runner turns into annotations on the run and, with a file and line, on the pull request's
 * diff.
 *
 * The runner reads commands line by line from the log, so the escaping is the security
 * boundary: an untrusted message containing a newline could otherwise start a command of its
 * own. Data escapes `%`, CR and LF; property values also escape `:` and `,`, which delimit
 * properties. GitHub shows only the first few annotations of each kind per step, so the
 * commands come in order of importance: thresholds set weaker than HIPAA, blocking errors,
 * then warnings, then notices.
 */
import type { Finding, Report } from '../../policies/engine/types';
import type { SourceLocator } from '../source-locations';
import { truncate } from './markdown';

export interface GithubOptions {
  /** Finds the `.tf` declaration, so the annotation lands on the right line of the diff. */
  sourceLocations?: SourceLocator;
}

type CommandName = 'error' | 'warning' | 'notice';

/** Annotations are for reading at a glance; the full text is in the other reports. */
const MAX_MESSAGE_CHARS = 4_000;
const MAX_TITLE_CHARS = 200;

export function renderGithubAnnotations(report: Report, options: GithubOptions = {}): string {
  const titles = new Map(report.rules.map((rule) => [rule.id, `${rule.id} ${rule.title}`]));
  const annotate = (finding: Finding): string =>
    workflowCommand(commandFor(finding), findingMessage(finding), {
      ...fileProperties(finding, options.sourceLocations),
      title: truncate(titles.get(finding.ruleId) ?? finding.ruleId, MAX_TITLE_CHARS),
    });

  const byCommand = (name: CommandName): string[] =>
    report.findings.filter((finding) => commandFor(finding) === name).map(annotate);

  return [
    // Lowered thresholds lead: they change what every other line means.
    ...report.weakerThanHipaa.map((entry) => workflowCommand('warning', entry, { title: 'planwarden: weaker than HIPAA' })),
    ...byCommand('error'),
    ...byCommand('warning'),
    workflowCommand('notice', summaryMessage(report), { title: 'planwarden' }),
    ...report.notices.map((notice) => workflowCommand('notice', notice, { title: 'planwarden notice' })),
    ...byCommand('notice'),
  ]
    .map((line) => `${line}\n`)
    .join('');
}

/** Blocking findings fail the run, so they are errors; waived ones are only worth a notice. */
function commandFor(finding: Finding): CommandName {
  if (finding.blocking) return 'error';
  return finding.status === 'waived' ? 'notice' : 'warning';
}

function findingMessage(finding: Finding): string {
  if (finding.status === 'waived') {
    const waiver = finding.waiver;
    const terms =
      waiver === null ? 'waived' : `waived until ${waiver.expires}${waiver.ticket === undefined ? '' : ` (${waiver.ticket})`}: ${waiver.reason}`;
    return `${finding.address}: ${terms}\n${finding.message}`;
  }
  const lead = finding.status === 'unknown' ? 'Unknown at plan time: ' : '';
  // Rule messages normally name the address already; without a file it must be in the text somewhere.
  const where = finding.message.includes(finding.address) ? '' : `${finding.address}: `;
  return `${where}${lead}${finding.message}\nRemediation: ${finding.remediation}`;
}

function summaryMessage(report: Report): string {
  const count = (predicate: (finding: Finding) => boolean): number => report.findings.filter(predicate).length;
  const blocking = count((finding) => finding.blocking);
  const nonBlocking = count((finding) => !finding.blocking && finding.status === 'fail');
  const unknown = count((finding) => !finding.blocking && finding.status === 'unknown');
  const waived = count((finding) => finding.status === 'waived');
  return (
    `${blocking} blocking, ${nonBlocking} non-blocking, ${unknown} unknown, ${waived} waived ` +
    `from ${report.summary.checks} checks on ${report.summary.resources} resources`
  );
}

function fileProperties(finding: Finding, locator: SourceLocator | undefined): Record<string, string> {
  const declared = locator?.locate(finding.address);
  return declared === undefined ? {} : { file: declared.file, line: String(declared.line) };
}

/** One workflow command line (without its newline). */
export function workflowCommand(name: CommandName, message: string, properties: Readonly<Record<string, string>>): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeCommandProperty(value)}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeCommandData(truncate(message, MAX_MESSAGE_CHARS))}`;
}

/**
 * The runner's data escaping: `%` first so the escapes themselves stay unambiguous. Other
 * control characters are dropped: they carry no meaning in an annotation and terminal escape
 * sequences could repaint the log.
 */
export function escapeCommandData(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A');
}

export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
