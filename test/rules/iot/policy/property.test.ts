/**
 * Property tests: the evaluator agrees with a small, independent reference matcher defined
 * here — a regular-expression translation of the IoT policy rules — on random policies built
 * from a small grammar, random client IDs and random topics.
 */
import fc from 'fast-check';
import { SELF_DEVICE, analyzePolicy } from '../../../../policies/rules/iot/policy/analyze';
import { formatIotArn, namePatternsFor, samplePrefix } from '../../../../policies/rules/iot/policy/arn';
import { parsePolicyDocument, type PolicyDocument } from '../../../../policies/rules/iot/policy/document';
import { isAllowed, resourceMatches } from '../../../../policies/rules/iot/policy/match';
import { globMatch } from '../../../../policies/rules/iot/policy/pattern';
import { ARN } from './helpers';

// ---------------------------------------------------------------- the reference matcher

interface RefContext {
  clientId?: string;
  thingName?: string;
  isAttached?: boolean;
}

interface RefStatement {
  Effect: 'Allow' | 'Deny';
  Action?: string[];
  NotAction?: string[];
  Resource?: string[];
  NotResource?: string[];
  Condition?: { Bool: { 'iot:Connection.Thing.IsAttached': string } };
}

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The text a `${name}` contributes: its value, or its own text when AWS would not substitute. */
function refVariable(name: string, raw: string, ctx: RefContext): string {
  if (name === '*' || name === '?' || name === '$') return name;
  const lower = name.toLowerCase();
  const value = lower === 'iot:clientid' ? ctx.clientId : lower === 'iot:connection.thing.thingname' ? ctx.thingName : undefined;
  return value === undefined || /[*?]/.test(value) || value.length > 1024 ? raw : value;
}

/** `*` → `.*`, `?` → `.`, variables substituted, everything else literal. */
function refResourceRegex(pattern: string, ctx: RefContext): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; ) {
    if (pattern.startsWith('${', i)) {
      const end = pattern.indexOf('}', i + 2);
      if (end >= 0) {
        source += escapeRegex(refVariable(pattern.slice(i + 2, end).trim(), pattern.slice(i, end + 1), ctx));
        i = end + 1;
        continue;
      }
    }
    const c = pattern[i];
    source += c === '*' ? '.*' : c === '?' ? '.' : escapeRegex(c);
    i++;
  }
  return new RegExp('^' + source + '$', 'su');
}

const refActionMatches = (pattern: string, action: string): boolean =>
  new RegExp('^' + [...pattern.toLowerCase()].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : escapeRegex(c))).join('') + '$', 'su').test(action.toLowerCase());

/** Deny wins; an unknown IsAttached counts for an Allow and not for a Deny. */
function refAllowed(statements: RefStatement[], action: string, arn: string, ctx: RefContext): boolean {
  let allowed = false;
  let denied = false;
  for (const st of statements) {
    const actions = st.Action ?? st.NotAction ?? [];
    const actionHit = actions.some((p) => refActionMatches(p, action));
    if (st.NotAction ? actionHit : !actionHit) continue;
    const resources = st.Resource ?? st.NotResource ?? [];
    const resourceHit = resources.some((p) => refResourceRegex(p, ctx).test(arn));
    if (st.NotResource ? resourceHit : !resourceHit) continue;
    if (st.Condition) {
      const wanted = st.Condition.Bool['iot:Connection.Thing.IsAttached'] === 'true';
      if (ctx.isAttached === undefined) {
        if (st.Effect === 'Deny') continue;
      } else if (ctx.isAttached !== wanted) continue;
    }
    if (st.Effect === 'Allow') allowed = true;
    else denied = true;
  }
  return allowed && !denied;
}

// ---------------------------------------------------------------- the grammar

const TYPES = ['topic', 'topicfilter', 'client'] as const;
const NAME_ATOMS = ['a', 'b', '/', '*', '?', '+', '#', '$', '${iot:ClientId}', '${iot:Connection.Thing.ThingName}', '${*}', '${?}'];
const CONCRETE_CHARS = ['a', 'b', '/', '+', '#', '$', '*', '?'];
const ACTION_PATTERNS = ['iot:Publish', 'iot:Subscribe', 'iot:Connect', 'iot:Receive', 'iot:*', '*', 'iot:P*', 'IOT:publish', 'iot:?ublish', 'iot:Sub*'];
const REQUEST_ACTIONS = ['iot:Publish', 'iot:Subscribe', 'iot:Connect', 'iot:Receive', 'IOT:PUBLISH'];

const namePattern = fc.array(fc.constantFrom(...NAME_ATOMS), { maxLength: 5 }).map((atoms) => atoms.join(''));
const concreteName = fc.array(fc.constantFrom(...CONCRETE_CHARS), { maxLength: 5 }).map((chars) => chars.join(''));
const resourceType = fc.constantFrom(...TYPES);

const resourcePattern = fc.oneof(
  { weight: 1, arbitrary: fc.constant('*') },
  { weight: 6, arbitrary: fc.tuple(resourceType, namePattern).map(([t, n]) => `${ARN}${t}/${n}`) },
  { weight: 2, arbitrary: fc.tuple(resourceType, namePattern).map(([t, n]) => `arn:aws:iot:*:*:${t}/${n}`) },
  { weight: 1, arbitrary: namePattern.map((n) => `${ARN}${n}`) },
);

