/**
 * A planwarden JSON report read back as input: by `comment` (to render the pull-request
 * comment from the run that gated CI) and by `check --baseline` (to compare with an earlier
 * run). The file may come from another job, another version, or a hand edit, so every field
 * the renderers or the comparison touch is checked, and anything else is refused with one
 * line saying what to pass instead (exit 2).
 */
import * as fs from 'node:fs';
import { locate } from '../../policies/engine/load/decode';
import { isObject, ownValue } from '../../policies/engine/load/shape';
import {
  ENFORCEMENTS,
  FAMILIES,
  InputError,
  SEVERITIES,
  type Enforcement,
  type Evidence,
  type Family,
  type Finding,
  type FindingStatus,
  type InputSummary,
  type JsonObject,
  type JsonValue,
  type Report,
  type Severity,
  type Summary,
  type UnknownPolicy,
  type WaiverRecord,
  type WaiverReport,
} from '../../policies/engine/types';

const HINT = 'pass the file that `planwarden check --format json=report.json` wrote';
const STATUSES: readonly FindingStatus[] = ['fail', 'unknown', 'waived'];
const ACTIONS: readonly Finding['action'][] = ['create', 'update', 'replace', 'delete', 'no-op', 'read'];
const UNKNOWN_POLICIES: readonly UnknownPolicy[] = ['pass', 'warn', 'fail'];
const WAIVER_STATES: readonly WaiverReport['state'][] = ['active', 'expiring', 'expired', 'stale'];

/** Reads a report file, or standard input for `-`. */
export function readReportFile(file: string, readStdin: () => Buffer = () => fs.readFileSync(0)): Report {
  const label = file === '-' ? '<stdin>' : file;
  let bytes: Buffer;
  try {
    bytes = file === '-' ? readStdin() : fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${label}: no such file; ${HINT}`);
    if (code === 'EISDIR') throw new InputError(`${label}: is a directory; ${HINT}`);
    throw new InputError(`${label}: cannot read (${code ?? 'error'}); ${HINT}`);
  }
  return parseReport(bytes.toString('utf8').replace(/^\uFEFF/, ''), label);
}

export function parseReport(text: string, label: string): Report {
  if (text.trim() === '') throw new InputError(`${label}: the file is empty; ${HINT}`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${label}: invalid JSON ${locate(text, err instanceof Error ? err.message : String(err))}; ${HINT}`);
  }
  if (!isObject(doc)) throw new InputError(`${label}: not a planwarden JSON report (expected an object); ${HINT}`);
  refuseOtherDocuments(doc, label);
  return new ReportReader(label).report(doc);
}

/** The files people pass by mistake get a message that names what they are. */
function refuseOtherDocuments(doc: JsonObject, label: string): void {
  const has = (key: string) => ownValue(doc, key) !== undefined;
  if (has('resource_changes') || has('planned_values') || (has('format_version') && has('terraform_version'))) {
    throw new InputError(
      `${label}: this is a Terraform plan, not a planwarden report; run \`planwarden check ${label} --format json=report.json\` and pass report.json`,
    );
  }
  if (has('runs') && has('version')) throw new InputError(`${label}: this is a SARIF log, not a planwarden JSON report; ${HINT}`);
  const tool = ownValue(doc, 'tool');
  if (!isObject(tool) || ownValue(tool, 'name') !== 'planwarden') {
    throw new InputError(`${label}: not a planwarden JSON report (no "tool": {"name": "planwarden"}); ${HINT}`);
  }
  const version = ownValue(doc, 'schemaVersion');
  if (version !== 1) {
    throw new InputError(`${label}: report schemaVersion ${JSON.stringify(version ?? null)} is not supported (this planwarden reads 1); ${HINT}`);
  }
}

class ReportReader {
  constructor(private readonly label: string) {}

  private fail(where: string, expected: string): never {
    throw new InputError(`${this.label}: ${where} is not ${expected}; ${HINT}`);
  }

