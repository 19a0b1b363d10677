/**
 * What a plugin module exports, checked field by field and copied into planwarden's own Rule
 * objects. The module contract: `exports.rules` (a list), `export default` (a rule or a list),
 * or `module.exports = [...]`. Every rule is validated as strictly as a config's customRules
 * (same citation and resource-type patterns, same length caps), because after loading it is an
 * ordinary rule: selectors, overrides, waivers, every report format and the evidence record.
 * The copy is frozen, so plugin code changing its objects later cannot change a running check.
 */
import { ENFORCEMENTS, FAMILIES, SEVERITIES, type JsonValue, type ParamSpec, type Rule, type RuleDocs } from '../types';
import { guardedCheck } from './outcomes';
import { PluginProblem } from './problem';

export const PLUGIN_RULE_ID = /^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$/;
const MAX_ID_LENGTH = 48;
/** Prefixes of the built-in families and of customRules: a plugin id there could collide with a later release. */
export const RESERVED_PREFIXES = ['ENC-', 'TLS-', 'LOG-', 'BAA-', 'IOT-', 'CUSTOM-'];
const MAX_RULES_PER_PLUGIN = 500;
const MAX_PARAMS = 32;
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const KEYS = ['id', 'title', 'family', 'severity', 'enforcement', 'hipaa', 'resourceTypes', 'rationale', 'remediation', 'params', 'docs', 'check'];
const PARAM_KEYS = ['description', 'default', 'min', 'max', 'allowed'];
const DOCS_KEYS = ['defaults', 'example', 'anchors'];

