import { elbv2ListenerTlsPolicy } from '../../../policies/rules/transit/elbv2-listener-tls-policy';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT, TRANSIT_EDGE } from './fixtures';

const L = 'aws_lb_listener';
const ACM = 'arn:aws:acm:us-east-1:111122223333:certificate/abc';
const https = (extra: Record<string, string> = {}) => ({ protocol: 'HTTPS', certificate_arn: ACM, default_action: [{ type: 'forward' }], ...extra });

ruleTester(elbv2ListenerTlsPolicy, {
  valid: [
    { name: 'TLS 1.3 policy with an ACM certificate', plan: plan().resource(L, 'api', { values: https({ ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }) }) },
    { name: 'FIPS TLS 1.2 policy on an NLB TLS listener', plan: plan().resource(L, 'nlb', { values: { ...https({ ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04' }), protocol: 'TLS' } }) },
    {
      name: 'ACM certificate created in this plan (ARN unknown)',
      plan: plan()
        .resource('aws_acm_certificate', 'api', { unknown: ['arn'] })
        .resource(L, 'api', { values: { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS-1-2-2017-01' }, unknown: ['certificate_arn'], refs: { certificate_arn: ['aws_acm_certificate.api.arn'] } }),
    },
    { name: 'HTTP listener has no TLS policy to judge', plan: plan().resource(L, 'http', { values: { protocol: 'HTTP', default_action: [{ type: 'redirect', redirect: [{ protocol: 'HTTPS' }] }] }, unknown: ['ssl_policy'] }) },
    {
      name: 'IAM certificate accepted when requireAcmCertificate is off',
      params: { requireAcmCertificate: false },
      plan: plan().resource(L, 'api', { values: https({ ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', certificate_arn: 'arn:aws:iam::111122223333:server-certificate/x' }) }),
    },
    { name: 'policy passed into a for_each module', plan: plan().resource(L, 'this', { module: 'module.edge["api"]', values: https({ ssl_policy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' }) }) },
    {
      name: 'real plan: TLS 1.3 policies, module variable, NLB TLS',
      plan: TRANSIT_EDGE,
      addresses: [`${L}.https_tls13_ok`, `${L}.nlb_tls_ok`, `module.edge["api"].${L}.this`, `${L}.http_redirect_ok`],
    },
    { name: 'real plan (transit case): ACM certificate from the plan, FS policy on aws_alb_listener', plan: TRANSIT, addresses: [`${L}.https_tls13_ok`, 'aws_alb_listener.alias_type_fs_ok', `${L}.nlb_tls_ok`] },
  ],
  invalid: [
    {
      name: 'ssl_policy omitted: AWS applies ELBSecurityPolicy-2016-08',
      plan: plan().resource(L, 'api', { values: https(), unknown: ['ssl_policy'] }),
      findings: [{ address: `${L}.api`, attribute: 'ssl_policy', message: 'omits ssl_policy, so AWS applies ELBSecurityPolicy-2016-08' }],
    },
    {
      name: 'CDKTF synth: ssl_policy absent',
      plan: { resource: { aws_lb_listener: { api: { protocol: 'HTTPS', certificate_arn: ACM, default_action: { type: 'forward' } } } } },
      findings: [{ address: `${L}.api`, message: 'set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-Res-2021-06"' }],
    },
    {
      name: 'a TLS13 policy that still accepts TLS 1.0',
      plan: plan().resource(L, 'api', { values: https({ ssl_policy: 'ELBSecurityPolicy-TLS13-1-0-2021-06' }) }),
      findings: [{ address: `${L}.api`, message: '"ELBSecurityPolicy-TLS13-1-0-2021-06"' }],
    },
    {
      name: 'a policy outside a narrowed allow list, with the configured recommendation',
      params: { allowedSslPolicies: ['ELBSecurityPolicy-TLS13-1-3-2021-06'], recommendedSslPolicy: 'ELBSecurityPolicy-TLS13-1-3-2021-06' },
      plan: plan().resource(L, 'api', { values: https({ ssl_policy: 'ELBSecurityPolicy-TLS-1-2-2017-01' }) }),
      findings: [{ address: `${L}.api`, message: 'set ssl_policy = "ELBSecurityPolicy-TLS13-1-3-2021-06"' }],
    },
    {
      name: 'ssl_policy from a variable not known at plan time',
      plan: plan().resource(L, 'api', { values: https(), unknown: ['ssl_policy'], refs: { ssl_policy: ['var.ssl_policy'] } }),
      findings: [{ address: `${L}.api`, status: 'unknown', message: 'var.ssl_policy' }],
    },
    {
      name: 'IAM server certificate created in this plan',
      plan: plan()
        .resource('aws_iam_server_certificate', 'legacy', { unknown: ['arn'] })
        .resource(L, 'api', { values: { protocol: 'HTTPS', ssl_policy: 'ELBSecurityPolicy-TLS13-1-2-2021-06' }, unknown: ['certificate_arn'], refs: { certificate_arn: ['aws_iam_server_certificate.legacy.arn'] } }),
      findings: [{ address: `${L}.api`, attribute: 'certificate_arn', related: 'aws_iam_server_certificate.legacy' }],
    },
    {
      name: 'real plan: omitted, legacy, TLS13-1-0, IAM certificate, and a weak policy through a module',
      plan: TRANSIT_EDGE,
      findings: [
        { address: `${L}.https_policy_omitted_bad`, message: 'omits ssl_policy' },
        { address: `${L}.https_legacy_policy_bad`, message: 'ELBSecurityPolicy-2016-08' },
        { address: `${L}.https_tls13_1_0_bad`, message: 'ELBSecurityPolicy-TLS13-1-0-2021-06' },
        { address: `${L}.https_iam_cert_bad`, attribute: 'certificate_arn' },
        { address: `module.edge["legacy"].${L}.this`, message: 'ELBSecurityPolicy-TLS-1-1-2017-01' },
      ],
    },
  ],
});
