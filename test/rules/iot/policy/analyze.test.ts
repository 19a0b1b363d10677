import {
  OTHER_DEVICE,
  analyzePolicy,
  mqttFilterMatches,
  type PolicyProblem,
  type ProblemKind,
} from '../../../../policies/rules/iot/policy/analyze';
import type { PolicyDocument } from '../../../../policies/rules/iot/policy/document';
import type { Dialect } from '../../../../policies/rules/iot/policy/variables';
import { ARN, CLIENT, IS_ATTACHED, THING, allow, deny, doc, type StatementInput } from './helpers';

const problems = (statements: StatementInput[], dialect: Dialect = 'rendered'): readonly PolicyProblem[] => analyzePolicy(doc(statements, dialect)).problems;
const kinds = (statements: StatementInput[], dialect?: Dialect): ProblemKind[] => problems(statements, dialect).map((p) => p.kind);

/** The policy Device Defender's page gives as compliant for a device, written afresh. */
const COMPLIANT_DEVICE_POLICY: StatementInput[] = [
  allow('iot:Connect', `${ARN}client/${THING}`, IS_ATTACHED),
  allow(['iot:Publish', 'iot:Receive'], `${ARN}topic/$aws/things/${THING}/shadow/*`),
  allow('iot:Subscribe', [`${ARN}topicfilter/$aws/things/${THING}/shadow/*`, `${ARN}topicfilter/$aws/things/${THING}/jobs/*`]),
  allow(['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DescribeJobExecution', 'iot:GetPendingJobExecutions'], `${ARN}thing/${THING}`),
];

describe('analyzePolicy: a policy scoped to the device has no problems', () => {
  test('the compliant device policy', () => {
    expect(problems(COMPLIANT_DEVICE_POLICY)).toEqual([]);
  });

  test('the "topics under my thing name" pattern from the IoT guide', () => {
    expect(
      problems([
        allow('iot:Connect', `${ARN}client/${THING}`),
        allow('iot:Subscribe', `${ARN}topicfilter/${THING}/room*`),
        allow('iot:Receive', `${ARN}topic/${THING}/room*`),
        allow('iot:Publish', `${ARN}topic/${THING}/*`),
      ]),
    ).toEqual([]);
  });
});

describe('wildcard-action, allow-not-action, allow-not-resource', () => {
  test.each(['iot:*', '*', 'IOT:*', 'io*'])('Allow %s is reported', (action) => {
    expect(problems([allow(action, `${ARN}topic/${THING}`)])).toContainEqual(
      expect.objectContaining({ kind: 'wildcard-action', action, statementIndex: 0, resource: `${ARN}topic/${THING}` }),
    );
  });

  test('a listed set of actions is not a wildcard, nor is a Deny of everything', () => {
    expect(kinds([allow(['iot:Publish', 'iot:Receive'], `${ARN}topic/${THING}`)])).not.toContain('wildcard-action');
    expect(kinds([allow('iot:Publish', `${ARN}topic/${THING}`), deny('iot:*', `${ARN}topic/${THING}/secret`)])).not.toContain('wildcard-action');
  });

  test('Allow with NotAction or NotResource is reported; Deny with them is not', () => {
    expect(kinds([{ Effect: 'Allow', NotAction: 'iot:Connect', Resource: `${ARN}topic/${THING}` }])).toContain('allow-not-action');
    expect(kinds([{ Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}topic/secret` }])).toContain('allow-not-resource');
    expect(kinds([allow('iot:Publish', `${ARN}topic/${THING}`), { Effect: 'Deny', NotAction: 'iot:Publish', Resource: '*' }])).toEqual([]);
    expect(kinds([allow('iot:Publish', `${ARN}topic/${THING}`), { Effect: 'Deny', Action: 'iot:Publish', NotResource: `${ARN}topic/${THING}` }])).toEqual([]);
  });

  test('NotResource is broad for every action it covers', () => {
    expect(problems([{ Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}topic/secret` }])).toContainEqual(
      expect.objectContaining({ kind: 'publish-broad', resource: `NotResource: ["${ARN}topic/secret"]`, breadth: 'any' }),
    );
  });
});

