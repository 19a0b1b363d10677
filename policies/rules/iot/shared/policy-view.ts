/**
 * One aws_iot_policy as the IOT- policy rules see it: its document (read once per instance,
 * see document-source.ts), the Device-Defender-style analysis of that document, and, for an
 * update, the analysis of the version it replaces. Every policy rule reads the same view, so a
 * plan's policies are parsed and analysed once however many rules run.
 */
import type { Evidence, Outcome, ResourceInstance, RuleContext } from '../../../engine/types';
import { fail, pass, skip, unknown } from '../../support';
import { analyzePolicy, parsePolicyDocument, type PolicyAnalysis, type PolicyDocument, type PolicyProblem, type ProblemKind } from '../policy';
import { TextTable } from '../policy/memo';
import { readPolicyDocument, type DocumentSource } from './document-source';

export const POLICY_ATTRIBUTE = 'policy';

export interface PolicyView {
  readonly source: DocumentSource;
  /** Present when the document parsed. */
  readonly analysis?: PolicyAnalysis;
  /** Problems of the version an update replaces; undefined for creates or an unreadable prior document. */
  readonly previous?: readonly PolicyProblem[];
}

const views = new WeakMap<ResourceInstance, PolicyView>();

/**
 * Fleets repeat one document across many policies, and an unchanged policy carries the same
 * text before and after: analyse each distinct document once (bounded). Documents that came as
 * text are keyed by the text itself (one text always parses to one document); documents rendered
 * from data-source statements by their parsed model.
 */
const MAX_CACHED_ANALYSES = 512;
/** Characters of keys held, per table (hostile plans may carry huge documents). */
const MAX_CACHED_KEY_CHARS = 16_000_000;
const byText = new TextTable<PolicyAnalysis>(MAX_CACHED_ANALYSES, MAX_CACHED_KEY_CHARS);
const byModel = new TextTable<PolicyAnalysis>(MAX_CACHED_ANALYSES, MAX_CACHED_KEY_CHARS);

function analyzeOnce(document: PolicyDocument, text: string | undefined): PolicyAnalysis {
  const table = text === undefined ? byModel : byText;
  const key = text ?? JSON.stringify(document);
  const hit = table.get(key);
  if (hit !== undefined) return hit;
  const analysis = analyzePolicy(document);
  table.set(key, analysis);
  return analysis;
}

function previousProblems(instance: ResourceInstance): readonly PolicyProblem[] | undefined {
  if (instance.action !== 'update' && instance.action !== 'no-op') return undefined;
  const before = instance.before(POLICY_ATTRIBUTE);
  if (before.state !== 'known' || typeof before.value !== 'string') return undefined;
  // Unchanged policies (no-op) carry the same text before and after: share the analysis without parsing again.
  const hit = byText.get(before.value);
  if (hit !== undefined) return hit.problems;
  const result = parsePolicyDocument(before.value, { dialect: 'rendered' });
  return result.ok ? analyzeOnce(result.document, before.value).problems : undefined;
}

export function policyView(instance: ResourceInstance, ctx: RuleContext): PolicyView {
  const cached = views.get(instance);
  if (cached !== undefined) return cached;
  const source = readPolicyDocument(instance, POLICY_ATTRIBUTE, ctx.graph);
  const view: PolicyView =
    source.kind === 'document' ? { source, analysis: analyzeOnce(source.document, source.text), previous: previousProblems(instance) } : { source };
  views.set(instance, view);
  return view;
}

/** `statement 2 ("Sid")` */
export function statementLabel(problem: Pick<PolicyProblem, 'statementIndex' | 'sid'>): string {
  return `statement ${problem.statementIndex}${problem.sid !== undefined && problem.sid !== '' ? ` ("${problem.sid}")` : ''}`;
}

function sameProblem(a: PolicyProblem, b: PolicyProblem): boolean {
  return a.kind === b.kind && a.resource === b.resource && a.actions.some((x) => b.actions.includes(x));
}

/** " — new in this update" when the version being replaced did not have the problem. */
export function newNote(view: PolicyView, problem: PolicyProblem): string {
  if (view.previous === undefined) return '';
  return view.previous.some((p) => sameProblem(p, problem)) ? '' : ' (new in this update: the current version does not allow it)';
}

