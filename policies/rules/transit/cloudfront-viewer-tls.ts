/**
 * TLS-005: CloudFront serves viewers over HTTPS only, with TLS 1.2 or newer. Two settings must
 * both hold: every cache behaviour redirects or refuses HTTP, and the viewer certificate sets a
 * TLS 1.2 minimum — which the default *.cloudfront.net certificate cannot do.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { cacheBehaviours, HTTPS_VIEWER_POLICIES } from './shared/cloudfront';
import { setBoolean, setting, setString } from './shared/setting';
import { CLOUDFRONT_TLS12_VIEWER_POLICIES } from './shared/tls-policies';

const RECOMMENDED = 'TLSv1.2_2021';

function judgeCertificate(distribution: ResourceInstance, allowed: readonly string[]): Outcome {
  const attribute = 'viewer_certificate.minimum_protocol_version';
  if (distribution.blocks('viewer_certificate').length === 0) {
    return distribution.attr('viewer_certificate').state === 'unknown'
      ? unknown('viewer_certificate', `${distribution.address}: viewer_certificate is known only after apply`)
      : fail('viewer_certificate', `${distribution.address} has no viewer_certificate; set acm_certificate_arn, ssl_support_method = "sni-only" and minimum_protocol_version = "${RECOMMENDED}"`);
  }
  const defaultCertificate = setBoolean(setting(distribution, 'viewer_certificate.0.cloudfront_default_certificate'));
  const custom = ['acm_certificate_arn', 'iam_certificate_id'].map((a) => setting(distribution, `viewer_certificate.0.${a}`));
  if (defaultCertificate === true || custom.every((c) => c.kind === 'omitted')) {
    return fail(
      'viewer_certificate.cloudfront_default_certificate',
      `${distribution.address} uses the default *.cloudfront.net certificate, with which CloudFront accepts TLS 1.0 whatever minimum_protocol_version says; serve your own domain (aliases) with acm_certificate_arn, ssl_support_method = "sni-only" and minimum_protocol_version = "${RECOMMENDED}"`,
    );
  }
  const minimum = setting(distribution, attribute);
  if (minimum.kind === 'unknown') return unknown(attribute, `${distribution.address}: minimum_protocol_version is known only after apply`);
  const value = setString(minimum) ?? 'TLSv1';
  if (allowed.includes(value)) return pass(attribute, `${distribution.address} requires ${value}`);
  return fail(attribute, `${distribution.address} sets minimum_protocol_version = "${value}", which accepts TLS versions below 1.2; set minimum_protocol_version = "${RECOMMENDED}"`);
}

export const cloudfrontViewerTls: Rule = {
  id: 'TLS-005',
  title: 'CloudFront serves viewers HTTPS only, with a TLS 1.2+ minimum',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_cloudfront_distribution'],
  rationale:
    'A cache behaviour with viewer_protocol_policy = "allow-all" serves ePHI over plain HTTP, and a viewer certificate that accepts TLS 1.0/1.1 falls short of NIST SP 800-52r2; both undermine 164.312(e)(1) and (e)(2)(ii). Relies on: with cloudfront_default_certificate = true the provider plans minimum_protocol_version = "TLSv1" and CloudFront ignores any other value for *.cloudfront.net, so a TLS 1.2 floor needs your own ACM certificate.',
  remediation: `Set viewer_protocol_policy = "redirect-to-https" (or "https-only") on every cache behaviour, and viewer_certificate { acm_certificate_arn = ..., ssl_support_method = "sni-only", minimum_protocol_version = "${RECOMMENDED}" } with aliases for your domain.`,
  params: {
    allowedMinimumProtocolVersions: {
      description: 'Viewer security policies accepted (TLS 1.2+ only).',
      default: [...CLOUDFRONT_TLS12_VIEWER_POLICIES],
      allowed: CLOUDFRONT_TLS12_VIEWER_POLICIES,
    },
  },
  docs: {
    defaults: 'viewer_certificate with cloudfront_default_certificate = true: the plan shows minimum_protocol_version = "TLSv1". viewer_protocol_policy is required on every cache behaviour.',
    anchors: [
      'cdk-nag AwsSolutions-CFR4 (CloudFrontDistributionHttpsViewerNoOutdatedSSL)',
      'Checkov CKV_AWS_34, CKV_AWS_174, CKV2_AWS_42',
      'HashiCorp FSBP cloudfront-viewer-policy-https',
    ],
    example: {
      fail: 'default_cache_behavior {\n  viewer_protocol_policy = "allow-all"\n  # ...\n}\nviewer_certificate {\n  cloudfront_default_certificate = true\n}',
      pass: `aliases = ["portal.example.org"]\ndefault_cache_behavior {\n  viewer_protocol_policy = "redirect-to-https"\n  # ...\n}\nviewer_certificate {\n  acm_certificate_arn      = aws_acm_certificate.portal.arn\n  ssl_support_method       = "sni-only"\n  minimum_protocol_version = "${RECOMMENDED}"\n}`,
    },
  },
  check(distribution: ResourceInstance, ctx: RuleContext): Outcome[] {
    const allowed = Array.isArray(ctx.params.allowedMinimumProtocolVersions)
      ? ctx.params.allowedMinimumProtocolVersions.filter((p): p is string => typeof p === 'string')
      : CLOUDFRONT_TLS12_VIEWER_POLICIES;
    const outcomes: Outcome[] = [];
    for (const behaviour of cacheBehaviours(distribution)) {
      const policy = behaviour.viewerProtocolPolicy;
      if (policy.kind === 'unknown') {
        outcomes.push(unknown(behaviour.attribute, `${distribution.address}: viewer_protocol_policy of ${behaviour.label} is known only after apply`));
        continue;
      }
      const value = setString(policy) ?? '(not set)';
      if (!HTTPS_VIEWER_POLICIES.has(value)) {
        outcomes.push(fail(behaviour.attribute, `${distribution.address}: ${behaviour.label} sets viewer_protocol_policy = "${value}", so viewers may use plain HTTP; set it to "redirect-to-https" or "https-only"`));
      }
    }
    outcomes.push(judgeCertificate(distribution, allowed));
    return outcomes;
  },
};
