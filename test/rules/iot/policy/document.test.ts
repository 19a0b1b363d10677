import { PARSE_LIMITS, parsePolicyDocument, type ParseResult } from '../../../../policies/rules/iot/policy/document';
import { ARN, THING } from './helpers';

const codes = (result: ParseResult): string[] => (result.ok ? result.warnings : result.problems).map((p) => p.code);

describe('parsePolicyDocument: the normalized model', () => {
  test('a device policy as Terraform plans carry it (a JSON string)', () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'connect',
          Effect: 'Allow',
          Action: 'iot:Connect',
          Resource: `${ARN}client/${THING}`,
          Condition: { Bool: { 'iot:Connection.Thing.IsAttached': true } },
        },
        { Effect: 'Deny', NotAction: ['iot:Publish', 'iot:Receive'], NotResource: [`${ARN}topic/a`, `${ARN}topic/b`] },
      ],
    });
    const result = parsePolicyDocument(text);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      document: {
        version: '2012-10-17',
        dialect: 'rendered',
        statements: [
          {
            index: 0,
            sid: 'connect',
            effect: 'Allow',
            action: { negated: false, patterns: ['iot:Connect'] },
            resource: { negated: false, patterns: [`${ARN}client/${THING}`] },
            conditions: [{ operator: 'Bool', key: 'iot:Connection.Thing.IsAttached', values: ['true'] }],
          },
          {
            index: 1,
            effect: 'Deny',
            action: { negated: true, patterns: ['iot:Publish', 'iot:Receive'] },
            resource: { negated: true, patterns: [`${ARN}topic/a`, `${ARN}topic/b`] },
            conditions: [],
          },
        ],
      },
    });
  });

  test('an already-parsed object, a single Statement object, and a byte-order mark are accepted', () => {
    const object = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' } };
    const fromObject = parsePolicyDocument(object);
    const fromText = parsePolicyDocument('\uFEFF' + JSON.stringify(object));
    expect(fromObject.ok && fromObject.document.statements.length).toBe(1);
    expect(fromText).toEqual(fromObject);
  });

  test('condition values: numbers and booleans become strings, lists stay lists', () => {
    const result = parsePolicyDocument({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: 'iot:Publish',
          Resource: '*',
          Condition: { NumericLessThan: { 'iot:x': 5 }, 'ForAllValues:StringEquals': { 'iot:Certificate.Subject.Organization.List': ['A', 'B'] } },
        },
      ],
    });
    expect(result.ok && result.document.statements[0].conditions).toEqual([
      { operator: 'NumericLessThan', key: 'iot:x', values: ['5'] },
      { operator: 'ForAllValues:StringEquals', key: 'iot:Certificate.Subject.Organization.List', values: ['A', 'B'] },
    ]);
  });

  test('the dialect option is recorded for variable reading', () => {
    const result = parsePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }] }, { dialect: 'terraform-template' });
    expect(result.ok && result.document.dialect).toBe('terraform-template');
  });
});

describe('parsePolicyDocument: problems, never exceptions', () => {
  const st = (s: Record<string, unknown>): string => JSON.stringify({ Version: '2012-10-17', Statement: [s] });
  const ok = { Effect: 'Allow', Action: 'iot:Connect', Resource: '*' };

  test.each<[string, unknown, string]>([
    ['not JSON', '{"Statement": [', 'not-json'],
    ['an empty string', '', 'not-json'],
    ['a JSON list', '[1, 2]', 'not-an-object'],
    ['null', null, 'not-an-object'],
    ['a number', 7, 'not-an-object'],
    ['no Statement', '{"Version": "2012-10-17"}', 'missing-statement'],
    ['an empty Statement list', '{"Version": "2012-10-17", "Statement": []}', 'empty-list'],
    ['a statement that is a string', '{"Version": "2012-10-17", "Statement": ["Allow"]}', 'statement-not-object'],
    ['Effect in lower case', st({ ...ok, Effect: 'allow' }), 'bad-effect'],
    ['no Effect', st({ Action: 'iot:Connect', Resource: '*' }), 'bad-effect'],
    ['no Action', st({ Effect: 'Allow', Resource: '*' }), 'missing-action'],
    ['Action and NotAction', st({ ...ok, NotAction: 'iot:Publish' }), 'both-action-and-not-action'],
    ['no Resource', st({ Effect: 'Allow', Action: 'iot:Connect' }), 'missing-resource'],
    ['Resource and NotResource', st({ ...ok, NotResource: '*' }), 'both-resource-and-not-resource'],
    ['a number in Action', st({ ...ok, Action: ['iot:Connect', 1] }), 'not-a-string'],
    ['an object as Resource', st({ ...ok, Resource: { arn: 'x' } }), 'not-a-string'],
    ['an empty Action list', st({ ...ok, Action: [] }), 'empty-list'],
    ['a Condition that is a list', st({ ...ok, Condition: ['x'] }), 'bad-condition'],
    ['a condition operator that is a string', st({ ...ok, Condition: { Bool: 'true' } }), 'bad-condition'],
    ['a nested condition value', st({ ...ok, Condition: { Bool: { k: { deeper: ['x'] } } } }), 'bad-condition'],
    ['a numeric Sid', st({ ...ok, Sid: 3 }), 'bad-sid'],
  ])('%s', (_name, input, code) => {
    const result = parsePolicyDocument(input);
    expect(result.ok).toBe(false);
    expect(codes(result)).toContain(code);
  });

  test.each<[string, unknown, string]>([
    ['a lower-case element name', st({ ...ok, effect: 'Deny' }), 'unknown-element'],
    ['Principal', st({ ...ok, Principal: '*' }), 'principal-not-supported'],
    ['no Version', JSON.stringify({ Statement: [ok] }), 'unsupported-version'],
    ['an old Version', JSON.stringify({ Version: '2008-10-17', Statement: [ok] }), 'unsupported-version'],
    ['a resource that is not an ARN', st({ ...ok, Resource: 'topic/x' }), 'resource-not-arn'],
    ['an unknown document element', JSON.stringify({ Version: '2012-10-17', Statement: [ok], Extra: 1 }), 'unknown-element'],
  ])('warning: %s', (_name, input, code) => {
    const result = parsePolicyDocument(input);
    expect(result.ok).toBe(true);
    expect(codes(result)).toContain(code);
  });

  test('a lower-case element name gets a hint naming the right spelling', () => {
    const result = parsePolicyDocument(st({ ...ok, resource: 'x' }));
    expect(result.ok && result.warnings[0].message).toContain('"Resource"');
  });

  test('problems name where they are', () => {
    const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [ok, { ...ok, Action: ['iot:Connect', 5] }] }));
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(['Statement[1].Action[1]']);
  });

  test('the statements that could be read come back as a partial document', () => {
    const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: [ok, { Effect: 'Maybe', Action: 'iot:Publish', Resource: '*' }] }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.partial?.statements.map((s) => s.index)).toEqual([0]);
  });

  test('a document over the AWS IoT size limit is flagged', () => {
    const resources = Array.from({ length: 60 }, (_, i) => `${ARN}topic/devices/sensor-${i}/telemetry`);
    const result = parsePolicyDocument(st({ ...ok, Resource: resources }));
    expect(codes(result)).toContain('exceeds-aws-size-limit');
  });
});

