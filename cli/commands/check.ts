/** `planwarden check <plan...>`: evaluate plans against the pack and gate CI with the exit code. */
import * as fs from 'node:fs';
import { defaultSettings, runCheck } from '../../policies/engine/check';
import { resolveSources } from '../../policies/engine/load';
import { parseSelectors, selectRules } from '../../policies/engine/select';
import { InputError, type UnknownPolicy } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { EXIT } from '../errors';
import { parseOutputs, writeOutput } from '../output';
import { FORMAT_NAMES, REPORTERS } from '../reporters';

export interface CheckArgs {
  plans: string[];
  format: string[];
  output?: string;
  only: string[];
  skip: string[];
  unknown: UnknownPolicy;
  changedOnly: boolean;
  overrideSoft?: string;
}

function readStdin(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch {
    throw new InputError('cannot read standard input; pipe the plan JSON in, or pass a file path instead of -');
  }
}

export function runCheckCommand(args: CheckArgs): number {
  const targets = parseOutputs(args.format, args.output, FORMAT_NAMES);
  const rules = selectRules(ALL_RULES, parseSelectors(args.only), parseSelectors(args.skip));
  const sources = resolveSources(args.plans, readStdin);
  const report = runCheck({
    sources,
    rules,
    options: {
      unknownPolicy: args.unknown,
      changedOnly: args.changedOnly,
      overrideSoft: args.overrideSoft,
      settingsFor: defaultSettings,
    },
  });
  const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
  for (const target of targets) {
    const render = REPORTERS[target.format];
    writeOutput(target.file, render(report, { color: target.file === undefined && color }));
  }
  return report.summary.blocking > 0 ? EXIT.blocking : EXIT.pass;
}
