/**
 * Canonical forms (canonical.ts): documents that differ only in literal names share one analysis
 * of their canonical form. Differential: analyzePolicy (through canonical forms and their cache)
 * must equal analyzePolicyAsGiven (the document analysed as it is) on generated documents built
 * to stay inside the canonical rules most of the time, on tenant variants of one template, and
 * with the caches cold or warm.
 */
import fc from 'fast-check';
import { OTHER_DEVICE, analyzePolicy, analyzePolicyAsGiven } from '../../../../policies/rules/iot/policy/analyze';
import { canonicalize } from '../../../../policies/rules/iot/policy/canonical';
import { parsePolicyDocument, type PolicyDocument } from '../../../../policies/rules/iot/policy/document';
import { clearPolicyCaches } from '../../../../policies/rules/iot/policy/memo';
import { ARN, CLIENT, IS_ATTACHED, THING, allow, deny, doc, type StatementInput } from './helpers';

// ---------------------------------------------------------------- the grammar

/** `@0`…`@4` are literal slots, filled per tenant variant. */
const SLOTS = ['@0', '@1', '@2', '@3', '@4'];
const VARIABLES = [THING, CLIENT, '${iot:Connection.Thing.ThingTypeName}', '${iot:Certificate.Subject.CommonName}', '${iot:Connection.Thing.Attributes[a:b/c]}', '${*}', '${aws:x:y}'];
/** Literals the analysis itself writes (never renamed) and text that is not renamable. */
const CONSTANTS = [OTHER_DEVICE, 'data', 'things', 'shadow', 'update', 'rules', 'z', 'aws', 'topic', 'iot', 'pw-self-device'];
const ODD = ['+', '#', '$x', 'a+', 'b#', 'é', '', 'q:r'];
/** Segments outside the canonical rules (the document is then analysed as it is). */
const REFUSED = ['a*', '*b', 'c?', `dev-${THING}`];
const ACTIONS = ['iot:Publish', 'iot:Subscribe', 'iot:Connect', 'iot:Receive', 'iot:RetainPublish', 'iot:GetRetainedMessage', 'iot:DeleteConnection', 'iot:UpdateThingShadow', 'iotjobsdata:DescribeJobExecution', 'iot:AssumeRoleWithCertificate', 'iot:*', '*', 'iot:P*', 'iot:Get*', 'iot:Publsh'];
const TYPES = ['topic', 'topic', 'topicfilter', 'topicfilter', 'client', 'thing', 'rolealias'];
const LITERALS = ['t0000', 't0001', 'sensor', 'wearable', 'pump', 'a', 'b', 'x.y', 'A_B-9', 'things', 'data', 'tenant-pw-x', 'telemetry', 'commands', 'cmd', '444987776523', 'us-east-1'];

const segment = fc.oneof(
  { weight: 90, arbitrary: fc.constantFrom(...SLOTS) },
  { weight: 30, arbitrary: fc.constantFrom(...VARIABLES) },
  { weight: 20, arbitrary: fc.constant('*') },
  { weight: 20, arbitrary: fc.constantFrom(...CONSTANTS) },
  { weight: 20, arbitrary: fc.constantFrom(...ODD) },
  { weight: 1, arbitrary: fc.constantFrom(...REFUSED) },
);

const name = fc
  .tuple(fc.constantFrom('', '', '', '', '$aws/things/', '$aws/rules/', '$aws/events/'), fc.array(segment, { minLength: 1, maxLength: 4 }), fc.constantFrom('/', '/', '/', ':'))
  .map(([reserved, segments, separator]) => reserved + segments.join(separator));