describe('parsePolicyDocument: hostile input', () => {
  test('__proto__ keys are plain data: no prototype pollution, reported as unknown', () => {
    const text =
      '{"Version":"2012-10-17","__proto__":{"polluted":1},"Statement":[{"Effect":"Allow","Action":"iot:Publish","Resource":"*",' +
      '"__proto__":{"Effect":"Deny"},"Condition":{"__proto__":{"__proto__":"x"},"StringEquals":{"constructor":"y"}}}]}';
    const result = parsePolicyDocument(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.document.statements[0].effect).toBe('Allow');
    expect(result.document.statements[0].conditions).toEqual([
      { operator: '__proto__', key: '__proto__', values: ['x'] },
      { operator: 'StringEquals', key: 'constructor', values: ['y'] },
    ]);
    expect(result.warnings.map((w) => w.path)).toEqual(expect.arrayContaining(['__proto__', 'Statement[0].__proto__']));
  });

  test('a huge action list is refused with bounded work', () => {
    const actions = Array.from({ length: 100_000 }, (_, i) => `iot:Action${i}`);
    const started = Date.now();
    const result = parsePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });
    expect(codes(result)).toContain('too-many-values');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  test('too many statements, too-long values and too-long input are refused', () => {
    const many = Array.from({ length: PARSE_LIMITS.maxStatements + 1 }, () => ({ Effect: 'Allow', Action: 'iot:Connect', Resource: '*' }));
    expect(codes(parsePolicyDocument({ Version: '2012-10-17', Statement: many }))).toContain('too-many-values');
    const long = `${ARN}topic/${'x'.repeat(PARSE_LIMITS.maxValueChars)}`;
    expect(codes(parsePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: long }] }))).toContain('value-too-long');
    expect(codes(parsePolicyDocument(' '.repeat(PARSE_LIMITS.maxInputChars + 1)))).toEqual(['too-large']);
  });

  test('deeply nested condition values are refused without recursion', () => {
    let nested: unknown = 'x';
    for (let i = 0; i < 100_000; i++) nested = [nested];
    const result = parsePolicyDocument({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:Publish', Resource: '*', Condition: { StringEquals: { k: nested } } }] });
    expect(codes(result)).toContain('bad-condition');
  });

  test('deeply nested JSON text does not throw', () => {
    const text = '{"Statement":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}';
    expect(() => parsePolicyDocument(text)).not.toThrow();
    expect(parsePolicyDocument(text).ok).toBe(false);
  });

  test('a throwing getter becomes an internal-error problem', () => {
    const trap = { Version: '2012-10-17' } as Record<string, unknown>;
    Object.defineProperty(trap, 'Statement', { enumerable: true, get: () => { throw new Error('boom'); } });
    const result = parsePolicyDocument(trap);
    expect(codes(result)).toEqual(['internal-error']);
  });

  test('cyclic objects do not hang: the grammar has fixed depth', () => {
    const statement: Record<string, unknown> = { Effect: 'Allow', Action: 'iot:Publish', Resource: '*' };
    statement.Condition = { StringEquals: { self: statement } };
    expect(codes(parsePolicyDocument({ Version: '2012-10-17', Statement: [statement] }))).toContain('bad-condition');
  });
});
