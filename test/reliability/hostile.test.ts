/**
 * Hostile plans: prototype keys everywhere a key can go, nesting past any real plan, huge
 * lists and strings, duplicate keys, sections that disagree, pathological strings for the
 * regexes. Each must end with a clear result (a report, or one line of refusal) within a
 * deadline, without a crash, without polluting Object.prototype, and in time that grows
 * linearly with the input.
 */
import type { JsonObject, JsonValue } from '../../policies/engine/types';
import { nested, protoObject } from './support/mutate';
import { reportProblems } from './support/report-checks';
import { DEFAULT_VARIANT, describeOutcome, Sandbox, type Outcome } from './support/sandbox';
import { fixturePlanFiles, isObject, parsePlanBytes, readSeed } from './support/seeds';

const DEADLINE_MS = 30_000;
const sandbox = new Sandbox(DEADLINE_MS);
afterAll(() => sandbox.close());

async function evaluate(doc: JsonValue | string | Buffer): Promise<Outcome> {
  const bytes = Buffer.isBuffer(doc) ? doc : Buffer.from(typeof doc === 'string' ? doc : JSON.stringify(doc));
  return sandbox.evaluate(bytes);
}

/** A report that passes every output check, or fails the test with what went wrong. */
function expectReport(o: Outcome): Extract<Outcome, { kind: 'report' }> {
  if (o.kind !== 'report') throw new Error(`expected a report, got ${describeOutcome(o)}`);
  expect(o.pollution).toEqual([]);
  expect(reportProblems(o.outputs, o.exitCode)).toEqual([]);
  return o;
}

function expectRefusal(o: Outcome, pattern: RegExp): void {
  if (o.kind !== 'input-error') throw new Error(`expected a refusal, got ${describeOutcome(o)}`);
  expect(o.message).not.toMatch(/[\r\n]/);
  expect(o.message).toMatch(pattern);
  expect(o.pollution).toEqual([]);
}

interface JsonFinding {
  address: string;
  ruleId: string;
  status: string;
  message: string;
}
const findingsOf = (o: Extract<Outcome, { kind: 'report' }>): JsonFinding[] => (JSON.parse(o.outputs.json) as { findings: JsonFinding[] }).findings;

function rc(address: string, type: string, after: JsonValue, extra: JsonObject = {}): JsonObject {
  const name = address.replace(/\[[^\]]*\]$/, '').split('.').pop()!;
  return { address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws', change: { actions: ['create'], before: null, after, after_unknown: {}, after_sensitive: {} }, ...extra };
}

function planOf(changes: JsonValue[], configuration: JsonObject = { root_module: {} }): JsonObject {
  return { format_version: '1.2', terraform_version: '1.9.0', resource_changes: changes, configuration };
}

/** One resource change of each type found in the fixture plans: every rule's input shape, in one plan. */
function oneOfEachType(): JsonObject[] {
  const byType = new Map<string, JsonObject>();
  for (const file of fixturePlanFiles()) {
    const doc = parsePlanBytes(readSeed(file).bytes) as JsonObject;
    for (const change of (doc.resource_changes as JsonObject[]) ?? []) {
      if (typeof change.type !== 'string' || byType.has(change.type)) continue;
      const { module_address: _module, ...rest } = change;
      void _module;
      byType.set(change.type, { ...rest, address: `${change.type}.${String(change.name)}` });
    }
  }
  return [...byType.values()];
}

