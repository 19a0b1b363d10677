/**
 * Two ways to run the built CLI: a real process per case (what CI sees: exit status, stderr,
 * nothing else), a few at a time; and a batch of cases through the CLI's own main() in one
 * process (cli-batch.js), for corpora too large to pay Node's start-up for each case.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, requireBuilt, ROOT } from './seeds';

export interface CliRun {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const CLI = path.join(DIST, 'cli', 'main.js');

/**
 * The environment a test run gets: no tokens or CI variables from the developer's shell (the
 * comment command would otherwise find them), no colour.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT', 'LANG']) if (process.env[key] !== undefined) env[key] = process.env[key];
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface SpawnCase {
  name: string;
  args: string[];
  input?: Buffer | string;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

function spawnOne(c: SpawnCase, timeoutMs: number): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...c.args], { cwd: c.cwd ?? ROOT, env: cleanEnv(c.env), stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ name: c.name, code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // the CLI may exit before reading stdin
    child.stdin.end(c.input ?? '');
  });
}

/** Runs real CLI processes, `parallel` at a time (CI has two cores). */
export async function spawnAll(cases: readonly SpawnCase[], options: { parallel?: number; timeoutMs?: number } = {}): Promise<CliRun[]> {
  requireBuilt();
  const results: CliRun[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await spawnOne(cases[i], options.timeoutMs ?? 30_000);
    }
  };
  await Promise.all(Array.from({ length: options.parallel ?? 2 }, worker));
  return results;
}

export interface BatchCase {
  name: string;
  args: string[];
  cwd?: string;
}

export interface BatchResult {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
  /** An exception that escaped main() (the process would have crashed). */
  escaped?: string;
  /** main() called process.exit (a usage error). */
  exitCalled: boolean;
  pollution: string[];
  millis: number;
}

function runShard(cases: readonly BatchCase[], timeoutMs: number): Promise<BatchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-batch-'));
  const casesFile = path.join(dir, 'cases.json');
  const resultsFile = path.join(dir, 'results.jsonl');
  fs.writeFileSync(casesFile, JSON.stringify(cases));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'cli-batch.js'), DIST, casesFile, resultsFile], { env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        const results = fs.existsSync(resultsFile)
          ? fs.readFileSync(resultsFile, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as BatchResult)
          : [];
        if (results.length < cases.length) {
          const stuck = cases[results.length]?.name ?? '(none)';
          reject(new Error(`batch stopped after ${results.length}/${cases.length} cases (${signal ?? `exit ${code}`}); the case that did not finish: ${stuck}\n${stderr.slice(0, 2000)}`));
        } else resolve(results);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

/**
 * Runs cases through the CLI's main() in `shards` child processes at once (CI has two cores and
 * jest uses one); a case that hangs fails the run, naming the case.
 */
export async function runBatch(cases: readonly BatchCase[], options: { shards?: number; timeoutMs?: number } = {}): Promise<BatchResult[]> {
  requireBuilt();
  const shards = Math.max(1, Math.min(options.shards ?? 2, cases.length));
  const parts = Array.from({ length: shards }, (_, k) => cases.filter((_, i) => i % shards === k));
  const results = await Promise.all(parts.map((part) => runShard(part, options.timeoutMs ?? 120_000)));
  return results.flat();
}
