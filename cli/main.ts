#!/usr/bin/env node
/**
 * planwarden's command line. Exit codes: 0 nothing blocking, 1 blocking findings,
 * 2 bad input / usage / config, 3 internal error. A crash never exits 0.
 */
import yargs from 'yargs';
import { InputError } from '../policies/engine/types';
import { EXIT, reportError } from './errors';

function finish(run: () => number | Promise<number>): void {
  let result: number | Promise<number>;
  try {
    result = run();
  } catch (err) {
    process.exitCode = reportError(err);
    return;
  }
  if (typeof result === 'number') process.exitCode = result;
  else finishAsync(() => result as Promise<number>);
}

/** For commands that wait on the network (comment): until the promise settles, the exit code says "crashed", never 0. */
function finishAsync(run: () => Promise<number>): void {
  process.exitCode = EXIT.internal;
  let pending: Promise<number>;
  try {
    pending = run();
  } catch (err) {
    process.exitCode = reportError(err);
    return;
  }
  pending.then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.exitCode = reportError(err);
    },
  );
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

/**
 * --plugin FILE (repeatable) and --no-plugins, for every command whose rule set they change.
 * `plugins` is a yargs boolean so that `--no-plugins` is its negation.
 */
function withPluginOptions<T>(y: yargs.Argv<T>) {
  return y
    .option('plugin', { type: 'string', describe: 'rule plugin file (.js, .cjs, .ts, .cts) to load, relative to the working directory (repeatable); see docs/plugins.md' })
    .option('plugins', { type: 'boolean', default: true, describe: 'run the rule plugins the config names; --no-plugins does not (untrusted pull requests), and the report says which did not run' });
}

function pluginArgs(args: { plugin?: unknown; plugins?: boolean }): { plugins: string[]; noPlugins: boolean } {
  return { plugins: stringList(args.plugin), noPlugins: args.plugins === false };
}

