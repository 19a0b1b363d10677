/**
 * The audit evidence of one `planwarden check`: what was checked (input and config hashes),
 * with what (tool and rule-pack version, settings), when (the injected clock), and what came
 * out (every rule on every resource, findings, waivers). docs/evidence.md is the reference for
 * auditors; a change to the fields here is a change to that document and to EVIDENCE_SCHEMA.
 */
import type { PluginRecord } from '../config/model';
import { CUSTOM_RULE_PREFIX } from '../custom-rules';
import type { JsonObject, JsonValue, Report, Rule, WaiverRecord } from '../types';
import { canonicalJson } from './canonical';
import { sha256Hex, type InputDigest } from './digest';

export const EVIDENCE_SCHEMA = 'planwarden-evidence/1';

export interface EvidenceInput {
  report: Report;
  /** When the run happened; written in UTC. */
  now: Date;
  /** The built-in rule pack (all of it, not only the rules selected), for its version hash. */
  pack: readonly Rule[];
  /** Digests of the inputs, in the order of report.inputs. */
  inputs: readonly InputDigest[];
  config: { path: string; sha256: string } | null;
  /** Rule plugins of the run (config and --plugin), loaded or skipped by --no-plugins. */
  plugins?: readonly PluginRecord[];
  options: { changedOnly: boolean; overrideSoft?: string; only: readonly string[]; skip: readonly string[] };
  exitCode: number;
  /** keyId() of the signing key, when the evidence is signed. */
  signingKey: string | null;
}

/**
 * SHA-256 over the pack's rule metadata (ids, titles, severities, enforcement, HIPAA
 * citations, resource types, params with bounds, rationale, remediation), canonical JSON.
 * Together with the tool version it identifies the rules an auditor would read.
 */
export function rulePackDigest(pack: readonly Rule[]): string {
  const rules: JsonValue[] = [...pack]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((r) => ({
      id: r.id,
      title: r.title,
      family: r.family,
      severity: r.severity,
      enforcement: r.enforcement,
      hipaa: [...r.hipaa],
      resourceTypes: [...r.resourceTypes],
      params: Object.fromEntries(
        Object.entries(r.params).map(([name, spec]): [string, JsonValue] => [
          name,
          { description: spec.description, default: spec.default, min: spec.min ?? null, max: spec.max ?? null, allowed: spec.allowed ? [...spec.allowed] : null },
        ]),
      ),
      rationale: r.rationale,
      remediation: r.remediation,
    }));
  return sha256Hex(canonicalJson(rules));
}

function waiverRecord(w: WaiverRecord): JsonObject {
  const out: JsonObject = { rule: Array.isArray(w.rule) ? [...w.rule] : w.rule, address: w.address, reason: w.reason, expires: w.expires, source: w.source };
  for (const key of ['ticket', 'owner', 'approver', 'hipaaControl'] as const) if (w[key] !== undefined) out[key] = w[key]!;
  return out;
}

/** Plugin files as evidence: where named, whether they ran, the hash of what ran, and their rules. */
function pluginRecord(p: PluginRecord): JsonObject {
  return { path: p.path, declaredBy: p.declaredBy, loaded: p.loaded, sha256: p.sha256, bytes: p.bytes, rules: [...p.ruleIds] };
}

export function buildEvidence(input: EvidenceInput): JsonObject {
  const { report } = input;
  if (input.inputs.length !== report.inputs.length) throw new Error('evidence: one digest per input is needed');
  const plugins = input.plugins ?? [];
  const pluginRuleIds = new Set(plugins.flatMap((p) => p.ruleIds));
  return {
    schema: EVIDENCE_SCHEMA,
    generatedAt: input.now.toISOString(),
    tool: { name: report.tool.name, version: report.tool.version },
    rulePack: { rules: input.pack.length, sha256: rulePackDigest(input.pack) },
    signingKey: input.signingKey,
    config: input.config ? { path: input.config.path, sha256: input.config.sha256 } : null,
    plugins: plugins.map(pluginRecord),
    inputs: report.inputs.map((i, index) => ({
      path: i.path,
      kind: i.kind,
      stack: i.stack ?? null,
      sha256: input.inputs[index].sha256,
      bytes: input.inputs[index].bytes,
      terraformVersion: i.terraformVersion,
      formatVersion: i.formatVersion,
      resources: i.resources,
    })),
    options: {
      unknownPolicy: report.unknownPolicy,
      changedOnly: input.options.changedOnly,
      overrideSoft: input.options.overrideSoft ?? null,
      only: [...input.options.only],
      skip: [...input.options.skip],
    },
    outcome: { exitCode: input.exitCode, passed: input.exitCode === 0 },
    summary: { ...report.summary },
    weakerThanHipaa: [...report.weakerThanHipaa],
    rules: report.rules.map((r) => ({
      id: r.id,
      custom: r.id.startsWith(CUSTOM_RULE_PREFIX),
      plugin: pluginRuleIds.has(r.id),
      title: r.title,
      family: r.family,
      severity: r.severity,
      enforcement: r.enforcement,
      hipaa: [...r.hipaa],
      params: { ...r.params },
    })),
    checks: report.checks.map((c) => ({ ruleId: c.ruleId, address: c.address, result: c.result })),
    findings: report.findings.map((f) => ({
      ruleId: f.ruleId,
      address: f.address,
      input: f.input,
      status: f.status,
      blocking: f.blocking,
      severity: f.severity,
      enforcement: f.enforcement,
      attribute: f.attribute,
      message: f.message,
      hipaa: [...f.hipaa],
      waiver: f.waiver ? waiverRecord(f.waiver) : null,
      overridden: f.overridden ?? null,
    })),
    waivers: report.waivers.map((w) => ({ source: w.source, index: w.index ?? null, state: w.state, matched: w.matched, record: waiverRecord(w.record) })),
    notices: [...report.notices],
  };
}

/** The bytes written and signed: canonical JSON, UTF-8, no trailing newline. */
export function serializeEvidence(record: JsonObject): Buffer {
  return Buffer.from(canonicalJson(record), 'utf8');
}
