/**
 * TLS-002: HTTPS (ALB) and TLS (NLB) listeners negotiate TLS 1.2 or newer, with an ACM
 * certificate. An omitted ssl_policy is not a neutral choice: AWS applies
 * ELBSecurityPolicy-2016-08 to listeners created through the API (Terraform included), and that
 * policy accepts TLS 1.0 and 1.1.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, skip, unknown } from '../support';
import { LISTENER_TYPES, listenerProtocol } from './shared/elbv2';
import { fromWhat, printable, setting, setString } from './shared/setting';
import { ELB_API_DEFAULT_POLICY, ELBV2_RECOMMENDED_POLICY, ELBV2_TLS12_POLICIES } from './shared/tls-policies';

const IAM_SERVER_CERTIFICATE = /^arn:aws[\w-]*:iam::\d*:server-certificate\//;
const ACM_CERTIFICATE = /^arn:aws[\w-]*:acm:/;

function allowedPolicies(ctx: RuleContext): readonly string[] {
  const list = ctx.params.allowedSslPolicies;
  return Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : ELBV2_TLS12_POLICIES;
}

function judgePolicy(listener: ResourceInstance, allowed: readonly string[], recommended: string): Outcome {
  const policy = setting(listener, 'ssl_policy');
  if (policy.kind === 'unknown') {
    return unknown('ssl_policy', `${listener.address}: ssl_policy is known only after apply${fromWhat(policy)}; planwarden cannot confirm TLS 1.2+`);
  }
  if (policy.kind === 'omitted') {
    return fail(
      'ssl_policy',
      `${listener.address} omits ssl_policy, so AWS applies ${ELB_API_DEFAULT_POLICY}, which accepts TLS 1.0 and 1.1; set ssl_policy = "${recommended}"`,
      { remediation: `Set ssl_policy = "${recommended}" (or another TLS 1.2+ policy in allowedSslPolicies).` },
    );
  }
  const name = setString(policy) ?? JSON.stringify(policy.value);
  if (allowed.includes(name)) return pass('ssl_policy', `${listener.address} uses ${name}`);
  const why = ELBV2_TLS12_POLICIES.includes(name) ? 'which the configured allowedSslPolicies leave out' : 'which accepts TLS versions below 1.2 (or is not a predefined TLS 1.2+ policy)';
  return fail('ssl_policy', `${listener.address} uses ssl_policy "${name}", ${why}; set ssl_policy = "${recommended}"`, {
    remediation: `Set ssl_policy = "${recommended}" (or another TLS 1.2+ policy in allowedSslPolicies).`,
  });
}

/** ACM certificates are renewed and rotated by AWS; IAM server certificates are uploaded and expire silently. */
function judgeCertificate(listener: ResourceInstance, ctx: RuleContext): Outcome | undefined {
  if (ctx.params.requireAcmCertificate !== true) return undefined;
  const cert = setting(listener, 'certificate_arn');
  const arn = setString(cert);
  if (arn !== undefined) {
    if (IAM_SERVER_CERTIFICATE.test(arn)) {
      return fail('certificate_arn', `${listener.address} serves an IAM server certificate (${printable(cert)}); set certificate_arn to an ACM certificate (aws_acm_certificate) so AWS renews and rotates it`);
    }
    return ACM_CERTIFICATE.test(arn) ? pass('certificate_arn', `${listener.address} serves an ACM certificate`) : undefined;
  }
  if (cert.kind === 'unknown') {
    const iamCerts = ctx.graph.referencesOf(listener, 'certificate_arn', { types: ['aws_iam_server_certificate'] });
    if (iamCerts.length > 0) {
      return fail('certificate_arn', `${listener.address} serves the IAM server certificate ${iamCerts[0].instance.address}; set certificate_arn to an ACM certificate (aws_acm_certificate)`, {
        evidence: [evidenceOf(iamCerts[0])],
      });
    }
  }
  return undefined;
}

