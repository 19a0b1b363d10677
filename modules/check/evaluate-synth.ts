/**
 * Runs the rule pack on CDKTF synth output (a stack's `toTerraform()` object or `cdk.tf.json`
 * text). The engine and the rules never import cdktf; this bridge lives with the constructs.
 */
import { loadConfig, resolveRun, withCustomRules } from '../../policies/engine/config';
import { emptyConfig } from '../../policies/engine/config/model';
import { runCheck } from '../../policies/engine/check';
import { loadDocument } from '../../policies/engine/load';
import { parseSelectors, selectRules } from '../../policies/engine/select';
import type { JsonValue, Report, UnknownPolicy } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';

export interface SynthCheckOptions {
  /** A planwarden.config.json/.yaml to apply (overrides, waivers, PHI scope). Default: none. */
  configFile?: string;
  /** What a value known only after apply does; default: the config's, else warn. */
  unknown?: UnknownPolicy;
  /** Rule ids or families to run / skip. */
  only?: string[];
  skip?: string[];
  /** Name for the input in reports (default: the stack name or 'cdk.tf.json'). */
  label?: string;
  /** Clock for waiver expiry; default now. */
  now?: Date;
}

export function evaluateSynth(synth: string | object, options: SynthCheckOptions = {}): Report {
  const doc = (typeof synth === 'string' ? JSON.parse(synth) : JSON.parse(JSON.stringify(synth))) as JsonValue;
  const label = options.label ?? 'cdk.tf.json';
  // Only an explicitly named config applies: a synth run should not pick up a stray file from the cwd.
  const { config, weakened } = options.configFile ? loadConfig(options.configFile, process.cwd(), ALL_RULES) : { config: emptyConfig(), weakened: [] };
  // Custom and plugin rules of the named config run here as in `check`.
  const selected = selectRules(withCustomRules(ALL_RULES, config), parseSelectors(options.only), parseSelectors(options.skip));
  const run = resolveRun(config, selected, { unknown: options.unknown, changedOnly: false }, options.now ?? new Date());
  const report = runCheck({
    sources: [{ label, bytes: () => Buffer.alloc(0) }],
    rules: run.rules,
    options: run.options,
    extras: { weakerThanHipaa: weakened },
    load: () => loadDocument(doc, label, 0),
  });
  report.waivers = run.waivers.uses();
  report.notices = run.waivers.notices();
  return report;
}