describe('prototype keys in attributes, tags, module and for_each keys, configuration', () => {
  // Written as text: JSON.parse makes `__proto__` an own key, as it does for a plan file.
  const PLAN = String.raw`{
    "format_version": "1.2", "terraform_version": "1.9.0",
    "resource_changes": [
      { "address": "module.a[\"__proto__\"].aws_s3_bucket.b[\"constructor\"]", "module_address": "module.a[\"__proto__\"]",
        "mode": "managed", "type": "aws_s3_bucket", "name": "b", "index": "constructor", "provider_name": "registry.terraform.io/hashicorp/aws",
        "change": { "actions": ["create"], "before": null,
          "after": { "bucket": "phi", "__proto__": { "polluted": "after" }, "constructor": { "prototype": { "polluted": "ctor" } },
                     "tags": { "__proto__": "x", "constructor": "y", "prototype": "z", "DataClassification": "PHI", "planwarden:waive": "ENC-001:__proto__:2026-01-20" },
                     "server_side_encryption_configuration": [ { "__proto__": { "polluted": 1 },
                        "rule": [ { "apply_server_side_encryption_by_default": [ { "__proto__": { "sse_algorithm": "aws:kms", "kms_master_key_id": "k" } } ] } ] } ] },
          "after_unknown": { "__proto__": true, "constructor": true },
          "after_sensitive": { "__proto__": { "polluted": true }, "tags": { "__proto__": true } } } },
      { "address": "aws_cloudwatch_log_group.__proto__", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "__proto__",
        "change": { "actions": ["create"], "before": null, "after": { "name": "constructor", "retention_in_days": 1, "kms_key_id": null, "tags": { "__proto__": "PHI" } },
                    "after_unknown": {}, "after_sensitive": {} } },
      { "address": "aws_kms_key.constructor", "mode": "managed", "type": "aws_kms_key", "name": "constructor",
        "change": { "actions": ["create"], "before": null, "after": { "enable_key_rotation": { "__proto__": true }, "policy": "{\"__proto__\":{\"Statement\":[]},\"Statement\":{\"__proto__\":1}}" },
                    "after_unknown": { "arn": true }, "after_sensitive": {} } }
    ],
    "configuration": {
      "provider_config": { "__proto__": { "name": "aws", "expressions": { "region": { "constant_value": "us-east-1" } } },
                           "aws": { "name": "aws", "expressions": { "region": { "constant_value": "us-east-1" }, "default_tags": [ { "tags": { "constant_value": { "__proto__": "PHI" } } } ] } } },
      "root_module": {
        "resources": [
          { "address": "aws_cloudwatch_log_group.__proto__", "mode": "managed", "type": "aws_cloudwatch_log_group", "name": "__proto__", "provider_config_key": "__proto__",
            "expressions": { "__proto__": { "references": ["aws_kms_key.constructor.arn"] }, "kms_key_id": { "references": ["aws_kms_key.constructor.arn", "aws_kms_key.constructor"] } } },
          { "address": "aws_kms_key.constructor", "mode": "managed", "type": "aws_kms_key", "name": "constructor", "expressions": {} }
        ],
        "outputs": { "__proto__": { "expression": { "references": ["aws_kms_key.constructor"] } } },
        "module_calls": {
          "__proto__": { "source": "./x", "expressions": { "__proto__": { "references": ["var.__proto__"] } }, "module": { "resources": [] } },
          "a": { "source": "./a", "for_each_expression": { "references": ["var.__proto__"] },
                 "module": { "resources": [ { "address": "aws_s3_bucket.b", "mode": "managed", "type": "aws_s3_bucket", "name": "b",
                                              "for_each_expression": { "references": ["var.constructor"] },
                                              "expressions": { "bucket": { "references": ["var.__proto__"] } } } ] } }
        }
      }
    }
  }`;

  it('evaluates every resource under its own address and pollutes nothing', async () => {
    const o = expectReport(await evaluate(PLAN));
    const addresses = new Set(findingsOf(o).map((f) => f.address));
    expect(addresses).toContain('module.a["__proto__"].aws_s3_bucket.b["constructor"]');
    expect(addresses).toContain('aws_cloudwatch_log_group.__proto__');
    // retention_in_days = 1 fails LOG-001 whatever the hostile keys around it.
    expect(findingsOf(o).some((f) => f.address === 'aws_cloudwatch_log_group.__proto__' && f.ruleId === 'LOG-001' && f.status === 'fail')).toBe(true);
    expect(o.exitCode).toBe(1);
    // expectReport checked that the worker's Object.prototype (where the plan was evaluated) is unchanged.
  });

  it('does not read a "__proto__" key as the encryption block it pretends to be', async () => {
    // An own "__proto__" key holding sse_algorithm is not apply_server_side_encryption_by_default's
    // value; the bucket is judged on its real (absent) settings, the same as without the key.
    const withKey = findingsOf(expectReport(await evaluate(PLAN))).filter((f) => f.address.startsWith('module.a'));
    const withoutKey = findingsOf(expectReport(await evaluate(PLAN.replace('{ "__proto__": { "sse_algorithm": "aws:kms", "kms_master_key_id": "k" } }', '{}'))));
    expect(withKey.map((f) => `${f.ruleId} ${f.status}`)).toEqual(withoutKey.filter((f) => f.address.startsWith('module.a')).map((f) => `${f.ruleId} ${f.status}`));
  });

  it('the same keys in planned_values (a plan without resource_changes) and in CDKTF synth output', async () => {
    const planned = String.raw`{ "format_version": "1.2", "planned_values": { "root_module": {
      "resources": [ { "address": "aws_s3_bucket.__proto__", "mode": "managed", "type": "aws_s3_bucket", "name": "__proto__",
                       "values": { "__proto__": { "polluted": 1 }, "bucket": "x", "tags": { "constructor": "PHI" } }, "sensitive_values": { "__proto__": true } } ],
      "child_modules": [ { "address": "module.__proto__", "resources": [ { "address": "module.__proto__.aws_s3_bucket.constructor", "mode": "managed", "type": "aws_s3_bucket", "name": "constructor", "values": { "bucket": "y" } } ] } ] } } }`;
    const o1 = expectReport(await evaluate(planned));
    expect(new Set(findingsOf(o1).map((f) => f.address))).toEqual(new Set(['aws_s3_bucket.__proto__', 'module.__proto__.aws_s3_bucket.constructor']));
    const cdktf = String.raw`{ "//": { "metadata": { "stackName": "__proto__" } }, "terraform": {},
      "provider": { "aws": [ { "region": "us-east-1", "default_tags": [ { "tags": { "__proto__": "PHI" } } ] } ], "__proto__": [ { "alias": "constructor" } ] },
      "resource": { "__proto__": { "x": { "polluted": true } },
                    "aws_s3_bucket": { "__proto__": { "bucket": "x", "tags": { "__proto__": "y" } }, "constructor": { "bucket": "${"${"}aws_kms_key.__proto__.arn}" } },
                    "aws_cloudwatch_log_group": { "prototype": { "name": "l", "retention_in_days": 1, "__proto__": { "retention_in_days": 3653 } } } },
      "output": { "__proto__": { "value": "${"${"}aws_s3_bucket.__proto__.id}" } } }`;
    const o2 = expectReport(await evaluate(cdktf));
    expect(findingsOf(o2).some((f) => f.address === 'aws_cloudwatch_log_group.prototype' && f.ruleId === 'LOG-001' && f.status === 'fail')).toBe(true);
  });
});

