import { certificateThingBinding } from '../../../policies/rules/iot/certificate-thing-binding';
import { plan, type PlanBuilder } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { ARN, IOT_POLICIES, IOT_SCOPE, SCOPED, allow, doc } from './support';

const C = 'aws_iot_certificate';
const CSR = '-----BEGIN CERTIFICATE REQUEST-----\nfixture\n-----END CERTIFICATE REQUEST-----\n';

/** A certificate, `things` thing attachments, and a policy attachment on the certificate. */
function cert(things: number, policy: string | null, module?: string): PlanBuilder {
  let p = plan().resource(C, 'device', { module, values: { active: true, csr: CSR }, unknown: ['arn'] });
  for (let i = 0; i < things; i++) {
    p = p
      .resource('aws_iot_thing', `t${i}`, { module, values: { name: `thing-${i}` } })
      .resource('aws_iot_thing_principal_attachment', `t${i}`, { module, values: { thing: `thing-${i}` }, unknown: ['principal'], refs: { principal: ['aws_iot_certificate.device.arn'], thing: ['aws_iot_thing.t' + i + '.name'] } });
  }
  if (policy !== null) {
    p = p
      .resource('aws_iot_policy', 'p', { module, values: { name: 'p', policy } })
      .resource('aws_iot_policy_attachment', 'p', { module, values: { policy: 'p' }, unknown: ['target'], refs: { target: ['aws_iot_certificate.device.arn'], policy: ['aws_iot_policy.p.name'] } });
  }
  return p;
}

ruleTester(certificateThingBinding, {
  valid: [
    { name: 'one thing and a thing-scoped policy', plan: cert(1, doc(...SCOPED)) },
    { name: 'an inactive certificate', plan: plan().resource(C, 'device', { values: { active: false, csr: CSR } }) },
    {
      name: 'the policy attached to the thing group the thing belongs to',
      plan: cert(1, null)
        .resource('aws_iot_thing_group', 'g', { values: { name: 'pumps' }, unknown: ['arn'] })
        .resource('aws_iot_thing_group_membership', 'm', { values: { thing_name: 'thing-0', thing_group_name: 'pumps' } })
        .resource('aws_iot_policy', 'p', { values: { name: 'p', policy: doc(...SCOPED) } })
        .resource('aws_iot_policy_attachment', 'p', { values: { policy: 'p' }, unknown: ['target'], refs: { target: ['aws_iot_thing_group.g.arn'] } }),
    },
    { name: 'module instance', plan: cert(1, doc(...SCOPED), 'module.fleet["a"]') },
    { name: 'real plan: certificate attached to a thing and the thing-scoped policy', plan: IOT_POLICIES, addresses: [`${C}.device_from_csr_ok`] },
    { name: 'real plan (iot-scope): policy through the thing group, from a module', plan: IOT_SCOPE, addresses: [`${C}.grouped_ok`] },
  ],
  invalid: [
    {
      name: 'no thing, no policy',
      plan: cert(0, null),
      findings: [
        { address: `${C}.device`, attribute: 'active', message: 'attached to no thing in this plan' },
        { address: `${C}.device`, message: 'no IoT policy is attached' },
      ],
    },
    { name: 'two things', plan: cert(2, doc(...SCOPED)), findings: [{ address: `${C}.device`, message: 'DEVICE_CERTIFICATE_SHARED_CHECK' }] },
    { name: 'only a fleet-wide policy', plan: cert(1, doc(allow('iot:*', '*'))), findings: [{ address: `${C}.device`, message: 'not scoped to one thing (aws_iot_policy.p)' }] },
    { name: 'a static policy that names no thing', plan: cert(1, doc(allow('iot:Publish', `${ARN}topic/a`))), findings: [{ address: `${C}.device`, message: 'not scoped' }] },
    {
      name: 'the attached policy is known only after apply',
      plan: cert(1, null)
        .resource('aws_iot_policy', 'p', { values: { name: 'p' }, unknown: ['policy'], refs: { policy: ['var.doc'] } })
        .resource('aws_iot_policy_attachment', 'p', { unknown: ['target', 'policy'], refs: { target: ['aws_iot_certificate.device.arn'], policy: ['aws_iot_policy.p.name'] } }),
      findings: [{ address: `${C}.device`, status: 'unknown', message: 'document known only after apply' }],
    },
    { name: 'module instance', plan: cert(0, doc(...SCOPED), 'module.m'), findings: [{ address: `module.m.${C}.device`, message: 'attached to no thing' }] },
    {
      name: 'real plan (iot-policies): AWS-generated certificate with nothing attached',
      plan: IOT_POLICIES,
      findings: [
        { address: `${C}.aws_generated_keys_bad`, message: 'no thing' },
        { address: `${C}.aws_generated_keys_bad`, message: 'no IoT policy' },
      ],
    },
    { name: 'real plan (iot-scope): a certificate on two things', plan: IOT_SCOPE, findings: [{ address: `${C}.shared_bad`, message: 'attached to 2 things' }] },
  ],
});
