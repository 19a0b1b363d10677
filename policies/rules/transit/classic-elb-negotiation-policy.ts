/**
 * TLS-004: Classic Load Balancer HTTPS/SSL listeners negotiate TLS 1.2 or newer. The TLS
 * settings of a classic ELB live in companion resources: an SSLNegotiationPolicyType
 * `aws_load_balancer_policy` attached to the listener's port by an
 * `aws_load_balancer_listener_policy` (or the older `aws_lb_ssl_negotiation_policy`). A listener
 * with none gets AWS's default, ELBSecurityPolicy-2016-08, which accepts TLS 1.0.
 */
import type { Evidence, Join, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { setString, setting, setStrings } from './shared/setting';
import { CLASSIC_ELB_TLS12_POLICIES, ELB_API_DEFAULT_POLICY } from './shared/tls-policies';

const RECOMMENDED = 'ELBSecurityPolicy-TLS-1-2-2017-01';
const LEGACY_PROTOCOLS = ['Protocol-SSLv2', 'Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];
const REMEDIATION = `Attach an aws_load_balancer_policy with policy_type_name = "SSLNegotiationPolicyType" and policy_attribute { name = "Reference-Security-Policy", value = "${RECOMMENDED}" } to each HTTPS/SSL port with aws_load_balancer_listener_policy.`;

type PolicyVerdict = { kind: 'ok' | 'weak' | 'unknown'; what: string };

/** Judges one policy's attributes: a referenced predefined policy, or custom protocol switches. */
function judgeAttributes(attributes: ReadonlyArray<{ name: string | undefined; value: string | undefined }>, allowed: readonly string[]): PolicyVerdict {
  if (attributes.some((a) => a.name === undefined || a.value === undefined)) return { kind: 'unknown', what: 'its attributes are known only after apply' };
  const reference = attributes.find((a) => a.name === 'Reference-Security-Policy');
  const enabled = attributes.filter((a) => LEGACY_PROTOCOLS.includes(a.name ?? '') && a.value?.toLowerCase() === 'true').map((a) => a.name);
  if (enabled.length > 0) return { kind: 'weak', what: `enables ${enabled.join(', ')}` };
  if (reference) {
    return allowed.includes(reference.value ?? '') ? { kind: 'ok', what: `references ${reference.value}` } : { kind: 'weak', what: `references ${reference.value}, which accepts TLS versions below 1.2` };
  }
  // A custom policy lists what it enables; anything it leaves out is off.
  return attributes.some((a) => a.name === 'Protocol-TLSv1.2' && a.value?.toLowerCase() === 'true') ? { kind: 'ok', what: 'enables only TLS 1.2' } : { kind: 'weak', what: 'enables no TLS 1.2 protocol' };
}

function attributesOf(holder: ResourceInstance, blockName: string): Array<{ name: string | undefined; value: string | undefined }> {
  return holder.blocks(blockName).map((p) => ({ name: setString(setting(holder, [...p, 'name'])), value: setString(setting(holder, [...p, 'value'])) }));
}

interface PortPolicies {
  verdicts: Array<{ verdict: PolicyVerdict; source: string; evidence: Evidence[] }>;
}

function portMatches(holder: ResourceInstance, attribute: string, port: number | undefined): boolean {
  const p = setting(holder, attribute);
  return p.kind !== 'set' || port === undefined || Number(p.value) === port;
}

function policiesForPort(elb: ResourceInstance, port: number | undefined, ctx: RuleContext, allowed: readonly string[]): PortPolicies {
  const elbName = setString(setting(elb, 'name'));
  const verdicts: PortPolicies['verdicts'] = [];
  const listenerPolicies = ctx.graph.referrers(elb, { types: ['aws_load_balancer_listener_policy'], attribute: 'load_balancer_name', matchValues: ['name', 'id'] });
  for (const lp of listenerPolicies.filter((j) => portMatches(j.instance, 'load_balancer_port', port))) {
    const named = setStrings(setting(lp.instance, 'policy_names'));
    const policies: Join[] = ctx.graph
      .referencesOf(lp.instance, 'policy_names', { types: ['aws_load_balancer_policy'], matchValues: ['policy_name'] })
      .filter((j) => elbName === undefined || [elbName, undefined].includes(setString(setting(j.instance, 'load_balancer_name'))));
    if (policies.length === 0 && named === undefined) {
      verdicts.push({ verdict: { kind: 'unknown', what: 'its policy names are known only after apply' }, source: lp.instance.address, evidence: [evidenceOf(lp)] });
    }
    for (const policy of policies) {
      const type = setString(setting(policy.instance, 'policy_type_name'));
      if (type !== undefined && type !== 'SSLNegotiationPolicyType') continue;
      const verdict = judgeAttributes(attributesOf(policy.instance, 'policy_attribute'), allowed);
      verdicts.push({ verdict, source: policy.instance.address, evidence: [evidenceOf(lp), { attribute: 'policy_names', related: policy.instance.address, via: policy.via }] });
    }
  }
  for (const neg of ctx.graph.referrers(elb, { types: ['aws_lb_ssl_negotiation_policy'], attribute: 'load_balancer', matchValues: ['name', 'id'] })) {
    if (!portMatches(neg.instance, 'lb_port', port)) continue;
    verdicts.push({ verdict: judgeAttributes(attributesOf(neg.instance, 'attribute'), allowed), source: neg.instance.address, evidence: [evidenceOf(neg)] });
  }
  return { verdicts };
}

export const classicElbNegotiationPolicy: Rule = {
  id: 'TLS-004',
  title: 'Classic ELB HTTPS/SSL listeners negotiate TLS 1.2+',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_elb'],
  rationale: `TLS 1.0 and 1.1 no longer meet NIST SP 800-52r2, so a listener that negotiates them falls short of 164.312(e)(1)/(e)(2)(ii). Relies on: a classic ELB listener with no SSLNegotiationPolicyType policy gets ${ELB_API_DEFAULT_POLICY} (TLS 1.0-1.2) from AWS; a custom policy enables only the protocols it lists as "true".`,
  remediation: REMEDIATION,
  params: {
    allowedSslPolicies: {
      description: 'Predefined classic ELB policies accepted in Reference-Security-Policy (TLS 1.2+ only).',
      default: [...CLASSIC_ELB_TLS12_POLICIES],
      allowed: CLASSIC_ELB_TLS12_POLICIES,
    },
  },
  docs: {
    defaults: `No listener policy on an HTTPS/SSL port: AWS applies ${ELB_API_DEFAULT_POLICY}. Policies are joined by load balancer name and port through aws_load_balancer_listener_policy (policy_names → aws_load_balancer_policy) or aws_lb_ssl_negotiation_policy.`,
    anchors: ['AWS Config elb-predefined-security-policy-ssl-check', 'Checkov CKV_AWS_213'],
    example: {
      fail: 'resource "aws_elb" "portal" {\n  name = "portal"\n  availability_zones = ["us-east-1a"]\n  listener {\n    lb_port            = 443\n    lb_protocol        = "https"\n    instance_port      = 8443\n    instance_protocol  = "https"\n    ssl_certificate_id = aws_acm_certificate.portal.arn\n  }\n}\n# no aws_load_balancer_listener_policy: ELBSecurityPolicy-2016-08 applies',
      pass: `resource "aws_load_balancer_policy" "tls12" {\n  load_balancer_name = aws_elb.portal.name\n  policy_name        = "tls12"\n  policy_type_name   = "SSLNegotiationPolicyType"\n  policy_attribute {\n    name  = "Reference-Security-Policy"\n    value = "${RECOMMENDED}"\n  }\n}\n\nresource "aws_load_balancer_listener_policy" "portal_443" {\n  load_balancer_name = aws_elb.portal.name\n  load_balancer_port = 443\n  policy_names       = [aws_load_balancer_policy.tls12.policy_name]\n}`,
    },
  },
  check(elb: ResourceInstance, ctx: RuleContext): Outcome[] {
    const allowed = Array.isArray(ctx.params.allowedSslPolicies) ? ctx.params.allowedSslPolicies.filter((p): p is string => typeof p === 'string') : CLASSIC_ELB_TLS12_POLICIES;
    const outcomes: Outcome[] = [];
    elb.blocks('listener').forEach((path, i) => {
      const protocol = (setString(setting(elb, [...path, 'lb_protocol'])) ?? '').toLowerCase();
      if (protocol !== 'https' && protocol !== 'ssl') return;
      const portSetting = setting(elb, [...path, 'lb_port']);
      const port = portSetting.kind === 'set' && typeof portSetting.value === 'number' ? portSetting.value : undefined;
      const where = `${elb.address} ${protocol.toUpperCase()} listener on port ${port ?? '(unknown)'}`;
      const attribute = `listener[${i}]`;
      const { verdicts } = policiesForPort(elb, port, ctx, allowed);
      if (verdicts.length === 0) {
        outcomes.push(fail(attribute, `${where} has no SSL negotiation policy, so AWS applies ${ELB_API_DEFAULT_POLICY} (TLS 1.0+); attach a policy with Reference-Security-Policy = "${RECOMMENDED}" to port ${port ?? 'it'}`));
        return;
      }
      for (const { verdict, source, evidence } of verdicts) {
        if (verdict.kind === 'ok') outcomes.push(pass(attribute, `${where}: ${source} ${verdict.what}`, { evidence }));
        else if (verdict.kind === 'unknown') outcomes.push(unknown(attribute, `${where}: ${source} ${verdict.what}`, { evidence }));
        else outcomes.push(fail(attribute, `${where}: ${source} ${verdict.what}; use Reference-Security-Policy = "${RECOMMENDED}" and no Protocol-TLSv1/TLSv1.1/SSLv3 attributes`, { evidence }));
      }
    });
    return outcomes;
  },
};
