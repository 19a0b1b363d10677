import * as fc from 'fast-check';
import { resolveRun, withCustomRules } from '../../policies/engine/config';
import { validateConfig } from '../../policies/engine/config/validate';
import { compileCustomRule, compileSafePattern, parseSafePath, type CustomRuleDefinition } from '../../policies/engine/custom-rules';
import { queryPath } from '../../policies/engine/custom-rules/jsonpath';
import { evaluateGraph } from '../../policies/engine/evaluate';
import { buildGraph } from '../../policies/engine/graph';
import { loadDocument } from '../../policies/engine/load';
import { InputError, type AttributeValue, type Finding, type JsonObject, type ResourceInstance, type UnknownPolicy } from '../../policies/engine/types';
import { ALL_RULES } from '../../policies/rules';
import { plan, type PlanBuilder } from '../support/plan-builder';

const BASE = {
  id: 'CUSTOM-T-001',
  title: 'Test rule',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)'],
  resourceTypes: ['aws_sqs_queue'],
  message: 'the queue breaks the test rule',
  remediation: 'fix the queue',
};

const configError = (doc: unknown): string => {
  try {
    validateConfig(doc, 'c.yaml', ALL_RULES);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error('expected a config error');
};

/** Validates a config holding one custom rule, then runs it through resolveRun like `check` does. */
function run(rule: Record<string, unknown>, doc: PlanBuilder, options: { unknownPolicy?: UnknownPolicy; extra?: JsonObject } = {}): Finding[] {
  const { config } = validateConfig({ customRules: [{ ...BASE, ...rule }], ...(options.extra ?? {}) }, 'c.yaml', ALL_RULES);
  const resolved = resolveRun(config, withCustomRules([], config), { unknown: options.unknownPolicy, changedOnly: false }, new Date('2026-06-01T00:00:00Z'));
  const graph = buildGraph(loadDocument(doc.build(), 'p.json', 0), 0);
  return evaluateGraph(graph, resolved.rules, 'p.json', resolved.options).findings;
}

const statusByAddress = (findings: Finding[]) => Object.fromEntries(findings.map((f) => [f.address, f.status]));

describe('custom rule paths', () => {
  it.each([
    '$.kms_master_key_id',
    '$.versioning[0].enabled',
    '$.rule[*].apply_server_side_encryption_by_default[*].sse_algorithm',
    "$.tags['aws:cloudformation:stack-name']",
    '$.tags["Data Classification"]',
    '$..sse_algorithm',
    '$..[0]',
    '$.logging.*',
  ])('accepts %s', (path) => {
    expect(() => parseSafePath(path)).not.toThrow();
  });

  it.each([
    ['$..[?(@.constructor)]', /filter, script/],
    ['$[(this.constructor)]', /filter, script/],
    ['$[?(@.a == 1)]', /filter, script/],
    ['$..*[?(@property === "x")]', /filter, script/],
    ['$.a[?@.b]', /filter, script/],
    ['$.constructor', /prototype keys are refused/],
    ['$.__proto__.polluted', /prototype keys are refused/],
    ["$['__proto__']", /prototype keys are refused/],
    ['$..prototype', /prototype keys are refused/],
    ['$.a^', /parent/],
    ['$.a.~', /property-name/],
    ['$.a.`x`', /filter, script/],
    ['$.a@string()', /type-selector/],
    ["$['a'+'b']", /unexpected/],
    ['$.a[1:3]', /unexpected/],
    ['$.a[-1]', /unexpected/],
    ["$['x\\']", /unexpected/],
    ['kms_key_id', /must start with \$/],
    ['$', /name at least one attribute/],
    ['$' + '.a'.repeat(33), /more than 32 steps/],
    ['$.' + 'a'.repeat(600), /longer than 512/],
  ])('refuses %s', (path, why) => {
    expect(() => parseSafePath(path)).toThrow(why);
  });

  it('refuses injection attempts at config load, with the key path (exit 2)', () => {
    expect(configError({ customRules: [{ ...BASE, path: '$..[?(@.constructor)]', predicate: { exists: true } }] })).toMatch(
      /^c\.yaml: customRules\[0\]\.path: unsafe or unsupported JSONPath: filter, script/,
    );
    expect(configError({ customRules: [{ ...BASE, path: '$[(this.constructor)]', predicate: { exists: true } }] })).toMatch(/customRules\[0\]\.path/);
    expect(configError({ customRules: [{ ...BASE, path: "$['constructor']['prototype']", predicate: { exists: true } }] })).toMatch(/prototype keys are refused/);
  });

  it('never reads through the prototype chain of planned values', () => {
    // JSON.parse makes "__proto__" an own key; such a plan must not pollute anything.
    const doc = JSON.parse('{"__proto__": {"polluted": true}, "a": {"b": 1}}');
    expect(queryPath('$..polluted', doc).map((m) => m.path)).toEqual([['__proto__', 'polluted']]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(queryPath('$.a.toString', doc)).toEqual([]);
    expect(queryPath('$.a.hasOwnProperty', doc)).toEqual([]);
  });
});

describe('custom rule predicates', () => {
  const Q = 'aws_sqs_queue';

  it('exists: set passes, unset and null fail, unknown is unknown, a reference proves it set', () => {
    const doc = plan()
      .resource(Q, 'set', { values: { kms_master_key_id: 'alias/phi' } })
      .resource(Q, 'unset', { values: {} })
      .resource(Q, 'nulled', { values: { kms_master_key_id: null } })
      .resource(Q, 'unknown', { unknown: ['kms_master_key_id'] })
      .resource(Q, 'referenced', { unknown: ['kms_master_key_id'], refs: { kms_master_key_id: ['aws_kms_key.phi.arn', 'aws_kms_key.phi'] } });
    const findings = run({ path: '$.kms_master_key_id', predicate: { exists: true } }, doc);
    expect(statusByAddress(findings)).toEqual({ [`${Q}.unset`]: 'fail', [`${Q}.nulled`]: 'fail', [`${Q}.unknown`]: 'unknown' });
    const unset = findings.find((f) => f.address === `${Q}.unset`)!;
    expect(unset).toMatchObject({ ruleId: 'CUSTOM-T-001', family: 'encryption', severity: 'high', attribute: 'kms_master_key_id', blocking: true, remediation: 'fix the queue' });
    expect(unset.message).toBe(`${Q}.unset: the queue breaks the test rule (kms_master_key_id is not set)`);
  });

  it('exists: false fails when set, also when set from another resource', () => {
    const doc = plan()
      .resource(Q, 'set', { values: { policy: '{}' } })
      .resource(Q, 'unset', { values: {} })
      .resource(Q, 'referenced', { unknown: ['policy'], refs: { policy: ['data.aws_iam_policy_document.p.json'] } })
      .resource(Q, 'unknown', { unknown: ['policy'] });
    expect(statusByAddress(run({ path: '$.policy', predicate: { exists: false } }, doc))).toEqual({
      [`${Q}.set`]: 'fail',
      [`${Q}.referenced`]: 'fail',
      [`${Q}.unknown`]: 'unknown',
    });
  });

  it('equals compares strictly, and an absent value fails', () => {
    const doc = plan()
      .resource(Q, 'yes', { values: { sqs_managed_sse_enabled: true } })
      .resource(Q, 'no', { values: { sqs_managed_sse_enabled: false } })
      .resource(Q, 'text', { values: { sqs_managed_sse_enabled: 'true' } })
      .resource(Q, 'absent', { values: {} });
    const findings = run({ path: '$.sqs_managed_sse_enabled', predicate: { equals: true } }, doc);
    expect(statusByAddress(findings)).toEqual({ [`${Q}.no`]: 'fail', [`${Q}.text`]: 'fail', [`${Q}.absent`]: 'fail' });
    expect(findings.find((f) => f.address === `${Q}.no`)!.message).toContain('(sqs_managed_sse_enabled is not true)');
  });

  it('in accepts listed scalars only', () => {
    const doc = plan()
      .resource(Q, 'ok', { values: { tags: { DataClassification: 'ePHI' } } })
      .resource(Q, 'bad', { values: { tags: { DataClassification: 'secret' } } })
      .resource(Q, 'listy', { values: { tags: { DataClassification: ['PHI'] } as unknown as JsonObject } });
    expect(statusByAddress(run({ path: '$.tags.DataClassification', predicate: { in: ['PHI', 'ePHI'] } }, doc))).toEqual({
      [`${Q}.bad`]: 'fail',
      [`${Q}.listy`]: 'fail',
    });
  });

  it('matches runs the pattern as a search; non-strings fail', () => {
    const doc = plan()
      .resource(Q, 'cmk', { values: { kms_master_key_id: 'arn:aws:kms:us-east-1:111122223333:key/abcd' } })
      .resource(Q, 'alias', { values: { kms_master_key_id: 'alias/aws/sqs' } })
      .resource(Q, 'number', { values: { kms_master_key_id: 7 } });
    expect(statusByAddress(run({ path: '$.kms_master_key_id', predicate: { matches: '^arn:aws:kms:[a-z0-9-]+:\\d{12}:key/' } }, doc))).toEqual({
      [`${Q}.alias`]: 'fail',
      [`${Q}.number`]: 'fail',
    });
  });

  it('gte / lte bound numbers, accept numeric strings, and refuse other text', () => {
    const doc = plan()
      .resource(Q, 'low', { values: { message_retention_seconds: 60 } })
      .resource(Q, 'ok', { values: { message_retention_seconds: 345600 } })
      .resource(Q, 'text', { values: { message_retention_seconds: '345600' } })
      .resource(Q, 'high', { values: { message_retention_seconds: 1209601 } })
      .resource(Q, 'word', { values: { message_retention_seconds: 'lots' } });
    const findings = run({ path: '$.message_retention_seconds', predicate: { gte: 86400, lte: 1209600 } }, doc);
    expect(statusByAddress(findings)).toEqual({ [`${Q}.low`]: 'fail', [`${Q}.high`]: 'fail', [`${Q}.word`]: 'fail' });
    expect(findings.find((f) => f.address === `${Q}.low`)!.message).toContain('is not ≥ 86400 and ≤ 1209600');
    const upper = statusByAddress(run({ path: '$.message_retention_seconds', predicate: { lte: 100 } }, doc));
    expect(upper).not.toHaveProperty([`${Q}.low`]);
    expect(upper[`${Q}.ok`]).toBe('fail');
  });

  it('with wildcards every value must pass; unknown values and unknown blocks give unknown', () => {
    const B = 'aws_s3_bucket_server_side_encryption_configuration';
    const sse = (algo: string) => ({ apply_server_side_encryption_by_default: [{ sse_algorithm: algo }] });
    const doc = plan()
      .resource(B, 'kms', { values: { rule: [sse('aws:kms'), sse('aws:kms')] } })
      .resource(B, 'mixed', { values: { rule: [sse('aws:kms'), sse('AES256'), sse('AES256')] } })
      .resource(B, 'leaf_unknown', { values: { rule: [sse('aws:kms'), { apply_server_side_encryption_by_default: [{}] }] }, unknown: ['rule.1.apply_server_side_encryption_by_default.0.sse_algorithm'] })
      .resource(B, 'block_unknown', { unknown: ['rule'] })
      .resource(B, 'whole_unknown_but_one_fails', { values: { rule: [sse('AES256'), {}] }, unknown: ['rule.1'] })
      .resource(B, 'none', { values: { rule: [] } });
    const path = '$.rule[*].apply_server_side_encryption_by_default[*].sse_algorithm';
    const findings = run({ resourceTypes: [B], path, predicate: { equals: 'aws:kms' } }, doc);
    expect(statusByAddress(findings)).toEqual({
      [`${B}.mixed`]: 'fail',
      [`${B}.leaf_unknown`]: 'unknown',
      [`${B}.block_unknown`]: 'unknown',
      [`${B}.whole_unknown_but_one_fails`]: 'fail',
      [`${B}.none`]: 'fail',
    });
    const mixed = findings.find((f) => f.address === `${B}.mixed`)!;
    expect(mixed.attribute).toBe('rule[1].apply_server_side_encryption_by_default[0].sse_algorithm');
    expect(mixed.message).toContain('1 more value also fail');
    expect(findings.find((f) => f.address === `${B}.block_unknown`)!.message).toContain('(rule is known only after apply)');
    // Recursive descent finds the same values without spelling out the blocks.
    expect(statusByAddress(run({ resourceTypes: [B], path: '$..sse_algorithm', predicate: { equals: 'aws:kms' } }, doc))[`${B}.mixed`]).toBe('fail');
  });

  it('follows the unknown-value policy and enforcement like built-in rules', () => {
    const doc = plan().resource(Q, 'unknown', { unknown: ['kms_master_key_id'] });
    const rule = { path: '$.kms_master_key_id', predicate: { matches: '^arn:' } };
    expect(run(rule, doc, { unknownPolicy: 'pass' })).toEqual([]);
    expect(run(rule, doc, { unknownPolicy: 'warn' })[0]).toMatchObject({ status: 'unknown', blocking: false });
    expect(run(rule, doc, { unknownPolicy: 'fail' })[0]).toMatchObject({ status: 'unknown', blocking: true });
    const advisory = run({ ...rule, enforcement: 'advisory' }, plan().resource(Q, 'bad', { values: { kms_master_key_id: 'x' } }));
    expect(advisory[0]).toMatchObject({ status: 'fail', blocking: false, enforcement: 'advisory' });
  });

  it('never puts a planned value (sensitive or not) in the message', () => {
    const doc = plan().resource(Q, 'bad', { values: { kms_master_key_id: 'super-secret-value' }, sensitive: ['kms_master_key_id'] });
    const [finding] = run({ path: '$.kms_master_key_id', predicate: { matches: '^arn:' }, message: 'key {path} on {address} is wrong' }, doc);
    expect(finding.message).toBe(`key kms_master_key_id on ${Q}.bad is wrong (kms_master_key_id does not match /^arn:/)`);
    expect(JSON.stringify(finding)).not.toContain('super-secret-value');
  });

  it('can be waived, overridden and limited to PHI scope through the config', () => {
    const doc = plan()
      .resource(Q, 'phi', { values: { tags: { DataClassification: 'PHI' } } })
      .resource(Q, 'public', { values: { tags: { DataClassification: 'public' } } })
      .resource(Q, 'legacy', { values: { tags: { DataClassification: 'PHI' } } });
    const extra: JsonObject = {
      phiScope: { tags: { DataClassification: ['PHI'] } },
      rules: { 'CUSTOM-T-001': { severity: 'low' } },
      waivers: [{ rule: 'CUSTOM-T-*', address: `${Q}.legacy`, reason: 'retiring in Q3', expires: '2026-09-30' }],
    };
    const findings = run({ path: '$.kms_master_key_id', predicate: { exists: true }, phiOnly: true }, doc, { extra });
    expect(statusByAddress(findings)).toEqual({ [`${Q}.phi`]: 'fail', [`${Q}.legacy`]: 'waived' });
    expect(findings.find((f) => f.address === `${Q}.phi`)).toMatchObject({ severity: 'low', scope: 'tags: DataClassification=PHI (phiScope.tags)' });
  });

  it('fails closed on a ResourceInstance without unknown marks', () => {
    const rule = compileCustomRule({ ...(BASE as Omit<CustomRuleDefinition, 'path' | 'predicate'>), hipaa: [], path: '$.kms_master_key_id', predicate: { matches: '^arn:' } } as CustomRuleDefinition);
    const values: JsonObject = { name: 'q' };
    const instance = {
      address: 'aws_sqs_queue.q',
      attr: (path: unknown): AttributeValue => (Array.isArray(path) && path.length === 0 ? { state: 'known', value: values, sensitive: false, references: [] } : { state: 'absent', references: [] }),
    } as unknown as ResourceInstance;
    const ctx = { graph: undefined as never, params: {}, phiScope: () => ({ inScope: true, reason: '' }) };
    expect(rule.check(instance, ctx)).toMatchObject({ status: 'fail', message: expect.stringContaining('is not set') });
  });
});

describe('custom rule config validation', () => {
  const FULL = { ...BASE, path: '$.a', predicate: { exists: true } };
  it.each([
    [{ ...FULL, id: 'ENC-001' }, /customRules\[0\]\.id: expected CUSTOM- then/],
    [{ ...FULL, id: 'CUSTOM-lower' }, /customRules\[0\]\.id: expected CUSTOM-/],
    [{ ...FULL, family: 'privacy' }, /customRules\[0\]\.family: expected one of encryption/],
    [{ ...FULL, hipaa: undefined }, /customRules\[0\]\.hipaa: expected a string or a non-empty list/],
    [{ ...FULL, hipaa: [] }, /customRules\[0\]\.hipaa: expected a string or a non-empty list/],
    [{ ...FULL, resourceTypes: ['google_storage_bucket'] }, /resourceTypes\[0\]: expected an AWS resource type/],
    [{ ...FULL, hipaa: ['HIPAA'] }, /hipaa\[0\]: expected a HIPAA Security Rule citation/],
    [{ ...FULL, predicate: {} }, /customRules\[0\]\.predicate: expected exactly one/],
    [{ ...BASE, path: '$.a', predicate: { exists: true, equals: 1 } }, /predicate: expected exactly one of exists/],
    [{ ...BASE, path: '$.a', predicate: { gte: 10, lte: 1 } }, /gte is larger than lte/],
    [{ ...BASE, path: '$.a', predicate: { in: [] } }, /predicate\.in: expected a list of 1 to 1000/],
    [{ ...BASE, path: '$.a', predicate: { equals: { a: 1 } } }, /predicate\.equals: expected a string, number or true\/false/],
    [{ ...BASE, path: '$.a', predicate: { matches: '(a+)+\\1' } }, /predicate\.matches: unsupported pattern: backreferences/],
    [{ ...BASE, path: '$.a', predicate: { matches: 'x'.repeat(300) } }, /longer than 256/],
    [{ ...BASE, path: '$.a', predicate: { regex: 'x' } }, /predicate\.regex: unknown key/],
    [{ ...BASE, path: '$.a', predicate: { exists: true }, script: 'x' }, /customRules\[0\]\.script: unknown key/],
    [{ ...BASE, path: '$.a', predicate: { exists: true }, message: 'm'.repeat(501) }, /message: expected at most 500/],
  ])('refuses %j', (rule, why) => {
    expect(configError({ customRules: [rule] })).toMatch(why);
  });

  it('refuses duplicate ids and a list that is not a list', () => {
    const rule = { ...BASE, path: '$.a', predicate: { exists: true } };
    expect(configError({ customRules: [rule, rule] })).toMatch(/customRules\[1\]\.id: CUSTOM-T-001 is defined twice/);
    expect(configError({ customRules: rule })).toMatch(/customRules: expected a list/);
  });

  it('lets overrides and waivers name custom rules, and still refuses unknown ids', () => {
    const rule = { ...BASE, path: '$.a', predicate: { exists: true } };
    expect(() => validateConfig({ customRules: [rule], rules: { 'CUSTOM-T-001': { enabled: false } } }, 'c.yaml', ALL_RULES)).not.toThrow();
    expect(configError({ rules: { 'CUSTOM-T-001': { enabled: false } } })).toMatch(/rules\.CUSTOM-T-001: no rule or family/);
    expect(configError({ customRules: [rule], waivers: [{ rule: 'CUSTOM-T-002', address: '*', reason: 'r', expires: '2026-12-01' }] })).toMatch(/no rule or family "CUSTOM-T-002"/);
  });
});

describe('linear-time patterns', () => {
  // Patterns built from the supported syntax, to compare with V8's RegExp (u flag) on short inputs.
  const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '\\d', '\\w', '\\s', '[a-c0-2]', '\\.', '(?:ab)', '(a|b)', '(a|)');
  const quant = fc.constantFrom('', '*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?');
  const piece = fc.tuple(atom, quant).map(([a, q]) => a + q);
  const pattern = fc
    .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 6 }), fc.boolean(), fc.option(fc.array(piece, { minLength: 1, maxLength: 3 })))
    .map(([start, pieces, end, alt]) => `${start ? '^' : ''}${pieces.join('')}${alt ? `|${alt.join('')}` : ''}${end ? '$' : ''}`);
  const subject = fc.stringMatching(/^[ab1. \n_c]{0,12}$/);

  it('agree with RegExp on the supported syntax', () => {
    fc.assert(
      fc.property(pattern, subject, (p, s) => {
        expect(compileSafePattern(p).test(s)).toBe(new RegExp(p, 'u').test(s));
      }),
      { numRuns: 3000 },
    );
  });

  it('handle escapes and classes like RegExp', () => {
    const cases: Array<[string, string[]]> = [
      ['^arn:aws:kms:[a-z0-9-]+:\\d{12}:key/.+$', ['arn:aws:kms:us-east-1:111122223333:key/x', 'arn:aws:kms:us-east-1:1111:key/x', 'alias/x']],
      ['^[\\w.-]+$', ['a.b-c_d', 'a b']],
      ['\\u0041\\x42\\u{1F600}', ['AB\u{1F600}', 'AB']],
      ['^.$', ['\u{1F600}', '\n', 'ab']],
      ['[\\D]', ['1', 'a']],
      ['a\\/b-?', ['a/b', 'ab', 'a/b-']],
      ['[[]', ['[', 'a']],
    ];
    for (const [p, subjects] of cases) for (const s of subjects) expect([p, s, compileSafePattern(p).test(s)]).toEqual([p, s, new RegExp(p, 'u').test(s)]);
  });

  it.each([
    ['(a+)+b', 'a'.repeat(5000)],
    ['(a|aa)*c', 'a'.repeat(5000)],
    ['.*:.*:.*:.*:x', ':'.repeat(20000)],
    ['(\\w+\\s?)*$', 'word '.repeat(2000) + '!'],
    ['^(a?){25}a{25}$', 'a'.repeat(25)],
  ])('stay fast on catastrophic pattern %s', (p, s) => {
    const started = Date.now();
    const result = compileSafePattern(p).test(s);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(typeof result).toBe('boolean');
  });

  it.each([
    ['(a)\\1', /backreferences/],
    ['(?<n>a)\\k<n>', /lookahead, lookbehind and named groups/],
    ['(?=a)', /lookahead/],
    ['(?<!a)b', /lookahead/],
    ['\\bword', /word boundaries/],
    ['\\p{L}', /property escapes/],
    ['a{1000}', /above 100/],
    ['(a{100}){100}', /too large/],
    ['a**', /nothing to repeat/],
    ['*a', /nothing to repeat/],
    ['(a', /missing "\)"/],
    ['a)', /unmatched/],
    ['[a', /missing "]"/],
    ['[z-a]', /out of order/],
    ['a{2,1}', /larger than the maximum/],
    ['\\q', /unknown escape/],
    ['', /empty/],
  ])('refuse %s', (p, why) => {
    expect(() => compileSafePattern(p)).toThrow(why);
  });
});