export const elbv2ListenerTlsPolicy: Rule = {
  id: 'TLS-002',
  title: 'ALB/NLB TLS listeners use a TLS 1.2+ security policy and an ACM certificate',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: [...LISTENER_TYPES],
  rationale:
    'TLS 1.0 and 1.1 are deprecated (RFC 8996) and NIST SP 800-52r2 asks for TLS 1.2 at least; a listener that still negotiates them does not give ePHI the transmission security 164.312(e)(1) and (e)(2)(ii) call for. Relies on: provider 5.x shows an omitted `ssl_policy` as unknown (known after apply); AWS then applies ELBSecurityPolicy-2016-08 to listeners created through the API, CLI, CloudFormation or Terraform (the console default differs), and that policy accepts TLS 1.0. So an omitted policy fails with the policy name to set, rather than reading as unknown: the value is not in doubt, AWS documents it.',
  remediation: `Set ssl_policy = "${ELBV2_RECOMMENDED_POLICY}" (or another TLS 1.2+ policy) and certificate_arn to an ACM certificate.`,
  params: {
    allowedSslPolicies: {
      description: 'ELBv2 security policies accepted; only TLS 1.2+ predefined policies may be listed (narrow it, e.g. to TLS 1.3 policies).',
      default: [...ELBV2_TLS12_POLICIES],
      allowed: ELBV2_TLS12_POLICIES,
    },
    recommendedSslPolicy: {
      description: 'The policy findings tell you to set.',
      default: ELBV2_RECOMMENDED_POLICY,
      allowed: ELBV2_TLS12_POLICIES,
    },
    requireAcmCertificate: {
      description: 'Fail listeners that serve an IAM server certificate instead of an ACM certificate.',
      default: true,
    },
  },
  docs: {
    defaults: `aws_lb_listener.ssl_policy omitted: unknown in the plan; AWS applies ${ELB_API_DEFAULT_POLICY} (TLS 1.0–1.2) to listeners created outside the console. TLS13-1-0/TLS13-1-1 and FS-1-1 policies still accept TLS 1.0/1.1 despite their names.`,
    anchors: [
      'AWS Config elbv2-acm-certificate-required',
      'cdk-nag ELBv2ACMCertificateRequired',
      'Checkov CKV_AWS_103, CKV2_AWS_74',
    ],
    example: {
      fail: 'resource "aws_lb_listener" "api" {\n  load_balancer_arn = aws_lb.app.arn\n  port              = 443\n  protocol          = "HTTPS"\n  certificate_arn   = aws_acm_certificate.api.arn\n  # ssl_policy omitted: AWS applies ELBSecurityPolicy-2016-08 (TLS 1.0+)\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.api.arn\n  }\n}',
      pass: `resource "aws_lb_listener" "api" {\n  load_balancer_arn = aws_lb.app.arn\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "${ELBV2_RECOMMENDED_POLICY}"\n  certificate_arn   = aws_acm_certificate.api.arn\n  default_action {\n    type             = "forward"\n    target_group_arn = aws_lb_target_group.api.arn\n  }\n}`,
    },
  },
  check(listener: ResourceInstance, ctx: RuleContext): Outcome[] {
    const protocol = listenerProtocol(ctx.graph, listener);
    if (protocol.kind === 'unknown') {
      // Only a TLS listener has a policy; with the protocol unknown, an unknown policy is worth saying.
      return setting(listener, 'ssl_policy').kind === 'set' ? [judgePolicy(listener, allowedPolicies(ctx), String(ctx.params.recommendedSslPolicy))] : [];
    }
    if (protocol.protocol !== 'HTTPS' && protocol.protocol !== 'TLS') return [skip(`${listener.address} is not a TLS-terminating listener (${protocol.protocol}); TLS-001 judges it`)];
    const outcomes = [judgePolicy(listener, allowedPolicies(ctx), String(ctx.params.recommendedSslPolicy))];
    const certificate = judgeCertificate(listener, ctx);
    if (certificate) outcomes.push(certificate);
    return outcomes;
  },
};
