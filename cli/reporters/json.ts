/** `--format json`: the report object of DESIGN.md, one per run, stable key order. */
import type { Finding, Report } from '../../policies/engine/types';

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    family: f.family,
    severity: f.severity,
    enforcement: f.enforcement,
    status: f.status,
    address: f.address,
    resourceType: f.resourceType,
    action: f.action,
    attribute: f.attribute,
    message: f.message,
    remediation: f.remediation,
    hipaa: f.hipaa,
    waiver: f.waiver,
    blocking: f.blocking,
    evidence: f.evidence,
    input: f.input,
    ...(f.stack !== undefined ? { stack: f.stack } : {}),
    ...(f.constructPath !== undefined ? { constructPath: f.constructPath } : {}),
    ...(f.scope !== undefined ? { scope: f.scope } : {}),
    ...(f.overridden !== undefined ? { overridden: f.overridden } : {}),
    ...(f.baseline !== undefined ? { baseline: f.baseline } : {}),
  };
}

export function renderJson(report: Report): string {
  return (
    JSON.stringify(
      {
        schemaVersion: report.schemaVersion,
        tool: report.tool,
        inputs: report.inputs,
        summary: report.summary,
        unknownPolicy: report.unknownPolicy,
        weakerThanHipaa: report.weakerThanHipaa,
        notices: report.notices,
        waivers: report.waivers,
        findings: report.findings.map(findingJson),
      },
      null,
      2,
    ) + '\n'
  );
}