/** The patterns customRules use (config/custom-rules.ts), so both kinds of user rule agree. */
export interface RulePatterns {
  hipaaCitation: RegExp;
  resourceType: RegExp;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object literal (or Object.create(null)), from any realm: not a Map, class instance or array. */
function isPlainObject(v: unknown): v is Obj {
  if (!isObj(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** A field of one rule is wrong; the caller names the rule (list position and id). */
class FieldProblem extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
  ) {
    super(`${field}: ${expected}`);
  }
}

function fail(field: string, expected: string): never {
  throw new FieldProblem(field, expected);
}

function text(v: unknown, field: string, max: number, oneLine = false): string {
  if (typeof v !== 'string' || v.trim() === '') fail(field, 'expected a non-empty string');
  if (v.length > max) fail(field, `expected at most ${max} characters`);
  if (oneLine && /[\r\n]/.test(v)) fail(field, 'expected one line');
  return v;
}

function choice<T extends string>(v: unknown, field: string, choices: readonly T[]): T {
  if (typeof v !== 'string' || !choices.includes(v as T)) fail(field, `expected one of ${choices.join(', ')}`);
  return v as T;
}

function patternList(v: unknown, field: string, pattern: RegExp, what: string, max: number): string[] {
  if (!Array.isArray(v) || v.length === 0) fail(field, `expected a non-empty list of ${what}`);
  if (v.length > max) fail(field, `expected at most ${max} entries`);
  return v.map((x: unknown, i: number) => {
    if (typeof x !== 'string' || !pattern.test(x)) fail(`${field}[${i}]`, `expected ${what}`);
    return x;
  });
}

function finite(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(field, 'expected a finite number');
  return v;
}

/** Param defaults are the types a config can override and planwarden can bound-check. */
function paramDefault(v: unknown, field: string): JsonValue {
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return finite(v, field);
  if (Array.isArray(v) && v.length <= 1000 && v.every((x) => typeof x === 'string')) return [...(v as string[])];
  return fail(field, 'expected a boolean, a finite number, a string or a list of strings (the types a config override can be checked against)');
}

function paramSpec(raw: unknown, field: string): ParamSpec {
  if (!isObj(raw)) fail(field, 'expected { description, default, min?, max?, allowed? }');
  for (const key of Object.keys(raw)) if (!PARAM_KEYS.includes(key)) fail(`${field}.${key}`, `unknown field; expected one of ${PARAM_KEYS.join(', ')}`);
  const description = text(raw.description, `${field}.description`, 500);
  if (raw.default === undefined) fail(`${field}.default`, 'expected the default value');
  const def = paramDefault(raw.default, `${field}.default`);
  const spec: { description: string; default: JsonValue; min?: number; max?: number; allowed?: string[] } = { description, default: def };
  if (raw.min !== undefined || raw.max !== undefined) {
    if (typeof def !== 'number') fail(field, 'min and max are bounds of a number param');
    if (raw.min !== undefined) spec.min = finite(raw.min, `${field}.min`);
    if (raw.max !== undefined) spec.max = finite(raw.max, `${field}.max`);
    if (spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) fail(field, 'min is larger than max');
    if ((spec.min !== undefined && def < spec.min) || (spec.max !== undefined && def > spec.max)) fail(`${field}.default`, 'expected a default within min and max');
  }
  if (raw.allowed !== undefined) {
    const isText = typeof def === 'string' || Array.isArray(def);
    if (!isText) fail(`${field}.allowed`, 'allowed values are for string and string-list params');
    if (!Array.isArray(raw.allowed) || raw.allowed.length === 0 || raw.allowed.length > 1000 || !raw.allowed.every((x) => typeof x === 'string' && x !== '')) {
      fail(`${field}.allowed`, 'expected a non-empty list of non-empty strings');
    }
    spec.allowed = [...(raw.allowed as string[])];
    for (const x of Array.isArray(def) ? def : [def]) if (!spec.allowed.includes(x as string)) fail(`${field}.default`, `expected values among allowed (${JSON.stringify(x)} is not)`);
  }
  return Object.freeze(spec);
}

function params(raw: unknown): Record<string, ParamSpec> {
  if (raw === undefined) return Object.freeze({});
  if (!isPlainObject(raw)) fail('params', 'expected a plain object of { name: { description, default, ... } }');
  const names = Object.keys(raw);
  if (names.length > MAX_PARAMS) fail('params', `expected at most ${MAX_PARAMS} params`);
  const out: Record<string, ParamSpec> = {};
  for (const name of names) {
    if (!PARAM_NAME.test(name) || name === 'constructor' || name === 'prototype') fail(`params.${name}`, 'expected a param name of letters, digits and _ starting with a letter');
    out[name] = paramSpec(raw[name], `params.${name}`);
  }
  return Object.freeze(out);
}

function docs(raw: unknown): RuleDocs | undefined {
  if (raw === undefined) return undefined;
  if (!isObj(raw)) fail('docs', 'expected { defaults?, example?, anchors? }');
  for (const key of Object.keys(raw)) if (!DOCS_KEYS.includes(key)) fail(`docs.${key}`, `unknown field; expected one of ${DOCS_KEYS.join(', ')}`);
  const out: { defaults?: string; example?: { fail: string; pass: string }; anchors?: string[] } = {};
  if (raw.defaults !== undefined) out.defaults = text(raw.defaults, 'docs.defaults', 2000);
  if (raw.example !== undefined) {
    if (!isObj(raw.example)) fail('docs.example', 'expected { fail, pass } (short HCL examples)');
    out.example = { fail: text(raw.example.fail, 'docs.example.fail', 4000), pass: text(raw.example.pass, 'docs.example.pass', 4000) };
  }
  if (raw.anchors !== undefined) {
    if (!Array.isArray(raw.anchors) || raw.anchors.length > 20) fail('docs.anchors', 'expected a list of at most 20 strings');
    out.anchors = raw.anchors.map((a: unknown, i: number) => text(a, `docs.anchors[${i}]`, 200, true));
  }
  return Object.freeze(out);
}

function idOf(raw: unknown): string | undefined {
  return isObj(raw) && typeof raw.id === 'string' && raw.id.length <= MAX_ID_LENGTH ? raw.id : undefined;
}

/** Who already has an id ("a built-in rule id"), or undefined when it is free. */
export type IdOwner = (id: string) => string | undefined;

function ruleFrom(raw: unknown, patterns: RulePatterns, pluginLabel: string, ownerOf: IdOwner): Rule {
  if (!isObj(raw)) fail('(rule)', 'expected a rule object { id, title, family, severity, enforcement, hipaa, resourceTypes, rationale, remediation, params, check }');
  for (const key of Object.keys(raw)) if (!KEYS.includes(key)) fail(key, `unknown field; expected one of ${KEYS.join(', ')}`);
  const id = text(raw.id, 'id', MAX_ID_LENGTH, true);
  if (!PLUGIN_RULE_ID.test(id)) fail('id', 'expected capital letters and digits in dash-separated parts, e.g. ACME-S3-001');
  const owner = ownerOf(id);
  if (owner) fail('id', `${id} is ${owner}`);
  const reserved = RESERVED_PREFIXES.find((p) => id.startsWith(p));
  if (reserved) fail('id', `${reserved} is reserved for planwarden's own rules and customRules; use your own prefix, e.g. ACME-${id.slice(reserved.length)}`);
  const rule = {
    id,
    title: text(raw.title, 'title', 200, true),
    family: choice(raw.family, 'family', FAMILIES),
    severity: choice(raw.severity, 'severity', SEVERITIES),
    enforcement: choice(raw.enforcement, 'enforcement', ENFORCEMENTS),
    // A finding always cites the HIPAA Security Rule section it enforces (the report schema requires one).
    hipaa: Object.freeze(patternList(raw.hipaa, 'hipaa', patterns.hipaaCitation, 'a HIPAA Security Rule citation like 164.312(a)(2)(iv)', 20)),
    resourceTypes: Object.freeze(patternList(raw.resourceTypes, 'resourceTypes', patterns.resourceType, 'an AWS resource type like aws_s3_bucket, or *', 200)),
    rationale: text(raw.rationale, 'rationale', 2000),
    remediation: text(raw.remediation, 'remediation', 1000),
    params: params(raw.params),
  };
  const ruleDocs = docs(raw.docs);
  if (typeof raw.check !== 'function') fail('check', 'expected a function check(instance, ctx) returning outcomes');
  return Object.freeze({ ...rule, ...(ruleDocs ? { docs: ruleDocs } : {}), check: guardedCheck(raw as unknown as Rule, pluginLabel) });
}

/** The exported list and how to name its entries in messages ("rules[2]", "default"). */
function exportedList(exports: unknown): { list: unknown[]; name: (i: number) => string } {
  if (Array.isArray(exports)) return { list: exports, name: (i) => `module.exports[${i}]` };
  const hint = 'export `rules` (a list of rules), `default` (a rule or a list), or set module.exports to a list';
  if (!isObj(exports) && typeof exports !== 'function') throw new PluginProblem(`exports no rules; ${hint}`);
  const o = exports as Obj;
  const rules = o.rules;
  const def = o.default;
  if (rules !== undefined && def !== undefined && rules !== def) throw new PluginProblem('exports both `rules` and `default`; export the rule list one way');
  if (rules !== undefined) {
    if (!Array.isArray(rules)) throw new PluginProblem('exports `rules` that is not a list; export a list of rules');
    return { list: rules, name: (i) => `rules[${i}]` };
  }
  if (Array.isArray(def)) return { list: def, name: (i) => `default[${i}]` };
  if (isObj(def)) return { list: [def], name: () => 'default' };
  throw new PluginProblem(`exports no rules; ${hint}`);
}

/**
 * The validated rules of a plugin's exports. `pluginLabel` names the plugin in crash messages
 * of its checks; `ownerOf` says which ids are taken (built-in, customRules, other plugins).
 * Throws PluginProblem naming the entry, the rule id and the field.
 */
export function rulesFromExports(exports: unknown, patterns: RulePatterns, pluginLabel: string, ownerOf: IdOwner): Rule[] {
  let exported: { list: unknown[]; name: (i: number) => string };
  try {
    exported = exportedList(exports);
  } catch (err) {
    if (err instanceof PluginProblem) throw err;
    throw new PluginProblem('threw while its exports were read');
  }
  const { list, name } = exported;
  if (list.length === 0) throw new PluginProblem(`exports an empty list of rules (${name(0).replace(/\[0\]$/, '')})`);
  if (list.length > MAX_RULES_PER_PLUGIN) throw new PluginProblem(`exports ${list.length} rules; at most ${MAX_RULES_PER_PLUGIN} per plugin`);
  const seen = new Set<string>();
  return list.map((raw, i) => {
    const label = () => {
      let id: string | undefined;
      try {
        id = idOf(raw);
      } catch {
        // A getter that throws: the entry is named by its position only.
      }
      return `${name(i)}${id ? ` (${id})` : ''}`;
    };
    let rule: Rule;
    try {
      rule = ruleFrom(raw, patterns, pluginLabel, (id) => (seen.has(id) ? 'defined twice in this plugin' : ownerOf(id)));
    } catch (err) {
      if (err instanceof FieldProblem) throw new PluginProblem(`${label()}${err.field === '(rule)' ? '' : `.${err.field}`}: ${err.expected}`);
      // A getter on the plugin's object threw while it was read.
      throw new PluginProblem(`${label()}: reading the rule threw an exception`);
    }
    seen.add(rule.id);
    return rule;
  });
}
