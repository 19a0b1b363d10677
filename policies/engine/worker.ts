/**
 * A worker thread that evaluates one input of a multi-plan `check`, so several plans use every
 * core. It rebuilds the run from a serializable spec (config file, flags, clock), because rules,
 * settings and PHI scope are functions that cannot cross threads; it returns plain data.
 */
import { parentPort } from 'node:worker_threads';
import { movesOf, type Move } from './baseline';
import { loadConfig, resolveRun, withCustomRules } from './config';
import type { WaiverUse } from './config/waivers';
import { evaluateGraph } from './evaluate';
import { buildGraph } from './graph';
import { loadBytes } from './load';
import { parseSelectors, selectRules } from './select';
import { InputError, type CheckRecord, type Finding, type InputSummary, type UnknownPolicy } from './types';
import { ALL_RULES } from '../rules';

export interface RunSpec {
  configFile: string | undefined;
  cwd: string;
  only: string[];
  skip: string[];
  unknown: UnknownPolicy | undefined;
  changedOnly: boolean;
  overrideSoft: string | undefined;
  /** ISO time of the run, so waiver expiry is judged on one clock everywhere. */
  now: string;
  collectMoves: boolean;
  /** --plugin files (absolute) and --no-plugins: a worker loads the same rule plugins as the main thread. */
  plugins?: string[];
  noPlugins?: boolean;
}

export interface WorkerJob {
  spec: RunSpec;
  label: string;
  stack: string | undefined;
  inputIndex: number;
  bytes: Uint8Array;
}

export type WorkerReply =
  | {
      ok: true;
      summary: InputSummary;
      findings: Finding[];
      checks: CheckRecord[];
      moduleSources: Array<[string, string]>;
      moves: Move[];
      waiverUses: WaiverUse[];
      waiverProblems: string[];
    }
  | { ok: false; inputError: boolean; message: string };

export function evaluateJob(job: WorkerJob): WorkerReply {
  try {
    const { config } = loadConfig(job.spec.configFile, job.spec.cwd, ALL_RULES, { cli: job.spec.plugins ?? [], skipConfigPlugins: job.spec.noPlugins === true });
    const rules = selectRules(withCustomRules(ALL_RULES, config), job.spec.only, job.spec.skip);
    const run = resolveRun(config, rules, job.spec, new Date(job.spec.now));
    // Scanned in JavaScript where they are (load/fast-skip.ts): a copy into WebAssembly memory
    // would hold each plan twice, as the transferred original lives until a full collection.
    const loaded = loadBytes(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength), job.label, job.inputIndex, job.stack);
    const graph = buildGraph(loaded, job.inputIndex);
    const { findings, checks } = evaluateGraph(graph, run.rules, loaded.summary.path, run.options);
    return {
      ok: true,
      summary: loaded.summary,
      findings,
      checks,
      moduleSources: [...graph.moduleSources()],
      moves: job.spec.collectMoves ? movesOf(graph) : [],
      waiverUses: run.waivers.uses(),
      waiverProblems: [...run.waivers.problems],
    };
  } catch (err) {
    return { ok: false, inputError: err instanceof InputError, message: err instanceof Error ? err.message : String(err) };
  }
}

export { parseSelectors };

if (parentPort) {
  const port = parentPort;
  port.on('message', (job: WorkerJob) => port.postMessage(evaluateJob(job)));
}
