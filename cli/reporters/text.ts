/**
 * `--format text`: for people reading a CI log. Findings grouped by resource, a summary line
 * per family with counts by severity, and the verdict last. Colour only when asked for by the
 * caller (a TTY without NO_COLOR).
 */
import type { Finding, Report } from '../../policies/engine/types';
import { FAMILIES, SEVERITIES } from '../../policies/engine/types';

export interface TextOptions {
  color: boolean;
}

type Paint = (code: string, text: string) => string;

function painter(color: boolean): Paint {
  return color ? (code, text) => `\u001b[${code}m${text}\u001b[0m` : (_code, text) => text;
}

/** Control characters from a hostile plan must not move the cursor or recolour a terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?');
}

function label(f: Finding, paint: Paint): string {
  if (f.status === 'waived') return paint('2', 'WAIVED ');
  if (f.status === 'unknown') return paint('33', f.blocking ? 'UNKNOWN' : 'UNKNOWN');
  if (f.blocking) return paint('31;1', 'FAIL   ');
  return paint('33', f.overridden !== undefined ? 'OVERRID' : 'WARN   ');
}

export function renderText(report: Report, options: TextOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  // A config that weakens a HIPAA threshold says so before anything else.
  for (const w of report.weakerThanHipaa) lines.push(paint('31;1', `WEAKER THAN HIPAA: ${clean(w)} (allowWeakerThanHipaa)`));
  const inputs = report.inputs.map((i) => `${i.path}${i.stack ? ` [stack ${i.stack}]` : ''} (${i.kind}, ${i.resources} resources${i.terraformVersion ? `, terraform ${i.terraformVersion}` : ''})`);
  lines.push(`planwarden ${report.tool.version}: ${inputs.map(clean).join('; ')}`);
  for (const notice of report.notices) lines.push(paint('33', `notice: ${clean(notice)}`));
  lines.push('');

  let current = '';
  for (const f of report.findings) {
    const key = `${f.input}\n${f.address}`;
    if (key !== current) {
      if (current !== '') lines.push('');
      current = key;
      const where = report.inputs.length > 1 ? `  (${f.input})` : '';
      lines.push(paint('1', clean(f.address)) + `  ${f.action}${clean(where)}`);
    }
    lines.push(`  ${label(f, paint)} ${f.ruleId} ${f.severity} ${f.enforcement}${f.attribute ? `  [${clean(f.attribute)}]` : ''}`);
    lines.push(`          ${clean(f.message)}`);
    if (f.status === 'waived' && f.waiver) {
      lines.push(`          waived: ${clean(f.waiver.reason)} (expires ${clean(f.waiver.expires)}${f.waiver.ticket ? `, ${clean(f.waiver.ticket)}` : ''})`);
    } else {
      lines.push(`          fix: ${clean(f.remediation)}`);
    }
    if (f.overridden !== undefined) lines.push(`          overridden (soft-mandatory): ${clean(f.overridden)}`);
  }
  if (report.findings.length > 0) lines.push('');

  const used = report.waivers.filter((w) => w.matched > 0 || w.state === 'stale');
  if (used.length > 0) {
    lines.push('Waivers:');
    for (const w of used) {
      const rule = [w.record.rule].flat().join(', ');
      const who = [w.record.owner && `owner ${w.record.owner}`, w.record.approver && `approved by ${w.record.approver}`, w.record.ticket].filter(Boolean).join(', ');
      lines.push(`  ${w.state.padEnd(8)} ${clean(rule)} on ${clean(w.record.address)} until ${clean(w.record.expires)}: ${w.matched} finding${w.matched === 1 ? '' : 's'}; ${clean(w.record.reason)}${who ? ` (${clean(who)})` : ''}`);
    }
    lines.push('');
  }
  lines.push('Summary by family:');
  for (const family of FAMILIES) {
    const inFamily = report.findings.filter((f) => f.family === family);
    const failed = inFamily.filter((f) => f.status === 'fail');
    const bySeverity = SEVERITIES.map((s) => [s, failed.filter((f) => f.severity === s).length] as const)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${n} ${s}`);
    const unknownCount = inFamily.filter((f) => f.status === 'unknown').length;
    const waived = inFamily.filter((f) => f.status === 'waived').length;
    const parts = [`${failed.length} failed${bySeverity.length > 0 ? ` (${bySeverity.join(', ')})` : ''}`];
    if (unknownCount > 0) parts.push(`${unknownCount} unknown`);
    if (waived > 0) parts.push(`${waived} waived`);
    lines.push(`  ${family.padEnd(11)} ${parts.join(', ')}`);
  }
  const s = report.summary;
  lines.push(`${s.resources} resources, ${s.checks} checks: ${s.failed} failed, ${s.unknown} unknown (policy: ${report.unknownPolicy}), ${s.waived} waived`);
  lines.push(
    s.blocking > 0
      ? paint('31;1', `FAILED: ${s.blocking} blocking finding${s.blocking === 1 ? '' : 's'}`)
      : paint('32;1', 'PASSED: no blocking findings'),
  );
  return lines.join('\n') + '\n';
}
