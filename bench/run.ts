/**
 * `npm run bench`: how much time and memory `planwarden check` costs on plans of growing size,
 * against the floor of reading and JSON.parse-ing the same file.
 *
 *   node dist/bench/run.js [--sizes 1000,10000,100000] [--runs 5] [--seed 1] [--json out.json] [--timeout-sec 600]
 *   node dist/bench/run.js --startup [--runs 10]      # `node -e 0` vs check on a 10-resource plan
 *   node dist/bench/run.js --multi [--sizes 10000]    # check of one plan vs one call checking two plans
 *   --cli PATH measures another build of the CLI (default dist/bundle/planwarden.js, what `bin` runs).
 *
 * Every measurement is a fresh child process, run one at a time (the machine may have two
 * cores), baseline and check interleaved so drift in machine load hits both alike, after one
 * untimed warm-up of each that also brings the plan file into the page cache. Peak memory comes
 * from a preloaded probe; see max-rss-probe.ts.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { runChild, type ChildRun } from './child-measure';
import { generatePlanFile, GENERATOR_VERSION } from './generate-plan';
import { formatTable, type BenchReport, type Comparison, type SeriesSummary } from './report';
import { median, minimum, ratio } from './stats';

const REPO_ROOT = resolve(__dirname, '..', '..');
const OUT_DIR = join(REPO_ROOT, 'bench', 'out');
const PROBE = join(__dirname, 'max-rss-probe.js');
const BASELINE_SCRIPT = join(__dirname, 'baseline-parse.js');
const DEFAULT_CLI = join(REPO_ROOT, 'dist', 'bundle', 'planwarden.js');
const STARTUP_RESOURCES = 10;

interface Options {
  cli: string;
  sizes: number[];
  runs: number;
  seed: number;
  jsonOut: string | undefined;
  startup: boolean;
  /** Compare `check A` with `check A B` (two plans of the same size in one call). */
  multi: boolean;
  timeoutMs: number;
}

interface CachedPlan {
  path: string;
  bytes: number;
  generatedMs: number | null;
}

interface PlanMeta {
  generatorVersion: number;
  resources: number;
  seed: number;
  bytes: number;
}

/** Reuses bench/out/plan-<N>-seed<S>.json when its sidecar says the same generator wrote it. */
async function cachedPlan(resources: number, seed: number): Promise<CachedPlan> {
  mkdirSync(OUT_DIR, { recursive: true });
  const path = join(OUT_DIR, `plan-${resources}-seed${seed}.json`);
  const metaPath = path.replace(/\.json$/, '.meta.json');
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as PlanMeta;
    const fresh = meta.generatorVersion === GENERATOR_VERSION && meta.resources === resources && meta.seed === seed;
    if (fresh && statSync(path).size === meta.bytes) return { path, bytes: meta.bytes, generatedMs: null };
  }
  process.stderr.write(`generating ${displayPath(path)} (${resources} resources)...\n`);
  const result = await generatePlanFile({ resources, seed, out: path });
  const meta: PlanMeta = { generatorVersion: GENERATOR_VERSION, resources, seed, bytes: result.stats.bytes };
  writeFileSync(metaPath, JSON.stringify(meta) + '\n');
  return { path, bytes: result.stats.bytes, generatedMs: result.milliseconds };
}

/** Paths inside the repository relative to it (as a reader would type them), others as they are. */
function displayPath(path: string): string {
  const rel = relative(REPO_ROOT, path);
  return rel.startsWith('..') ? path : rel;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function roundRatio(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1000) / 1000;
}

/** One command measured repeatedly; stops at the first run that fails. */
class Series {
  private readonly runs: ChildRun[] = [];
  private failure: string | null;

  constructor(
    readonly args: string[],
    private readonly okExit: (code: number | null) => boolean,
    unavailable: string | null,
  ) {
    this.failure = unavailable;
  }


  /** Runs once; `record` false for the warm-up. */
  async run(timeoutMs: number, record: boolean): Promise<void> {
    if (this.failure !== null) return;
    const result = await runChild({ args: this.args, probePath: PROBE, timeoutMs, cwd: REPO_ROOT });
    if (result.timedOut) this.failure = `timed out after ${timeoutMs / 1000} s`;
    else if (!this.okExit(result.exitCode)) {
      const firstLine = result.stderr.split('\n').find((l) => l.trim() !== '') ?? '(no stderr)';
      this.failure = `exit ${result.exitCode ?? `signal ${result.signal}`}: ${firstLine.trim().slice(0, 300)}`;
    } else if (record) this.runs.push(result);
  }

  summary(): SeriesSummary {
    const wall = this.runs.map((r) => r.wallMs);
    const rss = this.runs.map((r) => r.maxRssMb);
    const knownRss = rss.filter((v): v is number => v !== null);
    return {
      command: ['node', ...this.args.map((a) => (a.startsWith('/') ? displayPath(a) : a))].join(' '),
      wallMs: wall.map(round1),
      maxRssMb: rss.map((v) => (v === null ? null : round1(v))),
      exitCodes: this.runs.map((r) => r.exitCode),
      medianWallMs: wall.length > 0 ? round1(median(wall)) : null,
      minWallMs: wall.length > 0 ? round1(minimum(wall)) : null,
      medianMaxRssMb: knownRss.length > 0 ? round1(median(knownRss)) : null,
      error:
        this.failure ??
        (knownRss.length < rss.length ? `peak memory missing for ${rss.length - knownRss.length} run(s) (child exited without the probe)` : null),
    };
  }
}

