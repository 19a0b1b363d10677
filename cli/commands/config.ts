/**
 * `planwarden config validate [--config FILE]`: exit 0 when `check` would accept the config,
 * 2 with the first error (file, key path, what is expected). "Would accept" includes what
 * depends on the day: a waiver further ahead than waiverPolicy.maxDays.
 */
import { findConfigFile, loadConfig, pluginNotices, resolveRun, withCustomRules } from '../../policies/engine/config';
import { InputError } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { EXIT } from '../errors';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export interface ConfigValidateArgs {
  config?: string;
  /** --plugin FILE (repeatable): plugins `check` will be given, whose rule ids the config may name. */
  plugins?: string[];
  /** --no-plugins: validate as `check --no-plugins` would, without running the config's plugins. */
  noPlugins?: boolean;
}

export function runConfigValidateCommand(args: ConfigValidateArgs, now: Date = new Date(), cwd: string = process.cwd()): number {
  const file = args.config ?? findConfigFile(cwd);
  if (file === undefined) throw new InputError('no planwarden.config.json or .yaml in this directory; name one with --config, or create one with `planwarden init`');
  // Plugins are loaded and every rule they export validated, exactly as `check` would.
  const { config, weakened } = loadConfig(file, cwd, ALL_RULES, { cli: args.plugins ?? [], skipConfigPlugins: args.noPlugins === true });
  resolveRun(config, withCustomRules(ALL_RULES, config), { changedOnly: false }, now);
  const parts = [
    plural(Object.keys(config.rules).length, 'rule override'),
    plural(config.waivers.length, 'waiver'),
    plural((config.customRules ?? []).length, 'custom rule'),
  ];
  const plugins = config.plugins?.records ?? [];
  const loaded = plugins.filter((p) => p.loaded);
  if (loaded.length > 0) parts.push(`${plural(loaded.length, 'plugin')} with ${plural(config.plugins?.rules.length ?? 0, 'rule')}`);
  const lines = [`${file}: valid (${parts.join(', ')})`];
  for (const p of loaded) lines.push(`plugin ${p.path} (${p.declaredBy}): ${p.ruleIds.join(', ')}`);
  for (const notice of pluginNotices(config)) lines.push(`notice: ${notice}`);
  for (const w of weakened) lines.push(`weaker than HIPAA asks (allowWeakerThanHipaa): ${w}`);
  process.stdout.write(lines.join('\n') + '\n');
  return EXIT.pass;
}