describe('Connect: connect-any-client and client-id-without-is-attached', () => {
  test.each([`${ARN}client/*`, '*', `${ARN}client/sensor-*`, `${ARN}client/sensor-??`, 'arn:aws:iot:*:*:*'])('Connect on %s', (resource) => {
    const found = problems([allow('iot:Connect', resource)]);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'connect-any-client', action: 'iot:Connect', resource, ddReason: 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS' }));
    expect(found.find((p) => p.kind === 'connect-any-client')?.witness).toMatch(/:client\/(sensor-)?[^/]+$/);
  });

  test('client/${iot:ClientId} without IsAttached lets any client ID connect (Device Defender: like "*")', () => {
    expect(problems([allow('iot:Connect', `${ARN}client/${CLIENT}`)])).toEqual([
      expect.objectContaining({
        kind: 'client-id-without-is-attached',
        resource: `${ARN}client/${CLIENT}`,
        breadth: 'spoofable-client-id',
        witness: `${ARN}client/${OTHER_DEVICE}`,
      }),
    ]);
  });

  test('the same with the IsAttached condition, or with the thing-name variable, is fine', () => {
    expect(problems([allow('iot:Connect', `${ARN}client/${CLIENT}`, IS_ATTACHED)])).toEqual([]);
    expect(problems([allow('iot:Connect', `${ARN}client/${THING}`)])).toEqual([]);
    expect(problems([allow('iot:Connect', `arn:aws:iot:*:*:client/${THING}`, IS_ATTACHED)])).toEqual([]);
  });

  test('a region/account wildcard does not make client/${iot:ClientId} look like client/*', () => {
    expect(kinds([allow('iot:Connect', `arn:aws:iot:*:*:client/${CLIENT}`)])).toEqual(['client-id-without-is-attached']);
  });

  test('static client IDs are scoped but shared by every holder of the policy (advisory)', () => {
    expect(problems([allow('iot:Connect', [`${ARN}client/client1`, `${ARN}client/client2`])])).toEqual([
      expect.objectContaining({ kind: 'identity-not-bound', resource: `${ARN}client/client1` }),
      expect.objectContaining({ kind: 'identity-not-bound', resource: `${ARN}client/client2` }),
    ]);
  });

  test('DeleteConnection on any client', () => {
    expect(kinds([allow('iot:DeleteConnection', `${ARN}client/*`)])).toEqual(['disconnect-any-client']);
  });
});

