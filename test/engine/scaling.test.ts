/**
 * Every rule's cost grows linearly with the plan: on generated plans of N and 4N resources
 * (modules, for_each companions, unknowns), no rule may take more than ~6.5× longer on the larger
 * one. Linear rules measure ~4–5×; a rule that scans all resources per resource (quadratic) heads for 16×.
 * CPU time, best of three, so a busy machine does not decide the result.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatePlanFile } from '../../bench/generate-plan';
import { defaultSettings } from '../../policies/engine/check';
import { buildGraph, type Graph } from '../../policies/engine/graph';
import { loadBytes } from '../../policies/engine/load';
import type { Rule, RuleContext } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';

const SMALL = 4000;
const LARGE = 4 * SMALL;
/** Rules cheaper than this on the large plan are too fast to time reliably. */
const MEASURABLE_MS = 150;
const MAX_RATIO = 6.5;

function cpuMs(fn: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000);
  }
  return best;
}

function runRule(graph: Graph, rule: Rule): void {
  const ctx: RuleContext = { graph, params: defaultSettings(rule).params, phiScope: () => ({ inScope: true, reason: 'test' }) };
  const everywhere = rule.resourceTypes.includes('*');
  for (const instance of graph.instances) {
    if (instance.mode !== 'managed' || instance.action === 'delete') continue;
    if (everywhere || rule.resourceTypes.includes(instance.type)) rule.check(instance, ctx);
  }
}

describe('rule cost scales linearly', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-scaling-'));
  const graphs: Record<'small' | 'large', Graph | undefined> = { small: undefined, large: undefined };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  beforeAll(async () => {
    for (const [size, resources] of [['small', SMALL], ['large', LARGE]] as const) {
      const out = path.join(dir, `${size}.json`);
      await generatePlanFile({ resources, seed: 11, out });
      graphs[size] = buildGraph(loadBytes(fs.readFileSync(out), out, 0), 0);
    }
  }, 120_000);

  it(`no rule costs more than ${MAX_RATIO}× on ${LARGE} resources than on ${SMALL}`, () => {
    const offenders: string[] = [];
    for (const rule of ALL_RULES) {
      const large = cpuMs(() => runRule(graphs.large!, rule));
      if (large < MEASURABLE_MS) continue;
      const small = Math.max(cpuMs(() => runRule(graphs.small!, rule)), 1);
      if (large / small > MAX_RATIO) offenders.push(`${rule.id}: ${small.toFixed(0)} ms → ${large.toFixed(0)} ms (${(large / small).toFixed(1)}×)`);
    }
    expect(offenders).toEqual([]);
  }, 300_000);
});
