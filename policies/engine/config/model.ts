/** The planwarden config file (planwarden.config.json / .yaml), as validated. */
import type { CustomRuleDefinition } from '../custom-rules';
import type { Enforcement, JsonValue, Rule, Severity, UnknownPolicy } from '../types';

export interface RuleOverride {
  enabled?: boolean;
  severity?: Severity;
  enforcement?: Enforcement;
  params?: Record<string, JsonValue>;
}

export interface WaiverConfig {
  rule: string[];
  address: string;
  reason: string;
  /** YYYY-MM-DD; the waiver holds through the end of that day, UTC. */
  expires: string;
  ticket?: string;
  owner?: string;
  approver?: string;
  hipaaControl?: string;
}

export interface PhiScopeConfig {
  all: boolean;
  tags: Record<string, string[]>;
  modules: string[];
}

export interface PlanwardenConfig {
  /** Where it was read from, for messages; undefined when no config file was found. */
  file: string | undefined;
  rules: Record<string, RuleOverride>;
  waivers: WaiverConfig[];
  waiverPolicy: { maxDays: number; requireApprover: boolean };
  phiScope: PhiScopeConfig;
  unknown: UnknownPolicy | undefined;
  allowWeakerThanHipaa: boolean;
  /** Declarative rules the config adds (customRules); optional so older literals still type-check. */
  customRules?: CustomRuleDefinition[];
  /**
   * The rule plugins of this run: the config's `plugins` and `--plugin` files, loaded or (for the
   * config's, under --no-plugins) skipped. Code, not data, so it is kept apart from the rest;
   * see config/plugins.ts. Optional so older literals still type-check.
   */
  plugins?: PluginSet;
}

/** One plugin file of a run, as reports and evidence describe it. */
export interface PluginRecord {
  /** Absolute path of the file. */
  path: string;
  /** Where it was named: `plugins[0]` (the config's list) or `--plugin`. */
  declaredBy: string;
  /** False when --no-plugins kept a config plugin from running: its rules did not run. */
  loaded: boolean;
  /** SHA-256 (hex) and size of the file's bytes as loaded; null when not loaded. */
  sha256: string | null;
  bytes: number | null;
  /** Ids of the rules it provides, in its own order (empty when not loaded). */
  ruleIds: string[];
}

export interface PluginSet {
  records: PluginRecord[];
  /** Every loaded plugin's rules, validated and guarded (plugins in the order named). */
  rules: Rule[];
}

export function emptyConfig(): PlanwardenConfig {
  return {
    file: undefined,
    rules: {},
    waivers: [],
    waiverPolicy: { maxDays: 365, requireApprover: false },
    phiScope: { all: true, tags: {}, modules: [] },
    unknown: undefined,
    allowWeakerThanHipaa: false,
    customRules: [],
    plugins: { records: [], rules: [] },
  };
}