describe('Publish, Subscribe, Receive and reserved topics', () => {
  test.each<[string, string, ProblemKind, string]>([
    ['iot:Publish', `${ARN}topic/*`, 'publish-broad', 'any'],
    ['iot:Publish', `${ARN}topic/sensors/*`, 'publish-broad', 'unbound-wildcard'],
    ['iot:RetainPublish', `${ARN}topic/sensors/*`, 'publish-broad', 'unbound-wildcard'],
    ['iot:Publish', `${ARN}topic/${THING}*`, 'publish-broad', 'unbound-wildcard'],
    ['iot:Subscribe', `${ARN}topicfilter/*`, 'subscribe-broad', 'any'],
    ['iot:Subscribe', `${ARN}topicfilter/data/#`, 'subscribe-broad', 'mqtt-wildcard'],
    ['iot:Publish', `${ARN}topic/$aws/things/*/shadow/update`, 'reserved-topic-access', 'reserved'],
    ['iot:Publish', `${ARN}topic/$aws/things/*`, 'reserved-topic-access', 'reserved'],
    ['iot:Subscribe', `${ARN}topicfilter/$aws/things/*`, 'reserved-topic-access', 'reserved'],
    ['iot:Subscribe', `${ARN}topicfilter/$aws/things/+/shadow/update`, 'reserved-topic-access', 'mqtt-wildcard'],
    ['iot:Subscribe', `${ARN}topicfilter/$aws/events/#`, 'reserved-topic-access', 'mqtt-wildcard'],
    ['iot:Publish', `${ARN}topic/$aws/rules/*`, 'reserved-topic-access', 'reserved'],
    ['iot:GetRetainedMessage', `${ARN}topic/*`, 'retained-message-broad', 'any'],
  ])('%s on %s → %s', (action, resource, kind, breadth) => {
    expect(problems([allow('iot:Connect', `${ARN}client/${THING}`), allow(action, resource)])).toContainEqual(
      expect.objectContaining({ kind, action, resource, breadth, statementIndex: 1 }),
    );
  });

  test('the witness is a concrete resource of another device that the policy allows', () => {
    const [problem] = problems([allow('iot:Publish', `${ARN}topic/$aws/things/*/shadow/update`)]);
    expect(problem.witness).toBe(`${ARN}topic/$aws/things/${OTHER_DEVICE}/shadow/update`);
    const [subscribe] = problems([allow('iot:Subscribe', `${ARN}topicfilter/$aws/things/+/shadow/update`)]);
    expect(subscribe.witness).toBe(`${ARN}topicfilter/$aws/things/+/shadow/update`);
  });

  test('a * glued to fixed text gets a witness with the other device in a level of its own', () => {
    const [glued] = problems([allow('iot:Publish', `${ARN}topic/devices/a*/x`)]);
    expect(glued.witness).toBe(`${ARN}topic/devices/a/${OTHER_DEVICE}/x`);
    // Right after the own thing name, the witness extends that name into another device's.
    const [extended] = problems([allow('iot:Publish', `${ARN}topic/${THING}*`)]);
    expect(extended.witness).toBe(`${ARN}topic/pw-self-device${OTHER_DEVICE}`);
    // Client IDs are one name, not levels.
    const [client] = problems([allow('iot:Connect', `${ARN}client/dev*`)]);
    expect(client.witness).toBe(`${ARN}client/dev${OTHER_DEVICE}`);
  });

  test('thing-scoped reserved topics and named-thing topics are fine', () => {
    expect(kinds([allow(['iot:Publish', 'iot:Subscribe'], [`${ARN}topic/$aws/things/${THING}/shadow/*`, `${ARN}topicfilter/$aws/things/${THING}/jobs/*`])])).toEqual([]);
    expect(kinds([allow('iot:Publish', `${ARN}topic/$aws/things/MyThing/shadow/*`)])).toEqual(['identity-not-bound']);
    expect(kinds([allow('iot:Publish', `${ARN}topic/$aws/certificates/create/json`)])).toEqual(['identity-not-bound']);
  });

  test('broad Receive alone is compliant (a device only receives what it may subscribe to)', () => {
    expect(kinds([allow('iot:Receive', `${ARN}topic/$aws/things/*`), allow('iot:Subscribe', `${ARN}topicfilter/$aws/things/${THING}/shadow/*`)])).toEqual([]);
  });

  test('broad Receive next to a broad subscription is reported and names it', () => {
    const found = problems([allow('iot:Receive', `${ARN}topic/*`), allow('iot:Subscribe', `${ARN}topicfilter/fleet/#`)]);
    expect(found).toContainEqual(
      expect.objectContaining({ kind: 'receive-broad', statementIndex: 0, related: { statementIndex: 1, resource: `${ARN}topicfilter/fleet/#`, kind: 'subscribe-broad' } }),
    );
  });

  test('a broad Allow that a Deny fully narrows is not reported', () => {
    expect(kinds([allow('iot:Publish', `${ARN}topic/*`), deny('iot:Publish', '*')])).toEqual([]);
    // A partial Deny leaves the breadth: the witness is outside what it denies.
    const partial = problems([allow('iot:Publish', '*'), deny('iot:Publish', `${ARN}topic/$aws/*`)]);
    expect(partial).toContainEqual(expect.objectContaining({ kind: 'publish-broad', witness: `${ARN}topic/${OTHER_DEVICE}` }));
  });

  test('static topics are advisory identity-not-bound, device subtrees are clean', () => {
    expect(kinds([allow('iot:Publish', `${ARN}topic/telemetry/temperature`)])).toEqual(['identity-not-bound']);
    expect(kinds([allow('iot:Publish', `${ARN}topic/${CLIENT}/telemetry`)])).toEqual([]);
    expect(kinds([allow('iot:Publish', `${ARN}topic/\${iot:Certificate.Subject.CommonName}/data`)])).toEqual([]);
  });
});

