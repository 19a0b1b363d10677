/**
 * The evaluation loop: every rule that applies to an instance's type runs once on it, and its
 * outcomes become findings after enforcement, waivers and the unknown-value policy. Pure: the
 * same graph and options give the same findings.
 */
import type { Graph, Instance } from './graph';
import { markedSecretsOf, redactWith, SecretMatcher, secretMatcherOf } from './redact';
import type {
  CheckRecord,
  Enforcement,
  Finding,
  Outcome,
  Params,
  PlanGraph,
  ResourceInstance,
  Rule,
  RuleContext,
  ScopeDecision,
  Severity,
  UnknownPolicy,
  WaiverRecord,
} from './types';

export interface RuleSettings {
  severity: Severity;
  enforcement: Enforcement;
  params: Params;
}

/** The waiver that covers a finding: an active one waives it; an expired one only says so. */
export interface WaiverMatch {
  active?: WaiverRecord;
  expired?: WaiverRecord;
}

export interface WaiverLookup {
  find(ruleId: string, instance: ResourceInstance): WaiverMatch;
}

export type PhiScope = (instance: ResourceInstance, graph: PlanGraph) => ScopeDecision;

export interface EvaluationOptions {
  unknownPolicy: UnknownPolicy;
  /** Check only instances being created, updated or replaced. */
  changedOnly: boolean;
  /** When set, soft-mandatory failures do not block; the reason is recorded on each. */
  overrideSoft?: string;
  settingsFor(rule: Rule): RuleSettings;
  waivers?: WaiverLookup;
  phiScope?: PhiScope;
}

export interface InputResult {
  findings: Finding[];
  checks: CheckRecord[];
}

/**
 * A rule threw: a bug in planwarden, never a pass. Exit code 3. The cause's message is redacted
 * like a finding (it goes to stderr and CI logs, and an error about a value may quote it); the
 * cause's own stack is not kept, so PLANWARDEN_DEBUG=1 prints only this redacted message's stack.
 */
export class RuleCrash extends Error {
  constructor(ruleId: string, address: string, cause: unknown, secrets: readonly SecretMatcher[] = []) {
    let detail: string;
    try {
      detail = cause instanceof Error ? cause.message : String(cause);
    } catch {
      detail = 'an exception that cannot be printed';
    }
    super(`rule ${ruleId} failed on ${address}: ${redactWith(detail, secrets)}`);
    this.name = 'RuleCrash';
  }
}

const ALL_IN_SCOPE: PhiScope = () => ({ inScope: true, reason: 'every resource is in PHI scope (default)' });
const RESULT_RANK = { pass: 0, waived: 1, unknown: 2, fail: 3 } as const;

function isChecked(instance: Instance, changedOnly: boolean): boolean {
  if (instance.mode !== 'managed') return false;
  if (instance.action === 'delete' || instance.action === 'read') return false;
  return !changedOnly || instance.action === 'create' || instance.action === 'update' || instance.action === 'replace';
}

interface PreparedRule {
  rule: Rule;
  setting: RuleSettings;
  ctx: RuleContext;
}

/** The rules to run per resource type: type-specific first, then those for every type (`*`). */
function rulesByType(rules: readonly PreparedRule[]): { byType: Map<string, PreparedRule[]>; everywhere: PreparedRule[] } {
  const byType = new Map<string, PreparedRule[]>();
  const everywhere = rules.filter((p) => p.rule.resourceTypes.includes('*'));
  for (const prepared of rules) {
    if (prepared.rule.resourceTypes.includes('*')) continue;
    for (const type of prepared.rule.resourceTypes) {
      const list = byType.get(type);
      if (list) list.push(prepared);
      else byType.set(type, [prepared]);
    }
  }
  // Built once, so an instance's list is a lookup, not a concatenation per instance. In rule id
  // order: instances come in address order, so checks and findings come out nearly in report
  // order, and sorting them (250k checks at 100k resources) is a pass over runs, not a full sort.
  const byId = (a: PreparedRule, b: PreparedRule) => (a.rule.id < b.rule.id ? -1 : a.rule.id > b.rule.id ? 1 : 0);
  for (const list of byType.values()) {
    list.push(...everywhere);
    list.sort(byId);
  }
  everywhere.sort(byId);
  return { byType, everywhere };
}

function asList(result: Outcome[] | Outcome | undefined): Outcome[] {
  if (result === undefined) return [];
  return Array.isArray(result) ? result : [result];
}

