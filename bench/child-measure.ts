/** Runs one benchmarked child process and measures its wall time and peak memory. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ChildRun {
  /** From spawn to exit, including Node's own start-up (the same for every command measured). */
  wallMs: number;
  /** Peak resident set size reported by the preloaded probe, or null if the child died before 'exit'. */
  maxRssMb: number | null;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** The start of the child's stderr, for reporting failures. */
  stderr: string;
}

export interface ChildCommand {
  /** Arguments to node after the probe preload, e.g. ['dist/cli/main.js', 'check', ...]. */
  args: readonly string[];
  probePath: string;
  timeoutMs: number;
  cwd: string;
}

const STDERR_KEEP = 4096;

export async function runChild(command: ChildCommand): Promise<ChildRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'planwarden-bench-'));
  const rssFile = join(scratch, 'rss.json');
  try {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-r', command.probePath, ...command.args], {
      cwd: command.cwd,
      env: { ...process.env, PLANWARDEN_BENCH_RSS_FILE: rssFile },
      // stdout goes to /dev/null: the benchmark measures producing the report, not a reader of it.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      if (stderr.length < STDERR_KEEP) stderr += text.slice(0, STDERR_KEEP - stderr.length);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, command.timeoutMs);
    const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', (code, sig) => resolve([code, sig]));
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    clearTimeout(timer);
    let maxRssMb: number | null = null;
    if (existsSync(rssFile)) {
      const { maxRssKb } = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKb: number };
      maxRssMb = maxRssKb / 1024;
    }
    return { wallMs, maxRssMb, exitCode, signal, timedOut, stderr };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