describe('client-ID spoofing reaches other devices through ${iot:ClientId}', () => {
  test('Connect on client/* plus ClientId-scoped shadow topics reaches other things', () => {
    const found = problems([allow('iot:Connect', `${ARN}client/*`), allow('iot:Publish', `${ARN}topic/$aws/things/${CLIENT}/shadow/*`)]);
    expect(found).toContainEqual(
      expect.objectContaining({ kind: 'reserved-topic-access', statementIndex: 1, breadth: 'spoofable-client-id', witness: `${ARN}topic/$aws/things/${OTHER_DEVICE}/shadow/` }),
    );
  });

  test('the basic-policy-variables trap: ClientId in a topic filter and a client ID of "+"', () => {
    const found = problems([allow('iot:Connect', `${ARN}client/*`), allow('iot:Subscribe', `${ARN}topicfilter/my/${CLIENT}/topic`)]);
    expect(found).toContainEqual(expect.objectContaining({ kind: 'subscribe-broad', statementIndex: 1, witness: `${ARN}topicfilter/my/+/topic` }));
  });

  test('with Connect bound to the thing name, the same grants are scoped', () => {
    expect(kinds([allow('iot:Connect', `${ARN}client/${THING}`), allow('iot:Subscribe', `${ARN}topicfilter/my/${CLIENT}/topic`), allow('iot:Publish', `${ARN}topic/$aws/things/${CLIENT}/shadow/*`)])).toEqual([]);
  });

  test('shadow APIs on thing/${iot:ClientId} with a spoofable client ID', () => {
    expect(problems([allow('iot:Connect', `${ARN}client/${CLIENT}`), allow('iot:GetThingShadow', `${ARN}thing/${CLIENT}`)])).toContainEqual(
      expect.objectContaining({ kind: 'thing-api-any-thing', breadth: 'spoofable-client-id', witness: `${ARN}thing/${OTHER_DEVICE}` }),
    );
  });
});

describe('shadow/job APIs and role aliases', () => {
  const apis = ['iot:DeleteThingShadow', 'iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DescribeJobExecution', 'iot:GetPendingJobExecutions', 'iot:StartNextPendingJobExecution', 'iot:UpdateJobExecution'];

  test('thing/* for the seven APIs is one problem naming them all', () => {
    const found = problems([allow(apis, `${ARN}thing/*`)]);
    expect(found).toEqual([expect.objectContaining({ kind: 'thing-api-any-thing', resource: `${ARN}thing/*`, witness: `${ARN}thing/${OTHER_DEVICE}` })]);
    expect([...found[0].actions].sort()).toEqual([...apis].sort());
  });

  test('named things and the thing-name variable are fine', () => {
    expect(problems([allow(apis, [`${ARN}thing/MyThing1`, `${ARN}thing/MyThing2`, `${ARN}thing/${THING}`, `${ARN}thing/${THING}/*`])])).toEqual([]);
    expect(kinds([allow('iotjobsdata:UpdateJobExecution', `${ARN}thing/*`)])).toEqual(['thing-api-any-thing']);
  });

  test('AssumeRoleWithCertificate on any role alias', () => {
    expect(kinds([allow('iot:AssumeRoleWithCertificate', `${ARN}rolealias/*`)])).toEqual(['rolealias-broad']);
    expect(kinds([allow('iot:AssumeRoleWithCertificate', `${ARN}rolealias/telemetry-uploader`)])).toEqual([]);
  });
});

