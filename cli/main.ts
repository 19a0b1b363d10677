#!/usr/bin/env node
/**
 * planwarden's command line. Exit codes: 0 nothing blocking, 1 blocking findings,
 * 2 bad input / usage / config, 3 internal error. A crash never exits 0.
 */
import yargs from 'yargs';
import { InputError } from '../policies/engine/types';
import { EXIT, reportError } from './errors';

function finish(run: () => number): void {
  try {
    process.exitCode = run();
  } catch (err) {
    process.exitCode = reportError(err);
  }
}

/** yargs drops a lone `-` argument, so stdin is carried through parsing under another name. */
const STDIN_ARG = '\u0000stdin';

function stringList(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => (String(v) === STDIN_ARG ? '-' : String(v)));
}

/** yargs' messages can span lines ("Invalid values:\n  Argument: ..."); the contract is one line. */
function usageLine(message: string): string {
  return message.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
}

export function main(argv: string[]): void {
  yargs(argv.map((a) => (a === '-' ? STDIN_ARG : a)))
    .scriptName('planwarden')
    .usage('$0 <command> [options]\n\nHIPAA policy checks for Terraform plans on AWS.')
    .command(
      'check <plans..>',
      'evaluate plan JSON files (terraform show -json), CDKTF synth output or cdktf.out folders; - reads stdin',
      (y) =>
        y
          // Options are not `array: true`: an array option swallows the plan path after it
          // (`--format json plan.json`); repeating the option still collects a list.
          .positional('plans', { type: 'string', array: true, describe: 'plan JSON files, cdk.tf.json, cdktf.out folders, or -' })
          .option('format', { type: 'string', describe: 'text|json|sarif|junit|markdown|github (repeatable; NAME=FILE writes to a file)' })
          .option('output', { type: 'string', describe: 'file for the format without =FILE (default: stdout)' })
          .option('source-dir', { type: 'string', describe: 'root module folder: SARIF and GitHub annotations point at the .tf line' })
          .option('config', { type: 'string', describe: 'planwarden.config.json or .yaml (default: found in the working directory)' })
          .option('only', { type: 'string', describe: 'rule ids or families to run (comma-separated or repeated)' })
          .option('skip', { type: 'string', describe: 'rule ids or families to skip' })
          .option('unknown', { choices: ['pass', 'warn', 'fail'] as const, describe: 'what a value known only after apply does (default: the config, else warn)' })
          .option('changed-only', { type: 'boolean', default: false, describe: 'check only resources being created, updated or replaced' })
          .option('override-soft', { type: 'string', describe: 'let soft-mandatory failures pass, recording this reason' }),
      (args) =>
        finish(() => {
          if (args.overrideSoft !== undefined && args.overrideSoft.trim() === '') {
            throw new InputError('--override-soft needs a reason, e.g. --override-soft "SEC-123 approved by the privacy officer"');
          }
          // Lazy: only `check` loads the engine and the pack.
          const { runCheckCommand } = require('./commands/check') as typeof import('./commands/check');
          return runCheckCommand({
            plans: stringList(args.plans),
            format: stringList(args.format),
            output: args.output,
            config: args.config,
            sourceDir: args.sourceDir,
            only: stringList(args.only),
            skip: stringList(args.skip),
            unknown: args.unknown,
            changedOnly: args.changedOnly,
            overrideSoft: args.overrideSoft,
          });
        }),
    )
    .command(
      'rules',
      'list the rule pack',
      (y) => y.option('format', { choices: ['text', 'json', 'markdown'] as const, default: 'text' as const }),
      (args) =>
        finish(() => {
          const { renderRules } = require('./commands/rules') as typeof import('./commands/rules');
          process.stdout.write(renderRules(args.format));
          return EXIT.pass;
        }),
    )
    .command(
      'explain <ruleId>',
      'rationale, remediation, HIPAA citation and an example for one rule',
      (y) => y.positional('ruleId', { type: 'string', demandOption: true }),
      (args) =>
        finish(() => {
          const { renderExplain } = require('./commands/rules') as typeof import('./commands/rules');
          process.stdout.write(renderExplain(String(args.ruleId)));
          return EXIT.pass;
        }),
    )
    .demandCommand(1, 'name a command: check, rules or explain')
    .strict()
    .help()
    .version(require('../package.json').version as string)
    .fail((msg, err) => {
      // Validation failed: no command handler may run after this, so leave now (stderr is
      // synchronous for files and pipes, nothing is lost).
      if (err && !(err instanceof InputError)) process.exit(reportError(err));
      process.stderr.write(`planwarden: ${usageLine(msg ?? err?.message ?? 'usage error')}; see planwarden --help\n`);
      process.exit(EXIT.usage);
    })
    .parse();
}

process.on('uncaughtException', (err) => {
  process.exitCode = reportError(err);
});
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // A closed pipe (e.g. `| head`) is the reader's choice, not our failure.
  if (err.code !== 'EPIPE') process.exitCode = reportError(err);
});

if (require.main === module) main(process.argv.slice(2));