describe('nesting deeper than any plan', () => {
  const bucket = (after: JsonValue, extra: JsonObject = {}) => planOf([rc('aws_s3_bucket.b', 'aws_s3_bucket', after, extra)]);
  /** JSON.stringify itself overflows the stack on such values, so they are spliced in as text. */
  const DEEP = 'deep-value-placeholder';
  const deepText = (kind: 'list' | 'object') => (kind === 'list' ? '['.repeat(100_000) + ']'.repeat(100_000) : '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000));
  const withSensitive = (): JsonObject => {
    const doc = bucket({ bucket: 'b' });
    ((doc.resource_changes as JsonObject[])[0].change as JsonObject).after_sensitive = { bucket: DEEP };
    return doc;
  };
  const cases: Array<[string, 'list' | 'object', () => JsonValue]> = [
    ['an attribute value', 'list', () => bucket({ bucket: DEEP })],
    ['a tag', 'object', () => bucket({ tags: { t: DEEP } })],
    ['after_sensitive', 'list', withSensitive],
    ['configuration expressions', 'object', () => planOf([rc('aws_s3_bucket.b', 'aws_s3_bucket', { bucket: 'b' })], { root_module: { resources: [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', expressions: { bucket: DEEP } }] } })],
    ['a section the evaluator never reads', 'list', () => ({ ...bucket({ bucket: 'b' }), prior_state: DEEP })],
  ];
  it.each(cases)('100,000 levels in %s: exit 2 with a line that says so', async (_name, kind, build) => {
    const text = JSON.stringify(build()).replace(`"${DEEP}"`, deepText(kind));
    expectRefusal(await evaluate(text), /nested more than \d+ levels deep at line \d+, column \d+/);
  });

  it('JSON documents nested 100,000 levels inside string attributes (policies), plain and marked sensitive', async () => {
    // The loader's limit does not reach inside strings: rules and the redaction net parse them.
    const policyAttrs: Array<[string, string]> = [
      ['aws_iot_policy', 'policy'], ['aws_kms_key', 'policy'], ['aws_s3_bucket_policy', 'policy'], ['aws_sqs_queue_policy', 'policy'],
      ['aws_sns_topic_policy', 'policy'], ['aws_iam_role', 'assume_role_policy'], ['aws_opensearch_domain', 'access_policies'], ['aws_secretsmanager_secret', 'policy'],
    ];
    for (const sensitive of [false, true]) {
      const changes = policyAttrs.flatMap(([type, attr], i) => [
        rc(`${type}.l${i}`, type, { [attr]: '['.repeat(100_000) + ']'.repeat(100_000), name: 'x', bucket: 'x' }),
        rc(`${type}.o${i}`, type, { [attr]: '{"Statement":'.repeat(100_000) + '1' + '}'.repeat(100_000), name: 'x', bucket: 'x' }),
      ]);
      if (sensitive) for (const c of changes) (c.change as JsonObject).after_sensitive = Object.fromEntries(Object.keys((c.change as JsonObject).after as JsonObject).map((k) => [k, true]));
      expectReport(await evaluate(planOf(changes)));
    }
  });

  it('a top-level value nested 100,000 levels is refused as not an object, not a crash', async () => {
    expectRefusal(await evaluate('['.repeat(100_000) + ']'.repeat(100_000)), /expected a JSON object/);
  });

  it('values just under the limit reach every rule without a stack overflow', async () => {
    // Every attribute of one resource of each type in the fixtures replaced by a value nested
    // almost as deep as the loader allows: rules that stringify, clone or walk values must finish.
    const changes = oneOfEachType().map((change) => {
      const inner = change.change as JsonObject;
      const after = inner.after;
      if (!isObject(after)) return change;
      const deepAfter: JsonObject = {};
      Object.keys(after).forEach((key, i) => (deepAfter[key] = nested(500, after[key], i % 2 === 0 ? 'list' : 'object')));
      return { ...change, change: { ...inner, after: deepAfter } };
    });
    expectReport(await evaluate(planOf(changes)));
  });
});

describe('size: million-element lists and multi-megabyte strings', () => {
  it('a million-element list in an attribute, in after_unknown and in actions', async () => {
    const million = Array.from({ length: 1_000_000 }, (_, i) => String(i % 7));
    const doc = planOf([
      rc('aws_db_instance.d', 'aws_db_instance', { engine: 'postgres', storage_encrypted: true, enabled_cloudwatch_logs_exports: million }),
      rc('aws_s3_bucket.b', 'aws_s3_bucket', { bucket: 'b', grant: million.slice(0, 50_000).map((id) => ({ id, permissions: ['READ'] })) }),
    ]);
    const [db, bucket] = doc.resource_changes as Array<{ change: JsonObject }>;
    db.change.actions = million.map(() => 'update');
    bucket.change.after_unknown = { grant: million.slice(0, 50_000).map(() => ({ id: true })) };
    expectReport(await evaluate(doc));
  });

  it('multi-megabyte strings in names, policies and tags', async () => {
    const big = (c: string) => c.repeat(8 * 1024 * 1024);
    const doc = planOf([
      rc('aws_s3_bucket.b', 'aws_s3_bucket', { bucket: big('b'), tags: { DataClassification: 'PHI', Owner: big('o') } }),
      rc('aws_s3_bucket_policy.p', 'aws_s3_bucket_policy', { bucket: 'b', policy: `{"Statement":[${'{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"},'.repeat(60_000)}{}]}` }),
      rc('aws_cloudwatch_log_group.l', 'aws_cloudwatch_log_group', { name: big('n'), retention_in_days: 1 }),
      rc('aws_iot_policy.i', 'aws_iot_policy', { name: 'i', policy: big('{') }),
    ]);
    const o = expectReport(await evaluate(doc));
    // A long value is never copied whole into a message.
    for (const f of findingsOf(o)) expect(f.message.length).toBeLessThan(100_000);
  });
});

describe('duplicate keys and sections that disagree', () => {
  it('a duplicated key means what JSON.parse says (the last one), at every level', async () => {
    const good = JSON.stringify(rc('aws_cloudwatch_log_group.l', 'aws_cloudwatch_log_group', { name: 'l', retention_in_days: 2192 }));
    const bad = JSON.stringify(rc('aws_cloudwatch_log_group.l', 'aws_cloudwatch_log_group', { name: 'l', retention_in_days: 1 }));
    const wrap = (changes: string) => `{"format_version":"1.2","resource_changes":${changes},"configuration":{"root_module":{}}}`;
    const runLog001 = async (text: string) => findingsOf(expectReport(await evaluate(text))).filter((f) => f.ruleId === 'LOG-001').map((f) => f.status);
    // Inside a value: the last retention wins.
    expect(await runLog001(wrap(`[${good.replace('"retention_in_days":2192', '"retention_in_days":2192,"retention_in_days":1')}]`))).toEqual(['fail']);
    expect(await runLog001(wrap(`[${bad.replace('"retention_in_days":1', '"retention_in_days":1,"retention_in_days":2192')}]`))).toEqual([]);
    // A duplicated top-level section: the scanner agrees with JSON.parse.
    const twice = `{"format_version":"1.2","resource_changes":[${bad}],"resource_changes":[${good}],"configuration":{"root_module":{}}}`;
    expect(await runLog001(twice)).toEqual([]);
    const twiceBad = `{"format_version":"1.2","resource_changes":[${good}],"configuration":{"root_module":{}},"resource_changes":[${bad}]}`;
    expect(await runLog001(twiceBad)).toEqual(['fail']);
  });

  it('an address listed twice in resource_changes is evaluated once, as its first entry', async () => {
    const doc = planOf([
      rc('aws_cloudwatch_log_group.l', 'aws_cloudwatch_log_group', { name: 'l', retention_in_days: 1 }),
      rc('aws_cloudwatch_log_group.l', 'aws_cloudwatch_log_group', { name: 'l', retention_in_days: 2192 }),
    ]);
    const log = findingsOf(expectReport(await evaluate(doc))).filter((f) => f.ruleId === 'LOG-001');
    expect(log.map((f) => f.status)).toEqual(['fail']);
  });

  it('resource_changes and planned_values disagree: resource_changes decides, without a crash', async () => {
    const doc = planOf([rc('aws_cloudwatch_log_group.l', 'aws_cloudwatch_log_group', { name: 'l', retention_in_days: 1 })]);
    doc.planned_values = {
      root_module: {
        resources: [
          { address: 'aws_cloudwatch_log_group.l', mode: 'managed', type: 'aws_cloudwatch_log_group', name: 'l', values: { name: 'l', retention_in_days: 2192 } },
          { address: 'aws_cloudwatch_log_group.only_planned', mode: 'managed', type: 'aws_cloudwatch_log_group', name: 'only_planned', values: { retention_in_days: 1 } },
          { address: 42, values: 'not even an object' },
        ],
      },
    };
    const findings = findingsOf(expectReport(await evaluate(doc))).filter((f) => f.ruleId === 'LOG-001');
    expect(findings.map((f) => `${f.address} ${f.status}`)).toEqual(['aws_cloudwatch_log_group.l fail']);
  });
});

describe('pathological strings for the regexes (no super-linear time)', () => {
  /** Shapes that make backtracking regexes slow: unclosed brackets, long runs before a failing tail. */
  const PATTERNS = ['a.b[x', 'a.', 'arn:aws:', '*', '${', '%{', ' ', '-', 'a', '"', '\\', '/', '[', '::', 'aws:', '.*', 'Allow', '0'];
  const chunk = (i: number, length: number) => {
    const p = PATTERNS[i % PATTERNS.length];
    return p.repeat(Math.ceil(length / p.length)).slice(0, length) + '!';
  };

  it('every string value of every fixture resource replaced by a 20 KB pathological string', async () => {
    // A quadratic regex takes seconds on one such string and the plan holds hundreds of them;
    // a linear one reads them all in well under the deadline.
    const changes = oneOfEachType().map((change) => {
      let i = 0;
      const swap = (v: JsonValue): JsonValue => (typeof v === 'string' ? chunk(i++, 20_000) : Array.isArray(v) ? v.map(swap) : isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)])) : v);
      const inner = change.change as JsonObject;
      return { ...change, change: { ...inner, after: swap(inner.after), before: swap(inner.before) } };
    });
    const o = await evaluate(planOf(changes));
    expectReport(o);
    expect(o.millis).toBeLessThan(15_000);
  });

  it('CDKTF templates: reference extraction is linear in the template length', async () => {
    const synth = (n: number) => JSON.stringify({ '//': { metadata: {} }, terraform: {}, resource: { aws_s3_bucket: { b: { bucket: '${' + 'a.b[x'.repeat(n) + '}', tags: { t: '${' + 'x.'.repeat(n) + 'y (}' } } } } });
    await timeOf(Buffer.from(synth(1_000)));
    const small = await timeOf(Buffer.from(synth(20_000)));
    const large = await timeOf(Buffer.from(synth(80_000)));
    expect(large).toBeLessThan(Math.max(8 * small, 500));
  });
});

/** Worker-side milliseconds of one evaluation, without rendering (the worker is warm from the tests before). */
async function timeOf(bytes: Buffer): Promise<number> {
  const o = await sandbox.evaluate(bytes, 'plan.json', { ...DEFAULT_VARIANT, render: false });
  if (o.kind === 'crash' || o.kind === 'timeout') throw new Error(describeOutcome(o));
  return o.millis;
}

describe('no quadratic blow-up in the number of resources', () => {
  /**
   * Every fixture plan `copies` times over, each copy inside its own module instance (so joins by
   * reference stay within a copy) and with its own resource names (so joins by value do too:
   * fixture names all start with "pw-"). Same-named resources across copies would join each
   * other n×n, which is a separate, reported problem.
   */
  function replicated(copies: number): Buffer {
    const changes: JsonValue[] = [];
    const calls: JsonObject = {};
    let providers: JsonValue = {};
    fixturePlanFiles().forEach((file, j) => {
      const doc = parsePlanBytes(readSeed(file).bytes) as JsonObject;
      const configuration = (doc.configuration ?? {}) as JsonObject;
      if (j === 0) providers = configuration.provider_config ?? {};
      calls[`f${j}`] = { source: `./f${j}`, for_each_expression: { constant_value: {} }, module: configuration.root_module ?? {} };
      for (let c = 0; c < copies; c++) {
        for (const change of (doc.resource_changes as JsonObject[]) ?? []) {
          const prefix = `module.f${j}["c${c}"]`;
          const moduleAddress = typeof change.module_address === 'string' ? `${prefix}.${change.module_address}` : prefix;
          const renamed = JSON.parse(JSON.stringify(change).replaceAll('pw-', `pw${c}x-`)) as JsonObject;
          changes.push({ ...renamed, address: `${prefix}.${change.address as string}`, module_address: moduleAddress });
        }
      }
    });
    return Buffer.from(JSON.stringify(planOf(changes, { provider_config: providers, root_module: { module_calls: calls } })));
  }

  it('four times the resources take about four times as long, not sixteen', async () => {
    const t1 = await timeOf(replicated(1));
    const t4 = await timeOf(replicated(4));
    // Linear is at most ~4x (fixed costs make it less); quadratic would be ~16x.
    expect(t4 / t1).toBeLessThan(8);
  });
});

it('no value is ever a prototype for another (protoObject helper sanity)', () => {
  const o = protoObject(1);
  expect(Object.getPrototypeOf(o)).toBe(Object.prototype);
  expect(Object.keys(o)).toContain('__proto__');
});
