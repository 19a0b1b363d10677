/**
 * TLS-003: Classic Load Balancer listeners accept only HTTPS or SSL, with ACM certificates.
 * A classic ELB has no redirect action, so any HTTP or TCP front-end listener carries traffic
 * in cleartext.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { printable, setting, setString } from './shared/setting';

const SECURE = new Set(['https', 'ssl']);
const IAM_SERVER_CERTIFICATE = /^arn:aws[\w-]*:iam::\d*:server-certificate\//;

export const classicElbListeners: Rule = {
  id: 'TLS-003',
  title: 'Classic ELB listeners use HTTPS or SSL with an ACM certificate',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_elb'],
  rationale:
    'A Classic Load Balancer cannot redirect HTTP to HTTPS, so an HTTP or TCP front-end listener serves ePHI in cleartext, against 164.312(e)(1) and (e)(2)(ii). ACM certificates are renewed by AWS; IAM server certificates expire unless someone rotates them. Relies on: every aws_elb `listener` block states lb_protocol (required by the provider); ssl_certificate_id is "" when omitted.',
  remediation: 'Set every listener\'s lb_protocol to "https" (or "ssl" for non-HTTP traffic) with ssl_certificate_id = an ACM certificate ARN, or move to an Application Load Balancer with an HTTP-to-HTTPS redirect.',
  params: {
    requireAcmCertificate: {
      description: 'Fail HTTPS/SSL listeners that serve an IAM server certificate instead of an ACM certificate.',
      default: true,
    },
  },
  docs: {
    defaults: 'aws_elb.listener.lb_protocol is required; ssl_certificate_id is "" when omitted. Only front-end protocols are judged (instance_protocol is traffic inside the VPC).',
    anchors: [
      'cdk-nag ELBTlsHttpsListenersOnly, ELBACMCertificateRequired',
      'AWS Config elb-tls-https-listeners-only, elb-acm-certificate-required',
      'Checkov CKV_AWS_127, CKV_AWS_376',
    ],
    example: {
      fail: 'resource "aws_elb" "portal" {\n  name               = "portal"\n  availability_zones = ["us-east-1a"]\n  listener {\n    lb_port           = 80\n    lb_protocol       = "http"\n    instance_port     = 8080\n    instance_protocol = "http"\n  }\n}',
      pass: 'resource "aws_elb" "portal" {\n  name               = "portal"\n  availability_zones = ["us-east-1a"]\n  listener {\n    lb_port            = 443\n    lb_protocol        = "https"\n    instance_port      = 8443\n    instance_protocol  = "https"\n    ssl_certificate_id = aws_acm_certificate.portal.arn\n  }\n}',
    },
  },
  check(elb: ResourceInstance, ctx: RuleContext): Outcome[] {
    const listeners = elb.blocks('listener');
    if (listeners.length === 0) {
      return elb.attr('listener').state === 'unknown' ? [unknown('listener', `${elb.address}: its listeners are known only after apply`)] : [];
    }
    const outcomes: Outcome[] = [];
    listeners.forEach((path, i) => {
      const attribute = `listener[${i}].lb_protocol`;
      const protocolSetting = setting(elb, [...path, 'lb_protocol']);
      const port = setting(elb, [...path, 'lb_port']);
      const where = `${elb.address} listener on port ${port.kind === 'set' ? String(port.value) : '(unknown)'}`;
      if (protocolSetting.kind === 'unknown') {
        outcomes.push(unknown(attribute, `${where}: lb_protocol is known only after apply`));
        return;
      }
      const protocol = (setString(protocolSetting) ?? '').toLowerCase();
      if (!SECURE.has(protocol)) {
        outcomes.push(fail(attribute, `${where} uses lb_protocol "${protocol}" (cleartext); set lb_protocol = "https" (or "ssl") with an ACM ssl_certificate_id`));
        return;
      }
      const certificateSetting = setting(elb, [...path, 'ssl_certificate_id']);
      const certificate = setString(certificateSetting);
      if (ctx.params.requireAcmCertificate === true && certificate !== undefined && IAM_SERVER_CERTIFICATE.test(certificate)) {
        outcomes.push(fail(`listener[${i}].ssl_certificate_id`, `${where} serves an IAM server certificate (${printable(certificateSetting)}); set ssl_certificate_id to an ACM certificate ARN`));
        return;
      }
      outcomes.push(pass(attribute, `${where} uses ${protocol}`));
    });
    return outcomes;
  },
};
