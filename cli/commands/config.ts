/**
 * `planwarden config validate [--config FILE]`: exit 0 when `check` would accept the config,
 * 2 with the first error (file, key path, what is expected). "Would accept" includes what
 * depends on the day: a waiver further ahead than waiverPolicy.maxDays.
 */
import { findConfigFile, loadConfig, resolveRun, withCustomRules } from '../../policies/engine/config';
import { InputError } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { EXIT } from '../errors';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function runConfigValidateCommand(args: { config?: string }, now: Date = new Date(), cwd: string = process.cwd()): number {
  const file = args.config ?? findConfigFile(cwd);
  if (file === undefined) throw new InputError('no planwarden.config.json or .yaml in this directory; name one with --config, or create one with `planwarden init`');
  const { config, weakened } = loadConfig(file, cwd, ALL_RULES);
  resolveRun(config, withCustomRules(ALL_RULES, config), { changedOnly: false }, now);
  const parts = [
    plural(Object.keys(config.rules).length, 'rule override'),
    plural(config.waivers.length, 'waiver'),
    plural((config.customRules ?? []).length, 'custom rule'),
  ];
  const lines = [`${file}: valid (${parts.join(', ')})`];
  for (const w of weakened) lines.push(`weaker than HIPAA asks (allowWeakerThanHipaa): ${w}`);
  process.stdout.write(lines.join('\n') + '\n');
  return EXIT.pass;
}
