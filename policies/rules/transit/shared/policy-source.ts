/**
 * Reading the policy a resource attribute holds, in whichever shape the plan gives it: a known
 * JSON string; "known after apply" because it is rendered by a `data.aws_iam_policy_document`
 * that Terraform reads during apply (then the data source's planned statement blocks are used);
 * or unknown with nothing to read (jsonencode over ARNs of resources being created).
 */
import type { Evidence, PlanGraph, ResourceInstance } from '../../../engine/types';
import { evidenceOf } from '../../support';
import { parsePolicyJson, statementsOfPolicyDocument, type PolicyStatement } from './policy-document';
import { settingOf } from './setting';

export type PolicyReading =
  | {
      readonly kind: 'statements';
      readonly statements: readonly PolicyStatement[];
      /** False when part of the document (a merged document) is known only after apply. */
      readonly complete: boolean;
      /** True when an override document known only after apply could replace any statement. */
      readonly overridable: boolean;
      readonly evidence: readonly Evidence[];
    }
  | { readonly kind: 'none' }
  | { readonly kind: 'unreadable'; readonly reason: string }
  | { readonly kind: 'unknown'; readonly reason: string };

const POLICY_DOCUMENT = 'aws_iam_policy_document';
const MAX_DEPTH = 4;

interface Gathered {
  statements: PolicyStatement[];
  complete: boolean;
  overridable: boolean;
}

/**
 * Statements a policy document takes from other documents: a list of JSON strings
 * (source_policy_documents, override_policy_documents) or one JSON string (the deprecated
 * source_json / override_json), possibly rendered by other data.aws_iam_policy_document.
 */
function mergedStatements(graph: PlanGraph, doc: ResourceInstance, attribute: string, depth: number): Gathered {
  const merged = doc.attr(attribute);
  const out: Gathered = { statements: [], complete: true, overridable: false };
  if (merged.state === 'known') {
    const texts = typeof merged.value === 'string' ? [merged.value] : Array.isArray(merged.value) ? merged.value : [];
    for (const text of texts) {
      if (typeof text === 'string') out.statements.push(...(parsePolicyJson(text) ?? []));
      else out.complete = false;
    }
  } else if (merged.state === 'unknown') {
    const nested = depth < MAX_DEPTH ? graph.referencesOf(doc, attribute, { types: [POLICY_DOCUMENT] }).filter((j) => j.instance.mode === 'data') : [];
    if (nested.length === 0) out.complete = false;
    for (const join of nested) {
      const inner = documentStatements(graph, join.instance, depth + 1);
      out.statements.push(...inner.statements);
      out.complete &&= inner.complete;
      out.overridable ||= inner.overridable;
    }
  }
  return out;
}

/** As the provider merges: a later statement replaces an earlier one with the same non-empty Sid. */
function overlay(base: readonly PolicyStatement[], over: readonly PolicyStatement[]): PolicyStatement[] {
  const replaced = new Set(over.map((s) => s.sid).filter((sid): sid is string => sid !== undefined && sid !== ''));
  return [...base.filter((s) => s.sid === undefined || s.sid === '' || !replaced.has(s.sid)), ...over];
}

/** The statements of a data.aws_iam_policy_document: source documents, then its own statements, then override documents. */
function documentStatements(graph: PlanGraph, doc: ResourceInstance, depth: number): Gathered {
  const blocks = doc.attr('statement');
  const own = statementsOfPolicyDocument(blocks.state === 'known' ? blocks.value : undefined);
  const sources = ['source_policy_documents', 'source_json'].map((a) => mergedStatements(graph, doc, a, depth));
  const overrides = ['override_policy_documents', 'override_json'].map((a) => mergedStatements(graph, doc, a, depth));
  let statements = overlay(sources.flatMap((g) => g.statements), own);
  for (const o of overrides) statements = overlay(statements, o.statements);
  const complete = blocks.state !== 'unknown' && [...sources, ...overrides].every((g) => g.complete);
  const overridable = overrides.some((g) => !g.complete) || [...sources, ...overrides].some((g) => g.overridable);
  return { statements, complete, overridable };
}

/** The policy held in `attribute` of `holder` (a bucket policy, a queue, a topic ...). */
export function readPolicy(graph: PlanGraph, holder: ResourceInstance, attribute = 'policy'): PolicyReading {
  const value = holder.attr(attribute);
  const configured = settingOf(value);
  if (configured.kind === 'omitted') return { kind: 'none' };
  if (value.state === 'known') {
    if (typeof value.value !== 'string') return { kind: 'unreadable', reason: `${attribute} is not a JSON string` };
    const statements = parsePolicyJson(value.value);
    if (!statements) return { kind: 'unreadable', reason: `${attribute} is not a valid policy document` };
    return { kind: 'statements', statements, complete: true, overridable: false, evidence: [{ attribute }] };
  }
  const documents = graph.referencesOf(holder, attribute, { types: [POLICY_DOCUMENT] }).filter((j) => j.instance.mode === 'data');
  if (documents.length === 1) {
    const { statements, complete, overridable } = documentStatements(graph, documents[0].instance, 0);
    // An incomplete document can still prove a deny, unless an unknown override could replace it.
    return { kind: 'statements', statements, complete, overridable, evidence: [evidenceOf(documents[0])] };
  }
  if (documents.length > 1) {
    return { kind: 'unknown', reason: `${attribute} combines ${documents.length} policy documents at apply time` };
  }
  return { kind: 'unknown', reason: `${attribute} is rendered at apply time (it refers to ${configured.kind === 'unknown' ? configured.references[0] : 'values not known yet'})` };
}
