/**
 * Runs the built CLI without blocking the test process, so a FakeForge in this same process can
 * answer its requests (`runCli` uses spawnSync, which would freeze the server). The child gets
 * a clean CI environment: no GitHub or GitLab variables leak in from the machine running the
 * tests, only what each test sets.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { CLI, ROOT, type CliResult } from '../helpers';

const CI_VARIABLE = /^(GITHUB_|GITLAB_|CI_|RUNNER_|PLANWARDEN_)|^CI$/;
const KILL_AFTER_MS = 60_000;

export function runCliAsync(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string } = {}): Promise<CliResult> {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npx tsc -p tsconfig.json\` first (npm test does)`);
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!CI_VARIABLE.test(key)) base[key] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...base, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // A CLI that hangs fails its test instead of the whole run.
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
