/**
 * LOG-011: load balancers write access logs. Application load balancers always; network load
 * balancers when they have a TLS listener (AWS writes NLB access logs only for TLS); classic
 * load balancers always. Gateway load balancers have no access logs.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { turnedOff } from './shared/change';
import { destination, knownText, setting } from './shared/read';

const LISTENERS = ['aws_lb_listener', 'aws_alb_listener'];

/** Whether an NLB has a TLS listener in the plan: yes, no, or unknown (a listener's protocol is). */
function hasTlsListener(ctx: RuleContext, lb: ResourceInstance): 'yes' | 'no' | 'unknown' {
  let result: 'yes' | 'no' | 'unknown' = 'no';
  for (const join of ctx.graph.referrers(lb, { types: LISTENERS, attribute: 'load_balancer_arn', matchValues: ['arn', 'id'] })) {
    const protocol = join.instance.attr('protocol');
    if (protocol.state === 'unknown') result = 'unknown';
    if (knownText(protocol) === 'TLS') return 'yes';
  }
  return result;
}

export const loadBalancerAccessLogs: Rule = {
  id: 'LOG-011',
  title: 'Load balancers write access logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_lb', 'aws_alb', 'aws_elb'],
  rationale:
    'A load balancer in front of an ePHI application sees every request: client address, path, status and TLS details. Its access logs are the request-level record that audit controls (164.312(b)) and activity review (164.308(a)(1)(ii)(D)) need when an application log is missing or was tampered with. Relies on: ALB/NLB access logs are off unless access_logs.enabled = true (the provider default is false); classic ELB access_logs.enabled defaults to true once the block exists.',
  remediation: 'Add access_logs { bucket = aws_s3_bucket.lb_logs.id; enabled = true } (enabled defaults to false on aws_lb).',
  params: {},
  docs: {
    defaults:
      'Provider 5.x plans access_logs = [] when the block is omitted; on aws_lb, access_logs.enabled defaults to false even when a bucket is named, while on aws_elb it defaults to true. AWS writes NLB access logs only for TLS listeners, so an NLB without one in the plan is not judged; gateway load balancers have no access logs.',
    anchors: ['cdk-nag ELBLoggingEnabled', 'AWS Config elb-logging-enabled', 'Checkov CKV_AWS_91, CKV_AWS_92'],
    example: {
      fail: 'resource "aws_lb" "app" {\n  name               = "app"\n  load_balancer_type = "application"\n  subnets            = var.subnets\n}',
      pass: 'resource "aws_lb" "app" {\n  name               = "app"\n  load_balancer_type = "application"\n  subnets            = var.subnets\n  access_logs {\n    bucket  = aws_s3_bucket.lb_logs.id\n    enabled = true\n  }\n}',
    },
  },
  check(lb: ResourceInstance, ctx: RuleContext): Outcome {
    const classic = lb.type === 'aws_elb';
    if (!classic) {
      const kind = lb.attr('load_balancer_type');
      const type = kind.state === 'unknown' ? undefined : (knownText(kind) ?? 'application');
      if (type === 'gateway') return skip(`${lb.address} is a gateway load balancer, which has no access logs`);
      if (type === 'network') {
        const tls = hasTlsListener(ctx, lb);
        if (tls === 'no') return skip(`${lb.address} is a network load balancer with no TLS listener in this plan; AWS writes NLB access logs only for TLS listeners`);
        if (tls === 'unknown') return unknown('access_logs', `${lb.address}: a listener's protocol is known only after apply; planwarden cannot tell whether this NLB needs access logs`);
      }
      if (type === undefined) return unknown('load_balancer_type', `${lb.address}: load_balancer_type is known only after apply`);
    }
    const blocks = lb.blocks('access_logs');
    const whole = lb.attr('access_logs');
    if (whole.state === 'unknown') return unknown('access_logs', `${lb.address}: access_logs is known only after apply`);
    if (blocks.length === 0) return fail('access_logs', `${lb.address} writes no access logs; add access_logs { bucket = …; enabled = true }`);
    const enabled = setting(lb.attr('access_logs.enabled'), classic ? 'on' : 'off');
    const bucketValue = lb.attr('access_logs.bucket');
    const bucket = destination(bucketValue);
    // With enabled = false the provider plans bucket = "" even when the configuration names one.
    const bucketNamed = bucket !== 'unset' || bucketValue.references.length > 0;
    if (enabled === 'unknown') return unknown('access_logs.enabled', `${lb.address}: access_logs.enabled is known only after apply`);
    if (enabled === 'off' && !bucketNamed) {
      const change = turnedOff(lb, 'access_logs.enabled') ? ' (this update turns them off)' : '';
      return fail('access_logs', `${lb.address} writes no access logs${change}; add access_logs { bucket = …; enabled = true }`);
    }
    if (enabled === 'off') {
      const change = turnedOff(lb, 'access_logs.enabled') ? ' (this update turns access logs off)' : classic ? '' : ' (enabled defaults to false on aws_lb)';
      return fail('access_logs.enabled', `${lb.address} names an access log bucket but does not enable access logs${change}; set access_logs.enabled = true`);
    }
    if (bucket === 'unset') return fail('access_logs.bucket', `${lb.address} enables access logs without a bucket; set access_logs.bucket`);
    if (bucket === 'unknown') return unknown('access_logs.bucket', `${lb.address}: access_logs.bucket is known only after apply`);
    return pass('access_logs', `${lb.address} writes access logs`);
  },
};
