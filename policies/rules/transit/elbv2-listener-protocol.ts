/**
 * TLS-001: ALB/NLB listeners accept only encrypted connections. An HTTPS/TLS listener
 * terminates TLS; an HTTP listener may exist only to send clients to HTTPS (a redirect with
 * protocol HTTPS) or to answer with a fixed response, on its default action and on every
 * listener rule attached to it.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { dotted, evidenceOf, fail, pass, skip, unknown } from '../support';
import { LISTENER_RULE_TYPES, LISTENER_TYPES, listenerProtocol, PASSTHROUGH_PROTOCOLS, TLS_PROTOCOLS } from './shared/elbv2';
import { setting, setString } from './shared/setting';
import { ELBV2_RECOMMENDED_POLICY } from './shared/tls-policies';

const REMEDIATION = `Set protocol = "HTTPS" (ALB) or "TLS" (NLB) with an ACM certificate_arn and ssl_policy = "${ELBV2_RECOMMENDED_POLICY}"; keep an HTTP listener only with default_action { type = "redirect", redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } }.`;

type ActionVerdict = { ok: true } | { ok: false; why: string } | { ok: 'unknown'; why: string };

/** Whether one action of an HTTP listener (or of a rule on it) keeps traffic off cleartext. */
function judgeAction(holder: ResourceInstance, path: ReadonlyArray<string | number>): ActionVerdict {
  const typeSetting = setting(holder, [...path, 'type']);
  if (typeSetting.kind === 'unknown') return { ok: 'unknown', why: 'its action type is known only after apply' };
  const type = setString(typeSetting);
  if (type === 'fixed-response') return { ok: true };
  if (type === 'redirect') {
    const protocol = setting(holder, [...path, 'redirect', 0, 'protocol']);
    if (protocol.kind === 'unknown') return { ok: 'unknown', why: 'its redirect protocol is known only after apply' };
    const value = setString(protocol) ?? '#{protocol}';
    if (value.toUpperCase() === 'HTTPS') return { ok: true };
    return { ok: false, why: `redirects keeping protocol "${value}" (plain HTTP)` };
  }
  return { ok: false, why: `is a "${type ?? '(unset)'}" action, which passes requests to the targets in cleartext` };
}

/**
 * The verdict on a listener's (or rule's) action list: the first cleartext action, else the
 * first undecidable one. One finding per holder: the fix (redirect to HTTPS) covers them all.
 */
function judgeActions(holder: ResourceInstance, blockName: string): { attribute: string; verdict: ActionVerdict } | undefined {
  const blocks = holder.blocks(blockName);
  if (blocks.length === 0) {
    return holder.attr(blockName).state === 'unknown' ? { attribute: blockName, verdict: { ok: 'unknown', why: `${blockName} is known only after apply` } } : undefined;
  }
  const verdicts = blocks.map((path) => ({ attribute: `${dotted(path.filter((p) => typeof p === 'string'))}.type`, verdict: judgeAction(holder, path) }));
  return verdicts.find((v) => v.verdict.ok === false) ?? verdicts.find((v) => v.verdict.ok === 'unknown');
}

