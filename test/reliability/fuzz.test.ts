/**
 * Property tests of the evaluator on random and mutated plans. Whatever the plan: no crash (any
 * error other than InputError), no hang (a deadline per case, enforced from outside the thread
 * that evaluates), no prototype pollution, and when a report comes out, it is schema-valid in
 * every format and agrees with itself. A refusal is one line.
 *
 * Seeds are test/fixtures/plans and, when present, ../shared/corpus/plans. fast-check prints
 * the seed and path of a failure; replay with FC_SEED=<seed> FC_PATH=<path>. FUZZ_RUNS scales
 * the number of cases (the default, 360 cases, takes 5-20 s on two cores depending on load).
 */
import fc from 'fast-check';
import type { JsonObject, JsonValue } from '../../policies/engine/types';
import { applyMutations, byteDamage, damage, encode, hostileValue, mutation, pathsOf, serialize, type Encoding } from './support/mutate';
import { reportProblems } from './support/report-checks';
import { describeOutcome, Sandbox, type Outcome, type Variant } from './support/sandbox';
import { corpusPlanFiles, fixturePlanFiles, isObject, parsePlanBytes, readSeed, type SeedPlan } from './support/seeds';

const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
/** Generous: a normal case takes 10-100 ms; a real hang never ends. */
const DEADLINE_MS = 15_000;
const replay: Parameters<typeof fc.assert>[1] = process.env.FC_SEED
  ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true }
  : {};

const seeds: SeedPlan[] = [...fixturePlanFiles(), ...corpusPlanFiles()].map(readSeed);
const parsed = new Map<string, JsonValue>();
const paths = new Map<string, Array<Array<string | number>>>();
function docOf(seed: SeedPlan): JsonValue {
  let doc = parsed.get(seed.name);
  if (doc === undefined) parsed.set(seed.name, (doc = parsePlanBytes(seed.bytes)));
  return doc;
}
function pathsOfSeed(seed: SeedPlan): Array<Array<string | number>> {
  let p = paths.get(seed.name);
  if (p === undefined) paths.set(seed.name, (p = pathsOf(docOf(seed))));
  return p;
}

const sandbox = new Sandbox(DEADLINE_MS);
afterAll(() => sandbox.close());

const variant: fc.Arbitrary<Variant> = fc.record({
  unknownPolicy: fc.constantFrom<Variant['unknownPolicy']>('pass', 'warn', 'fail'),
  changedOnly: fc.boolean(),
  config: fc.constantFrom<Variant['config']>('default', 'scoped'),
});
const encoding = fc.constantFrom<Encoding>('utf8', 'utf8', 'utf8', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'utf16le', 'utf16be');

/** The contract for one evaluation; returns the problems (none = pass). */
function problemsOf(outcome: Outcome): string[] {
  const problems: string[] = [];
  if (outcome.kind === 'crash' || outcome.kind === 'timeout') return [describeOutcome(outcome)];
  if (outcome.pollution.length > 0) problems.push(`prototype pollution: ${outcome.pollution.join(', ')}`);
  if (outcome.kind === 'input-error') {
    if (/[\r\n]/.test(outcome.message)) problems.push(`refusal spans lines: ${JSON.stringify(outcome.message.slice(0, 300))}`);
    if (outcome.message.trim() === '') problems.push('empty refusal');
    if (outcome.message.length > 2000) problems.push(`refusal of ${outcome.message.length} characters`);
  } else {
    problems.push(...reportProblems(outcome.outputs, outcome.exitCode));
  }
  return problems;
}

/** Outcome kinds per property, printed with FUZZ_STATS=1 (to see that cases reach the rules). */
const stats = new Map<string, number>();
afterAll(() => {
  if (process.env.FUZZ_STATS === '1') console.log(Object.fromEntries([...stats].sort()));
});

