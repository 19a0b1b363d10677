/**
 * IOT-010 (advisory): an active device certificate is attached to one thing and to an IoT
 * policy scoped to that thing. Thing policy variables resolve only for the thing a certificate
 * is attached to; a certificate with no thing, several things, no policy, or only a fleet-wide
 * policy is not bound to one device. The certificate's companions are found through the graph:
 * aws_iot_thing_principal_attachment (principal), aws_iot_policy_attachment (target = the
 * certificate, or a thing group the thing belongs to through aws_iot_thing_group_membership).
 */
import type { Evidence, Join, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import type { PolicyAnalysis, ProblemKind } from './policy';
import { variablesIn } from './policy/variables';
import { policyView } from './shared/policy-view';

/** Problems that make a policy reach beyond one device. */
const UNSCOPED: ReadonlySet<ProblemKind> = new Set([
  'wildcard-action',
  'allow-not-action',
  'allow-not-resource',
  'connect-any-client',
  'client-id-without-is-attached',
  'publish-broad',
  'subscribe-broad',
  'receive-broad',
  'retained-message-broad',
  'reserved-topic-access',
  'thing-api-any-thing',
]);

type Scoping = 'scoped' | 'unscoped' | 'unknown';

function policyScoping(policy: ResourceInstance, ctx: RuleContext): Scoping {
  const view = policyView(policy, ctx);
  if (view.source.kind === 'unknown') return 'unknown';
  if (view.source.kind !== 'document') return 'unscoped';
  const analysis = view.analysis as PolicyAnalysis;
  if (analysis.problems.some((p) => UNSCOPED.has(p.kind))) return 'unscoped';
  // Scoped to one thing: the document names the connected thing (a thing variable or IsAttached).
  const namesThing = view.source.document.statements.some(
    (st) => st.resource.patterns.some((p) => variablesIn(p).some((v) => v.kind === 'thing-name')) || st.conditions.some((c) => /^iot:Connection\.Thing\.IsAttached$/i.test(c.key)),
  );
  return namesThing ? 'scoped' : 'unscoped';
}

/** Policy attachments that reach the certificate: on the certificate, or on a thing group of one of its things. */
function policyAttachments(cert: ResourceInstance, things: readonly Join[], ctx: RuleContext): { attachment: Join; evidence: Evidence[] }[] {
  const graph = ctx.graph;
  const out = graph
    .referrers(cert, { types: ['aws_iot_policy_attachment'], attribute: 'target', matchValues: ['arn'] })
    .map((attachment) => ({ attachment, evidence: [evidenceOf(attachment)] }));
  for (const thingJoin of things) {
    for (const thing of graph.referencesOf(thingJoin.instance, 'thing', { types: ['aws_iot_thing'], matchValues: ['name'] })) {
      for (const membership of graph.referrers(thing.instance, { types: ['aws_iot_thing_group_membership'], attribute: 'thing_name', matchValues: ['name'] })) {
        for (const group of graph.referencesOf(membership.instance, 'thing_group_name', { types: ['aws_iot_thing_group'], matchValues: ['name'] })) {
          for (const attachment of graph.referrers(group.instance, { types: ['aws_iot_policy_attachment'], attribute: 'target', matchValues: ['arn'] })) {
            out.push({ attachment, evidence: [evidenceOf(thingJoin), evidenceOf(membership), evidenceOf(attachment)] });
          }
        }
      }
    }
  }
  return out;
}

export const certificateThingBinding: Rule = {
  id: 'IOT-010',
  title: 'Active IoT certificates are bound to one thing and a thing-scoped policy',
  family: 'iot',
  severity: 'low',
  enforcement: 'advisory',
  hipaa: ['164.312(d)', '164.312(a)(1)'],
  resourceTypes: ['aws_iot_certificate'],
  rationale:
    'A device certificate is the device\'s identity (164.312(d)). It is bound to one device only when it is attached to exactly one registry thing and carries a policy that names that thing (${iot:Connection.Thing.ThingName} or the IsAttached condition): then a copied certificate cannot act as another device, and Device Defender\'s DEVICE_CERTIFICATE_SHARED_CHECK and CONFLICTING_CLIENT_IDS_CHECK have nothing to find. Advisory, because attachments are often made later by a provisioning flow outside Terraform.',
  remediation:
    'Attach the certificate to its thing (aws_iot_thing_principal_attachment) and to a policy whose resources use ${iot:Connection.Thing.ThingName} with the iot:Connection.Thing.IsAttached condition (aws_iot_policy_attachment, target = the certificate ARN or the thing\'s group).',
  params: {},
  docs: {
    defaults: 'aws_iot_certificate.active is required; attachments are separate resources (aws_iot_thing_principal_attachment, aws_iot_policy_attachment) matched here by reference or by known ARN / name.',
    anchors: ['AWS IoT Device Defender DEVICE_CERTIFICATE_SHARED_CHECK and CONFLICTING_CLIENT_IDS_CHECK (runtime; static counterpart)', 'AWS IoT thing policy variables'],
    example: {
      fail: 'resource "aws_iot_certificate" "device" {\n  csr    = file("device.csr")\n  active = true\n}',
      pass: 'resource "aws_iot_thing_principal_attachment" "device" {\n  thing     = aws_iot_thing.device.name\n  principal = aws_iot_certificate.device.arn\n}\nresource "aws_iot_policy_attachment" "device" {\n  policy = aws_iot_policy.thing_scoped.name\n  target = aws_iot_certificate.device.arn\n}',
    },
  },
  check(cert: ResourceInstance, ctx: RuleContext): Outcome[] {
    const active = cert.attr('active');
    if (active.state === 'known' && active.value === false) return [pass('active', `${cert.address} is inactive`)];
    const things = ctx.graph.referrers(cert, { types: ['aws_iot_thing_principal_attachment'], attribute: 'principal', matchValues: ['arn'] });
    const outcomes: Outcome[] = [];
    if (things.length === 0) {
      outcomes.push(fail('active', `${cert.address} is active but attached to no thing in this plan, so thing policy variables cannot resolve for it; attach it to its device's thing with aws_iot_thing_principal_attachment`));
    } else if (things.length > 1) {
      outcomes.push(
        fail('active', `${cert.address} is attached to ${things.length} things (${things.map((t) => t.instance.address).join(', ')}): one certificate shared by several devices [Device Defender DEVICE_CERTIFICATE_SHARED_CHECK]; give each device its own certificate`, {
          evidence: things.map(evidenceOf),
        }),
      );
    }
    const attachments = policyAttachments(cert, things, ctx);
    if (attachments.length === 0) {
      outcomes.push(fail('active', `${cert.address} is active but no IoT policy is attached to it (or to its thing's group) in this plan; attach a policy scoped to the thing`));
      return outcomes;
    }
    let scoped = false;
    const unscoped: string[] = [];
    const unknowns: string[] = [];
    const evidence: Evidence[] = [];
    for (const { attachment, evidence: trail } of attachments) {
      const policies = ctx.graph.referencesOf(attachment.instance, 'policy', { types: ['aws_iot_policy'], matchValues: ['name'] });
      evidence.push(...trail);
      if (policies.length === 0) unknowns.push(`${attachment.instance.address} (its policy is not in this plan)`);
      for (const p of policies) {
        const scoping = policyScoping(p.instance, ctx);
        if (scoping === 'scoped') scoped = true;
        else if (scoping === 'unknown') unknowns.push(`${p.instance.address} (document known only after apply)`);
        else unscoped.push(p.instance.address);
      }
    }
    if (!scoped && unknowns.length > 0) {
      outcomes.push(unknown('active', `${cert.address}: planwarden cannot tell whether its policies are scoped to one thing: ${unknowns.join(', ')}`, { evidence }));
    } else if (!scoped) {
      outcomes.push(
        fail('active', `${cert.address} is active with only policies that are not scoped to one thing (${unscoped.join(', ')}); attach a policy that uses \${iot:Connection.Thing.ThingName} with the IsAttached condition`, { evidence }),
      );
    }
    return outcomes.length > 0 ? outcomes : [pass('active', `${cert.address} is bound to one thing and a thing-scoped policy`, { evidence })];
  },
};
