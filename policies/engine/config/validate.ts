/**
 * Validates a parsed config document against the rule pack. Unknown keys and bad values are
 * errors naming the file, the key path and what is expected (exit 2), never silently ignored.
 * Hand-written rather than a JSON-schema validator: the checks depend on the loaded rules
 * (ids, params and their bounds), and `check` stays free of a schema compiler at start-up.
 */
import { ENFORCEMENTS, FAMILIES, InputError, SEVERITIES, type JsonValue, type Rule } from '../types';
import { customRulesOf, validateCustomRules } from './custom-rules';
import { emptyConfig, type PlanwardenConfig, type RuleOverride, type WaiverConfig } from './model';
import { loadPlugins, pluginsSkipped, validatePluginList, type PluginRequest } from './plugins';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Exported for the sections validated in their own files (customRules); same messages. */
export class Validator {
  constructor(private readonly file: string) {}

  fail(path: string, expected: string): never {
    throw new InputError(`${this.file}: ${path}: ${expected}`);
  }

  keys(obj: Obj, path: string, allowed: readonly string[]): void {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(path === '' ? key : `${path}.${key}`, `unknown key; expected one of ${allowed.join(', ')}`);
    }
  }

  object(v: unknown, path: string): Obj {
    if (!isObj(v)) this.fail(path, 'expected an object');
    return v;
  }

  bool(v: unknown, path: string): boolean {
    if (typeof v !== 'boolean') this.fail(path, 'expected true or false');
    return v;
  }

  text(v: unknown, path: string): string {
    if (typeof v !== 'string' || v.trim() === '') this.fail(path, 'expected a non-empty string');
    return v;
  }

  choice<T extends string>(v: unknown, path: string, choices: readonly T[]): T {
    if (typeof v !== 'string' || !choices.includes(v as T)) this.fail(path, `expected one of ${choices.join(', ')}`);
    return v as T;
  }

  stringList(v: unknown, path: string): string[] {
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.length === 0) this.fail(path, 'expected a string or a non-empty list of strings');
    return list.map((x, i) => this.text(x, `${path}[${i}]`));
  }
}

function typeName(v: JsonValue | unknown): string {
  if (Array.isArray(v)) return 'list';
  return v === null ? 'null' : typeof v;
}

function validateParam(v: Validator, rule: Rule, name: string, value: unknown, path: string, weakerAllowed: boolean, weakened: string[]): JsonValue {
  const spec = rule.params[name];
  if (!spec) v.fail(path, `${rule.id} has no param "${name}"; its params are ${Object.keys(rule.params).join(', ') || 'none'}`);
  if (typeName(value) !== typeName(spec.default)) v.fail(path, `expected a ${typeName(spec.default)} like ${JSON.stringify(spec.default)}`);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) v.fail(path, 'expected a finite number');
    if (spec.max !== undefined && value > spec.max) v.fail(path, `expected at most ${spec.max}`);
    if (spec.min !== undefined && value < spec.min) {
      if (!weakerAllowed) v.fail(path, `expected at least ${spec.min} (the HIPAA-safe bound); set allowWeakerThanHipaa: true to go lower`);
      if (value < 0) v.fail(path, 'expected a number of at least 0');
      weakened.push(`${rule.id} ${name} = ${value} (below the HIPAA-safe ${spec.min})`);
    }
  }
  if (Array.isArray(value)) value.forEach((x, i) => v.text(x, `${path}[${i}]`));
  if (spec.allowed) {
    for (const x of Array.isArray(value) ? value : [value]) {
      if (typeof x !== 'string' || !spec.allowed.includes(x)) v.fail(path, `expected ${Array.isArray(value) ? 'values' : 'a value'} among ${spec.allowed.join(', ')}`);
    }
  }
  return value as JsonValue;
}

function ruleSelectorKnown(selector: string, rules: readonly Rule[]): boolean {
  if (/[*?]/.test(selector)) return true;
  const s = selector.toLowerCase();
  return FAMILIES.includes(s as never) || rules.some((r) => r.id.toLowerCase() === s);
}

export interface ValidatedConfig {
  config: PlanwardenConfig;
  /** Thresholds set weaker than HIPAA asks, for the report's first line. */
  weakened: string[];
}

/**
 * `plugins` is what the command line says about rule plugins (--plugin, --no-plugins); the
 * config's own `plugins` are loaded here too, before overrides and waivers, which may name
 * plugin rules like built-in ones.
 */