describe('MQTT wildcards: literal in topics, and in Deny statements', () => {
  test('# or + in a topic resource of Publish/Receive', () => {
    expect(problems([allow(['iot:Publish', 'iot:Receive'], `${ARN}topic/${THING}/#`)])).toEqual([
      expect.objectContaining({ kind: 'mqtt-wildcard-in-topic-resource', actions: ['iot:Publish', 'iot:Receive'] }),
    ]);
    expect(kinds([allow('iot:Receive', `${ARN}topic/${THING}/+/state`)])).toEqual(['mqtt-wildcard-in-topic-resource']);
  });

  test('Deny with # does not stop a subscription under it (Device Defender example 1)', () => {
    const found = problems([
      allow('iot:Subscribe', `${ARN}topicfilter/building/*`),
      deny('iot:Subscribe', `${ARN}topicfilter/building/control_room/#`),
      allow('iot:Receive', `${ARN}topic/building/*`),
    ]);
    expect(found).toContainEqual(
      expect.objectContaining({
        kind: 'mqtt-wildcard-in-deny',
        statementIndex: 1,
        effect: 'Deny',
        ddReason: 'POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT',
        witness: `${ARN}topicfilter/building/control_room/${OTHER_DEVICE}`,
      }),
    );
  });

  test('Deny on topicfilter/x/* is bypassed by subscribing to a parent wildcard (Device Defender example 2)', () => {
    const found = problems([
      allow('iot:Subscribe', `${ARN}topicfilter/building/*`),
      deny('iot:Subscribe', `${ARN}topicfilter/building/control_room/*`),
      allow('iot:Receive', `${ARN}topic/building/*`),
    ]);
    expect(found).toContainEqual(
      expect.objectContaining({ kind: 'mqtt-wildcard-in-deny', statementIndex: 1, ddReason: 'TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS', witness: `${ARN}topicfilter/building/#` }),
    );
  });

  test('denying Receive as well closes the bypass', () => {
    const found = problems([
      allow('iot:Subscribe', `${ARN}topicfilter/building/*`),
      deny(['iot:Subscribe', 'iot:Receive'], [`${ARN}topicfilter/building/control_room/*`, `${ARN}topic/building/control_room/*`]),
      allow('iot:Receive', `${ARN}topic/building/*`),
    ]);
    expect(found.map((p) => p.kind)).not.toContain('mqtt-wildcard-in-deny');
  });

  test('mqttFilterMatches follows MQTT', () => {
    expect(mqttFilterMatches('a/#', 'a/b/c')).toBe(true);
    expect(mqttFilterMatches('a/+/c', 'a/b/c')).toBe(true);
    expect(mqttFilterMatches('a/+', 'a/b/c')).toBe(false);
    expect(mqttFilterMatches('#', '$aws/things/x')).toBe(false);
    expect(mqttFilterMatches('a/#/c', 'a/b/c')).toBe(false);
  });
});

describe('admin-action, unknown-action, action-resource-mismatch', () => {
  test.each([
    ['iot:CreateThing', 'iot:CreateThing'],
    ['iot:Update*', 'iot:UpdateCertificate'],
    ['iot:Get*', 'iot:GetPolicy'],
    ['iot:DescribeEndpoint', 'iot:DescribeEndpoint'],
  ])('%s is administrative', (action, example) => {
    const found = problems([allow(action, '*')]).find((p) => p.kind === 'admin-action');
    expect(found).toMatchObject({ action, ddReason: 'ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS' });
    expect(found?.detail).toContain(example);
  });

  test('data-plane actions are not administrative; each pattern is its own problem', () => {
    expect(kinds([allow(['iot:GetThingShadow', 'iot:UpdateThingShadow'], `${ARN}thing/${THING}`)])).toEqual([]);
    expect(problems([allow(['iot:CreateThing', 'iot:DeleteThing'], '*')]).filter((p) => p.kind === 'admin-action').map((p) => p.action)).toEqual(['iot:CreateThing', 'iot:DeleteThing']);
  });

  test('a misspelt action grants nothing', () => {
    expect(kinds([allow('iot:Publsh', `${ARN}topic/${THING}`)])).toEqual(['unknown-action']);
  });

  test.each<[string, string, string]>([
    ['iot:Subscribe', `${ARN}topic/${THING}/cmd`, 'topicfilter'],
    ['iot:Publish', `${ARN}topicfilter/${THING}/cmd`, 'topic'],
    ['iot:Connect', `${ARN}topic/${THING}`, 'client'],
    ['iot:GetThingShadow', `${ARN}topic/$aws/things/${THING}/shadow/get`, 'thing'],
    ['iot:Subscribe', `arn:aws:iot:*:*:topic/${THING}/cmd`, 'topicfilter'],
  ])('%s on %s is a dead grant', (action, resource, type) => {
    const found = problems([allow(action, resource)]).filter((p) => p.kind === 'action-resource-mismatch');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ action, resource });
    expect(found[0].detail).toContain(`${type}/`);
  });

  test('a Deny on the wrong type is dead too (it denies nothing)', () => {
    expect(kinds([allow('iot:Subscribe', `${ARN}topicfilter/${THING}/*`), deny('iot:Subscribe', `${ARN}topic/${THING}/secret`)])).toEqual(['action-resource-mismatch']);
  });

  test('a resource no listed action uses is dead', () => {
    expect(problems([allow('iot:Publish', [`${ARN}topic/${THING}`, `${ARN}client/${THING}`])])).toEqual([
      expect.objectContaining({ kind: 'action-resource-mismatch', resource: `${ARN}client/${THING}` }),
    ]);
  });

  test('matching types in one statement are fine', () => {
    expect(kinds([allow(['iot:Publish', 'iot:Subscribe', 'iot:Receive'], [`${ARN}topic/${THING}/*`, `${ARN}topicfilter/${THING}/*`])])).toEqual([]);
  });
});