async function holds(bytes: Buffer, v: Variant): Promise<void> {
  const outcome = await sandbox.evaluate(bytes, 'plan.json', v);
  const key = `${expect.getState().currentTestName?.slice(-30)} ${outcome.kind}${outcome.kind === 'report' ? outcome.exitCode : ''}`;
  stats.set(key, (stats.get(key) ?? 0) + 1);
  const problems = problemsOf(outcome);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** Attribute vocabulary per resource type, from the seeds: names and a few real values of each. */
function vocabulary(): Map<string, Map<string, JsonValue[]>> {
  const out = new Map<string, Map<string, JsonValue[]>>();
  for (const seed of seeds) {
    const doc = docOf(seed);
    const changes = isObject(doc) && Array.isArray(doc.resource_changes) ? doc.resource_changes : [];
    for (const rc of changes) {
      if (!isObject(rc) || typeof rc.type !== 'string' || !isObject(rc.change) || !isObject(rc.change.after)) continue;
      const attrs = out.get(rc.type) ?? new Map<string, JsonValue[]>();
      out.set(rc.type, attrs);
      for (const [k, v] of Object.entries(rc.change.after)) {
        const values = attrs.get(k) ?? [];
        if (values.length < 6 && !values.some((x) => JSON.stringify(x) === JSON.stringify(v))) values.push(v);
        attrs.set(k, values);
      }
    }
  }
  return out;
}

const maybe = seeds.length > 0 ? describe : describe.skip;

maybe('fuzzing the evaluator (property tests)', () => {
  it(`has seeds: ${seeds.length} plans`, () => expect(seeds.length).toBeGreaterThan(0));

  it('survives structural mutations of real plans at any depth', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), encoding, variant, async (i, mutations, enc, v) => {
        const seed = seeds[i];
        const doc = applyMutations(docOf(seed), pathsOfSeed(seed), mutations);
        await holds(encode(serialize(doc), enc), v);
      }),
      { numRuns: RUNS * 2, ...replay },
    );
  });

  it('survives mutations aimed at the sections the loader reads', async () => {
    // Uniform paths mostly land in big attribute values; these target the loader's own fields.
    const targets = ['resource_changes', 'configuration', 'planned_values', 'format_version', 'terraform_version'];
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.constantFrom(...targets), fc.array(mutation, { minLength: 1, maxLength: 3 }), variant, async (i, section, mutations, v) => {
        const seed = seeds[i];
        const all = pathsOfSeed(seed).filter((p) => p[0] === section && p.length <= 5);
        if (all.length === 0) return;
        const doc = applyMutations(docOf(seed), all, mutations);
        await holds(Buffer.from(serialize(doc)), v);
      }),
      { numRuns: RUNS * 2, ...replay },
    );
  });

  it('refuses damaged bytes with one line, or evaluates them if they are still a plan', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(byteDamage, { minLength: 1, maxLength: 3 }), encoding, async (i, damages, enc) => {
        let bytes = encode(seeds[i].bytes.toString('utf8'), enc);
        for (const d of damages) bytes = damage(bytes, d);
        await holds(bytes, { unknownPolicy: 'warn', changedOnly: false, config: 'default' });
      }),
      // Cheap (most cases are refused early) and productive: it found a control character in a
      // top-level key crashing the section scanner (exit 3).
      { numRuns: RUNS * 3, ...replay },
    );
  });

  it('survives random plans built from the rule pack vocabulary', async () => {
    const vocab = vocabulary();
    const types = [...vocab.keys()].sort();
    const resource = fc.constantFrom(...types).chain((type) => {
      const attrs = vocab.get(type)!;
      const names = [...attrs.keys()].sort();
      const attrValue = (name: string) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(attrs.get(name) ?? [null])) }, { weight: 1, arbitrary: hostileValue });
      const after = names.length === 0 ? fc.constant([]) : fc.uniqueArray(fc.constantFrom(...names), { maxLength: names.length }).chain((chosen) => fc.tuple(...chosen.map((n) => attrValue(n).map((v) => [n, v] as const))));
      return fc.record({
        type: fc.constant(type),
        name: fc.constantFrom('a', 'b', 'phi', 'logs', '__proto__', 'constructor'),
        key: fc.option(fc.oneof(fc.nat(2), fc.constantFrom('x', '__proto__', 'a"b]', '')), { nil: undefined }),
        module: fc.option(fc.constantFrom('module.records', 'module.a["__proto__"]', 'module.b[0].module.c'), { nil: undefined }),
        actions: fc.constantFrom<string[]>(['create'], ['update'], ['delete', 'create'], ['create', 'delete'], ['no-op'], ['delete'], ['read'], ['forget'], ['frobnicate']),
        after: after.map((pairs) => {
          const o: JsonObject = {};
          for (const [k, v] of pairs as ReadonlyArray<readonly [string, JsonValue]>) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
          return o;
        }),
        unknownShare: fc.nat(3),
        sensitiveShare: fc.nat(3),
        refTo: fc.nat(),
      });
    });
    await fc.assert(
      fc.asyncProperty(fc.array(resource, { minLength: 1, maxLength: 10 }), variant, async (resources, v) => {
        const addresses = resources.map((r) => {
          const key = r.key === undefined ? '' : typeof r.key === 'number' ? `[${r.key}]` : `[${JSON.stringify(r.key)}]`;
          return `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${key}`;
        });
        const resourceChanges = resources.map((r, i) => {
          const keys = Object.keys(r.after);
          const marks = (share: number) => Object.fromEntries(keys.filter((_, j) => share > 0 && j % (share + 1) === 0).map((k) => [k, true]));
          return {
            address: addresses[i],
            ...(r.module ? { module_address: r.module } : {}),
            mode: 'managed',
            type: r.type,
            name: r.name,
            ...(r.key === undefined ? {} : { index: r.key }),
            provider_name: 'registry.terraform.io/hashicorp/aws',
            change: { actions: r.actions, before: r.actions[0] === 'create' ? null : r.after, after: r.actions.includes('delete') && r.actions.length === 1 ? null : r.after, after_unknown: marks(r.unknownShare), after_sensitive: marks(r.sensitiveShare), before_sensitive: {} },
          };
        });
        const rootResources = resources.filter((r) => !r.module).map((r) => {
          const target = resources[r.refTo % resources.length];
          const expressions: JsonObject = {};
          for (const k of Object.keys(r.after).slice(0, 3)) expressions[k] = { references: [`${target.type}.${target.name}.id`, `${target.type}.${target.name}`] };
          return { address: `${r.type}.${r.name}`, mode: 'managed', type: r.type, name: r.name, provider_config_key: 'aws', expressions };
        });
        const plan = {
          format_version: '1.2',
          terraform_version: '1.9.0',
          resource_changes: resourceChanges,
          configuration: {
            provider_config: { aws: { name: 'aws', expressions: { region: { constant_value: 'us-east-1' }, default_tags: [{ tags: { constant_value: { DataClassification: 'PHI' } } }] } } },
            root_module: { resources: rootResources, module_calls: { records: { source: './records', module: { resources: [] } } } },
          },
        };
        await holds(Buffer.from(serialize(plan as unknown as JsonValue)), v);
      }),
      { numRuns: RUNS * 2, ...replay },
    );
  });
});
