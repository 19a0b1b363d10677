/**
 * The `customRules` section of the config: declarative rules validated here, compiled into
 * ordinary `Rule`s by policies/engine/custom-rules. A path that could run code, a pattern the
 * linear-time matcher cannot run, or an id that collides with the pack is a config error (exit 2).
 */
import { compileCustomRule, compileSafePattern, CUSTOM_RULE_PREFIX, parseSafePath, type CustomRuleDefinition, type PredicateSpec, type Scalar } from '../custom-rules';
import { ENFORCEMENTS, FAMILIES, SEVERITIES, type Rule } from '../types';
import type { PlanwardenConfig } from './model';
import type { Validator } from './validate';

const MAX_CUSTOM_RULES = 200;
const MAX_IN_VALUES = 1000;
const ID = /^CUSTOM-[A-Z0-9][A-Z0-9-]{0,39}$/;
/** Shared with rule plugins (config/plugins.ts), so both kinds of user rule accept the same. */
export const HIPAA_CITATION = /^164\.\d{3}(\([A-Za-z0-9]{1,4}\)){0,5}$/;
export const RESOURCE_TYPE = /^(aws_[a-z0-9_]{1,100}|\*)$/;
const KEYS = ['id', 'title', 'family', 'severity', 'enforcement', 'hipaa', 'resourceTypes', 'path', 'predicate', 'message', 'remediation', 'rationale', 'phiOnly'];
const PREDICATE_KEYS = ['exists', 'equals', 'in', 'matches', 'gte', 'lte'];

function bounded(v: Validator, value: unknown, path: string, max: number): string {
  const text = v.text(value, path);
  if (text.length > max) v.fail(path, `expected at most ${max} characters`);
  return text;
}

function scalar(v: Validator, value: unknown, path: string): Scalar {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) return value;
  return v.fail(path, 'expected a string, number or true/false');
}

function finiteNumber(v: Validator, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) v.fail(path, 'expected a number');
  return value;
}

function validatePredicate(v: Validator, raw: unknown, path: string): PredicateSpec {
  const o = v.object(raw, path);
  v.keys(o, path, PREDICATE_KEYS);
  const present = Object.keys(o);
  const isRange = present.length === 2 && present.includes('gte') && present.includes('lte');
  if (present.length !== 1 && !isRange) v.fail(path, `expected exactly one of ${PREDICATE_KEYS.join(', ')} (or gte and lte together)`);
  if (o.exists !== undefined) return { exists: v.bool(o.exists, `${path}.exists`) };
  if (o.equals !== undefined) return { equals: scalar(v, o.equals, `${path}.equals`) };
  if (o.in !== undefined) {
    const list: unknown = o.in;
    if (!Array.isArray(list) || list.length === 0 || list.length > MAX_IN_VALUES) v.fail(`${path}.in`, `expected a list of 1 to ${MAX_IN_VALUES} values`);
    return { in: list.map((x: unknown, i: number) => scalar(v, x, `${path}.in[${i}]`)) };
  }
  if (o.matches !== undefined) {
    const pattern = v.text(o.matches, `${path}.matches`);
    try {
      compileSafePattern(pattern);
    } catch (err) {
      v.fail(`${path}.matches`, `unsupported pattern: ${(err as Error).message}`);
    }
    return { matches: pattern };
  }
  const gte = o.gte === undefined ? undefined : finiteNumber(v, o.gte, `${path}.gte`);
  const lte = o.lte === undefined ? undefined : finiteNumber(v, o.lte, `${path}.lte`);
  if (gte !== undefined && lte !== undefined && gte > lte) v.fail(path, 'gte is larger than lte; no value could pass');
  return { ...(gte !== undefined ? { gte } : {}), ...(lte !== undefined ? { lte } : {}) };
}