function checkUnavailable(cli: string): string | null {
  return existsSync(cli) ? null : `not run: ${displayPath(cli)} does not exist (build the CLI with \`npm run build\`)`;
}

/** `check` of the given plans; the plans go before the options: `--format` takes a list, and yargs would read a path after it as a second format. */
function checkCommand(options: Options, plans: readonly CachedPlan[]): string[] {
  return [options.cli, 'check', ...plans.map((p) => p.path), '--format', 'json'];
}

async function compare(
  label: string,
  resources: number,
  plan: CachedPlan,
  baselineArgs: string[],
  options: Options,
  checkArgs: string[] = checkCommand(options, [plan]),
  baselineIsCheck = false,
): Promise<Comparison> {
  // A check that reports blocking findings (exit 1) still measured a complete run.
  const baseline = new Series(baselineArgs, (code) => code === 0 || (baselineIsCheck && code === 1), baselineIsCheck ? checkUnavailable(options.cli) : null);
  // 0 (nothing blocking) and 1 (blocking findings) are both a successful check of a plan.
  const check = new Series(checkArgs, (code) => code === 0 || code === 1, checkUnavailable(options.cli));
  await baseline.run(options.timeoutMs, false);
  await check.run(options.timeoutMs, false);
  for (let i = 0; i < options.runs; i++) {
    await baseline.run(options.timeoutMs, true);
    await check.run(options.timeoutMs, true);
  }
  const b = baseline.summary();
  const c = check.summary();
  return {
    label,
    resources,
    file: displayPath(plan.path),
    fileBytes: plan.bytes,
    generatedMs: plan.generatedMs === null ? null : round1(plan.generatedMs),
    baseline: b,
    check: c,
    wallRatio: roundRatio(ratio(c.medianWallMs, b.medianWallMs)),
    rssRatio: roundRatio(ratio(c.medianMaxRssMb, b.medianMaxRssMb)),
  };
}

function parseOptions(argv: readonly string[]): Options {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      cli: { type: 'string', default: DEFAULT_CLI },
      sizes: { type: 'string', default: '1000,10000,100000' },
      runs: { type: 'string' },
      seed: { type: 'string', default: '1' },
      json: { type: 'string' },
      startup: { type: 'boolean', default: false },
      multi: { type: 'boolean', default: false },
      'timeout-sec': { type: 'string', default: '600' },
    },
    strict: true,
  });
  const positive = (text: string, flag: string): number => {
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got ${JSON.stringify(text)}`);
    return n;
  };
  return {
    cli: resolve(values.cli),
    sizes: values.sizes.split(',').map((s) => positive(s.trim(), '--sizes')),
    runs: positive(values.runs ?? (values.startup ? '10' : '5'), '--runs'),
    seed: positive(values.seed, '--seed'),
    jsonOut: values.json,
    startup: values.startup,
    multi: values.multi,
    timeoutMs: positive(values['timeout-sec'], '--timeout-sec') * 1000,
  };
}

async function main(argv: readonly string[]): Promise<number> {
  const options = parseOptions(argv);
  for (const file of [PROBE, BASELINE_SCRIPT]) {
    if (!existsSync(file)) throw new Error(`${displayPath(file)} is missing; run \`npm run build\``);
  }
  const unavailable = checkUnavailable(options.cli);
  if (unavailable) process.stderr.write(`planwarden check ${unavailable}; measuring the baseline only\n`);

  const comparisons: Comparison[] = [];
  if (options.startup) {
    const plan = await cachedPlan(STARTUP_RESOURCES, options.seed);
    comparisons.push(await compare(`startup (${STARTUP_RESOURCES} res)`, STARTUP_RESOURCES, plan, ['-e', '0'], options));
  } else if (options.multi) {
    // Two plans in one call run on two worker threads: on a two-core machine the ratio is near
    // 1 when both cores are used, near 2 when the plans are checked one after the other.
    for (const size of options.sizes) {
      const first = await cachedPlan(size, options.seed);
      const second = await cachedPlan(size, options.seed + 1);
      process.stderr.write(`measuring one vs two plans of ${size} resources (${options.runs} runs each)...\n`);
      comparisons.push(await compare(`2 × ${size}`, size, first, checkCommand(options, [first]), options, checkCommand(options, [first, second]), true));
    }
  } else {
    for (const size of options.sizes) {
      const plan = await cachedPlan(size, options.seed);
      process.stderr.write(`measuring ${size} resources (${options.runs} runs each)...\n`);
      comparisons.push(await compare(String(size), size, plan, [BASELINE_SCRIPT, plan.path], options));
    }
  }

  const report: BenchReport = {
    mode: options.startup ? 'startup' : options.multi ? 'multi' : 'sizes',
    baselineMeaning: options.startup ? 'node -e 0' : options.multi ? 'planwarden check of one plan' : 'read the plan file and JSON.parse it',
    environment: { node: process.version, platform: `${process.platform}-${process.arch}`, cpus: cpus().length, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) },
    runsPerCommand: options.runs,
    seed: options.seed,
    comparisons,
  };
  const json = JSON.stringify(report, null, 2);
  process.stdout.write(formatTable(report) + '\n\n' + json + '\n');
  if (options.jsonOut) writeFileSync(resolve(options.jsonOut), json + '\n');
  const failed = comparisons.some((c) => c.baseline.error !== null || (c.check.error !== null && unavailable === null));
  return failed ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