export function main(argv: string[]): void {
  yargs(argv.map((a) => (a === '-' ? STDIN_ARG : a)))
    .scriptName('planwarden')
    .usage('$0 <command> [options]\n\nHIPAA policy checks for Terraform plans on AWS.')
    .command(
      'check <plans..>',
      'evaluate plan JSON files (terraform show -json), CDKTF synth output or cdktf.out folders; - reads stdin',
      (y) =>
        withPluginOptions(y)
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
          .option('override-soft', { type: 'string', describe: 'let soft-mandatory failures pass, recording this reason' })
          .option('baseline', { type: 'string', describe: 'earlier JSON report (planwarden baseline): only new or worsened findings block' })
          .option('evidence', { type: 'string', describe: 'write a JSON audit record of the run (input and config SHA-256, every check, waivers) to FILE' })
          .option('evidence-key', { type: 'string', describe: 'Ed25519 private key (PEM) that signs the evidence into FILE.sig (default: $PLANWARDEN_EVIDENCE_KEY)' }),
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
            baseline: stringList(args.baseline)[0],
            evidence: stringList(args.evidence)[0],
            evidenceKey: stringList(args.evidenceKey)[0],
            ...pluginArgs(args),
          });
        }),
    )
    .command(
      'rules',
      'list the rule pack (with --config or --plugin: and your custom and plugin rules)',
      (y) =>
        withPluginOptions(y)
          .option('format', { choices: ['text', 'json', 'markdown'] as const, default: 'text' as const })
          .option('config', { type: 'string', describe: 'also list this config\'s custom rules and plugin rules (no config is read without it)' }),
      (args) =>
        finish(() => {
          const { renderRules, ruleSetFor } = require('./commands/rules') as typeof import('./commands/rules');
          process.stdout.write(renderRules(args.format, ruleSetFor({ config: stringList(args.config)[0], ...pluginArgs(args) })));
          return EXIT.pass;
        }),
    )
    .command(
      'explain <ruleId>',
      'rationale, remediation, HIPAA citation and an example for one rule',
      (y) =>
        withPluginOptions(y)
          .positional('ruleId', { type: 'string', demandOption: true })
          .option('config', { type: 'string', describe: 'also explain this config\'s custom rules and plugin rules' }),
      (args) =>
        finish(() => {
          const { renderExplain, ruleSetFor } = require('./commands/rules') as typeof import('./commands/rules');
          process.stdout.write(renderExplain(String(args.ruleId), ruleSetFor({ config: stringList(args.config)[0], ...pluginArgs(args) })));
          return EXIT.pass;
        }),
    )
    // Issue 8: baselines and pull-request comments.
    .command(
      'baseline <plans..>',
      'record today\'s findings as a JSON report for check --baseline (exits 0 whatever it finds)',
      (y) =>
        withPluginOptions(y)
          .positional('plans', { type: 'string', array: true, describe: 'plan JSON files, cdk.tf.json, cdktf.out folders, or -' })
          .option('output', { type: 'string', describe: 'file to write (default: stdout)' })
          .option('config', { type: 'string', describe: 'the same config check uses' })
          .option('only', { type: 'string', describe: 'rule ids or families to run' })
          .option('skip', { type: 'string', describe: 'rule ids or families to skip' })
          .option('unknown', { choices: ['pass', 'warn', 'fail'] as const, describe: 'as for check' }),
      (args) =>
        finish(() => {
          const { runBaselineCommand } = require('./commands/baseline') as typeof import('./commands/baseline');
          return runBaselineCommand({
            plans: stringList(args.plans),
            output: args.output,
            config: args.config,
            only: stringList(args.only),
            skip: stringList(args.skip),
            unknown: args.unknown,
            ...pluginArgs(args),
          });
        }),
    )
    .command(
      'comment <report>',
      'create, update or delete the sticky pull-request comment (GitHub) or merge-request note (GitLab) from a JSON report',
      (y) =>
        y
          .positional('report', { type: 'string', demandOption: true, describe: 'JSON report from check --format json=FILE, or -' })
          .option('platform', { choices: ['github', 'gitlab'] as const, describe: 'default: from the CI environment' })
          .option('pr', { type: 'number', describe: 'pull request number / merge request IID (default: from the CI environment)' })
          .option('marker', { type: 'string', describe: 'identifies the comment; one per plan when a pull request checks several' })
          .option('title', { type: 'string', describe: 'shown in the headline, e.g. the environment' })
          .option('on-failure-only', { type: 'boolean', default: false, describe: 'do not open a comment for a passing report' })
          .option('delete-on-pass', { type: 'boolean', default: false, describe: 'delete the comment when the report passes' }),
      (args) =>
        finishAsync(() => {
          const { runCommentCommand } = require('./commands/comment') as typeof import('./commands/comment');
          return runCommentCommand({
            report: String(args.report) === STDIN_ARG ? '-' : String(args.report),
            platform: args.platform,
            pr: args.pr,
            marker: args.marker,
            title: args.title,
            onFailureOnly: args.onFailureOnly,
            deleteOnPass: args.deleteOnPass,
          });
        }),
    )
    // Issue 9: starting config, config validation, waiver review, evidence verification.
    .command(
      'init',
      'write a commented starting planwarden.config.yaml in this directory',
      (y) => y.option('force', { type: 'boolean', default: false, describe: 'replace an existing planwarden.config.yaml' }),
      (args) =>
        finish(() => {
          const { runInitCommand } = require('./commands/init') as typeof import('./commands/init');
          return runInitCommand({ force: args.force });
        }),
    )
    .command(
      'config <action>',
      'config validate: exit 0 if check would accept the config, 2 with the first error',
      (y) =>
        withPluginOptions(y)
          .positional('action', { choices: ['validate'] as const, demandOption: true })
          .option('config', { type: 'string', describe: 'planwarden.config.json or .yaml (default: found in the working directory)' }),
      (args) =>
        finish(() => {
          const { runConfigValidateCommand } = require('./commands/config') as typeof import('./commands/config');
          return runConfigValidateCommand({ config: stringList(args.config)[0], ...pluginArgs(args) });
        }),
    )
    .command(
      'waivers [plans..]',
      'list every waiver with its status (active, expiring, expired; stale when plans are given) for review',
      (y) =>
        withPluginOptions(y)
          .positional('plans', { type: 'string', array: true, describe: 'plans to match waivers against (optional)' })
          .option('config', { type: 'string', describe: 'planwarden.config.json or .yaml (default: found in the working directory)' })
          .option('within', { type: 'number', describe: 'days ahead that count as expiring (default 30)' })
          .option('format', { choices: ['text', 'json'] as const, default: 'text' as const }),
      (args) =>
        finish(() => {
          const { runWaiversCommand } = require('./commands/waivers') as typeof import('./commands/waivers');
          const within = Array.isArray(args.within) ? Number.NaN : args.within;
          return runWaiversCommand({ config: stringList(args.config)[0], within, plans: stringList(args.plans), format: args.format, ...pluginArgs(args) });
        }),
    )
    .command(
      'verify <evidence>',
      'check the Ed25519 signature of an evidence file from check --evidence (exit 0 valid, 1 invalid)',
      (y) =>
        y
          .positional('evidence', { type: 'string', demandOption: true })
          .option('signature', { type: 'string', describe: 'the detached signature (default: EVIDENCE.sig)' })
          .option('public-key', { type: 'string', demandOption: true, describe: 'the Ed25519 public key in PEM' }),
      (args) =>
        finish(() => {
          const { runVerifyCommand } = require('./commands/verify') as typeof import('./commands/verify');
          return runVerifyCommand({ evidence: String(args.evidence), signature: stringList(args.signature)[0], publicKey: stringList(args.publicKey)[0] });
        }),
    )
    .demandCommand(1, 'name a command: check, baseline, comment, rules or explain')
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
