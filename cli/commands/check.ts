/** `planwarden check <plan...>`: evaluate plans against the pack and gate CI with the exit code. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { assembleReport, runCheck } from '../../policies/engine/check';
import { evaluateInParallel, workerCount } from '../../policies/engine/parallel';
import type { RunSpec, WorkerJob } from '../../policies/engine/worker';
import type { InputSource } from '../../policies/engine/load';
import type { Report } from '../../policies/engine/types';
import { loadConfig, pluginNotices, resolveRun, withCustomRules } from '../../policies/engine/config';
// --evidence: a hashed, optionally signed audit record of the run.
import { evidenceSession } from '../../policies/engine/evidence';
import { resolveSources } from '../../policies/engine/load';
import { parseSelectors, selectRules } from '../../policies/engine/select';
import { InputError, type UnknownPolicy } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { EXIT } from '../errors';
import { parseOutputs, writeOutput } from '../output';
import { createSourceLocator, type SourceLocator } from '../source-locations';
import { FORMAT_NAMES, REPORTERS } from '../reporters';
// --baseline: findings already in an earlier report are listed as known and do not block.
import { movesOf, type Move } from '../../policies/engine/baseline';
import { applyBaselineFile, readBaseline } from './baseline';

export interface CheckArgs {
  plans: string[];
  format: string[];
  output?: string;
  config?: string;
  sourceDir?: string;
  only: string[];
  skip: string[];
  /** undefined: the config decides, else warn. */
  unknown: UnknownPolicy | undefined;
  changedOnly: boolean;
  overrideSoft?: string;
  /** An earlier JSON report: only findings new since it, or worse, block. */
  baseline?: string;
  /** Write the audit evidence record here. */
  evidence?: string;
  /** Ed25519 private key (PEM) to sign the evidence with; else $PLANWARDEN_EVIDENCE_KEY. */
  evidenceKey?: string;
  /** --plugin FILE (repeatable): rule plugins to load, relative to the working directory. */
  plugins?: string[];
  /** --no-plugins: do not execute the plugins the config names (the report says they did not run). */
  noPlugins?: boolean;
}

function readStdin(): Buffer {
  try {
    return fs.readFileSync(0);
  } catch {
    throw new InputError('cannot read standard input; pipe the plan JSON in, or pass a file path instead of -');
  }
}

function sourceLocatorFor(sourceDir: string | undefined, moduleSources: Map<string, string>): SourceLocator | undefined {
  if (sourceDir === undefined) return undefined;
  if (!fs.existsSync(sourceDir) || !fs.statSync(sourceDir).isDirectory()) {
    throw new InputError(`--source-dir ${sourceDir}: not a directory; name the folder holding the root module's .tf files`);
  }
  return createSourceLocator({ sourceDir, moduleSources });
}

/** A private copy of the bytes when they share memory (Node's small-buffer pool), so they can move to a worker. */
function transferable(bytes: Buffer): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) return bytes;
  return new Uint8Array(bytes);
}

export function runCheckCommand(args: CheckArgs, now: Date = new Date()): number | Promise<number> {
  const targets = parseOutputs(args.format, args.output, FORMAT_NAMES);
  const evidence = evidenceSession(args, process.env, now);
  const baseline = args.baseline === undefined ? undefined : readBaseline(args.baseline);
  const moves: Move[] = [];
  const pluginRequest = { cli: args.plugins ?? [], skipConfigPlugins: args.noPlugins === true };
  const { config, weakened } = loadConfig(args.config, process.cwd(), ALL_RULES, pluginRequest);
  const run = resolveRun(config, selectRules(withCustomRules(ALL_RULES, config), parseSelectors(args.only), parseSelectors(args.skip)), args, now);
  const resolved = resolveSources(args.plans, readStdin);
  const sources: InputSource[] = evidence ? evidence.track(resolved) : resolved;
  const moduleSources = new Map<string, string>();
  const addModuleSources = (entries: Iterable<[string, string]>) => {
    for (const [path, source] of entries) if (!moduleSources.has(path)) moduleSources.set(path, source);
  };

  const finish = (report: Report): number => {
    // Waiver states are known only after every finding has been matched.
    report.waivers = run.waivers.uses();
    // Skipped plugins first: a reader must know which rules this report does not cover.
    report.notices = [...pluginNotices(config), ...run.waivers.notices()];
    if (baseline !== undefined) applyBaselineFile(report, baseline, moves);
    const color = process.stdout.isTTY === true && !('NO_COLOR' in process.env);
    const sourceLocations = sourceLocatorFor(args.sourceDir, moduleSources);
    for (const target of targets) {
      const render = REPORTERS[target.format];
      writeOutput(target.file, render(report, { color: target.file === undefined && color, sourceLocations }));
    }
    const exitCode = report.summary.blocking > 0 ? EXIT.blocking : EXIT.pass;
    evidence?.write({
      report,
      configFile: config.file,
      pack: ALL_RULES,
      plugins: config.plugins?.records ?? [],
      options: { changedOnly: args.changedOnly, overrideSoft: args.overrideSoft, only: parseSelectors(args.only), skip: parseSelectors(args.skip) },
      exitCode,
    });
    return exitCode;
  };

  // Several plans: one worker thread per core evaluates them side by side.
  if (sources.length > 1 && workerCount(sources.length) > 1) {
    const spec: RunSpec = {
      configFile: config.file,
      cwd: process.cwd(),
      only: parseSelectors(args.only),
      skip: parseSelectors(args.skip),
      unknown: args.unknown,
      changedOnly: args.changedOnly,
      overrideSoft: args.overrideSoft,
      now: now.toISOString(),
      collectMoves: baseline !== undefined,
      // Absolute, so the worker loads the very files this thread loaded.
      plugins: (args.plugins ?? []).map((p) => path.resolve(process.cwd(), p)),
      noPlugins: args.noPlugins === true,
    };
    const jobs: WorkerJob[] = sources.map((source, inputIndex) => ({ spec, label: source.label, stack: source.stack, inputIndex, bytes: transferable(source.bytes({ forTransfer: true })) }));
    return evaluateInParallel(jobs).then((results) => {
      for (const r of results) {
        addModuleSources(r.moduleSources);
        moves.push(...r.moves);
        run.waivers.absorb(r.waiverUses, r.waiverProblems);
      }
      const report = assembleReport(
        results.map((r) => r.summary),
        results,
        { rules: run.rules, options: run.options, extras: { weakerThanHipaa: weakened } },
      );
      return finish(report);
    });
  }

  const report = runCheck({
    sources,
    rules: run.rules,
    options: run.options,
    extras: { weakerThanHipaa: weakened },
    onGraph: (graph) => {
      addModuleSources(graph.moduleSources());
      if (baseline !== undefined) moves.push(...movesOf(graph));
    },
  });
  return finish(report);
}