export function evaluateGraph(graph: Graph, rules: readonly Rule[], inputPath: string, options: EvaluationOptions): InputResult {
  const phiScope = options.phiScope ?? ALL_IN_SCOPE;
  const scopeOf = (i: ResourceInstance) => phiScope(i, graph);
  // Settings and context are per rule, not per check: a 100k-resource plan runs ~250k checks.
  const plan = rulesByType(
    rules.map((rule) => {
      const setting = options.settingsFor(rule);
      return { rule, setting, ctx: { graph, params: setting.params, phiScope: scopeOf } };
    }),
  );
  const findings: Finding[] = [];
  const checks: CheckRecord[] = [];
  // Values marked sensitive anywhere in the plan, compiled once, on the first finding.
  let planSecrets: SecretMatcher | undefined;
  const planMatcher = () => (planSecrets ??= new SecretMatcher(markedSecretsOf(graph.instances)));
  const run: FindingContext = { graph, options, inputPath, stack: graph.inputs[0]?.stack, planMatcher, planOnlyRedactions: new Map() };

  for (const instance of graph.instances) {
    if (!isChecked(instance, options.changedOnly)) continue;
    const toRun = plan.byType.get(instance.type) ?? plan.everywhere;
    for (const { rule, setting, ctx } of toRun) {
      let outcomes: Outcome[];
      try {
        outcomes = asList(rule.check(instance, ctx));
      } catch (err) {
        throw new RuleCrash(rule.id, instance.address, err, [planMatcher(), secretMatcherOf(instance)]);
      }
      let worst: CheckRecord['result'] = 'pass';
      let judged = outcomes.length === 0;
      for (const outcome of outcomes) {
        if (outcome.status === 'skip') continue;
        judged = true;
        if (outcome.status === 'pass') continue;
        if (outcome.status === 'unknown' && options.unknownPolicy === 'pass') continue;
        const finding = toFinding(rule, setting, instance, outcome, run);
        findings.push(finding);
        const result = finding.status;
        if (RESULT_RANK[result] > RESULT_RANK[worst]) worst = result;
      }
      // A rule whose every outcome is a skip did not apply to this instance: no check recorded.
      if (judged) checks.push({ ruleId: rule.id, address: instance.address, result: worst });
    }
  }
  return { findings, checks };
}

/** What every finding of one evaluation shares. */
interface FindingContext {
  graph: Graph;
  options: EvaluationOptions;
  inputPath: string;
  stack: string | undefined;
  planMatcher(): SecretMatcher;
  /**
   * Texts redacted with the plan-wide secrets only (the resources involved hold none of their
   * own): a rule's remediation recurs on thousands of findings and is scanned once.
   */
  planOnlyRedactions: Map<string, string>;
}

function redactFor(text: string, matchers: readonly SecretMatcher[], run: FindingContext): string {
  if (matchers.length > 1) return redactWith(text, matchers);
  let redacted = run.planOnlyRedactions.get(text);
  if (redacted === undefined) {
    redacted = redactWith(text, matchers);
    if (run.planOnlyRedactions.size < 10_000) run.planOnlyRedactions.set(text, redacted);
  }
  return redacted;
}

function toFinding(rule: Rule, setting: RuleSettings, instance: Instance, outcome: Outcome, run: FindingContext): Finding {
  const { options, graph } = run;
  const address = outcome.address ?? instance.address;
  const match = options.waivers?.find(rule.id, instance) ?? {};
  const waiver = match.active ?? null;
  const status = waiver ? 'waived' : outcome.status === 'fail' ? 'fail' : 'unknown';
  const expiredNote = !waiver && match.expired ? ` (waiver expired on ${match.expired.expires}: ${match.expired.reason})` : '';
  // The plan's marked secrets, the instance's own, and those of every resource the finding names as evidence.
  const matchers = [run.planMatcher()];
  const own = secretMatcherOf(instance);
  if (!own.empty) matchers.push(own);
  for (const e of outcome.evidence ?? []) {
    const related = e.related ? graph.byAddress(e.related) : undefined;
    const theirs = related === undefined ? undefined : secretMatcherOf(related);
    if (theirs !== undefined && !theirs.empty) matchers.push(theirs);
  }
  let blocking = false;
  let overridden: string | undefined;
  if (status === 'fail' || (status === 'unknown' && options.unknownPolicy === 'fail')) {
    if (setting.enforcement === 'hard-mandatory') blocking = true;
    else if (setting.enforcement === 'soft-mandatory') {
      if (options.overrideSoft !== undefined) overridden = options.overrideSoft;
      else blocking = true;
    }
  }
  const finding: Finding = {
    ruleId: rule.id,
    family: rule.family,
    severity: setting.severity,
    enforcement: setting.enforcement,
    status,
    address,
    resourceType: instance.type,
    action: instance.action,
    attribute: outcome.attribute ?? null,
    message: redactWith(outcome.message + expiredNote, matchers),
    remediation: redactFor(outcome.remediation ?? rule.remediation, matchers, run),
    hipaa: [...rule.hipaa],
    waiver,
    blocking,
    evidence: (outcome.evidence ?? []).map((e) => ({ ...e })),
    input: run.inputPath,
  };
  if (run.stack !== undefined) finding.stack = run.stack;
  if (instance.constructPath !== undefined) finding.constructPath = instance.constructPath;
  if (outcome.scope !== undefined) finding.scope = outcome.scope;
  if (overridden !== undefined) finding.overridden = overridden;
  return finding;
}
