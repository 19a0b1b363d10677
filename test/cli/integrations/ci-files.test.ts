/**
 * The action and the example pipelines are documentation people copy: they must parse, use
 * only commands and options planwarden has, keep inputs out of shell scripts (injection), and
 * reference only inputs and step outputs that exist.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { ROOT, runCli } from '../helpers';

const ACTION = path.join(ROOT, 'action.yml');
const EXAMPLES = path.join(ROOT, 'examples', 'ci');
const COMMANDS = ['check', 'comment', 'baseline'] as const;

type Yaml = Record<string, unknown>;

function load(file: string): Yaml {
  const document = parseDocument(fs.readFileSync(file, 'utf8'), { uniqueKeys: true });
  expect(document.errors.map((e) => e.message)).toEqual([]);
  expect(document.warnings.map((w) => w.message)).toEqual([]);
  return document.toJS() as Yaml;
}

/** Every `run:` / `script:` text in a workflow, action or GitLab file. */
function scripts(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(scripts);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Yaml).flatMap(([key, value]) => {
    if (key === 'run' && typeof value === 'string') return [value];
    if ((key === 'script' || key === 'before_script') && Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
    return scripts(value);
  });
}

/** Every step of every job (workflows) or of the action. */
function steps(node: unknown): Yaml[] {
  if (Array.isArray(node)) return node.flatMap(steps);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Yaml).flatMap(([key, value]) =>
    key === 'steps' && Array.isArray(value) ? (value as Yaml[]) : steps(value),
  );
}

/** The options each command accepts, from the built CLI's own help. */
const optionsOf = new Map<string, Set<string>>();
beforeAll(() => {
  for (const command of COMMANDS) {
    const help = runCli([command, '--help']);
    expect(help.code).toBe(0);
    optionsOf.set(command, new Set(help.stdout.match(/--[a-z][a-z-]*/g) ?? []));
  }
});

/** The planwarden commands a script runs, and the options that follow them. */
function invocations(script: string): Array<{ command: string; options: string[] }> {
  const joined = script.replace(/\\\n\s*/g, ' ');
  const found: Array<{ command: string; options: string[] }> = [];
  // `npx --yes "$PLANWARDEN" check ...`, `npx --yes planwarden@1 comment ...`, or an args array `args=(check ...)`.
  const pattern = /(?:(?:"\$PLANWARDEN"|"?planwarden@[^\s"]*"?)\s+([a-z]+)|args=\(([a-z]+))([^\n]*)/g;
  for (const match of joined.matchAll(pattern)) {
    const command = match[1] ?? match[2];
    // Options added to an args array later in the script belong to the same command.
    const rest = match[2] !== undefined ? joined.slice(match.index) : match[3];
    found.push({ command, options: rest.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? [] });
  }
  return found;
}

const files = [ACTION, ...fs.readdirSync(EXAMPLES).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(EXAMPLES, f))];

describe.each(files.map((f) => [path.relative(ROOT, f), f]))('%s', (_name, file) => {
  const parsed = load(file);
  const runs = scripts(parsed);

  it('runs only planwarden commands and options that exist, or gives the action only its inputs', () => {
    const calls = runs.flatMap(invocations);
    const actionSteps = steps(parsed).filter((step) => typeof step.uses === 'string' && /\/planwarden@/.test(step.uses));
    expect(calls.length + actionSteps.length).toBeGreaterThan(0);
    const inputs = Object.keys(load(ACTION).inputs as Yaml);
    for (const step of actionSteps) {
      const given = Object.keys((step.with ?? {}) as Yaml);
      expect(given).toContain('plan');
      expect(given.filter((key) => !inputs.includes(key))).toEqual([]);
    }
    for (const { command, options } of calls) {
      expect(COMMANDS).toContain(command);
      for (const option of options) {
        if (option === '--yes') continue; // npx's
        expect(`${command} ${option}: ${optionsOf.get(command)!.has(option)}`).toBe(`${command} ${option}: true`);
      }
    }
  });

  it('puts no ${{ }} expression inside a shell script (inputs go through env)', () => {
    for (const script of runs) expect(script).not.toContain('${{');
  });

  it('pins every action it uses to a version', () => {
    const uses = JSON.stringify(parsed).match(/"uses":"[^"]*"/g) ?? [];
    for (const use of uses) expect(use).toMatch(/@v?\d/);
  });
});

describe('action.yml', () => {
  const action = load(ACTION);
  const text = fs.readFileSync(ACTION, 'utf8');

  it('is a composite action whose run steps name their shell', () => {
    const runsBlock = action.runs as { using: string; steps: Yaml[] };
    expect(runsBlock.using).toBe('composite');
    for (const step of runsBlock.steps) if ('run' in step) expect(step.shell).toBe('bash');
  });

  it('declares every input it reads and reads every input it declares', () => {
    const declared = Object.keys(action.inputs as Yaml).sort();
    const used = [...new Set([...text.matchAll(/inputs\.([a-z][a-z-]*)/g)].map((m) => m[1]))].sort();
    expect(used).toEqual(declared);
    expect((action.inputs as Record<string, { required?: boolean }>).plan.required).toBe(true);
  });

  it('reads only step outputs the check step writes', () => {
    const written = new Set([...text.matchAll(/echo "([a-z-]+)=[^"]*" >> "\$GITHUB_OUTPUT"/g)].map((m) => m[1]));
    const read = new Set([...text.matchAll(/steps\.check\.outputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect([...read].filter((name) => !written.has(name))).toEqual([]);
    expect(Object.values(action.outputs as Record<string, { value: string }>).every((o) => /steps\.check\.outputs\./.test(o.value))).toBe(true);
  });
});

describe('gitlab-ci.yml', () => {
  const pipeline = load(path.join(EXAMPLES, 'gitlab-ci.yml'));

  it('puts every job in a declared stage and publishes the JUnit file the check writes', () => {
    const stages = pipeline.stages as string[];
    const jobs = Object.entries(pipeline).filter(([, v]) => v !== null && typeof v === 'object' && 'script' in (v as Yaml));
    expect(jobs.map(([name]) => name)).toEqual(['terraform-plan', 'planwarden']);
    for (const [, job] of jobs) expect(stages).toContain((job as { stage: string }).stage);
    const job = pipeline.planwarden as { script: string[]; artifacts: { reports: { junit: string } } };
    const junit = /--format junit=(\S+)/.exec(job.script.join('\n'))![1];
    expect(job.artifacts.reports.junit).toBe(`$TF_ROOT/${junit}`);
  });
});
