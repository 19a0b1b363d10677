/**
 * A custom declarative rule from the config becomes an ordinary `Rule`: the evaluator, waivers,
 * enforcement, the unknown-value policy and every reporter treat it like a built-in one.
 *
 * Evaluation: the path is run over the instance's planned values (`after`) and, to find values
 * Terraform knows only after apply, over its `after_unknown` marks. A match in the marks, or a
 * mark on any step on the way (a whole block unknown), makes the value unknown — except that
 * for `exists: true` an unknown value whose expression references another resource proves the
 * attribute is set, as the design asks of KMS key references.
 */
import { Instance } from '../graph';
import type { AttributePath, Enforcement, Family, JsonValue, Outcome, ResourceInstance, Rule, RuleContext, Severity } from '../types';
import { formatAttributePath, parseSafePath, queryPath, type SafePath } from './jsonpath';
import { predicateKind, valueTest, type PredicateSpec } from './predicate';

export const CUSTOM_RULE_PREFIX = 'CUSTOM-';

export interface CustomRuleDefinition {
  id: string;
  title: string;
  family: Family;
  severity: Severity;
  enforcement: Enforcement;
  hipaa: string[];
  resourceTypes: string[];
  path: string;
  predicate: PredicateSpec;
  message: string;
  remediation: string;
  rationale?: string;
  /** Check only instances in PHI scope (phiScope); default: every instance of the types. */
  phiOnly?: boolean;
}

interface Found {
  known: Array<{ path: AttributePath; value: JsonValue }>;
  unknown: Array<{ path: AttributePath; references: readonly string[] }>;
}

/** The planned values and unknown marks, read through the public interface where possible. */
function plannedDocuments(instance: ResourceInstance): { after: JsonValue | undefined; afterUnknown: JsonValue | undefined } {
  if (instance instanceof Instance) return { after: instance.raw.after, afterUnknown: instance.raw.afterUnknown };
  // Another ResourceInstance implementation: its values without the marks. An unknown value
  // then reads as absent, which fails a value predicate: the closed side.
  const all = instance.attr([]);
  return { after: all.state === 'known' ? all.value : undefined, afterUnknown: all.state === 'unknown' ? true : undefined };
}

function find(instance: ResourceInstance, path: SafePath): Found {
  const { after, afterUnknown } = plannedDocuments(instance);
  const found: Found = { known: [], unknown: [] };
  if (afterUnknown === true) {
    found.unknown.push({ path: [], references: instance.attr([]).references });
    return found;
  }
  for (const match of queryPath(path.text, after)) {
    // attr() agrees with the marks on each match (and skips nulls Terraform writes for unknowns in lists).
    const value = instance.attr(match.path);
    if (value.state === 'known' && value.value !== null) found.known.push({ path: match.path, value: value.value });
    else if (value.state === 'unknown') found.unknown.push({ path: match.path, references: value.references });
  }
  // Most plans mark few attributes unknown: when the path's first attribute carries no mark, no
  // step of it can be unknown, and the per-prefix queries (most of the cost) are skipped.
  if (path.firstName !== undefined && !marksAnything(ownMember(afterUnknown, path.firstName))) return found;
  const seen = new Set(found.unknown.map((u) => JSON.stringify(u.path)));
  for (const prefix of path.prefixes) {
    for (const mark of queryPath(prefix, afterUnknown)) {
      if (mark.value !== true || seen.has(JSON.stringify(mark.path))) continue;
      seen.add(JSON.stringify(mark.path));
      found.unknown.push({ path: mark.path, references: instance.attr(mark.path).references });
    }
  }
  return found;
}

function ownMember(doc: JsonValue | undefined, key: string): JsonValue | undefined {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return undefined;
  return Object.prototype.hasOwnProperty.call(doc, key) ? doc[key] : undefined;
}

/** Whether an after_unknown subtree marks any value unknown. */
function marksAnything(marks: JsonValue | undefined, depth = 0): boolean {
  if (marks === true) return true;
  if (marks === null || typeof marks !== 'object' || depth > 64) return false;
  return (Array.isArray(marks) ? marks : Object.values(marks)).some((m) => marksAnything(m, depth + 1));
}

/** `{address}` and `{path}` in the message are filled in; otherwise the address leads. */
function render(template: string, address: string, path: string): string {
  const filled = template.replace(/\{address\}/g, address).replace(/\{path\}/g, path);
  return template.includes('{address}') ? filled : `${address}: ${filled}`;
}

export function compileCustomRule(def: CustomRuleDefinition): Rule {
  const path = parseSafePath(def.path);
  const kind = predicateKind(def.predicate);
  const test = valueTest(def.predicate);
  const wantsSet = 'exists' in def.predicate ? def.predicate.exists : true;
  const shown = def.path.replace(/^\$\.?/, '');

  const check = (instance: ResourceInstance, ctx: RuleContext): Outcome | undefined => {
    let scope: string | undefined;
    if (def.phiOnly) {
      const decision = ctx.phiScope(instance);
      if (!decision.inScope) return { status: 'skip', message: `${instance.address}: not in PHI scope (${decision.reason})` };
      scope = decision.reason;
    }
    const found = find(instance, path);
    const outcome = (status: Outcome['status'], attribute: string, detail: string): Outcome => ({
      status,
      attribute,
      message: `${render(def.message, instance.address, attribute)} (${attribute} ${detail})`,
      ...(scope !== undefined ? { scope } : {}),
    });
    const firstUnknown = found.unknown[0];
    const unknownAttr = firstUnknown ? formatAttributePath(firstUnknown.path) || shown : shown;

    if (kind === 'exists') {
      const setValue = found.known[0];
      if (wantsSet) {
        if (setValue) return { status: 'pass', message: '' };
        // An unknown value that the configuration ties to another resource will be set.
        if (found.unknown.some((u) => u.references.length > 0)) return { status: 'pass', message: '' };
        if (firstUnknown) return outcome('unknown', unknownAttr, 'is known only after apply');
        return outcome('fail', shown, 'is not set');
      }
      if (setValue) return outcome('fail', formatAttributePath(setValue.path), 'is set');
      const referenced = found.unknown.find((u) => u.references.length > 0);
      if (referenced) return outcome('fail', formatAttributePath(referenced.path) || shown, 'is set from another resource');
      if (firstUnknown) return outcome('unknown', unknownAttr, 'is known only after apply');
      return { status: 'pass', message: '' };
    }

    const failures = found.known.map((k) => ({ path: k.path, verdict: test!(k.value) })).filter((f) => !f.verdict.ok);
    if (failures.length > 0) {
      const first = failures[0];
      const more = failures.length > 1 ? `; ${failures.length - 1} more value${failures.length === 2 ? '' : 's'} also fail` : '';
      return outcome('fail', formatAttributePath(first.path), `${(first.verdict as { why: string }).why}${more}`);
    }
    if (firstUnknown) return outcome('unknown', unknownAttr, 'is known only after apply');
    if (found.known.length === 0) return outcome('fail', shown, 'is not set');
    return { status: 'pass', message: '' };
  };

  return {
    id: def.id,
    title: def.title,
    family: def.family,
    severity: def.severity,
    enforcement: def.enforcement,
    hipaa: [...def.hipaa],
    resourceTypes: [...def.resourceTypes],
    rationale: def.rationale ?? `Custom rule from the planwarden config: ${def.title}.`,
    remediation: def.remediation,
    params: {},
    check,
  };
}