export const elbv2ListenerProtocol: Rule = {
  id: 'TLS-001',
  title: 'ALB/NLB listeners accept only TLS, or redirect HTTP to HTTPS',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: [...LISTENER_TYPES],
  rationale:
    'Transmission security (164.312(e)(1)) and its encryption specification (164.312(e)(2)(ii)) ask that ePHI crossing a network is encrypted. An HTTP listener that forwards requests puts every header, cookie and body on the wire in cleartext; a TCP/UDP listener passes bytes through unread, so the plan cannot show they are encrypted. Relies on: provider 5.x leaves an omitted `protocol` unknown in the plan and AWS picks HTTP for application and TCP for network load balancers; an omitted redirect.protocol is "#{protocol}", which keeps HTTP.',
  remediation: REMEDIATION,
  params: {
    allowTcpPassthrough: {
      description: 'Accept TCP/UDP listeners (NLB pass-through), for designs where the targets terminate TLS themselves.',
      default: false,
    },
  },
  docs: {
    defaults:
      'aws_lb_listener.protocol omitted: unknown in the plan; AWS uses HTTP (ALB) or TCP (NLB). redirect.protocol omitted: "#{protocol}" (keeps the incoming protocol). Listener rules (aws_lb_listener_rule) on an HTTP listener are judged like its default action.',
    anchors: ['cdk-nag ALBHttpToHttpsRedirection', 'AWS Config alb-http-to-https-redirection-check', 'Checkov CKV_AWS_2, CKV2_AWS_20'],
    example: {
      fail: 'resource "aws_lb_listener" "web" {\n  load_balancer_arn = aws_lb.app.arn\n  port              = 80\n  protocol          = "HTTP"\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.app.arn\n  }\n}',
      pass: 'resource "aws_lb_listener" "web" {\n  load_balancer_arn = aws_lb.app.arn\n  port              = 80\n  protocol          = "HTTP"\n  default_action {\n    type = "redirect"\n    redirect {\n      protocol    = "HTTPS"\n      port        = "443"\n      status_code = "HTTP_301"\n    }\n  }\n}',
    },
  },
  check(listener: ResourceInstance, ctx: RuleContext): Outcome[] {
    const protocol = listenerProtocol(ctx.graph, listener);
    if (protocol.kind === 'unknown') return [unknown('protocol', `${listener.address}: ${protocol.reason}; planwarden cannot tell whether it accepts cleartext`)];
    const evidence = protocol.loadBalancer ? [evidenceOf(protocol.loadBalancer)] : undefined;
    const shown = protocol.inferred ? `"${protocol.protocol}" (${protocol.inferred}; protocol is omitted)` : `"${protocol.protocol}"`;
    if (TLS_PROTOCOLS.has(protocol.protocol)) return [pass('protocol', `${listener.address} terminates TLS (${protocol.protocol})`)];
    if (protocol.protocol === 'GENEVE') return [skip(`${listener.address} is a Gateway Load Balancer listener (GENEVE encapsulation to inspection appliances)`)];
    if (PASSTHROUGH_PROTOCOLS.has(protocol.protocol)) {
      if (ctx.params.allowTcpPassthrough === true) return [pass('protocol', `${listener.address} passes ${protocol.protocol} through (allowed by allowTcpPassthrough)`)];
      return [
        fail(
          'protocol',
          `${listener.address} uses protocol ${shown}, which passes bytes through without TLS at the load balancer; set protocol = "TLS" with ssl_policy = "${ELBV2_RECOMMENDED_POLICY}" and an ACM certificate_arn (or, if the targets terminate TLS, set allowTcpPassthrough or waive with that reason)`,
          { evidence },
        ),
      ];
    }
    if (protocol.protocol !== 'HTTP') return [unknown('protocol', `${listener.address} uses protocol "${protocol.protocol}", which planwarden does not recognise`)];

    const outcomes: Outcome[] = [];
    const own = judgeActions(listener, 'default_action');
    if (own && own.verdict.ok !== true) {
      const { attribute, verdict } = own;
      const message = `${listener.address} listens on ${shown} and its default action ${verdict.why}`;
      outcomes.push(verdict.ok === 'unknown' ? unknown(attribute, message, { evidence }) : fail(attribute, `${message}; make it a redirect with redirect.protocol = "HTTPS", or set protocol = "HTTPS"`, { evidence }));
    }
    const rules = ctx.graph.referrers(listener, { types: LISTENER_RULE_TYPES, attribute: 'listener_arn', matchValues: ['arn', 'id'] });
    for (const join of rules) {
      const judged = judgeActions(join.instance, 'action');
      if (judged && judged.verdict.ok !== true) {
        const { attribute, verdict } = judged;
        const message = `${listener.address} listens on ${shown} and the action of its rule ${join.instance.address} ${verdict.why}`;
        outcomes.push(
          verdict.ok === 'unknown'
            ? unknown(attribute, message, { evidence: [evidenceOf(join)] })
            : fail(attribute, `${message}; make that rule's action a redirect with redirect.protocol = "HTTPS", or move it to an HTTPS listener`, { evidence: [evidenceOf(join)] }),
        );
      }
    }
    if (outcomes.length === 0) outcomes.push(pass('default_action', `${listener.address} only redirects HTTP to HTTPS (or answers with a fixed response)`));
    return outcomes;
  },
};
