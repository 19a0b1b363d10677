import { cloudfrontOriginTls } from '../../../policies/rules/transit/cloudfront-origin-tls';
import { cloudfrontViewerTls } from '../../../policies/rules/transit/cloudfront-viewer-tls';
import type { JsonObject } from '../../../policies/engine/types';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT, TRANSIT_EDGE } from './fixtures';

const CF = 'aws_cloudfront_distribution';
const ACM = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
const customCert = (minimum: string) => [{ acm_certificate_arn: ACM, cloudfront_default_certificate: null, ssl_support_method: 'sni-only', minimum_protocol_version: minimum }];
const defaultCert = [{ cloudfront_default_certificate: true, acm_certificate_arn: null, iam_certificate_id: null, minimum_protocol_version: 'TLSv1' }];
const customOrigin = (id: string, policy: string, protocols = ['TLSv1.2']) => ({
  origin_id: id,
  domain_name: `${id}.example.org`,
  custom_origin_config: [{ origin_protocol_policy: policy, origin_ssl_protocols: protocols, http_port: 80, https_port: 443 }],
  s3_origin_config: [],
});
const s3Origin = (id: string) => ({ origin_id: id, custom_origin_config: [], s3_origin_config: [] });
const behaviour = (target: string, viewer: string, path?: string) => ({ target_origin_id: target, viewer_protocol_policy: viewer, ...(path ? { path_pattern: path } : {}) });
const distribution = (values: JsonObject) => ({ values: { origin: [customOrigin('app', 'https-only')], default_cache_behavior: [behaviour('app', 'redirect-to-https')], ordered_cache_behavior: [], viewer_certificate: customCert('TLSv1.2_2021'), ...values } });

ruleTester(cloudfrontViewerTls, {
  valid: [
    { name: 'redirect-to-https everywhere, ACM certificate with TLSv1.2_2021', plan: plan().resource(CF, 'portal', distribution({})) },
    {
      name: 'https-only ordered behaviour and the 2025 TLS 1.3 policy',
      plan: plan().resource(CF, 'portal', distribution({ ordered_cache_behavior: [behaviour('app', 'https-only', '/api/*')], viewer_certificate: customCert('TLSv1.3_2025') })),
    },
    { name: 'distribution in a for_each module', plan: plan().resource(CF, 'this', { module: 'module.site["portal"]', ...distribution({}) }) },
    { name: 'real plan: ACM certificate, TLSv1.2_2021, redirect and https-only behaviours', plan: TRANSIT_EDGE, addresses: [`${CF}.tls_ok`] },
    { name: 'real plan (transit case)', plan: TRANSIT, addresses: [`${CF}.acm_redirect_https_ok`] },
  ],
  invalid: [
    {
      name: 'allow-all on an ordered behaviour',
      plan: plan().resource(CF, 'portal', distribution({ ordered_cache_behavior: [behaviour('app', 'allow-all', '/downloads/*')] })),
      findings: [{ address: `${CF}.portal`, attribute: 'ordered_cache_behavior[0].viewer_protocol_policy', message: '"/downloads/*"' }],
    },
    {
      name: 'default *.cloudfront.net certificate (plan shows TLSv1)',
      plan: plan().resource(CF, 'portal', distribution({ viewer_certificate: defaultCert })),
      findings: [{ address: `${CF}.portal`, attribute: 'viewer_certificate.cloudfront_default_certificate', message: 'minimum_protocol_version = "TLSv1.2_2021"' }],
    },
    {
      name: 'custom certificate with TLSv1.1_2016',
      plan: plan().resource(CF, 'portal', distribution({ viewer_certificate: customCert('TLSv1.1_2016') })),
      findings: [{ address: `${CF}.portal`, attribute: 'viewer_certificate.minimum_protocol_version', message: '"TLSv1.1_2016"' }],
    },
    {
      name: 'viewer policy known only after apply',
      plan: plan().resource(CF, 'portal', { ...distribution({}), unknown: ['default_cache_behavior.0.viewer_protocol_policy'], refs: { 'default_cache_behavior.viewer_protocol_policy': ['var.viewer_policy'] } }),
      findings: [{ address: `${CF}.portal`, status: 'unknown', attribute: 'default_cache_behavior.viewer_protocol_policy' }],
    },
    {
      name: 'real plan: allow-all behaviours, default certificate, TLSv1_2016',
      plan: TRANSIT_EDGE,
      findings: [
        { address: `${CF}.defaults_bad`, attribute: 'ordered_cache_behavior[0].viewer_protocol_policy' },
        { address: `${CF}.defaults_bad`, attribute: 'viewer_certificate.cloudfront_default_certificate' },
        { address: `${CF}.weak_tls_bad`, attribute: 'default_cache_behavior.viewer_protocol_policy' },
        { address: `${CF}.weak_tls_bad`, attribute: 'viewer_certificate.minimum_protocol_version' },
      ],
    },
  ],
});

