/**
 * IOT-013: IoT domain configurations negotiate TLS 1.2 or later. The security policy name
 * says the minimum version: IoTSecurityPolicy_TLS12_1_0_* accept TLS 1.0 and 1.1,
 * IoTSecurityPolicy_TLS12_1_2_* / TLS13_1_2_* start at 1.2, TLS13_1_3_* at 1.3.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, knownValue, pass, unknown } from '../support';

const POLICY_NAME = /^IoTSecurityPolicy_TLS1[23]_1_(\d)_/;
const ATTRIBUTE = 'tls_config[0].security_policy';
export const DEFAULT_DOMAIN_TLS_POLICY = 'IoTSecurityPolicy_TLS13_1_2_2022_10';

export const domainTls: Rule = {
  id: 'IOT-013',
  title: 'IoT domain configurations require TLS 1.2 or later',
  family: 'iot',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_iot_domain_configuration'],
  rationale:
    'Devices send ePHI to the IoT endpoint over TLS (164.312(e)(1), (e)(2)(ii)). The legacy security policies IoTSecurityPolicy_TLS12_1_0_2015_01 and _2016_01 still accept TLS 1.0 and 1.1, which NIST SP 800-52r2 no longer allows, and let a downgrade expose device traffic.',
  remediation: `Set tls_config { security_policy = "${DEFAULT_DOMAIN_TLS_POLICY}" } (or IoTSecurityPolicy_TLS13_1_3_2022_10 / IoTSecurityPolicy_TLS12_1_2_2022_10).`,
  params: {},
  docs: {
    defaults: `AWS applies ${DEFAULT_DOMAIN_TLS_POLICY} (TLS 1.2 and 1.3) to new domain configurations without a tls_config; provider 5.x then plans security_policy as known after apply, which this rule treats as that default.`,
    anchors: ['AWS IoT developer guide: TLS security policies for domain configurations', 'cdk-nag / AWS Config TLS rules for other endpoints (164.312(e)(1))'],
    example: {
      fail: 'tls_config {\n  security_policy = "IoTSecurityPolicy_TLS12_1_0_2015_01"\n}',
      pass: `tls_config {\n  security_policy = "${DEFAULT_DOMAIN_TLS_POLICY}"\n}`,
    },
  },
  check(domain: ResourceInstance): Outcome {
    const policy = domain.attr(ATTRIBUTE);
    if (policy.state === 'unknown' || policy.state === 'absent' || knownValue(policy) === undefined) {
      // Computed when omitted: AWS's default applies. A value wired to something else is undecidable.
      if (policy.state === 'unknown' && policy.references.length > 0) {
        return unknown(ATTRIBUTE, `${domain.address}: tls_config.security_policy is known only after apply; planwarden cannot confirm TLS 1.2+`);
      }
      return pass(ATTRIBUTE, `${domain.address} uses AWS's default TLS policy (${DEFAULT_DOMAIN_TLS_POLICY})`);
    }
    const name = String(knownValue(policy));
    const m = POLICY_NAME.exec(name);
    if (m === null) return unknown(ATTRIBUTE, `${domain.address} uses the TLS policy ${name}, which planwarden does not know; confirm it requires TLS 1.2 or later`);
    const minor = Number(m[1]);
    if (minor >= 2) return pass(ATTRIBUTE, `${domain.address} requires TLS 1.${minor} or later (${name})`);
    return fail(ATTRIBUTE, `${domain.address} uses ${name}, which accepts TLS 1.${minor}; set security_policy = "${DEFAULT_DOMAIN_TLS_POLICY}"`);
  },
};
