/**
 * The shared vocabulary of planwarden: plan model, rules, findings and reports.
 * Everything that crosses a module boundary is typed here, so rules, reporters and the CLI
 * agree without importing each other.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type Severity = 'critical' | 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low'];

/** Sentinel's names: advisory is reported only; soft-mandatory fails unless overridden; hard-mandatory always fails. */
export type Enforcement = 'advisory' | 'soft-mandatory' | 'hard-mandatory';
export const ENFORCEMENTS: readonly Enforcement[] = ['advisory', 'soft-mandatory', 'hard-mandatory'];

export type Family = 'encryption' | 'transit' | 'logging' | 'baa' | 'iot';
export const FAMILIES: readonly Family[] = ['encryption', 'transit', 'logging', 'baa', 'iot'];

/** The action Terraform plans for one resource instance; `replace` folds delete+create in either order. */
export type PlanAction = 'create' | 'update' | 'replace' | 'delete' | 'no-op' | 'read';

export type UnknownPolicy = 'pass' | 'warn' | 'fail';

/** A path into a resource's attributes: attribute names and list indices, e.g. ['rule', 0, 'sse_algorithm']. */
export type AttributePath = ReadonlyArray<string | number>;

/**
 * What the plan says about one attribute of one instance.
 * - known: a value Terraform knows now (it may be null: "not set").
 * - unknown: "known after apply"; `references` name what the configuration says it comes from.
 * - absent: the attribute (or a block on the way to it) is not in the plan at all.
 */
export type AttributeValue =
  | { readonly state: 'known'; readonly value: JsonValue; readonly sensitive: boolean; readonly references: readonly string[] }
  | { readonly state: 'unknown'; readonly sensitive: boolean; readonly references: readonly string[] }
  | { readonly state: 'absent'; readonly references: readonly string[] };

export type InputKind = 'plan' | 'cdktf';

export interface InputSummary {
  path: string;
  kind: InputKind;
  terraformVersion: string | null;
  formatVersion: string | null;
  resources: number;
  /** CDKTF stack name, when the input is one stack of a synth directory. */
  stack?: string;
}

/** How two instances were tied together for a cross-resource verdict. */
export type JoinKind = 'reference' | 'instance-key' | 'value';

export interface Join {
  /** The other instance. */
  readonly instance: ResourceInstance;
  /** The attribute of the referring instance whose expression or value made the tie. */
  readonly attribute: string;
  readonly via: JoinKind;
}

/** What a finding rests on: the attribute read and, for a cross-resource verdict, the join. */
export interface Evidence {
  attribute: string;
  /** Address of the other resource, for cross-resource verdicts. */
  related?: string;
  via?: JoinKind;
}

/** One resource instance of the plan, as the rules see it. */
export interface ResourceInstance {
  /** Full instance address, e.g. module.a["x"].module.b.aws_s3_bucket.logs[0]. */
  readonly address: string;
  /** Address of the module instance holding it ('' for the root module), e.g. module.a["x"].module.b. */
  readonly moduleAddress: string;
  /** Configuration address without instance keys, e.g. module.a.module.b.aws_s3_bucket.logs. */
  readonly configAddress: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** count index or for_each key; undefined for a single instance. */
  readonly index: string | number | undefined;
  readonly providerName: string;
  readonly action: PlanAction;
  /** Which input file it came from (index into Plan.inputs). */
  readonly inputIndex: number;
  /** CDKTF construct path, when the input is CDKTF synth output. */
  readonly constructPath?: string;
  /** Read the planned (after) value of an attribute. */
  attr(path: string | AttributePath): AttributeValue;
  /** Read the prior (before) value of an attribute; absent for creates. */
  before(path: string | AttributePath): AttributeValue;
  /** The elements of a nested block list (plan JSON) or single block object (CDKTF synth), as paths. */
  blocks(path: string | AttributePath): AttributePath[];
}

/** The whole evaluated input: instances from one or more files, and the graph over them. */
export interface PlanGraph {
  readonly inputs: readonly InputSummary[];
  readonly instances: readonly ResourceInstance[];
  byAddress(address: string): ResourceInstance | undefined;
  byType(type: string): readonly ResourceInstance[];
  /** Instances that the expression of `attribute` on `source` refers to (or matches by value). */
  referencesOf(
    source: ResourceInstance,
    attribute: string,
    options?: { types?: readonly string[]; matchValues?: readonly string[] },
  ): Join[];
  /**
   * Instances of `types` whose `attribute` refers to `target` — the companion lookup, e.g. the
   * aws_s3_bucket_server_side_encryption_configuration whose `bucket` refers to this bucket.
   * `matchValues` names attributes of the target whose known values may also tie them (bucket name, ARN).
   */
  referrers(
    target: ResourceInstance,
    query: { types: readonly string[]; attribute: string; matchValues?: readonly string[] },
  ): Join[];
  /** Instances of `type` in one module instance ('' = root), from an index: no scan. */
  inModule(moduleAddress: string, type: string): readonly ResourceInstance[];
  /**
   * Instances of `types` being deleted whose prior `attribute` equals a known value of one of the
   * target's `matchValues` (e.g. the flow log being destroyed that pointed at this VPC's id).
   */
  deletedReferrers(
    target: ResourceInstance,
    query: { types: readonly string[]; attribute: string; matchValues: readonly string[] },
  ): ResourceInstance[];
  /** The region of the provider configuration the instance uses, when the plan shows it as a constant. */
  providerRegion(instance: ResourceInstance): string | undefined;
  /** The provider's `default_tags`, when the plan shows them as constants. */
  providerDefaultTags(instance: ResourceInstance): Readonly<Record<string, string>> | undefined;
}

