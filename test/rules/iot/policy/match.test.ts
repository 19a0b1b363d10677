import {
  actionGrants,
  evaluate,
  isAllowed,
  resourceMatches,
  statementApplies,
  statementCoversAction,
} from '../../../../policies/rules/iot/policy/match';
import type { PolicyDocument } from '../../../../policies/rules/iot/policy/document';
import { ARN, CLIENT, IS_ATTACHED, THING, allow, deny, doc } from './helpers';

const dev1 = { clientId: 'dev-1', thingName: 'dev-1', isAttached: true };

describe('resourceMatches', () => {
  test.each<[string, string, Record<string, unknown> | undefined, boolean]>([
    ['*', `${ARN}topic/anything`, undefined, true],
    [`${ARN}topic/a/*`, `${ARN}topic/a/b/c`, undefined, true],
    [`${ARN}topic/a/*`, `${ARN}topicfilter/a/b`, undefined, false],
    [`${ARN}topic/a/#`, `${ARN}topic/a/b`, undefined, false],
    [`${ARN}topicfilter/a/*`, `${ARN}topicfilter/a/#`, undefined, true], // a wildcard subscription is a literal filter
    [`${ARN}topicfilter/a/+/c`, `${ARN}topicfilter/a/+/c`, undefined, true],
    [`${ARN}topicfilter/a/+/c`, `${ARN}topicfilter/a/b/c`, undefined, false],
    ['arn:aws:iot:*:*:client/c1', `${ARN}client/c1`, undefined, true],
    ['arn:aws:iot:eu-west-1:*:client/c1', `${ARN}client/c1`, undefined, false],
    [`${ARN}client/${CLIENT}`, `${ARN}client/dev-1`, dev1, true],
    [`${ARN}client/${CLIENT}`, `${ARN}client/dev-2`, dev1, false],
    [`${ARN}client/${THING}`, `${ARN}client/dev-1`, { clientId: 'dev-1' }, false], // no thing: unresolved
    [`${ARN}topic/${THING}/*`, `${ARN}topic/dev-1/t`, dev1, true],
    [`${ARN}topic/Data`, `${ARN}topic/data`, undefined, false],
  ])('%s vs %s', (pattern, arn, ctx, expected) => {
    expect(resourceMatches(pattern, arn, ctx)).toBe(expected);
  });

  test('non-strings never match', () => {
    expect(resourceMatches(null as unknown as string, `${ARN}topic/x`)).toBe(false);
  });
});

describe('statement coverage', () => {
  const [publishAll, notConnect] = doc([allow('iot:Publish', '*'), { Effect: 'Allow', NotAction: 'iot:Connect', Resource: '*' }]).statements;

  test('actionGrants: Action and NotAction, any case', () => {
    expect(actionGrants(publishAll, 'IOT:publish')).toBe(true);
    expect(actionGrants(publishAll, 'iot:Subscribe')).toBe(false);
    expect(actionGrants(notConnect, 'iot:Subscribe')).toBe(true);
    expect(actionGrants(notConnect, 'iot:Connect')).toBe(false);
  });

  test('a Deny statement covers an action but does not grant it', () => {
    const [denied] = doc([deny('iot:Publish', '*')]).statements;
    expect(statementCoversAction(denied, 'iot:Publish')).toBe(true);
    expect(actionGrants(denied, 'iot:Publish')).toBe(false);
  });

  test('statementApplies is three-valued with conditions', () => {
    const [st] = doc([allow('iot:Connect', `${ARN}client/${CLIENT}`, IS_ATTACHED)]).statements;
    expect(statementApplies(st, 'iot:Connect', `${ARN}client/dev-1`, dev1)).toBe('yes');
    expect(statementApplies(st, 'iot:Connect', `${ARN}client/dev-1`, { clientId: 'dev-1', isAttached: false })).toBe('no');
    expect(statementApplies(st, 'iot:Connect', `${ARN}client/dev-1`, { clientId: 'dev-1' })).toBe('maybe');
    expect(statementApplies(st, 'iot:Publish', `${ARN}client/dev-1`, dev1)).toBe('no');
  });
});

