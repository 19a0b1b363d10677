/**
 * IOT-002: a device may connect only under its own client ID. Fails on iot:Connect (and
 * iot:DeleteConnection) grants on a broad client ID (`*`, `client/*`, `client/dev-*`) and on
 * `client/${iot:ClientId}` without the `iot:Connection.Thing.IsAttached` condition, which
 * Device Defender calls equivalent to the wildcard. With requireIsAttached (default
 * "when-thing-bound") a document that binds its resources to the thing name must also require
 * IsAttached on every Connect grant whose client ID is not the thing name itself.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass } from '../support';
import { requiresIsAttached, resourceNamePatterns, statementCoversAction, type PolicyAnalysis, type PolicyDocument, type PolicyStatement, type ProblemKind } from './policy';
import { isVariableAtom, type Atom } from './policy/pattern';
import { variablesIn } from './policy/variables';
import { POLICY_ATTRIBUTE, describeProblem, evidenceOfSource, newNote, policyView, statementLabel, subject, unreadable } from './shared/policy-view';
import { THING_NAME, remediationFor } from './shared/remediation';

const KINDS: ReadonlySet<ProblemKind> = new Set(['connect-any-client', 'client-id-without-is-attached', 'disconnect-any-client']);
const MODES = ['never', 'when-thing-bound', 'always'] as const;
type IsAttachedMode = (typeof MODES)[number];

function modeOf(value: unknown): IsAttachedMode {
  return MODES.find((m) => m === value) ?? 'when-thing-bound';
}

/** Whether the document names the connected thing anywhere (resources or conditions): thing-bound identity is intended. */
function thingBound(document: PolicyDocument): boolean {
  return document.statements.some(
    (st) =>
      st.resource.patterns.some((p) => p.includes('${') && variablesIn(p).some((v) => v.kind === 'thing-name' || v.kind === 'thing-type-name' || v.kind === 'thing-attribute')) ||
      st.conditions.some((c) => /^iot:Connection\.Thing\./i.test(c.key)),
  );
}

/** A client-ID name that is exactly the thing-name variable: AWS denies it unless the thing is attached. */
function isThingNameOnly(atoms: readonly Atom[]): boolean {
  return atoms.length === 1 && isVariableAtom(atoms[0]) && atoms[0].kind === 'thing-name';
}

/** Allow statements granting iot:Connect on some client ID other than the thing name, without IsAttached. */
function connectWithoutIsAttached(document: PolicyDocument): { statement: PolicyStatement; resource: string }[] {
  const out: { statement: PolicyStatement; resource: string }[] = [];
  for (const st of document.statements) {
    if (st.effect !== 'Allow' || !statementCoversAction(st, 'iot:Connect') || requiresIsAttached(st)) continue;
    const patterns = st.resource.negated ? ['*'] : st.resource.patterns;
    const resource = patterns.find((p) => resourceNamePatterns(p, 'client', document.dialect).some((atoms) => !isThingNameOnly(atoms)));
    if (resource !== undefined) out.push({ statement: st, resource: st.resource.negated ? `NotResource: ${JSON.stringify(st.resource.patterns)}` : resource });
  }
  return out;
}

