/**
 * Where a policy document comes from, as the plan shows it: a JSON string known at plan time
 * (`jsonencode`, a heredoc, a CDKTF literal the loader has already unescaped, or a
 * `data.aws_iam_policy_document` Terraform read while planning), or a value known only after
 * apply. For the last, the `policy` expression may name a `data.aws_iam_policy_document`
 * instance in the plan: its `json` is used when known, and otherwise the document is rendered
 * from the data source's own statement blocks when every one of them is known (CDKTF synth
 * output always has them; a plan has them when the read was deferred for another reason).
 * Anything else stays unknown: a rule never passes a document it cannot read.
 */
import type { Evidence, JsonObject, JsonValue, PlanGraph, ResourceInstance } from '../../../engine/types';
import { evidenceOf } from '../../support';
import { parsePolicyDocument, type ParseProblem, type PolicyDocument } from '../policy';

export const POLICY_DOCUMENT_DATA = 'aws_iam_policy_document';

export type DocumentSource =
  | {
      readonly kind: 'document';
      readonly document: PolicyDocument;
      readonly warnings: readonly ParseProblem[];
      /** '' for the attribute itself, else e.g. `data.aws_iam_policy_document.device (json)`. */
      readonly origin: string;
      readonly evidence: readonly Evidence[];
      /** The JSON text the document was parsed from (as a rendered policy), when it came as text. */
      readonly text?: string;
    }
  | { readonly kind: 'invalid'; readonly problems: readonly ParseProblem[]; readonly origin: string; readonly evidence: readonly Evidence[] }
  | { readonly kind: 'unknown'; readonly reason: string; readonly evidence: readonly Evidence[] }
  | { readonly kind: 'absent' };

function parsed(input: JsonValue, origin: string, evidence: readonly Evidence[]): DocumentSource {
  const result = parsePolicyDocument(input, { dialect: 'rendered' });
  if (result.ok) {
    return { kind: 'document', document: result.document, warnings: result.warnings, origin, evidence, ...(typeof input === 'string' ? { text: input } : {}) };
  }
  return { kind: 'invalid', problems: result.problems, origin, evidence };
}

/** Names of what an unknown value is built from, for messages (at most three). */
export function builtFrom(references: readonly string[]): string {
  // Terraform lists `a.b.c` and `a.b`; keep the longest form of each.
  const unique = references.filter((r) => !references.some((o) => o !== r && o.startsWith(r + '.')));
  if (unique.length === 0) return 'values known only after apply';
  const shown = unique.slice(0, 3).join(', ');
  return unique.length > 3 ? `${shown}, …` : shown;
}

/**
 * Reads a policy-document attribute (`policy` of aws_iot_policy, aws_iam_role_policy,
 * aws_iam_policy; `assume_role_policy` of aws_iam_role).
 */
export function readPolicyDocument(instance: ResourceInstance, attribute: string, graph: PlanGraph): DocumentSource {
  const value = instance.attr(attribute);
  if (value.state === 'absent' || (value.state === 'known' && (value.value === null || value.value === ''))) return { kind: 'absent' };
  if (value.state === 'known') return parsed(value.value, '', []);
  const joins = graph.referencesOf(instance, attribute, { types: [POLICY_DOCUMENT_DATA] }).filter((j) => j.instance.mode === 'data');
  if (joins.length === 1) {
    const join = joins[0];
    const evidence = [evidenceOf(join)];
    const json = join.instance.attr('json');
    if (json.state === 'known' && typeof json.value === 'string' && json.value !== '') return parsed(json.value, `${join.instance.address} (json)`, evidence);
    const rendered = renderPolicyDocumentData(join.instance);
    if (rendered !== undefined) return parsed(rendered, `${join.instance.address} (rendered from its statements)`, evidence);
    return {
      kind: 'unknown',
      reason: `it comes from ${join.instance.address}, which is read only at apply time and whose statements are not all known`,
      evidence,
    };
  }
  if (joins.length > 1) {
    return {
      kind: 'unknown',
      reason: `it is one of ${joins.map((j) => j.instance.address).join(', ')}, chosen at apply time`,
      evidence: joins.map(evidenceOf),
    };
  }
  return { kind: 'unknown', reason: `it is built from ${builtFrom(value.references)}`, evidence: [] };
}

/** A known list of strings, or undefined when any part is unknown (absent/null → []). */
function knownStrings(instance: ResourceInstance, path: ReadonlyArray<string | number>): string[] | undefined {
  const v = instance.attr(path);
  if (v.state === 'unknown') return undefined;
  if (v.state === 'absent' || v.value === null) return [];
  const list = Array.isArray(v.value) ? v.value : [v.value];
  const out: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string') return undefined;
    out.push(dataSourceText(item));
  }
  return out;
}

function knownText(instance: ResourceInstance, path: ReadonlyArray<string | number>): string | null | undefined {
  const v = instance.attr(path);
  if (v.state === 'unknown') return undefined;
  if (v.state === 'absent' || v.value === null || v.value === '') return null;
  return typeof v.value === 'string' ? dataSourceText(v.value) : undefined;
}

/** aws_iam_policy_document writes `&{var}` for a literal IAM/IoT `${var}` (its own escape). */
function dataSourceText(text: string): string {
  return text.replace(/&\{/g, '${');
}

const MERGING_ARGUMENTS = ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'];

/**
 * The JSON document a `data.aws_iam_policy_document` instance would produce, from its known
 * statement blocks; undefined when any input is unknown, or when it merges other documents
 * (their result is not in the plan).
 */
export function renderPolicyDocumentData(instance: ResourceInstance): JsonObject | undefined {
  for (const argument of MERGING_ARGUMENTS) {
    const v = instance.attr(argument);
    if (v.state === 'unknown') return undefined;
    if (v.state === 'known' && v.value !== null && v.value !== '' && !(Array.isArray(v.value) && v.value.length === 0)) return undefined;
  }
  const version = knownText(instance, ['version']);
  if (version === undefined) return undefined;
  if (instance.attr('statement').state === 'unknown') return undefined;
  const statements: JsonValue[] = [];
  for (const block of instance.blocks('statement')) {
    const statement = renderStatement(instance, block);
    if (statement === undefined) return undefined;
    statements.push(statement);
  }
  return { Version: version ?? '2012-10-17', Statement: statements };
}

function renderStatement(instance: ResourceInstance, block: ReadonlyArray<string | number>): JsonObject | undefined {
  const out: JsonObject = {};
  const sid = knownText(instance, [...block, 'sid']);
  const effect = knownText(instance, [...block, 'effect']);
  if (sid === undefined || effect === undefined) return undefined;
  if (sid !== null) out.Sid = sid;
  out.Effect = effect ?? 'Allow';
  for (const [attribute, element] of [
    ['actions', 'Action'],
    ['not_actions', 'NotAction'],
    ['resources', 'Resource'],
    ['not_resources', 'NotResource'],
  ] as const) {
    const values = knownStrings(instance, [...block, attribute]);
    if (values === undefined) return undefined;
    if (values.length > 0) out[element] = values.length === 1 ? values[0] : values;
  }
  const condition: Record<string, JsonObject> = {};
  for (const c of instance.blocks([...block, 'condition'])) {
    const test = knownText(instance, [...c, 'test']);
    const variable = knownText(instance, [...c, 'variable']);
    const values = knownStrings(instance, [...c, 'values']);
    if (!test || !variable || values === undefined) return undefined;
    const operator = condition[test] ?? {};
    operator[variable] = values.length === 1 ? values[0] : values;
    condition[test] = operator;
  }
  if (Object.keys(condition).length > 0) out.Condition = condition;
  return out;
}
