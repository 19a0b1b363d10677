/** The planwarden config file (planwarden.config.json / .yaml), as validated. */
import type { CustomRuleDefinition } from '../custom-rules';
import type { Enforcement, JsonValue, Severity, UnknownPolicy } from '../types';

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
  };
}
