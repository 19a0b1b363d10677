/**
 * Baselines on the command line:
 * - `planwarden baseline <plan...> --output baseline.json` records the findings of today's
 *   plan (the same JSON report `check --format json` writes), exiting 0 whatever it found:
 *   recording debt is not failing on it.
 * - `planwarden check <plan...> --baseline baseline.json` uses `applyBaselineFile` so only new
 *   or worsened findings block; the comparison itself is policies/engine/baseline.ts.
 */
import { applyBaseline, type BaselineEntry, type Move } from '../../policies/engine/baseline';
import { InputError, type Report, type UnknownPolicy } from '../../policies/engine/types';
import { EXIT } from '../errors';
import { readReportFile } from '../integrations/report-file';

export interface BaselineArgs {
  plans: string[];
  output?: string;
  config?: string;
  only: string[];
  skip: string[];
  unknown: UnknownPolicy | undefined;
  /** --plugin / --no-plugins, as for check: plugin rules make findings too. */
  plugins?: string[];
  noPlugins?: boolean;
}

export function runBaselineCommand(args: BaselineArgs): number | Promise<number> {
  // Every option that changes which findings exist or how bad they are is shared with check,
  // so a baseline made with the same options compares like with like. --changed-only is not
  // offered: a baseline of only the changed resources would make every other finding "new".
  // Required lazily: check.ts imports this module for --baseline.
  const { runCheckCommand } = require('./check') as typeof import('./check');
  const code = runCheckCommand({
    plans: args.plans,
    format: ['json'],
    output: args.output,
    config: args.config,
    only: args.only,
    skip: args.skip,
    unknown: args.unknown,
    changedOnly: false,
    plugins: args.plugins,
    noPlugins: args.noPlugins,
  });
  // Writing a baseline records findings; having some is not a failure.
  const settle = (c: number) => (c === EXIT.blocking ? EXIT.pass : c);
  return typeof code === 'number' ? settle(code) : code.then(settle);
}

export interface LoadedBaseline {
  label: string;
  entries: BaselineEntry[];
}

/** Read before the check runs, so a wrong path fails in a second rather than after the evaluation. */
export function readBaseline(file: string): LoadedBaseline {
  if (file === '-') throw new InputError('--baseline needs a file; standard input is for plans');
  const report = readReportFile(file);
  return { label: file, entries: report.findings };
}

/** Applies the baseline to the report `check` is about to render (check.ts mutates its report the same way for waivers). */
export function applyBaselineFile(report: Report, baseline: LoadedBaseline, moves: readonly Move[]): void {
  const compared = applyBaseline(report, baseline.entries, moves, baseline.label);
  report.findings = compared.findings;
  report.summary = compared.summary;
  report.notices = compared.notices;
}