describe('evaluate: explicit deny wins', () => {
  // The "publish to my subtree except bar" policy from the IoT guide, written afresh.
  const policy = doc([
    allow('iot:Connect', `${ARN}client/${THING}`),
    allow('iot:Publish', `${ARN}topic/${THING}/*`),
    deny('iot:Publish', `${ARN}topic/${THING}/bar`),
  ]);

  test.each<[string, string, Record<string, unknown>, string]>([
    ['iot:Connect', `${ARN}client/dev-1`, dev1, 'allow'],
    ['iot:Connect', `${ARN}client/dev-2`, dev1, 'implicit-deny'],
    ['iot:Publish', `${ARN}topic/dev-1/foo`, dev1, 'allow'],
    ['iot:Publish', `${ARN}topic/dev-1/foo/deeper`, dev1, 'allow'],
    ['iot:Publish', `${ARN}topic/dev-1/bar`, dev1, 'explicit-deny'],
    ['iot:Publish', `${ARN}topic/dev-2/foo`, dev1, 'implicit-deny'],
    ['iot:Subscribe', `${ARN}topicfilter/dev-1/foo`, dev1, 'implicit-deny'],
    ['IOT:PUBLISH', `${ARN}topic/dev-1/foo`, dev1, 'allow'],
  ])('%s %s', (action, arn, ctx, outcome) => {
    const decision = evaluate(policy, action, arn, ctx);
    expect(decision.outcome).toBe(outcome);
    expect(decision.allowed).toBe(outcome === 'allow');
    expect(isAllowed(policy, action, arn, ctx)).toBe(outcome === 'allow');
  });

  test('the decision names the statements that decided it', () => {
    expect(evaluate(policy, 'iot:Publish', `${ARN}topic/dev-1/bar`, dev1)).toEqual({
      allowed: false,
      outcome: 'explicit-deny',
      allowedBy: [1],
      deniedBy: [2],
      assumed: [],
    });
  });

  test('NotResource allows everything except the listed resources', () => {
    const p = doc([{ Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}topic/secret` }]);
    expect(isAllowed(p, 'iot:Publish', `${ARN}topic/other`)).toBe(true);
    expect(isAllowed(p, 'iot:Publish', `${ARN}topic/secret`)).toBe(false);
  });

  test('unknown conditions: permissive asks "could it be allowed?", strict "is it certainly?"', () => {
    const p = doc([
      allow('iot:Publish', '*', { Condition: { StringEquals: { 'iot:Connection.Thing.ThingTypeName': 'sensor' } } }),
      deny('iot:Publish', `${ARN}topic/admin/*`, { Condition: { StringEquals: { 'iot:Connection.Thing.ThingTypeName': 'sensor' } } }),
    ]);
    expect(isAllowed(p, 'iot:Publish', `${ARN}topic/x`)).toBe(true);
    expect(isAllowed(p, 'iot:Publish', `${ARN}topic/x`, undefined, { unknownConditions: 'strict' })).toBe(false);
    expect(isAllowed(p, 'iot:Publish', `${ARN}topic/admin/x`)).toBe(true);
    expect(evaluate(p, 'iot:Publish', `${ARN}topic/admin/x`, undefined, { unknownConditions: 'strict' }).outcome).toBe('explicit-deny');
    expect(evaluate(p, 'iot:Publish', `${ARN}topic/admin/x`).assumed).toEqual([0, 1]);
    expect(isAllowed(p, 'iot:Publish', `${ARN}topic/admin/x`, { thingTypeName: 'sensor' })).toBe(false);
  });

  test('the Terraform-template dialect reads $${...} as the policy variable', () => {
    const p = doc([allow('iot:Connect', `${ARN}client/$\${iot:Connection.Thing.ThingName}`)], 'terraform-template');
    expect(isAllowed(p, 'iot:Connect', `${ARN}client/dev-1`, dev1)).toBe(true);
  });

  test('a malformed model is an implicit deny, not an exception', () => {
    const junk = { statements: [{ effect: 'Allow' }, null, 7], dialect: 'rendered' } as unknown as PolicyDocument;
    expect(evaluate(junk, 'iot:Publish', `${ARN}topic/x`).outcome).toBe('implicit-deny');
    expect(isAllowed(null as unknown as PolicyDocument, 'iot:Publish', `${ARN}topic/x`)).toBe(false);
  });
});