describe('policy dialects', () => {
  test('a raw CDKTF/Terraform string: $${...} is the policy variable', () => {
    expect(kinds([allow('iot:Connect', `${ARN}client/$\${iot:Connection.Thing.ThingName}`)], 'terraform-template')).toEqual([]);
  });

  test('a Terraform interpolation is a fixed, unknown name: not broad, not device-bound', () => {
    expect(kinds([allow('iot:Publish', '${aws_iot_topic_rule.r.arn}')], 'terraform-template')).toEqual([]);
    expect(kinds([allow('iot:Publish', `${ARN}topic/\${var.site}/status`)], 'terraform-template')).toEqual(['identity-not-bound']);
  });
});

describe('analysis output', () => {
  test('problems are sorted by statement, then kind, and carry Sid and effect', () => {
    const found = problems([
      { Sid: 'pub', ...allow('iot:Publish', `${ARN}topic/*`) },
      { Sid: 'all', ...allow('iot:*', `${ARN}thing/*`) },
    ]);
    expect(found.map((p) => [p.statementIndex, p.kind, p.sid, p.effect])).toEqual([
      [0, 'publish-broad', 'pub', 'Allow'],
      [1, 'wildcard-action', 'all', 'Allow'],
      [1, 'thing-api-any-thing', 'all', 'Allow'],
    ]);
  });

  test('the same input gives the same output', () => {
    const statements = [allow('*', '*'), deny('iot:Subscribe', `${ARN}topicfilter/a/#`)];
    expect(problems(statements)).toEqual(problems(statements));
  });

  test('maxProblems caps the list and says so', () => {
    const analysis = analyzePolicy(doc([allow('iot:*', '*')]), { maxProblems: 2 });
    expect(analysis.problems).toHaveLength(2);
    expect(analysis.truncated).toBe(true);
  });

  test('a malformed model gives no problems rather than an exception', () => {
    expect(analyzePolicy(null as unknown as PolicyDocument)).toEqual({ problems: [], truncated: false });
    expect(analyzePolicy({ dialect: 'rendered', statements: [{ effect: 'Allow' }] } as unknown as PolicyDocument)).toEqual({ problems: [], truncated: false });
  });

  test('a large document is analysed with bounded work', () => {
    const statements = Array.from({ length: 400 }, (_, i) => allow(['iot:Publish', 'iot:Subscribe', 'iot:Receive'], [`${ARN}topic/s${i}/*`, `${ARN}topicfilter/s${i}/#`]));
    // CPU time, not wall time: on a loaded CI machine the wall clock measures the neighbours.
    const started = process.cpuUsage();
    const analysis = analyzePolicy(doc(statements));
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(5000);
    expect(analysis.problems.length).toBeGreaterThan(0);
  });
});
