/** Turns a validated config into what the evaluator needs: rules in effect, settings, waivers, scope. */
import { defaultSettings } from '../check';
import type { EvaluationOptions, RuleSettings } from '../evaluate';
import { InputError, type Rule, type UnknownPolicy } from '../types';
import type { PlanwardenConfig } from './model';
import { phiScopeFrom } from './scope';
import { utcDay, WaiverBook } from './waivers';

export { loadConfig, findConfigFile, CONFIG_NAMES } from './load';
export { WaiverBook, utcDay, WAIVER_TAG } from './waivers';
export type { PlanwardenConfig, PluginRecord, PluginSet } from './model';
export { loadPlugins, pluginNotices, type PluginRequest } from './plugins';
export { withCustomRules, customRulesOf } from './custom-rules';
export { reviewWaivers, type WaiverReview, type ReviewedWaiver, type ReviewStatus } from './waiver-review';

export function settingsFor(config: PlanwardenConfig): (rule: Rule) => RuleSettings {
  return (rule) => {
    const base = defaultSettings(rule);
    for (const override of [config.rules[rule.family], config.rules[rule.id]]) {
      if (!override) continue;
      if (override.severity) base.severity = override.severity;
      if (override.enforcement) base.enforcement = override.enforcement;
      for (const [name, value] of Object.entries(override.params ?? {})) if (name in rule.params) base.params = { ...base.params, [name]: value };
    }
    return base;
  };
}

export function enabledRules(rules: readonly Rule[], config: PlanwardenConfig): Rule[] {
  return rules.filter((r) => (config.rules[r.id]?.enabled ?? config.rules[r.family]?.enabled ?? true) !== false);
}

export interface ResolvedRun {
  rules: Rule[];
  options: EvaluationOptions;
  waivers: WaiverBook;
}

export function resolveRun(
  config: PlanwardenConfig,
  rules: readonly Rule[],
  flags: { unknown?: UnknownPolicy; changedOnly: boolean; overrideSoft?: string },
  now: Date,
): ResolvedRun {
  const today = utcDay(now);
  const waivers = new WaiverBook(config.waivers, rules, today, config.waiverPolicy.maxDays);
  const tooFar = waivers.tooFarAhead()[0];
  if (tooFar) {
    throw new InputError(
      `${config.file}: waivers[${tooFar.index}].expires: ${tooFar.expires} is more than ${config.waiverPolicy.maxDays} days ahead (waiverPolicy.maxDays); waivers are temporary`,
    );
  }
  return {
    rules: enabledRules(rules, config),
    waivers,
    options: {
      unknownPolicy: flags.unknown ?? config.unknown ?? 'warn',
      changedOnly: flags.changedOnly,
      overrideSoft: flags.overrideSoft,
      settingsFor: settingsFor(config),
      waivers,
      phiScope: phiScopeFrom(config.phiScope),
    },
  };
}