const resource = fc.oneof(
  { weight: 5, arbitrary: fc.constant('*') },
  { weight: 5, arbitrary: fc.constant('arn:aws:iot:us-east-1:444987776523:*') },
  // Outside the canonical rules: a `*` glued into an ARN field.
  { weight: 1, arbitrary: fc.constant('arn:aws:iot:eu-*:444987776523:topic/@0/*') },
  {
    weight: 60,
    arbitrary: fc
      .tuple(fc.constantFrom('us-east-1', 'us-east-1', '*'), fc.constantFrom('444987776523', '444987776523', '*'), fc.constantFrom(...TYPES), name)
      .map(([region, account, type, n]) => `arn:aws:iot:${region}:${account}:${type}/${n}`),
  },
);

const condition = fc.oneof(
  {
    weight: 20,
    arbitrary: fc.constantFrom<Record<string, unknown> | undefined>(
      undefined,
      undefined,
      undefined,
      IS_ATTACHED,
      { Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'false' } } },
      { Condition: { BoolIfExists: { 'IOT:connection.thing.isattached': 'true' } } },
    ),
  },
  // Outside the canonical rules.
  { weight: 1, arbitrary: fc.constant<Record<string, unknown>>({ Condition: { StringEquals: { 'iot:ClientId': '${iot:Connection.Thing.ThingName}' } } }) },
);

const statement = fc
  .record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    actions: fc.array(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
    negatedAction: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
    negatedResource: fc.integer({ min: 0, max: 15 }).map((n) => n === 0),
    resources: fc.array(resource, { minLength: 1, maxLength: 3 }),
    condition,
    sid: fc.option(fc.constantFrom('Own', 'Fleet', 'Deny1'), { nil: undefined }),
  })
  .map(
    (r): StatementInput => ({
      Effect: r.effect,
      ...(r.sid === undefined ? {} : { Sid: r.sid }),
      [r.negatedAction ? 'NotAction' : 'Action']: r.actions,
      [r.negatedResource ? 'NotResource' : 'Resource']: r.resources,
      ...(r.condition ?? {}),
    }),
  );

const template = fc.array(statement, { minLength: 1, maxLength: 4 });
/** Fillings of the five slots: literals, some with a number suffix (other lengths, so other canonical forms). */
const filling = fc.array(fc.tuple(fc.constantFrom(...LITERALS), fc.constantFrom('', '', '7', '42')).map(([l, s]) => l + s), { minLength: 5, maxLength: 5 });

function instantiate(statements: StatementInput[], fill: readonly string[]): PolicyDocument {
  const text = JSON.stringify({ Version: '2012-10-17', Statement: statements }).replace(/@(\d)/g, (_, i: string) => fill[Number(i)]);
  const result = parsePolicyDocument(text);
  if (!result.ok) throw new Error('the grammar produced an invalid policy: ' + text);
  return result.document;
}

// ---------------------------------------------------------------- properties

