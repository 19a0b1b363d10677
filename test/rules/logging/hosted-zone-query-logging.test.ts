import { hostedZoneQueryLogging } from '../../../policies/rules/logging/hosted-zone-query-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const Z = 'aws_route53_zone';
const QL = 'aws_route53_query_log';
const NETWORK = { file: `${FIXTURES}/logging-network.json` };

ruleTester(hostedZoneQueryLogging, {
  valid: [
    { name: 'a public zone with query logging', plan: plan().resource(Z, 'pub', { values: { vpc: [] } }).resource(QL, 'pub', { unknown: ['zone_id'], refs: { zone_id: [`${Z}.pub.zone_id`] } }) },
    { name: 'a private zone is not judged', plan: plan().resource(Z, 'priv', { values: { vpc: [{ vpc_id: 'vpc-1' }] } }) },
    { name: 'an existing zone tied by its known zone_id', plan: plan().resource(Z, 'pub', { action: 'no-op', values: { zone_id: 'Z123', vpc: [] } }).resource(QL, 'pub', { values: { zone_id: 'Z123' } }) },
    { name: 'real plan', plan: NETWORK, addresses: [`${Z}.public_ok`, `${Z}.private`] },
  ],
  invalid: [
    { name: 'a public zone without query logging', plan: plan().resource(Z, 'pub', { values: { vpc: [] } }), findings: [{ address: `${Z}.pub`, attribute: QL }] },
    { name: 'whether the zone is private is known only after apply', plan: plan().resource(Z, 'z', { unknown: ['vpc'] }), findings: [{ address: `${Z}.z`, status: 'unknown' }] },
    { name: 'real plan', plan: NETWORK, findings: [{ address: `${Z}.public_bad` }] },
  ],
});

describe('LOG-021 on the real plan', () => {
  it('skips the private zone', () => expect(judged(hostedZoneQueryLogging, NETWORK.file, 'pass')).toEqual([`${Z}.public_ok`]));
});