  private object(v: JsonValue | undefined, where: string): JsonObject {
    if (!isObject(v)) this.fail(where, 'an object');
    return v;
  }

  private list(v: JsonValue | undefined, where: string): JsonValue[] {
    if (!Array.isArray(v)) this.fail(where, 'a list');
    return v;
  }

  private string(v: JsonValue | undefined, where: string): string {
    if (typeof v !== 'string') this.fail(where, 'a string');
    return v;
  }

  private optionalString(v: JsonValue | undefined, where: string): string | undefined {
    return v === undefined ? undefined : this.string(v, where);
  }

  private nullableString(v: JsonValue | undefined, where: string): string | null {
    return v === null ? null : this.string(v, where);
  }

  private count(v: JsonValue | undefined, where: string): number {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) this.fail(where, 'a count');
    return v;
  }

  private oneOf<T extends string>(v: JsonValue | undefined, allowed: readonly T[], where: string): T {
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) this.fail(where, `one of ${allowed.join(', ')}`);
    return v as T;
  }

  private strings(v: JsonValue | undefined, where: string): string[] {
    return this.list(v, where).map((s, i) => this.string(s, `${where}[${i}]`));
  }

  /** Lists the earliest reports may lack (notices, waivers) read as empty. */
  private optionalList<T>(v: JsonValue | undefined, where: string, read: (item: JsonValue, where: string) => T): T[] {
    if (v === undefined) return [];
    return this.list(v, where).map((item, i) => read(item, `${where}[${i}]`));
  }

  report(doc: JsonObject): Report {
    const get = (key: string) => ownValue(doc, key);
    const tool = this.object(get('tool'), 'tool');
    return {
      schemaVersion: 1,
      tool: { name: 'planwarden', version: this.string(ownValue(tool, 'version'), 'tool.version') },
      inputs: this.list(get('inputs'), 'inputs').map((v, i) => this.input(v, `inputs[${i}]`)),
      summary: this.summary(get('summary')),
      findings: this.list(get('findings'), 'findings').map((v, i) => this.finding(v, `findings[${i}]`)),
      weakerThanHipaa: this.optionalList(get('weakerThanHipaa'), 'weakerThanHipaa', (v, w) => this.string(v, w)),
      notices: this.optionalList(get('notices'), 'notices', (v, w) => this.string(v, w)),
      waivers: this.optionalList(get('waivers'), 'waivers', (v, w) => this.waiverReport(v, w)),
      // Not in the JSON report: the renderers that need them (SARIF, JUnit) are not fed from here.
      checks: [],
      rules: [],
      unknownPolicy: get('unknownPolicy') === undefined ? 'warn' : this.oneOf(get('unknownPolicy'), UNKNOWN_POLICIES, 'unknownPolicy'),
    };
  }

  private input(v: JsonValue, where: string): InputSummary {
    const o = this.object(v, where);
    const input: InputSummary = {
      path: this.string(ownValue(o, 'path'), `${where}.path`),
      kind: this.oneOf(ownValue(o, 'kind'), ['plan', 'cdktf'] as const, `${where}.kind`),
      terraformVersion: this.nullableString(ownValue(o, 'terraformVersion') ?? null, `${where}.terraformVersion`),
      formatVersion: this.nullableString(ownValue(o, 'formatVersion') ?? null, `${where}.formatVersion`),
      resources: this.count(ownValue(o, 'resources'), `${where}.resources`),
    };
    const stack = this.optionalString(ownValue(o, 'stack'), `${where}.stack`);
    if (stack !== undefined) input.stack = stack;
    return input;
  }

  private summary(v: JsonValue | undefined): Summary {
    const o = this.object(v, 'summary');
    const n = (key: keyof Summary) => this.count(ownValue(o, key), `summary.${key}`);
    return { resources: n('resources'), checks: n('checks'), failed: n('failed'), unknown: n('unknown'), waived: n('waived'), blocking: n('blocking') };
  }

  private finding(v: JsonValue, where: string): Finding {
    const o = this.object(v, where);
    const get = (key: string) => ownValue(o, key);
    const blocking = get('blocking');
    if (typeof blocking !== 'boolean') this.fail(`${where}.blocking`, 'true or false');
    const waiver = get('waiver');
    const finding: Finding = {
      ruleId: this.string(get('ruleId'), `${where}.ruleId`),
      family: this.oneOf<Family>(get('family'), FAMILIES, `${where}.family`),
      severity: this.oneOf<Severity>(get('severity'), SEVERITIES, `${where}.severity`),
      enforcement: this.oneOf<Enforcement>(get('enforcement'), ENFORCEMENTS, `${where}.enforcement`),
      status: this.oneOf(get('status'), STATUSES, `${where}.status`),
      address: this.string(get('address'), `${where}.address`),
      resourceType: this.string(get('resourceType'), `${where}.resourceType`),
      action: this.oneOf(get('action'), ACTIONS, `${where}.action`),
      attribute: this.nullableString(get('attribute'), `${where}.attribute`),
      message: this.string(get('message'), `${where}.message`),
      remediation: this.string(get('remediation'), `${where}.remediation`),
      hipaa: this.strings(get('hipaa'), `${where}.hipaa`),
      waiver: waiver === null || waiver === undefined ? null : this.waiver(waiver, `${where}.waiver`),
      blocking,
      evidence: this.optionalList(get('evidence'), `${where}.evidence`, (e, w) => this.evidence(e, w)),
      input: this.string(get('input'), `${where}.input`),
    };
    for (const key of ['stack', 'constructPath', 'scope', 'overridden'] as const) {
      const value = this.optionalString(get(key), `${where}.${key}`);
      if (value !== undefined) finding[key] = value;
    }
    const baseline = get('baseline');
    if (baseline !== undefined) finding.baseline = this.oneOf(baseline, ['new', 'known'] as const, `${where}.baseline`);
    return finding;
  }

  private evidence(v: JsonValue, where: string): Evidence {
    const o = this.object(v, where);
    const evidence: Evidence = { attribute: this.string(ownValue(o, 'attribute'), `${where}.attribute`) };
    const related = this.optionalString(ownValue(o, 'related'), `${where}.related`);
    if (related !== undefined) evidence.related = related;
    const via = ownValue(o, 'via');
    if (via !== undefined) evidence.via = this.oneOf(via, ['reference', 'instance-key', 'value'] as const, `${where}.via`);
    return evidence;
  }

  private waiver(v: JsonValue, where: string): WaiverRecord {
    const o = this.object(v, where);
    const rule = ownValue(o, 'rule');
    const record: WaiverRecord = {
      rule: Array.isArray(rule) ? this.strings(rule, `${where}.rule`) : this.string(rule, `${where}.rule`),
      address: this.string(ownValue(o, 'address'), `${where}.address`),
      reason: this.string(ownValue(o, 'reason'), `${where}.reason`),
      expires: this.string(ownValue(o, 'expires'), `${where}.expires`),
      source: this.oneOf(ownValue(o, 'source'), ['config', 'tag'] as const, `${where}.source`),
    };
    for (const key of ['ticket', 'owner', 'approver', 'hipaaControl'] as const) {
      const value = this.optionalString(ownValue(o, key), `${where}.${key}`);
      if (value !== undefined) record[key] = value;
    }
    return record;
  }

  private waiverReport(v: JsonValue, where: string): WaiverReport {
    const o = this.object(v, where);
    const report: WaiverReport = {
      source: this.oneOf(ownValue(o, 'source'), ['config', 'tag'] as const, `${where}.source`),
      record: this.waiver(ownValue(o, 'record') ?? null, `${where}.record`),
      state: this.oneOf(ownValue(o, 'state'), WAIVER_STATES, `${where}.state`),
      matched: this.count(ownValue(o, 'matched'), `${where}.matched`),
    };
    const index = ownValue(o, 'index');
    if (index !== undefined) report.index = this.count(index, `${where}.index`);
    return report;
  }
}
