/**
 * Property: for random device policies and random topic names, IOT-001's verdict — run through
 * the rule tester's runRule on a plan, like any user's plan — agrees with a small reference
 * defined here, which knows nothing of the analyser:
 *
 * - Matching: a Resource pattern is a regular expression over the whole ARN (`*` any text, `?`
 *   one character, `${iot:Connection.Thing.ThingName}` the device's thing name, everything else
 *   literal — MQTT `+` and `#` included); a request is allowed when an Allow statement matches
 *   and no Deny does.
 * - Ownership (the test's naming convention): device names start with `dev-`; a topic belongs
 *   to the device named by its first level that is a device name, and to no device when none is.
 * - Broad: the policy lets device `dev-1` publish to a topic of another device, or subscribe to
 *   a topic filter that (as an MQTT filter) matches a topic of another device.
 *
 * The reference decides "broad" by trying names: the fast-check topic names, and each allowed
 * pattern with its wildcards filled from a fixed list (another device's name, a level holding
 * it, a digit that extends the own name into another's, MQTT wildcards). The grammar keeps to
 * what both sides define the same way; what it leaves out, and why, is listed at `GRAMMAR`.
 */
import fc from 'fast-check';
import { policyOverlyPermissive } from '../../../policies/rules/iot/policy-overly-permissive';
import { runRule } from '../../support/rule-tester';
import { policyPlan } from './support';

const PREFIX = 'arn:aws:iot:us-east-1:123456789012:';
const SELF = 'dev-1';
const OTHER = 'dev-2';
const VAR = '${iot:Connection.Thing.ThingName}';
const DEVICE = /^dev-[\w-]+$/;

// ------------------------------------------------------------------ the reference

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** A Resource pattern as a regular expression for device `self`. */
function patternRegex(pattern: string, self: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; ) {
    if (pattern.startsWith(VAR, i)) {
      source += escapeRegex(self);
      i += VAR.length;
    } else {
      const c = pattern[i++];
      source += c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : escapeRegex(c);
    }
  }
  return new RegExp(`^${source}$`);
}

// A type alias (not an interface), so it is also a plain Statement for the plan builder.
type RefStatement = {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
};

function actionMatches(pattern: string, action: string): boolean {
  return new RegExp(`^${[...pattern.toLowerCase()].map((c) => (c === '*' ? '.*' : escapeRegex(c))).join('')}$`).test(action.toLowerCase());
}

function allowed(statements: readonly RefStatement[], action: string, arn: string): boolean {
  const applies = (st: RefStatement) => st.Action.some((a) => actionMatches(a, action)) && st.Resource.some((r) => patternRegex(r, SELF).test(arn));
  return statements.some((st) => st.Effect === 'Allow' && applies(st)) && !statements.some((st) => st.Effect === 'Deny' && applies(st));
}

/**
 * The device a topic belongs to: its first level that is a device name. Under the reserved
 * `$aws/things/<thing>/…` the owner is that thing alone: a later level is inside its namespace
 * (`$aws/things/devices/dev-2` is thing "devices"' topic, not dev-2's), and a thing named by a
 * literal that is no device is the identity-binding rule's concern, not IOT-001's.
 */
function owner(topic: string): string | undefined {
  const levels = topic.split('/');
  if (levels[0] === '$aws' && levels[1] === 'things' && levels.length > 2) return DEVICE.test(levels[2]) ? levels[2] : undefined;
  return levels.find((level) => DEVICE.test(level));
}