/** One sentence naming the statement, action, resource, why, the witness and the Device Defender reason. */
export function describeProblem(problem: PolicyProblem): string {
  const verb = problem.effect === 'Allow' ? 'allows' : 'denies';
  const witness = problem.witness !== undefined ? `; e.g. it ${problem.effect === 'Allow' ? 'allows' : 'still allows'} ${problem.witness}` : '';
  const reason = problem.ddReason !== undefined ? ` [Device Defender ${problem.ddReason}]` : '';
  // mqtt-wildcard-in-deny already names the witness in its detail.
  const detailHasWitness = problem.witness !== undefined && problem.detail.includes(problem.witness);
  return `${statementLabel(problem)} ${verb} ${problem.actions.join(', ')} on ${problem.resource}: ${problem.detail}${detailHasWitness ? '' : witness}${reason}`;
}

/** `aws_iot_policy.x` or `aws_iot_policy.x (document from data.aws_iam_policy_document.d (json))`. */
export function subject(instance: ResourceInstance, source: DocumentSource): string {
  if ((source.kind === 'document' || source.kind === 'invalid') && source.origin !== '') return `${instance.address} (document from ${source.origin})`;
  return instance.address;
}

export function evidenceOfSource(source: DocumentSource): Evidence[] | undefined {
  if (source.kind === 'absent') return undefined;
  return source.evidence.length > 0 ? [...source.evidence] : undefined;
}

/**
 * The outcome every policy rule gives when it cannot judge the document: unknown when it is
 * known only after apply (never a pass), skip when it is absent or does not parse (IOT-003
 * reports documents AWS would refuse). Undefined when the document is readable.
 */
export function unreadable(instance: ResourceInstance, view: PolicyView, what: string): Outcome | undefined {
  const source = view.source;
  if (source.kind === 'unknown') {
    return unknown(POLICY_ATTRIBUTE, `${instance.address}: the policy document is known only after apply (${source.reason}), so planwarden cannot tell ${what}`, {
      evidence: evidenceOfSource(source),
      remediation: 'Build the document from values known at plan time (literal ARNs, or policy variables such as ${iot:Connection.Thing.ThingName} written $${…} in HCL) so it can be checked before apply, or waive this address with a reason.',
    });
  }
  if (source.kind === 'absent') return skip(`${instance.address} has no policy document`);
  if (source.kind === 'invalid') return skip(`${instance.address}: the policy document does not parse; IOT-003 reports it`);
  return undefined;
}

export interface JudgeOptions {
  readonly kinds: ReadonlySet<ProblemKind>;
  /** What the rule checks, for unknown messages: "whether it allows broad access". */
  readonly what: string;
  /** Pass message tail: "grants no wildcard or broad data-plane access". */
  readonly passes: string;
  readonly remediationFor: (problem: PolicyProblem) => string;
  /** Drops problems a param accepts. */
  readonly accept?: (problem: PolicyProblem) => boolean;
}

/** One outcome per problem of the rule's kinds (after `accept`), or a pass. */
export function judgeProblems(instance: ResourceInstance, ctx: RuleContext, options: JudgeOptions): Outcome[] {
  const view = policyView(instance, ctx);
  const early = unreadable(instance, view, options.what);
  if (early !== undefined) return [early];
  const analysis = view.analysis as PolicyAnalysis;
  const who = subject(instance, view.source);
  const evidence = evidenceOfSource(view.source);
  const problems = analysis.problems.filter((p) => options.kinds.has(p.kind) && !(options.accept?.(p) ?? false));
  const outcomes = problems.map((p) =>
    fail(POLICY_ATTRIBUTE, `${who}: ${describeProblem(p)}${newNote(view, p)}`, { evidence, remediation: options.remediationFor(p) }),
  );
  if (outcomes.length === 0 && analysis.truncated) {
    outcomes.push(unknown(POLICY_ATTRIBUTE, `${who}: the document is too large to analyse completely, so planwarden cannot confirm ${options.what}`, { evidence }));
  }
  return outcomes.length > 0 ? outcomes : [pass(POLICY_ATTRIBUTE, `${who} ${options.passes}`, { evidence })];
}
