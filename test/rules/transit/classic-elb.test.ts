import { classicElbListeners } from '../../../policies/rules/transit/classic-elb-listeners';
import { classicElbNegotiationPolicy } from '../../../policies/rules/transit/classic-elb-negotiation-policy';
import type { JsonObject } from '../../../policies/engine/types';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT_EDGE } from './fixtures';

const ACM = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
const listener = (lb_protocol: string, lb_port: number, cert = ACM): JsonObject => ({ lb_protocol, lb_port, instance_port: 8443, instance_protocol: lb_protocol, ssl_certificate_id: cert });
const elb = (name: string, ...listeners: JsonObject[]) => ({ values: { name, listener: listeners } });
const tls12Policy = (lbName: string) => ({
  values: { load_balancer_name: lbName, policy_name: 'tls12', policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-TLS-1-2-2017-01' }] },
});
const attach = (port: number, policy = 'aws_load_balancer_policy.tls12') => ({
  values: { load_balancer_port: port },
  unknown: ['load_balancer_name', 'policy_names'],
  refs: { load_balancer_name: ['aws_elb.portal.name', 'aws_elb.portal'], policy_names: [`${policy}.policy_name`, policy] },
});

ruleTester(classicElbListeners, {
  valid: [
    { name: 'HTTPS and SSL listeners with ACM certificates', plan: plan().resource('aws_elb', 'portal', elb('portal', listener('https', 443), listener('ssl', 8883))) },
    { name: 'IAM certificate when requireAcmCertificate is off', params: { requireAcmCertificate: false }, plan: plan().resource('aws_elb', 'portal', elb('portal', listener('https', 443, 'arn:aws:iam::1:server-certificate/x'))) },
    { name: 'real plan: HTTPS + SSL listeners', plan: TRANSIT_EDGE, addresses: ['aws_elb.tls_ok', 'aws_elb.custom_tls10_bad'] },
  ],
  invalid: [
    { name: 'HTTP listener', plan: plan().resource('aws_elb', 'portal', elb('portal', listener('http', 80, ''))), findings: [{ address: 'aws_elb.portal', attribute: 'listener[0].lb_protocol', message: 'lb_protocol "http"' }] },
    {
      name: 'one TCP listener among HTTPS ones, in a module instance',
      plan: plan().resource('aws_elb', 'this', { module: 'module.legacy[0]', ...elb('legacy', listener('https', 443), listener('tcp', 5432, '')) }),
      findings: [{ address: 'module.legacy[0].aws_elb.this', attribute: 'listener[1].lb_protocol', message: 'port 5432' }],
    },
    {
      name: 'listeners known only after apply',
      plan: plan().resource('aws_elb', 'portal', { values: { name: 'portal' }, unknown: ['listener'] }),
      findings: [{ address: 'aws_elb.portal', status: 'unknown', attribute: 'listener' }],
    },
    {
      name: 'real plan: HTTP listener, IAM server certificate',
      plan: TRANSIT_EDGE,
      findings: [
        { address: 'aws_elb.http_bad', attribute: 'listener[0].lb_protocol' },
        { address: 'aws_elb.no_policy_bad', attribute: 'listener[0].ssl_certificate_id' },
      ],
    },
  ],
});

ruleTester(classicElbNegotiationPolicy, {
  valid: [
    {
      name: 'predefined TLS 1.2 policy attached to the HTTPS port through aws_load_balancer_listener_policy',
      plan: plan()
        .resource('aws_elb', 'portal', { ...elb('portal', listener('https', 443)), unknown: ['id'] })
        .resource('aws_load_balancer_policy', 'tls12', tls12Policy('portal'))
        .resource('aws_load_balancer_listener_policy', 'p443', attach(443)),
    },
    {
      name: 'custom policy enabling only TLS 1.2, by literal names',
      plan: plan()
        .resource('aws_elb', 'portal', elb('portal', listener('ssl', 8883)))
        .resource('aws_load_balancer_policy', 'custom', {
          values: { load_balancer_name: 'portal', policy_name: 'custom', policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: [{ name: 'Protocol-TLSv1.2', value: 'true' }, { name: 'ECDHE-RSA-AES128-GCM-SHA256', value: 'true' }] },
        })
        .resource('aws_load_balancer_listener_policy', 'p8883', { values: { load_balancer_name: 'portal', load_balancer_port: 8883, policy_names: ['custom'] } }),
    },
    {
      name: 'legacy aws_lb_ssl_negotiation_policy with TLS 1.2 only',
      plan: plan()
        .resource('aws_elb', 'portal', elb('portal', listener('https', 443)))
        .resource('aws_lb_ssl_negotiation_policy', 'tls', {
          values: { lb_port: 443, attribute: [{ name: 'Protocol-TLSv1.2', value: 'true' }, { name: 'Protocol-TLSv1', value: 'false' }] },
          unknown: ['load_balancer'],
          refs: { load_balancer: ['aws_elb.portal.id', 'aws_elb.portal'] },
        }),
    },
    { name: 'an HTTP-only ELB has no TLS to negotiate (TLS-003 judges it)', plan: plan().resource('aws_elb', 'portal', elb('portal', listener('http', 80, ''))) },
    { name: 'real plan: both ports carry ELBSecurityPolicy-TLS-1-2-2017-01', plan: TRANSIT_EDGE, addresses: ['aws_elb.tls_ok', 'aws_elb.http_bad'] },
  ],
  invalid: [
    {
      name: 'no negotiation policy: AWS applies ELBSecurityPolicy-2016-08',
      plan: plan().resource('aws_elb', 'portal', elb('portal', listener('https', 443))),
      findings: [{ address: 'aws_elb.portal', attribute: 'listener[0]', message: 'ELBSecurityPolicy-2016-08' }],
    },
    {
      name: 'the policy covers another port only',
      plan: plan()
        .resource('aws_elb', 'portal', { ...elb('portal', listener('https', 443), listener('ssl', 8883)), unknown: ['id'] })
        .resource('aws_load_balancer_policy', 'tls12', tls12Policy('portal'))
        .resource('aws_load_balancer_listener_policy', 'p443', attach(443)),
      findings: [{ address: 'aws_elb.portal', attribute: 'listener[1]', message: 'port 8883' }],
    },
    {
      name: 'predefined policy that accepts TLS 1.0',
      plan: plan()
        .resource('aws_elb', 'portal', elb('portal', listener('https', 443)))
        .resource('aws_load_balancer_policy', 'tls12', {
          values: { load_balancer_name: 'portal', policy_name: 'old', policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: [{ name: 'Reference-Security-Policy', value: 'ELBSecurityPolicy-2016-08' }] },
        })
        .resource('aws_load_balancer_listener_policy', 'p443', attach(443)),
      findings: [{ address: 'aws_elb.portal', message: 'references ELBSecurityPolicy-2016-08', related: 'aws_load_balancer_policy.tls12' }],
    },
    {
      name: 'policy attributes known only after apply',
      plan: plan()
        .resource('aws_elb', 'portal', elb('portal', listener('https', 443)))
        .resource('aws_load_balancer_policy', 'tls12', { values: { load_balancer_name: 'portal', policy_name: 'tls12', policy_type_name: 'SSLNegotiationPolicyType', policy_attribute: [{ name: 'Reference-Security-Policy' }] }, unknown: ['policy_attribute.0.value'], refs: { 'policy_attribute.value': ['var.policy'] } })
        .resource('aws_load_balancer_listener_policy', 'p443', attach(443)),
      findings: [{ address: 'aws_elb.portal', status: 'unknown', message: 'known only after apply' }],
    },
    {
      name: 'real plan: no policy, and a custom policy enabling Protocol-TLSv1',
      plan: TRANSIT_EDGE,
      findings: [
        { address: 'aws_elb.no_policy_bad', message: 'no SSL negotiation policy' },
        { address: 'aws_elb.custom_tls10_bad', message: 'enables Protocol-TLSv1', related: 'aws_load_balancer_policy.custom_tls10' },
      ],
    },
  ],
});