export function validateConfig(raw: unknown, file: string, rules: readonly Rule[], plugins: PluginRequest = {}): ValidatedConfig {
  const v: Validator = new Validator(file);
  const doc = v.object(raw, '(top level)');
  v.keys(doc, '', ['$schema', 'rules', 'waivers', 'waiverPolicy', 'phiScope', 'unknown', 'allowWeakerThanHipaa', 'customRules', 'plugins']);
  const config = emptyConfig();
  config.file = file;
  if (doc.customRules !== undefined) {
    config.customRules = validateCustomRules(v, doc.customRules, rules);
    // Overrides and waivers below may name custom rules like built-in ones.
    rules = [...rules, ...customRulesOf(config)];
  }
  const declared = doc.plugins === undefined ? [] : validatePluginList(v, doc.plugins);
  config.plugins = loadPlugins({ v, configFile: file, declared, request: plugins, taken: rules });
  rules = [...rules, ...config.plugins.rules];
  // Under --no-plugins the config's plugin rules are unknown: an override or waiver naming an
  // id no loaded rule has may be theirs, so it is not an error (it applies to nothing this run).
  const unknownIdsAllowed = pluginsSkipped(config);
  const weakened: string[] = [];
  if (doc.allowWeakerThanHipaa !== undefined) config.allowWeakerThanHipaa = v.bool(doc.allowWeakerThanHipaa, 'allowWeakerThanHipaa');
  if (doc.unknown !== undefined) config.unknown = v.choice(doc.unknown, 'unknown', ['pass', 'warn', 'fail'] as const);

  if (doc.rules !== undefined) {
    for (const [key, body] of Object.entries(v.object(doc.rules, 'rules'))) {
      const path = `rules.${key}`;
      const family = FAMILIES.find((f) => f === key.toLowerCase());
      const rule = rules.find((r) => r.id.toLowerCase() === key.toLowerCase());
      if (!family && !rule && !unknownIdsAllowed) v.fail(path, `no rule or family "${key}"; run \`planwarden rules\` (families: ${FAMILIES.join(', ')})`);
      const o = v.object(body, path);
      v.keys(o, path, ['enabled', 'severity', 'enforcement', 'params']);
      const override: RuleOverride = {};
      if (o.enabled !== undefined) override.enabled = v.bool(o.enabled, `${path}.enabled`);
      if (o.severity !== undefined) override.severity = v.choice(o.severity, `${path}.severity`, SEVERITIES);
      if (o.enforcement !== undefined) override.enforcement = v.choice(o.enforcement, `${path}.enforcement`, ENFORCEMENTS);
      // A skipped plugin's rule: its params cannot be checked, and it does not run.
      if (!family && !rule) continue;
      if (o.params !== undefined) {
        override.params = {};
        const targets = rule ? [rule] : rules.filter((r) => r.family === family);
        for (const [name, value] of Object.entries(v.object(o.params, `${path}.params`))) {
          const having = targets.filter((r) => name in r.params);
          if (having.length === 0) v.fail(`${path}.params.${name}`, `no rule in ${key} has a param "${name}"`);
          for (const r of having) override.params[name] = validateParam(v, r, name, value, `${path}.params.${name}`, config.allowWeakerThanHipaa, weakened);
        }
      }
      config.rules[rule ? rule.id : family!] = override;
    }
  }

  if (doc.waiverPolicy !== undefined) {
    const o = v.object(doc.waiverPolicy, 'waiverPolicy');
    v.keys(o, 'waiverPolicy', ['maxDays', 'requireApprover']);
    const maxDays = o.maxDays;
    if (maxDays !== undefined) {
      if (typeof maxDays !== 'number' || !Number.isInteger(maxDays) || maxDays < 1 || maxDays > 1095) v.fail('waiverPolicy.maxDays', 'expected a whole number of days from 1 to 1095');
      config.waiverPolicy.maxDays = maxDays;
    }
    if (o.requireApprover !== undefined) config.waiverPolicy.requireApprover = v.bool(o.requireApprover, 'waiverPolicy.requireApprover');
  }

  if (doc.waivers !== undefined) {
    const list: unknown = doc.waivers;
    if (!Array.isArray(list)) v.fail('waivers', 'expected a list of waivers');
    config.waivers = list.map((w: unknown, i: number): WaiverConfig => {
      const path = `waivers[${i}]`;
      const o = v.object(w, path);
      v.keys(o, path, ['rule', 'address', 'reason', 'expires', 'ticket', 'owner', 'approver', 'hipaaControl']);
      const rule = v.stringList(o.rule, `${path}.rule`);
      rule.forEach((r, j) => {
        if (!ruleSelectorKnown(r, rules) && !unknownIdsAllowed) v.fail(`${path}.rule[${j}]`, `no rule or family "${r}"`);
      });
      const address = v.text(o.address, `${path}.address`);
      if (address.length > 1024) v.fail(`${path}.address`, 'expected a glob of at most 1024 characters');
      const reason = v.text(o.reason, `${path}.reason`);
      if (o.expires === undefined) v.fail(`${path}.expires`, 'every waiver needs an expiry date (YYYY-MM-DD)');
      const expires = v.text(o.expires, `${path}.expires`);
      if (!isValidDate(expires)) v.fail(`${path}.expires`, 'expected a date YYYY-MM-DD');
      const waiver: WaiverConfig = { rule, address, reason, expires };
      for (const key of ['ticket', 'owner', 'approver', 'hipaaControl'] as const) {
        if (o[key] !== undefined) waiver[key] = v.text(o[key], `${path}.${key}`);
      }
      if (config.waiverPolicy.requireApprover && !waiver.approver) v.fail(`${path}.approver`, 'waiverPolicy.requireApprover is set: name the approver');
      if (waiver.approver && waiver.owner && waiver.approver.trim().toLowerCase() === waiver.owner.trim().toLowerCase()) {
        v.fail(`${path}.approver`, 'the approver must be a different person from the owner');
      }
      return waiver;
    });
  }

  if (doc.phiScope !== undefined) {
    const o = v.object(doc.phiScope, 'phiScope');
    v.keys(o, 'phiScope', ['all', 'tags', 'modules']);
    const tags: Record<string, string[]> = {};
    if (o.tags !== undefined) {
      for (const [k, values] of Object.entries(v.object(o.tags, 'phiScope.tags'))) tags[k] = v.stringList(values, `phiScope.tags.${k}`);
    }
    const modules = o.modules === undefined ? [] : v.stringList(o.modules, 'phiScope.modules');
    const narrowed = Object.keys(tags).length > 0 || modules.length > 0;
    const all = o.all === undefined ? !narrowed : v.bool(o.all, 'phiScope.all');
    if (!all && !narrowed) v.fail('phiScope', 'with all: false, name tags or modules that mark PHI resources');
    config.phiScope = { all, tags, modules };
  }
  return { config, weakened };
}