const isTopic = (name: string): boolean => name !== '' && !/[+#]/.test(name);

function isFilter(name: string): boolean {
  if (name === '') return false;
  const levels = name.split('/');
  return levels.every((l, i) => (l.includes('#') ? l === '#' && i === levels.length - 1 : !l.includes('+') || l === '+'));
}

/** Whether an MQTT filter matches a topic of another device: fill its wildcards with that device's name. */
function filterReachesOther(filter: string): boolean {
  const topic = filter
    .split('/')
    .map((l) => (l === '+' || l === '#' ? OTHER : l))
    .join('/');
  const o = owner(topic);
  return o !== undefined && o !== SELF;
}

// `*` spans `/`, so a wildcard glued to text can still end a level and start another device's:
// `a*/devices` matches `ab/dev-2/devices` (hence `b/${OTHER}`-shaped fills).
const FILLS = ['', OTHER, `/${OTHER}`, `${OTHER}/`, `/${OTHER}/`, `b/${OTHER}`, `b/${OTHER}/`, '2', 'x', '#', '+'];

/** Concrete names a pattern's name part matches, its `*`/`?` filled from FILLS (bounded). */
function fills(name: string): string[] {
  let out = [''];
  for (let i = 0; i < name.length; ) {
    let piece: string[];
    if (name.startsWith(VAR, i)) {
      piece = [SELF];
      i += VAR.length;
    } else {
      const c = name[i++];
      piece = c === '*' ? FILLS : c === '?' ? ['2', 'x', '#', '+', '/'] : [c];
    }
    out = out.flatMap((prefix) => piece.map((p) => prefix + p)).slice(0, 4000);
  }
  return out;
}

/** The reference verdict: does the policy let dev-1 reach another device's topics? */
function referenceBroad(statements: readonly RefStatement[], randomNames: readonly string[]): boolean {
  const candidates = new Set(randomNames);
  for (const st of statements) {
    if (st.Effect !== 'Allow') continue;
    for (const resource of st.Resource) {
      const name = resource === '*' ? '*' : resource.slice(resource.indexOf('/') + 1);
      for (const n of fills(name)) candidates.add(n);
    }
  }
  for (const name of candidates) {
    if (isTopic(name) && owner(name) !== undefined && owner(name) !== SELF && allowed(statements, 'iot:Publish', `${PREFIX}topic/${name}`)) return true;
    if (isFilter(name) && filterReachesOther(name) && allowed(statements, 'iot:Subscribe', `${PREFIX}topicfilter/${name}`)) return true;
  }
  return false;
}

// ------------------------------------------------------------------ the grammar

/**
 * GRAMMAR. Levels are static words, the thing-name variable as a whole level (or followed by
 * `*`), `*`, `a*`, `+` and `#`; patterns are 1–4 levels. Left out on purpose:
 * - `?` before the device's own level: the analyser calls `a?/${thing}` broad (an open atom
 *   before the identity, its conservative rule), while no device name fits in one character, so
 *   under this test's naming convention no other device's topic is reachable;
 * - a variable inside a level (`a${thing}/…`): the convention above only recognises whole levels;
 * - `*`/`iot:*`/NotAction/NotResource: IOT-001 fails them by their form, not by matching;
 * - other condition keys and ${iot:ClientId}: their truth depends on facts of the connection the
 *   reference does not model.
 */
const LEVELS = ['devices', 'a', '$aws', 'things', 'shadow', VAR, `${VAR}*`, '*', 'a*', '+', '#'];
const level = fc.constantFrom(...LEVELS);
const namePattern = fc.array(level, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('/'));
const resource = fc.oneof(
  { weight: 1, arbitrary: fc.constant('*') },
  { weight: 8, arbitrary: fc.tuple(fc.constantFrom('topic', 'topicfilter'), namePattern).map(([t, n]) => `${PREFIX}${t}/${n}`) },
);
const action = fc.constantFrom(['iot:Publish'], ['iot:Subscribe'], ['iot:Publish', 'iot:Subscribe'], ['IOT:subscribe'], ['iot:Pub*']);
const statement: fc.Arbitrary<RefStatement> = fc.record({
  Effect: fc.constantFrom<'Allow' | 'Deny'>('Allow', 'Allow', 'Allow', 'Deny'),
  Action: action,
  Resource: fc.array(resource, { minLength: 1, maxLength: 2 }),
});
const policy = fc.array(statement, { minLength: 1, maxLength: 3 });
const topicName = fc.array(fc.constantFrom('devices', 'a', '$aws', 'things', SELF, OTHER, 'dev-12', '+', '#'), { minLength: 1, maxLength: 4 }).map((ls) => ls.join('/'));

// ------------------------------------------------------------------ the property

describe('IOT-001 agrees with a reference IoT resource matcher (property)', () => {
  test('fails exactly when the policy lets a device reach another device\'s topics', () => {
    let broadSeen = 0;
    let scopedSeen = 0;
    fc.assert(
      fc.property(policy, fc.array(topicName, { maxLength: 6 }), (statements, names) => {
        const expected = referenceBroad(statements, names);
        const findings = runRule(policyOverlyPermissive, policyPlan(statements));
        const failed = findings.some((f) => f.status === 'fail');
        if (expected) broadSeen++;
        else scopedSeen++;
        expect({ failed, findings: findings.map((f) => f.message) }).toEqual({ failed: expected, findings: expect.any(Array) });
      }),
      { numRuns: 250 },
    );
    // Both answers must be exercised, or the agreement proves little.
    expect(broadSeen).toBeGreaterThan(50);
    expect(scopedSeen).toBeGreaterThan(50);
  });

  test("every finding names a witness the reference allows and that is not the device's own", () => {
    // The analyser names its devices pw-self-device / pw-other-device; map them to the test's
    // convention. Its witness fills the open wildcard in place (`a*/x` → `apw-other-device/x`),
    // which this convention does not read as a device name, so the check is "not the device's
    // own topic" rather than "another device's".
    let checked = 0;
    fc.assert(
      fc.property(policy, (statements) => {
        for (const f of runRule(policyOverlyPermissive, policyPlan(statements))) {
          const m = /e\.g\. it allows (arn:\S+?)(?: \[|$)/.exec(f.message);
          if (m === null) continue;
          checked++;
          const arn = m[1].replace(/pw-self-device/g, SELF).replace(/pw-other-device/g, OTHER);
          const name = arn.slice(arn.indexOf('/') + 1);
          const isFilterArn = arn.includes(':topicfilter/');
          expect(allowed(statements, isFilterArn ? 'iot:Subscribe' : 'iot:Publish', arn)).toBe(true);
          const reached = isFilterArn ? name.split('/').map((l) => (l === '+' || l === '#' ? OTHER : l)).join('/') : name;
          expect(owner(reached)).not.toBe(SELF);
        }
      }),
      { numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(30);
  });
});
