/**
 * action.yml's shell steps, run the way a GitHub runner runs them (`bash --noprofile --norc
 * -eo pipefail`), with `npx` replaced by the built CLI and the comment sent to a FakeForge:
 * the exit-code plumbing, the outputs, and the argument building are what break silently in a
 * composite action.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { plan } from '../../support/plan-builder';
import { CLI, ROOT } from '../helpers';
import { FakeForge } from './fake-forge';

jest.setTimeout(120_000);

interface Step {
  id?: string;
  name?: string;
  run?: string;
  env?: Record<string, string>;
}

const steps = (parseDocument(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')).toJS() as { runs: { steps: Step[] } }).runs.steps;
const checkStep = steps.find((s) => s.id === 'check')!;
const commentStep = steps.find((s) => s.name === 'planwarden comment')!;
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-action-'));
const work = path.join(tmp, 'work');
const bin = path.join(tmp, 'bin');
const npxLog = path.join(tmp, 'npx.log');
const forge = new FakeForge();

beforeAll(async () => {
  fs.mkdirSync(work);
  fs.mkdirSync(bin);
  // npx stand-in: checks it was asked for planwarden@VERSION, then runs the built CLI.
  fs.writeFileSync(
    path.join(bin, 'npx'),
    `#!/bin/sh\necho "$@" >> "${npxLog}"\n[ "$1" = --yes ] || exit 90\ncase "$2" in planwarden@*) ;; *) exit 91 ;; esac\nshift 2\nexec "${process.execPath}" "${CLI}" "$@"\n`,
    { mode: 0o755 },
  );
  const failing = plan().resource('aws_cloudwatch_log_group', 'audit', { values: { name: '/audit', retention_in_days: 30 } }).build();
  fs.writeFileSync(path.join(work, 'plan.json'), JSON.stringify(failing));
  await forge.start();
});
afterAll(async () => {
  await forge.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface StepResult {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

/** Runs one step's script as the runner does; `inputs` fill the step's env (its ${{ }} values). */
function runStep(step: Step, runnerTemp: string, env: Record<string, string>): Promise<StepResult> {
  const outputFile = path.join(runnerTemp, `output-${Math.random().toString(36).slice(2)}`);
  fs.writeFileSync(outputFile, '');
  const script = path.join(runnerTemp, 'step.sh');
  fs.writeFileSync(script, step.run!);
  const base: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!/^(GITHUB_|GITLAB_|CI_|RUNNER_|PLANWARDEN_)|^CI$/.test(key)) base[key] = value;
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
      cwd: work,
      env: { ...base, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}`, RUNNER_TEMP: runnerTemp, GITHUB_OUTPUT: outputFile, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const outputs = Object.fromEntries(
        fs.readFileSync(outputFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
      );
      resolve({ code, stdout, stderr, outputs });
    });
  });
}

/** The check step's env with its inputs at their action.yml defaults, then the test's values. */
function checkEnv(inputs: Record<string, string>): Record<string, string> {
  return { PW_ACTION_PATH: ROOT, PW_VERSION: '', PW_PLAN: '', PW_CONFIG: '', PW_BASELINE: '', PW_ARGS: '', PW_SOURCE_DIR: '', PW_NO_PLUGINS: 'false', PW_JUNIT: '', ...inputs };
}

describe('action.yml', () => {
  it('the check step reads exactly the env variables these tests supply', () => {
    expect(Object.keys(checkStep.env!).sort()).toEqual(Object.keys(checkEnv({})).sort());
  });

  it('check step: blocking findings record exit-code 1 and every report, and let the later steps run', async () => {
    const temp = fs.mkdtempSync(path.join(tmp, 'runner-'));
    const r = await runStep(checkStep, temp, checkEnv({ PW_PLAN: 'plan.json\n', PW_BASELINE: 'missing.json', PW_ARGS: '--only LOG-001', PW_JUNIT: 'junit.xml' }));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '1', report: `${temp}/planwarden/report.json`, sarif: `${temp}/planwarden/report.sarif` });
    expect(JSON.parse(fs.readFileSync(r.outputs.report, 'utf8')).summary.blocking).toBe(1);
    expect(JSON.parse(fs.readFileSync(r.outputs.sarif, 'utf8')).version).toBe('2.1.0');
    expect(fs.readFileSync(path.join(work, 'junit.xml'), 'utf8')).toContain('<testsuites');
    expect(r.stdout).toContain('FAILED: 1 blocking finding');
    expect(r.stdout).toContain('::notice title=planwarden::no baseline at missing.json; every finding counts as new');
    expect(r.stdout).toMatch(/^::error .*LOG-001/m); // annotations printed for the runner
    expect(fs.readFileSync(npxLog, 'utf8')).toContain(`--yes planwarden@${VERSION} check plan.json --format text`);

    // The comment step, against the fake GitHub, with the package the check step chose.
    forge.seedGithub('octo/app#5', []);
    const event = path.join(temp, 'event.json');
    fs.writeFileSync(event, JSON.stringify({ pull_request: { number: 5 } }));
    const comment = await runStep(commentStep, temp, {
      GITHUB_TOKEN: forge.token,
      GITHUB_REPOSITORY: 'octo/app',
      GITHUB_API_URL: forge.origin,
      GITHUB_EVENT_PATH: event,
      PW_REPORT: r.outputs.report,
      PW_MARKER: 'planwarden:staging',
      PW_TITLE: 'staging env',
      PW_ON_FAILURE_ONLY: 'false',
      PW_DELETE_ON_PASS: 'true',
    });
    expect(comment.stderr).toBe('');
    expect(comment.code).toBe(0);
    expect(comment.stdout).toContain('created comment');
    const body = forge.githubComments.get('octo/app#5')![0].body;
    expect(body.split('\n').slice(0, 2)).toEqual(['<!-- planwarden:staging -->', '### ❌ planwarden · staging env: 1 blocking finding']);
  });

  it('check step: bad input fails the step with exit 2 and publishes no report', async () => {
    const temp = fs.mkdtempSync(path.join(tmp, 'runner-'));
    const r = await runStep(checkStep, temp, checkEnv({ PW_PLAN: 'nope.json' }));
    expect(r.code).toBe(2);
    expect(r.outputs).toEqual({ 'exit-code': '2' });
    expect(r.stderr).toContain('nope.json: no such file');
  });

  it('check step: a passing plan records exit-code 0', async () => {
    const temp = fs.mkdtempSync(path.join(tmp, 'runner-'));
    const ok = plan().resource('aws_cloudwatch_log_group', 'ok', { values: { name: '/ok', retention_in_days: 2192 } }).build();
    fs.writeFileSync(path.join(work, 'ok.json'), JSON.stringify(ok));
    const r = await runStep(checkStep, temp, checkEnv({ PW_PLAN: 'ok.json', PW_ARGS: '--only LOG-001', PW_VERSION: '9.9.9' }));
    expect(r.code).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    expect(fs.readFileSync(path.join(temp, 'planwarden-package'), 'utf8').trim()).toBe('planwarden@9.9.9');
  });

  it("check step: no-plugins 'true' passes --no-plugins, and only then", async () => {
    const ok = plan().resource('aws_cloudwatch_log_group', 'ok', { values: { name: '/ok', retention_in_days: 2192 } }).build();
    fs.writeFileSync(path.join(work, 'ok.json'), JSON.stringify(ok));
    const lastCall = () => fs.readFileSync(npxLog, 'utf8').trim().split('\n').pop()!;
    await runStep(checkStep, fs.mkdtempSync(path.join(tmp, 'runner-')), checkEnv({ PW_PLAN: 'ok.json', PW_NO_PLUGINS: 'true' }));
    expect(lastCall()).toContain(' --no-plugins');
    await runStep(checkStep, fs.mkdtempSync(path.join(tmp, 'runner-')), checkEnv({ PW_PLAN: 'ok.json' }));
    expect(lastCall()).not.toContain('--no-plugins');
  });
});
