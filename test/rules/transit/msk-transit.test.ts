import { mskTransit } from '../../../policies/rules/transit/msk-transit';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MESSAGING, TRANSIT_DATA } from './fixtures';

const MSK = 'aws_msk_cluster';
const transit = (client_broker: string, in_cluster: boolean) => ({ values: { encryption_info: [{ encryption_in_transit: [{ client_broker, in_cluster }] }] } });

ruleTester(mskTransit, {
  valid: [
    { name: 'TLS to clients and inside the cluster', plan: plan().resource(MSK, 'events', transit('TLS', true)) },
    { name: 'encryption_info omitted (AWS defaults: TLS, in-cluster on)', plan: plan().resource(MSK, 'this', { module: 'module.kafka["a"]', values: { encryption_info: [] } }) },
    { name: 'real plan: TLS + CMK', plan: MESSAGING, addresses: [`${MSK}.tls_cmk_ok`] },
    { name: 'real plan: encryption_info omitted', plan: TRANSIT_DATA, addresses: [`${MSK}.encryption_omitted_ok`] },
  ],
  invalid: [
    { name: 'TLS_PLAINTEXT opens a cleartext listener', plan: plan().resource(MSK, 'events', transit('TLS_PLAINTEXT', true)), findings: [{ address: `${MSK}.events`, attribute: 'encryption_info.encryption_in_transit.client_broker' }] },
    {
      name: 'client_broker from a variable',
      plan: plan().resource(MSK, 'events', { values: { encryption_info: [{ encryption_in_transit: [{ in_cluster: true }] }] }, unknown: ['encryption_info.0.encryption_in_transit.0.client_broker'], refs: { 'encryption_info.encryption_in_transit.client_broker': ['var.client_broker'] } }),
      findings: [{ address: `${MSK}.events`, status: 'unknown', message: 'var.client_broker' }],
    },
    {
      name: 'real plan: PLAINTEXT and in_cluster = false',
      plan: MESSAGING,
      findings: [
        { address: `${MSK}.plaintext_bad`, attribute: 'encryption_info.encryption_in_transit.client_broker' },
        { address: `${MSK}.plaintext_bad`, attribute: 'encryption_info.encryption_in_transit.in_cluster' },
      ],
    },
    { name: 'real plan: TLS_PLAINTEXT', plan: TRANSIT_DATA, findings: [{ address: `${MSK}.tls_plaintext_bad`, message: 'TLS_PLAINTEXT' }] },
  ],
});