describe('canonical forms: the analysis through a canonical form is the analysis', () => {
  test('generated documents and their tenant variants, caches cold and warm', () => {
    let canonical = 0;
    let total = 0;
    let witnessed = 0;
    fc.assert(
      fc.property(template, fc.array(filling, { minLength: 2, maxLength: 3 }), fc.boolean(), (statements, fills, cold) => {
        if (cold) clearPolicyCaches();
        for (const fill of fills) {
          const document = instantiate(statements, fill);
          total++;
          const form = canonicalize(document.statements, document.dialect, new Set());
          if (form !== undefined) canonical++;
          for (const maxProblems of [200, 2]) {
            const analysis = analyzePolicy(document, { maxProblems });
            expect(analysis).toEqual(analyzePolicyAsGiven(document, { maxProblems }));
            // Problems whose witness carries a renamed literal: the writing back is exercised.
            if (form !== undefined && analysis.problems.some((p) => form.literals.some((l) => p.witness?.includes(`/${l}/`)))) witnessed++;
          }
        }
      }),
      { numRuns: 400 },
    );
    // The grammar must mostly stay inside the canonical rules, or the property proves little.
    expect(canonical).toBeGreaterThan(total / 3);
    expect(witnessed).toBeGreaterThan(total / 40);
  });

  test('tenant variants of the fleet policy share one canonical form, and keep their own names', () => {
    const fleet = (tenant: string, kind: string): PolicyDocument =>
      doc([
        allow('iot:Connect', `${ARN}client/${THING}`),
        allow(['iot:Publish', 'iot:Receive'], [`${ARN}topic/${tenant}/${kind}/${THING}/telemetry`, `${ARN}topic/$aws/things/${THING}/shadow/*`]),
        allow('iot:Subscribe', [`${ARN}topicfilter/${tenant}/${kind}/${THING}/commands`, `${ARN}topicfilter/$aws/things/${THING}/shadow/*`]),
        // Broad on purpose: the witnesses carry the tenant's names.
        allow('iot:Publish', `${ARN}topic/${tenant}/*`),
        deny('iot:Subscribe', `${ARN}topicfilter/${tenant}/${kind}/#`),
      ]);
    const a = fleet('t0001', 'pump');
    const b = fleet('t0002', 'pump');
    const ca = canonicalize(a.statements, a.dialect, new Set());
    const cb = canonicalize(b.statements, b.dialect, new Set());
    expect(ca?.key).toBeDefined();
    expect(ca?.key).toBe(cb?.key);
    expect(ca?.literals).toEqual(['t0001', 'pump', 'telemetry', 'commands']);
    clearPolicyCaches();
    for (const document of [a, b]) expect(analyzePolicy(document)).toEqual(analyzePolicyAsGiven(document));
    const witness = analyzePolicy(b).problems.find((p) => p.kind === 'publish-broad')?.witness;
    expect(witness).toBe(`${ARN}topic/t0002/${OTHER_DEVICE}`);
  });

  test('names the analysis writes itself, reserved topics and ARN fields are never renamed', () => {
    const document = doc([
      allow('iot:Publish', [`${ARN}topic/${OTHER_DEVICE}/data/x1`, `${ARN}topic/$aws/things/t7/shadow/update`, `${ARN}topic/t7/123456789012/x1`]),
    ]);
    const canonical = canonicalize(document.statements, document.dialect, new Set([OTHER_DEVICE, 'data']));
    // t7 appears in a reserved name, 123456789012 in the ARN fields: only x1 is renamed.
    expect(canonical?.literals).toEqual(['x1']);
    expect(analyzePolicy(document)).toEqual(analyzePolicyAsGiven(document));
  });

  test.each([
    ['a `?`', [allow('iot:Publish', `${ARN}topic/t0001/?`)]],
    ['a `*` glued to text', [allow('iot:Publish', `${ARN}topic/t0001/dev*`)]],
    ['a variable glued to text', [allow('iot:Publish', `${ARN}topic/t0001/dev-${THING}`)]],
    ['a variable in the ARN fields', [allow('iot:Publish', `arn:aws:iot:\${aws:Region}:123456789012:topic/t0001/x`)]],
    ['a condition on another key', [allow('iot:Connect', `${ARN}client/t0001`, { Condition: { StringLike: { 'iot:ClientId': 't0001*' } } })]],
    ['a private-use character', [allow('iot:Publish', `${ARN}topic/t0001/\ue000`)]],
    ['a resource that is not an ARN', [allow('iot:Publish', ['topic/t0001', `${ARN}topic/t0001/x`])]],
  ])('documents with %s are analysed as they are', (_, statements) => {
    const document = doc(statements as StatementInput[]);
    expect(canonicalize(document.statements, document.dialect, new Set())).toBeUndefined();
    expect(analyzePolicy(document)).toEqual(analyzePolicyAsGiven(document));
  });

  test('Terraform-template documents are analysed as they are', () => {
    const document = doc([allow('iot:Publish', `${ARN}topic/t0001/$\${iot:Connection.Thing.ThingName}`)], 'terraform-template');
    expect(canonicalize(document.statements, document.dialect, new Set())).toBeUndefined();
  });
});