ruleTester(cloudfrontOriginTls, {
  valid: [
    { name: 'https-only custom origin with TLSv1.2 only', plan: plan().resource(CF, 'portal', distribution({})) },
    {
      name: 'match-viewer origin reached only by HTTPS behaviours (directly and through an origin group)',
      plan: plan().resource(
        CF,
        'portal',
        distribution({
          origin: [customOrigin('app', 'match-viewer'), customOrigin('standby', 'match-viewer')],
          origin_group: [{ origin_id: 'failover', member: [{ origin_id: 'app' }, { origin_id: 'standby' }] }],
          default_cache_behavior: [behaviour('failover', 'https-only')],
          ordered_cache_behavior: [behaviour('app', 'redirect-to-https', '/api/*')],
        }),
      ),
    },
    { name: 'S3 origin (fetched with the viewer protocol; TLS-005 judges the behaviours)', plan: plan().resource(CF, 'portal', distribution({ origin: [s3Origin('static')], default_cache_behavior: [behaviour('static', 'allow-all')] })) },
    { name: 'real plan: https-only TLSv1.2 origin and an S3 origin', plan: TRANSIT_EDGE, addresses: [`${CF}.tls_ok`] },
  ],
  invalid: [
    {
      name: 'http-only origin',
      plan: plan().resource(CF, 'portal', distribution({ origin: [customOrigin('app', 'http-only')] })),
      findings: [{ address: `${CF}.portal`, attribute: 'origin[0].custom_origin_config.origin_protocol_policy', message: '"http-only"' }],
    },
    {
      name: 'match-viewer origin reached by an allow-all behaviour through an origin group',
      plan: plan().resource(
        CF,
        'portal',
        distribution({
          origin: [customOrigin('app', 'https-only'), customOrigin('standby', 'match-viewer')],
          origin_group: [{ origin_id: 'failover', member: [{ origin_id: 'app' }, { origin_id: 'standby' }] }],
          default_cache_behavior: [behaviour('failover', 'allow-all')],
        }),
      ),
      findings: [{ address: `${CF}.portal`, attribute: 'origin[1].custom_origin_config.origin_protocol_policy', message: 'the default cache behaviour admits plain HTTP' }],
    },
    {
      name: 'TLSv1 offered to the origin',
      plan: plan().resource(CF, 'portal', distribution({ origin: [customOrigin('app', 'https-only', ['TLSv1', 'TLSv1.2'])] })),
      findings: [{ address: `${CF}.portal`, attribute: 'origin[0].custom_origin_config.origin_ssl_protocols', message: 'offers TLSv1' }],
    },
    {
      name: 'origins known only after apply',
      plan: plan().resource(CF, 'portal', { values: { default_cache_behavior: [behaviour('app', 'https-only')] }, unknown: ['origin'] }),
      findings: [{ address: `${CF}.portal`, status: 'unknown', attribute: 'origin' }],
    },
    {
      name: 'real plan: http-only origin; match-viewer with allow-all and TLSv1 offered',
      plan: TRANSIT_EDGE,
      findings: [
        { address: `${CF}.defaults_bad`, message: '"http-only"' },
        { address: `${CF}.weak_tls_bad`, message: '"match-viewer"' },
        { address: `${CF}.weak_tls_bad`, message: 'TLSv1, TLSv1.1' },
      ],
    },
  ],
});