export const policyConnectClientId: Rule = {
  id: 'IOT-002',
  title: 'IoT policies let a device connect only under its own client ID',
  family: 'iot',
  severity: 'critical',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(1)', '164.312(d)'],
  resourceTypes: ['aws_iot_policy'],
  rationale:
    'The MQTT client ID is how AWS IoT tells devices apart: a second connection with the same client ID disconnects the first (DUPLICATE_CLIENT_ID), and ${iot:ClientId} in topic resources is whatever the client claims. Device Defender\'s IOT_POLICY_OVERLY_PERMISSIVE_CHECK flags iot:Connect on client/* and on client/${iot:ClientId} without the iot:Connection.Thing.IsAttached condition ("equivalent to the wildcard"), because a device holding the policy can then connect as any other device, knock it offline and take over its topics — a failure of entity authentication (164.312(d)) and of access control (164.312(a)(1)).',
  remediation:
    'Allow iot:Connect only on client/${iot:Connection.Thing.ThingName} with Condition {"Bool": {"iot:Connection.Thing.IsAttached": "true"}} (write $${…} in HCL and CDKTF strings), so the client ID must be the name of the registry thing the certificate is attached to.',
  params: {
    requireIsAttached: {
      description:
        'When every iot:Connect grant must carry Bool iot:Connection.Thing.IsAttached = "true" (grants on client/${iot:Connection.Thing.ThingName} alone are exempt: AWS denies them unless the certificate is attached to that thing). "when-thing-bound": in documents that use thing policy variables; "always"; "never".',
      default: 'when-thing-bound',
      allowed: [...MODES],
    },
  },
  docs: {
    defaults:
      'AWS resolves ${iot:Connection.Thing.ThingName} only when the client ID names a thing attached to the certificate (otherwise access is denied); ${iot:ClientId} is the client\'s own claim. IoT policies apply to every certificate, thing group or Cognito identity they are attached to.',
    anchors: [
      'AWS IoT Device Defender IOT_POLICY_OVERLY_PERMISSIVE_CHECK (Connect: client/* and client/${iot:ClientId} without IsAttached)',
      'Device Defender CONFLICTING_CLIENT_IDS_CHECK (runtime; this is its static counterpart)',
      'AWS IoT security best practices: restrict client IDs to the thing name',
    ],
    example: {
      fail: 'Statement = [{ Effect = "Allow", Action = "iot:Connect", Resource = "arn:aws:iot:us-east-1:123456789012:client/$${iot:ClientId}" }]',
      pass: 'Statement = [{\n  Effect    = "Allow"\n  Action    = "iot:Connect"\n  Resource  = "arn:aws:iot:us-east-1:123456789012:client/$${iot:Connection.Thing.ThingName}"\n  Condition = { Bool = { "iot:Connection.Thing.IsAttached" = "true" } }\n}]',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const view = policyView(instance, ctx);
    const early = unreadable(instance, view, 'which client IDs it lets a device connect with');
    if (early !== undefined) return [early];
    if (view.source.kind !== 'document') return [];
    const analysis = view.analysis as PolicyAnalysis;
    const who = subject(instance, view.source);
    const evidence = evidenceOfSource(view.source);
    const document = view.source.document;
    const bound = thingBound(document);
    const intent = bound ? ' (the document binds its other resources to the thing name, so thing-bound identity is intended)' : '';
    const outcomes: Outcome[] = analysis.problems
      .filter((p) => KINDS.has(p.kind))
      .map((p) =>
        fail(POLICY_ATTRIBUTE, `${who}: ${describeProblem(p)}${p.kind === 'client-id-without-is-attached' ? intent : ''}${newNote(view, p)}`, {
          evidence,
          remediation: remediationFor(p),
        }),
      );
    const reported = new Set(analysis.problems.filter((p) => KINDS.has(p.kind)).map((p) => p.statementIndex));
    const mode = modeOf(ctx.params.requireIsAttached);
    if (mode === 'always' || (mode === 'when-thing-bound' && bound)) {
      for (const { statement, resource } of connectWithoutIsAttached(document)) {
        if (reported.has(statement.index)) continue;
        outcomes.push(
          fail(
            POLICY_ATTRIBUTE,
            `${who}: ${statementLabel({ statementIndex: statement.index, sid: statement.sid })} allows iot:Connect on ${resource} without the Bool iot:Connection.Thing.IsAttached = "true" condition${mode === 'always' ? '' : intent}: a certificate that is not attached to the device's thing can still connect under that client ID`,
            {
              evidence,
              remediation: `Add Condition {"Bool": {"iot:Connection.Thing.IsAttached": "true"}} to the Connect statement, or connect on client/${THING_NAME} (write $\${…} in HCL and CDKTF strings).`,
            },
          ),
        );
      }
    }
    return outcomes.length > 0 ? outcomes : [pass(POLICY_ATTRIBUTE, `${who} lets a device connect only under its own client ID`, { evidence })];
  },
};
