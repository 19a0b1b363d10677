/**
 * The named TLS security policies of AWS services that enforce TLS 1.2 or newer. The names encode
 * the minimum version AWS negotiates, so these lists are the safe bounds of the rules' params: a
 * config may narrow a list (say, to TLS 1.3 only), never add a policy that allows TLS 1.0/1.1.
 *
 * Sources (read 2026-11): Elastic Load Balancing "Security policies for your Application Load
 * Balancer" / "... Network Load Balancer" and `aws elbv2 describe-ssl-policies`; CloudFront
 * "Supported protocols and ciphers between viewers and CloudFront"; OpenSearch Service API
 * DomainEndpointOptions.TLSSecurityPolicy; API Gateway "Choose a security policy for your custom
 * domain".
 */

/** ELBv2 (ALB HTTPS and NLB TLS listeners) predefined policies whose minimum is TLS 1.2. */
export const ELBV2_TLS12_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
];

/** The policy AWS applies to an HTTPS/TLS listener created through the API without one. */
export const ELB_API_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';

/** The policy the remediation names: AWS's recommendation, TLS 1.3 with TLS 1.2 fallback. */
export const ELBV2_RECOMMENDED_POLICY = 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06';

/** Classic Load Balancer predefined policies whose minimum is TLS 1.2 (CLB has no TLS 1.3 policies). */
export const CLASSIC_ELB_TLS12_POLICIES: readonly string[] = [
  'ELBSecurityPolicy-TLS-1-2-2017-01',
  'ELBSecurityPolicy-TLS-1-2-Ext-2018-06',
  'ELBSecurityPolicy-FS-1-2-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2019-08',
  'ELBSecurityPolicy-FS-1-2-Res-2020-10',
];

/** CloudFront viewer minimum_protocol_version values that refuse TLS 1.0 and 1.1. */
export const CLOUDFRONT_TLS12_VIEWER_POLICIES: readonly string[] = [
  'TLSv1.2_2018',
  'TLSv1.2_2019',
  'TLSv1.2_2021',
  'TLSv1.2_2025',
  'TLSv1.3_2025',
];

/** OpenSearch / Elasticsearch domain endpoint policies with TLS 1.2 as the minimum. */
export const OPENSEARCH_TLS12_POLICIES: readonly string[] = ['Policy-Min-TLS-1-2-2019-07', 'Policy-Min-TLS-1-2-PFS-2023-10'];

/**
 * API Gateway custom-domain policies with TLS 1.2 as the minimum: the legacy `TLS_1_2` and the
 * enhanced `SecurityPolicy_TLS12_*` / `SecurityPolicy_TLS13_*` family (REST APIs, 2025).
 */
export function isApiGatewayTls12Policy(name: string): boolean {
  return name === 'TLS_1_2' || /^SecurityPolicy_TLS1[23]_/.test(name);
}
