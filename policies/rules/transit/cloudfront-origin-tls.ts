/**
 * TLS-006: CloudFront fetches from its origins over TLS 1.2. A custom origin must use
 * origin_protocol_policy = "https-only" (or "match-viewer" where every behaviour reaching it is
 * HTTPS-only for viewers) and offer no SSLv3/TLS 1.0/1.1 in origin_ssl_protocols.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { cacheBehaviours, HTTPS_VIEWER_POLICIES, originGroupMembers } from './shared/cloudfront';
import { setting, setString, setStrings } from './shared/setting';

const WEAK_ORIGIN_PROTOCOLS = new Set(['SSLv3', 'TLSv1', 'TLSv1.1']);

/** The behaviours whose requests reach `originId` (directly or through an origin group) and that admit plain-HTTP viewers. */
function httpBehavioursReaching(distribution: ResourceInstance, originId: string | undefined): string[] {
  const groups = originGroupMembers(distribution);
  return cacheBehaviours(distribution)
    .filter((b) => {
      if (originId === undefined || b.targetOriginId === undefined) return true;
      return b.targetOriginId === originId || (groups.get(b.targetOriginId) ?? []).includes(originId);
    })
    .filter((b) => !(b.viewerProtocolPolicy.kind === 'set' && HTTPS_VIEWER_POLICIES.has(String(b.viewerProtocolPolicy.value))))
    .map((b) => b.label);
}

export const cloudfrontOriginTls: Rule = {
  id: 'TLS-006',
  title: 'CloudFront reaches its origins over HTTPS with TLS 1.2',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_cloudfront_distribution'],
  rationale:
    'HTTPS to viewers protects only the first hop: CloudFront then fetches from the origin across the internet, and an http-only origin (or one that still offers TLS 1.0/1.1) carries ePHI unprotected on that leg, against 164.312(e)(1)/(e)(2)(ii). Relies on: "match-viewer" and S3 REST origins use whatever protocol the viewer used, so they are as safe as the behaviours that reach them; S3 website endpoints only speak HTTP.',
  remediation: 'Set custom_origin_config { origin_protocol_policy = "https-only", origin_ssl_protocols = ["TLSv1.2"] } on every custom origin.',
  params: {},
  docs: {
    defaults: 'custom_origin_config.origin_protocol_policy and origin_ssl_protocols are required by the provider. S3 origins (s3_origin_config or origin access control) are fetched with the viewer\'s protocol.',
    anchors: ['cdk-nag AwsSolutions-CFR5 (CloudFrontDistributionNoOutdatedSSL)', 'Checkov CKV2_AWS_54, CKV2_AWS_72'],
    example: {
      fail: 'origin {\n  origin_id   = "app"\n  domain_name = "app.example.org"\n  custom_origin_config {\n    http_port              = 80\n    https_port             = 443\n    origin_protocol_policy = "http-only"\n    origin_ssl_protocols   = ["TLSv1", "TLSv1.2"]\n  }\n}',
      pass: 'origin {\n  origin_id   = "app"\n  domain_name = "app.example.org"\n  custom_origin_config {\n    http_port              = 80\n    https_port             = 443\n    origin_protocol_policy = "https-only"\n    origin_ssl_protocols   = ["TLSv1.2"]\n  }\n}',
    },
  },
  check(distribution: ResourceInstance): Outcome[] {
    const outcomes: Outcome[] = [];
    if (distribution.blocks('origin').length === 0 && distribution.attr('origin').state === 'unknown') {
      return [unknown('origin', `${distribution.address}: its origins are known only after apply`)];
    }
    distribution.blocks('origin').forEach((path, i) => {
      const originId = setString(setting(distribution, [...path, 'origin_id']));
      const where = `${distribution.address} origin "${originId ?? i}"`;
      const custom = distribution.blocks([...path, 'custom_origin_config']);
      // S3 REST and VPC origins have no custom_origin_config: an S3 origin is fetched with the
      // viewer's protocol, so TLS-005 already fails the behaviour that would make this leg HTTP;
      // a VPC origin's protocol lives on aws_cloudfront_vpc_origin.
      if (custom.length === 0) return;
      const base = [...custom[0]];
      const policyAttribute = `origin[${i}].custom_origin_config.origin_protocol_policy`;
      const policy = setting(distribution, [...base, 'origin_protocol_policy']);
      if (policy.kind === 'unknown') {
        outcomes.push(unknown(policyAttribute, `${where}: origin_protocol_policy is known only after apply`));
      } else {
        const value = setString(policy) ?? '(not set)';
        if (value === 'http-only') {
          outcomes.push(fail(policyAttribute, `${where} sets origin_protocol_policy = "http-only", so CloudFront fetches in cleartext; set origin_protocol_policy = "https-only"`));
          return;
        }
        if (value === 'match-viewer') {
          const viaHttp = httpBehavioursReaching(distribution, originId);
          if (viaHttp.length > 0) {
            outcomes.push(fail(policyAttribute, `${where} sets origin_protocol_policy = "match-viewer" and ${viaHttp.join(', ')} ${viaHttp.length === 1 ? 'admits' : 'admit'} plain HTTP, so CloudFront fetches such requests in cleartext; set origin_protocol_policy = "https-only"`));
          }
        }
      }
      const protocolsAttribute = `origin[${i}].custom_origin_config.origin_ssl_protocols`;
      const protocols = setting(distribution, [...base, 'origin_ssl_protocols']);
      if (protocols.kind === 'unknown') {
        outcomes.push(unknown(protocolsAttribute, `${where}: origin_ssl_protocols is known only after apply`));
        return;
      }
      const weak = (setStrings(protocols) ?? []).filter((p) => WEAK_ORIGIN_PROTOCOLS.has(p));
      if (weak.length > 0) {
        outcomes.push(fail(protocolsAttribute, `${where} offers ${weak.join(', ')} to the origin in origin_ssl_protocols; set origin_ssl_protocols = ["TLSv1.2"]`));
      } else {
        outcomes.push(pass(protocolsAttribute, `${where} uses TLS 1.2 to the origin`));
      }
    });
    return outcomes;
  },
};
