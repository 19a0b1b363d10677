/**
 * The whole pipeline, for real: examples/cdktf-app synth → terraform init -plugin-dir →
 * terraform plan -refresh=false → terraform show -json → the built CLI (`planwarden check`),
 * and the same app's cdktf.out checked directly. Both must reach the same verdict on every
 * (rule, address), and nothing blocks once the constructs' suppressions are carried over as
 * config waivers. Needs terraform and the offline hashicorp/aws mirror; skips, saying why,
 * without them. Slow (~40-60 s): terraform plan and show each take 10-20 s here.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';
import { PhiPlatformStack } from '../../examples/cdktf-app/phi-platform-stack';
import type { Report } from '../../policies/engine/types';
import { runCli } from '../cli/helpers';
import { suppressedIn } from './pack';

const PLUGIN_DIR = process.env.PLANWARDEN_TF_PLUGIN_DIR ?? '/opt/tf-plugins';
const STACK = 'phi-platform';

/** Why the pipeline cannot run here, or undefined when it can. */
function missingToolchain(): string | undefined {
  const version = spawnSync('terraform', ['version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return '`terraform` is not on PATH';
  if (!existsSync(join(PLUGIN_DIR, 'registry.terraform.io'))) return `no provider mirror at ${PLUGIN_DIR}/registry.terraform.io (set PLANWARDEN_TF_PLUGIN_DIR)`;
  return undefined;
}

const skipReason = missingToolchain();
if (skipReason) console.warn(`examples/cdktf-app pipeline skipped: ${skipReason}`);
const describeIfToolchain = skipReason ? describe.skip : describe;

/** Runs terraform offline in `cwd`; throws with its output when it fails. */
function terraform(cwd: string, args: string[]): string {
  const result = spawnSync('terraform', args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // No version check against checkpoint.hashicorp.com, no prompts, no colour.
    env: { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', NO_COLOR: '1' },
  });
  if (result.status !== 0) throw new Error(`terraform ${args[0]} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

type Verdict = string; // `${ruleId} ${address} ${status}`

/** Every (rule, address) verdict of a run: findings from the JSON report, passes from JUnit. */
function verdicts(report: Report, junit: string): Verdict[] {
  const unescape = (text: string) => text.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  // A testcase without a child element (no <failure>, <skipped>…) is a check that passed.
  const passes = [...junit.matchAll(/<testcase name="([^"]*)" classname="planwarden\.[a-z]+\.([A-Z0-9-]+)"[^>]*\/>/g)].map(([, address, ruleId]) => `${ruleId} ${unescape(address)} pass`);
  return [...passes, ...report.findings.map((f) => `${f.ruleId} ${f.address} ${f.status}`)].sort();
}

describeIfToolchain(`examples/cdktf-app through terraform and the built CLI${skipReason ? ` (skipped: ${skipReason})` : ''}`, () => {
  // Made in beforeAll, not here: a skipped describe still runs its body, but not its hooks.
  let work = '';
  let outdir = '';
  let planJson = '';
  let stack: PhiPlatformStack;
  let synthResources = 0;

  /** `planwarden check <input> --format json --format junit=FILE [--config FILE]` from `work`. */
  function check(input: string, name: string, config?: string): { code: number | null; report: Report; verdicts: Verdict[] } {
    const junitFile = join(work, `${name}.junit.xml`);
    const args = ['check', input, '--format', 'json', '--format', `junit=${junitFile}`, ...(config ? ['--config', config] : [])];
    const result = runCli(args, { cwd: work });
    if (result.code !== 0 && result.code !== 1) throw new Error(`planwarden check ${input} exited ${result.code}: ${result.stderr}`);
    const report = JSON.parse(result.stdout) as Report;
    return { code: result.code, report, verdicts: verdicts(report, readFileSync(junitFile, 'utf8')) };
  }

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'planwarden-pipeline-'));
    outdir = join(work, 'cdktf.out');
    planJson = join(work, 'plan.json');
    const stackDir = join(outdir, 'stacks', STACK);
    const planOut = join(work, 'plan.out');
    const app = new App({ outdir });
    stack = new PhiPlatformStack(app, STACK);
    app.synth();
    const cdkTfJson = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8')) as { resource: Record<string, Record<string, unknown>> };
    synthResources = Object.values(cdkTfJson.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
    terraform(stackDir, ['init', '-input=false', '-no-color', `-plugin-dir=${PLUGIN_DIR}`]);
    terraform(stackDir, ['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', `-out=${planOut}`]);
    writeFileSync(planJson, terraform(stackDir, ['show', '-json', planOut]));
  }, 240_000);
  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('plans every resource the app synthesizes, all to create', () => {
    const plan = JSON.parse(readFileSync(planJson, 'utf8')) as { resource_changes: Array<{ address: string; change: { actions: string[] } }> };
    expect(synthResources).toBeGreaterThan(60);
    expect(plan.resource_changes).toHaveLength(synthResources);
    expect(new Set(plan.resource_changes.flatMap((r) => r.change.actions))).toEqual(new Set(['create']));
  });

  it('blocks only on the findings the constructs suppress, in the plan and in cdktf.out alike', () => {
    const suppressed = suppressedIn(stack).map(([rule, address]) => `${rule} ${address}`).sort();
    expect(suppressed.length).toBeGreaterThan(0);
    for (const [input, name] of [
      [planJson, 'plan-bare'],
      [outdir, 'synth-bare'],
    ] as const) {
      const { code, report } = check(input, name);
      expect({ input: name, blocking: report.findings.filter((f) => f.blocking).map((f) => `${f.ruleId} ${f.address}`).sort() }).toEqual({ input: name, blocking: suppressed });
      expect(code).toBe(1);
    }
  });

  it('passes with zero blocking findings once the suppressions are waivers, and gives the same verdict per resource from the plan and from cdktf.out', () => {
    // The CLI never sees construct metadata: the suppressions travel as config waivers, which must expire.
    const expires = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
    const waivers = suppressedIn(stack).map(([rule, address, reason]) => ({ rule, address, reason, expires, ticket: 'planwarden issue 7' }));
    // Not named planwarden.config.json, so the runs without --config cannot pick it up from `work`.
    const config = join(work, 'suppressions.json');
    writeFileSync(config, JSON.stringify({ waivers }, null, 2));

    const fromPlan = check(planJson, 'plan', config);
    const fromSynth = check(outdir, 'synth', config);
    for (const run of [fromPlan, fromSynth]) {
      expect(run.code).toBe(0);
      expect(run.report.summary).toMatchObject({ failed: 0, unknown: 0, blocking: 0, waived: waivers.length });
    }
    expect(fromPlan.report.inputs).toEqual([expect.objectContaining({ kind: 'plan', terraformVersion: expect.any(String), resources: synthResources })]);
    expect(fromSynth.report.inputs).toEqual([expect.objectContaining({ kind: 'cdktf', stack: STACK, resources: synthResources })]);
    // Every value a rule reads is a literal in synth (names and ARNs are built from the
    // environment), so the plan has no unknown for the verdicts to resolve differently.
    expect(fromSynth.verdicts).toEqual(fromPlan.verdicts);
    expect(fromPlan.verdicts.filter((v) => v.endsWith(' pass')).length).toBeGreaterThan(100);
  });
});