/** Validates `customRules`; `pack` is the built-in rules, whose ids a custom rule may not take. */
export function validateCustomRules(v: Validator, raw: unknown, pack: readonly Rule[]): CustomRuleDefinition[] {
  if (!Array.isArray(raw)) return v.fail('customRules', 'expected a list of rules');
  if (raw.length > MAX_CUSTOM_RULES) v.fail('customRules', `expected at most ${MAX_CUSTOM_RULES} rules`);
  const seen = new Set<string>();
  return raw.map((item: unknown, i: number): CustomRuleDefinition => {
    const at = `customRules[${i}]`;
    const o = v.object(item, at);
    v.keys(o, at, KEYS);
    const id = v.text(o.id, `${at}.id`);
    if (!ID.test(id)) v.fail(`${at}.id`, `expected ${CUSTOM_RULE_PREFIX} then 1-40 capital letters, digits or dashes, e.g. CUSTOM-S3-001`);
    if (pack.some((r) => r.id.toUpperCase() === id)) v.fail(`${at}.id`, `${id} is a built-in rule id`);
    if (seen.has(id)) v.fail(`${at}.id`, `${id} is defined twice`);
    seen.add(id);
    // Field by field in the documented order, so the first error is the first bad key.
    const title = bounded(v, o.title, `${at}.title`, 200);
    const family = v.choice(o.family, `${at}.family`, FAMILIES);
    const severity = v.choice(o.severity, `${at}.severity`, SEVERITIES);
    const enforcement = v.choice(o.enforcement, `${at}.enforcement`, ENFORCEMENTS);
    // Every finding names the HIPAA section it serves (the report schema requires one), so a rule must cite one.
    const hipaa = v.stringList(o.hipaa, `${at}.hipaa`);
    if (hipaa.length === 0) v.fail(`${at}.hipaa`, 'expected at least one HIPAA Security Rule citation like 164.312(a)(2)(iv)');
    hipaa.forEach((c, j) => {
      if (!HIPAA_CITATION.test(c)) v.fail(`${at}.hipaa[${j}]`, 'expected a HIPAA Security Rule citation like 164.312(a)(2)(iv)');
    });
    const resourceTypes = v.stringList(o.resourceTypes, `${at}.resourceTypes`);
    resourceTypes.forEach((t, j) => {
      if (!RESOURCE_TYPE.test(t)) v.fail(`${at}.resourceTypes[${j}]`, 'expected an AWS resource type like aws_s3_bucket, or *');
    });
    const pathText = bounded(v, o.path, `${at}.path`, 512);
    try {
      parseSafePath(pathText);
    } catch (err) {
      v.fail(`${at}.path`, `unsafe or unsupported JSONPath: ${(err as Error).message}`);
    }
    if (o.predicate === undefined) v.fail(`${at}.predicate`, `expected one of ${PREDICATE_KEYS.join(', ')}`);
    const def: CustomRuleDefinition = {
      id,
      title,
      family,
      severity,
      enforcement,
      hipaa,
      resourceTypes,
      path: pathText,
      predicate: validatePredicate(v, o.predicate, `${at}.predicate`),
      message: bounded(v, o.message, `${at}.message`, 500),
      remediation: bounded(v, o.remediation, `${at}.remediation`, 1000),
    };
    if (o.rationale !== undefined) def.rationale = bounded(v, o.rationale, `${at}.rationale`, 2000);
    if (o.phiOnly !== undefined) def.phiOnly = v.bool(o.phiOnly, `${at}.phiOnly`);
    return def;
  });
}

/** The config's custom rules as Rules (compiling is cheap: a path parse and a small automaton). */
export function customRulesOf(config: PlanwardenConfig): Rule[] {
  return (config.customRules ?? []).map(compileCustomRule);
}

/**
 * The pack plus the config's custom rules and the run's plugin rules (loaded with the config,
 * config/plugins.ts): what `--only`, `--skip` and resolveRun should see.
 */
export function withCustomRules(pack: readonly Rule[], config: PlanwardenConfig): Rule[] {
  return [...pack, ...customRulesOf(config), ...(config.plugins?.rules ?? [])];
}