export interface ParamSpec {
  readonly description: string;
  readonly default: JsonValue;
  /** For numbers: the safe bounds a config may set. */
  readonly min?: number;
  readonly max?: number;
  /** For strings/lists of strings: allowed values. */
  readonly allowed?: readonly string[];
}

export type Params = Readonly<Record<string, JsonValue>>;

/** What decided whether an instance is in PHI scope (for BAA and PHI-only rules). */
export interface ScopeDecision {
  readonly inScope: boolean;
  readonly reason: string;
}

export interface RuleContext {
  readonly graph: PlanGraph;
  readonly params: Params;
  /** Whether this instance holds or processes ePHI according to the configured PHI scope. */
  phiScope(instance: ResourceInstance): ScopeDecision;
}

/** One verdict of a rule on one instance. Returning no fail/unknown outcome means the instance passed. */
export interface Outcome {
  readonly status: 'pass' | 'fail' | 'unknown' | 'skip';
  /** Attribute path the verdict is about, dotted (e.g. rule.apply_server_side_encryption_by_default.sse_algorithm). */
  readonly attribute?: string;
  /** Names the address and what to change. Never include a sensitive value. */
  readonly message: string;
  readonly evidence?: readonly Evidence[];
  /** Overrides the rule's remediation for this finding (e.g. names the exact value to set). */
  readonly remediation?: string;
  /** For plan-level outcomes: the address it concerns, if not the instance checked. */
  readonly address?: string;
  /** How PHI scope was decided, when the rule depends on it. */
  readonly scope?: string;
}

export interface RuleDocs {
  /** Provider and AWS defaults the rule relies on. */
  readonly defaults?: string;
  /** Short HCL examples for `planwarden explain`. */
  readonly example?: { readonly fail: string; readonly pass: string };
  /** Anchors: peer rules this one has parity with (cdk-nag, AWS Config, Checkov, Device Defender). */
  readonly anchors?: readonly string[];
}

export interface Rule {
  readonly id: string;
  readonly title: string;
  readonly family: Family;
  readonly severity: Severity;
  readonly enforcement: Enforcement;
  /** HIPAA Security Rule citations, e.g. '164.312(a)(2)(iv)'. */
  readonly hipaa: readonly string[];
  /** Resource types checked; ['*'] means every managed resource (the rule skips other providers' types itself). */
  readonly resourceTypes: readonly string[];
  readonly rationale: string;
  readonly remediation: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  readonly docs?: RuleDocs;
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] | Outcome | undefined;
}

export type FindingStatus = 'fail' | 'unknown' | 'waived';

export interface WaiverRecord {
  rule: string | string[];
  address: string;
  reason: string;
  expires: string;
  ticket?: string;
  owner?: string;
  approver?: string;
  hipaaControl?: string;
  source: 'config' | 'tag';
}

/** A waiver as reported: its record, its state this run, and how many findings it matched. */
export interface WaiverReport {
  source: 'config' | 'tag';
  index?: number;
  record: WaiverRecord;
  state: 'active' | 'expiring' | 'expired' | 'stale';
  matched: number;
}

export interface Finding {
  ruleId: string;
  family: Family;
  severity: Severity;
  enforcement: Enforcement;
  status: FindingStatus;
  address: string;
  resourceType: string;
  action: PlanAction;
  attribute: string | null;
  message: string;
  remediation: string;
  hipaa: string[];
  waiver: WaiverRecord | null;
  /** Whether this finding fails the run (after enforcement, overrides and the unknown policy). */
  blocking: boolean;
  evidence: Evidence[];
  /** Input file path the resource came from. */
  input: string;
  stack?: string;
  constructPath?: string;
  scope?: string;
  /** Set when a soft-mandatory failure was let through by --override-soft. */
  overridden?: string;
  /**
   * Set only by `check --baseline` (policies/engine/baseline.ts): `new` findings (and known ones
   * that got worse) keep their blocking verdict; `known` ones are listed but never block.
   */
  baseline?: BaselineState;
}

/** A finding compared with a baseline report: introduced (or worsened) since, or already there. */
export type BaselineState = 'new' | 'known';

export interface Summary {
  resources: number;
  checks: number;
  failed: number;
  unknown: number;
  waived: number;
  blocking: number;
}

/** One check of one rule on one instance, for evidence records and JUnit. */
export interface CheckRecord {
  ruleId: string;
  address: string;
  result: 'pass' | 'fail' | 'unknown' | 'waived';
}

export interface Report {
  schemaVersion: 1;
  tool: { name: 'planwarden'; version: string };
  inputs: InputSummary[];
  summary: Summary;
  findings: Finding[];
  /** Thresholds the config set weaker than HIPAA asks (allowWeakerThanHipaa); reporters lead with these. */
  weakerThanHipaa: string[];
  /** Notices for the reader: expired, expiring or stale waivers, malformed waiver tags. */
  notices: string[];
  /** Every waiver of the config and of resource tags, with its state. */
  waivers: WaiverReport[];
  /** Every (rule, instance) check made, sorted; reporters that list passes (JUnit) use it. */
  checks: CheckRecord[];
  /** The rules that were in effect, for reporters that describe rules (SARIF). */
  rules: RuleSummary[];
  unknownPolicy: UnknownPolicy;
}

export interface RuleSummary {
  id: string;
  title: string;
  family: Family;
  severity: Severity;
  enforcement: Enforcement;
  hipaa: string[];
  resourceTypes: string[];
  params: Record<string, JsonValue>;
  rationale: string;
  remediation: string;
}

/** A user-facing problem with input, usage or config: exit code 2, one line, no stack trace. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}