const statement: fc.Arbitrary<RefStatement> = fc
  .record({
    effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Deny'),
    notAction: fc.boolean(),
    actions: fc.array(fc.constantFrom(...ACTION_PATTERNS), { minLength: 1, maxLength: 2 }),
    notResource: fc.constantFrom(false, false, false, true),
    resources: fc.array(resourcePattern, { minLength: 1, maxLength: 2 }),
    isAttached: fc.constantFrom<'true' | 'false' | undefined>(undefined, undefined, 'true', 'false'),
  })
  .map((r) => ({
    Effect: r.effect,
    ...(r.notAction ? { NotAction: r.actions } : { Action: r.actions }),
    ...(r.notResource ? { NotResource: r.resources } : { Resource: r.resources }),
    ...(r.isAttached === undefined ? {} : { Condition: { Bool: { 'iot:Connection.Thing.IsAttached': r.isAttached } } }),
  }));

const statements = fc.array(statement, { minLength: 1, maxLength: 4 });

const clientValue = fc.constantFrom('a', 'b', 'a/b', '+', '#', 'a*', SELF_DEVICE);
const context: fc.Arbitrary<RefContext> = fc.record(
  { clientId: clientValue, thingName: clientValue, isAttached: fc.boolean() },
  { requiredKeys: [] },
);

const requestArn = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(resourceType, concreteName).map(([t, n]) => `${ARN}${t}/${n}`) },
  { weight: 1, arbitrary: fc.tuple(resourceType, concreteName).map(([t, n]) => `arn:aws:iot:eu-west-1:111122223333:${t}/${n}`) },
  { weight: 1, arbitrary: fc.tuple(resourceType, clientValue).map(([t, n]) => `${ARN}${t}/${n}`) },
);

function parse(sts: RefStatement[]): PolicyDocument {
  const result = parsePolicyDocument(JSON.stringify({ Version: '2012-10-17', Statement: sts }));
  if (!result.ok) throw new Error('grammar produced an invalid policy: ' + JSON.stringify(result.problems));
  return result.document;
}

// ---------------------------------------------------------------- properties

describe('properties', () => {
  test('isAllowed agrees with the reference matcher', () => {
    let allowedSeen = 0;
    fc.assert(
      fc.property(statements, fc.constantFrom(...REQUEST_ACTIONS), requestArn, context, (sts, action, arn, ctx) => {
        const expected = refAllowed(sts, action, arn, ctx);
        if (expected) allowedSeen++;
        expect(isAllowed(parse(sts), action, arn, ctx)).toBe(expected);
      }),
      { numRuns: 800 },
    );
    // The grammar must exercise both answers, or the property proves little.
    expect(allowedSeen).toBeGreaterThan(50);
  });

  test('resourceMatches agrees with the reference regex', () => {
    fc.assert(
      fc.property(resourcePattern, requestArn, context, (pattern, arn, ctx) => {
        expect(resourceMatches(pattern, arn, ctx)).toBe(refResourceRegex(pattern, ctx).test(arn));
      }),
      { numRuns: 1000 },
    );
  });

  test('namePatternsFor is exact: a name matches a residual iff the whole ARN matches', () => {
    const variableFree = fc.oneof(
      fc.constant('*'),
      fc.tuple(resourceType, fc.array(fc.constantFrom('a', '/', '*', '?', '#'), { maxLength: 5 })).map(([t, n]) => `${ARN}${t}/${n.join('')}`),
      fc.array(fc.constantFrom('a', ':', '/', '*', 't', 'o', 'p', 'i', 'c'), { maxLength: 8 }).map((n) => `arn:aws:iot:*:${n.join('')}`),
    );
    fc.assert(
      fc.property(variableFree, resourceType, concreteName, (pattern, type, name) => {
        const arn = formatIotArn(samplePrefix(pattern), type, name);
        const viaResiduals = namePatternsFor(pattern, type).some((r) => globMatch(r, name));
        expect(viaResiduals).toBe(resourceMatches(pattern, arn));
      }),
      { numRuns: 800 },
    );
  });

  test("every breadth problem's witness is allowed by the policy (checked by the reference)", () => {
    const self: RefContext = { clientId: SELF_DEVICE, thingName: SELF_DEVICE, isAttached: true };
    let witnessed = 0;
    fc.assert(
      fc.property(statements, (sts) => {
        for (const problem of analyzePolicy(parse(sts)).problems) {
          if (problem.witness === undefined || problem.effect !== 'Allow' || problem.breadth === undefined || problem.breadth === 'spoofable-client-id') continue;
          witnessed++;
          const connectingAs = problem.action === 'iot:Connect' ? { clientId: problem.witness.slice(problem.witness.indexOf(':client/') + ':client/'.length), isAttached: false } : self;
          expect(refAllowed(sts, problem.action, problem.witness, connectingAs)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
    expect(witnessed).toBeGreaterThan(20);
  });

  test('the parser is total on arbitrary JSON values and strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.string(), fc.json()), (input) => {
        const result = parsePolicyDocument(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
  });

  test('the parser is total on policy-shaped objects with random values', () => {
    const anyValue = fc.jsonValue({ maxDepth: 3 });
    const shaped = fc.record(
      {
        Version: fc.oneof(fc.constant('2012-10-17'), anyValue),
        Statement: fc.oneof(
          anyValue,
          fc.array(fc.record({ Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), anyValue), Action: anyValue, Resource: anyValue, Condition: anyValue }, { requiredKeys: [] })),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(shaped, (input) => {
        const result = parsePolicyDocument(input);
        if (result.ok) expect(() => analyzePolicy(result.document)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  test('analysis is total and deterministic on grammar policies', () => {
    fc.assert(
      fc.property(statements, (sts) => {
        const document = parse(sts);
        expect(analyzePolicy(document)).toEqual(analyzePolicy(document));
      }),
      { numRuns: 60 },
    );
  });
});
