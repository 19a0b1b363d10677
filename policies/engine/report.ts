/** Assembles the Report that every reporter renders: sorted, counted, deterministic. */
import { version } from '../../package.json';
import type { InputResult } from './evaluate';
import type { CheckRecord, Finding, InputSummary, Report, Rule, RuleSummary, UnknownPolicy, WaiverReport } from './types';
import type { RuleSettings } from './evaluate';

export const TOOL_VERSION: string = version;

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.address, b.address) ||
    compare(a.ruleId, b.ruleId) ||
    compare(a.input, b.input) ||
    compare(a.attribute ?? '', b.attribute ?? '') ||
    compare(a.message, b.message)
  );
}

export function ruleSummary(rule: Rule, setting?: RuleSettings): RuleSummary {
  const params: Record<string, RuleSummary['params'][string]> = {};
  for (const [name, spec] of Object.entries(rule.params)) params[name] = setting?.params[name] ?? spec.default;
  return {
    id: rule.id,
    title: rule.title,
    family: rule.family,
    severity: setting?.severity ?? rule.severity,
    enforcement: setting?.enforcement ?? rule.enforcement,
    hipaa: [...rule.hipaa],
    resourceTypes: [...rule.resourceTypes],
    params,
    rationale: rule.rationale,
    remediation: rule.remediation,
  };
}

export function buildReport(
  inputs: readonly InputSummary[],
  results: readonly InputResult[],
  rules: readonly RuleSummary[],
  unknownPolicy: UnknownPolicy,
  extras: { notices?: readonly string[]; weakerThanHipaa?: readonly string[]; waivers?: readonly WaiverReport[] } = {},
): Report {
  const findings = results.flatMap((r) => r.findings).sort(compareFindings);
  const checks: CheckRecord[] = results
    .flatMap((r) => r.checks)
    .sort((a, b) => compare(a.address, b.address) || compare(a.ruleId, b.ruleId));
  return {
    schemaVersion: 1,
    tool: { name: 'planwarden', version: TOOL_VERSION },
    inputs: inputs.map((i) => ({ ...i })),
    summary: {
      resources: inputs.reduce((n, i) => n + i.resources, 0),
      checks: checks.length,
      failed: findings.filter((f) => f.status === 'fail').length,
      unknown: findings.filter((f) => f.status === 'unknown').length,
      waived: findings.filter((f) => f.status === 'waived').length,
      blocking: findings.filter((f) => f.blocking).length,
    },
    findings,
    weakerThanHipaa: [...(extras.weakerThanHipaa ?? [])],
    notices: [...(extras.notices ?? [])],
    waivers: (extras.waivers ?? []).map((w) => ({ ...w, record: { ...w.record } })),
    checks,
    rules: [...rules].sort((a, b) => compare(a.id, b.id)),
    unknownPolicy,
  };
}
