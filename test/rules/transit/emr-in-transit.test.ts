import { emrInTransit } from '../../../policies/rules/transit/emr-in-transit';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT_APIS } from './fixtures';

const C = 'aws_emr_cluster';
const SC = 'aws_emr_security_configuration';
const config = (inTransit: boolean) => ({ values: { name: 'phi', configuration: JSON.stringify({ EncryptionConfiguration: { EnableInTransitEncryption: inTransit, EnableAtRestEncryption: true } }) } });
const byReference = { unknown: ['security_configuration'], refs: { security_configuration: [`${SC}.phi.name`, `${SC}.phi`] } };

ruleTester(emrInTransit, {
  valid: [
    { name: 'security configuration with in-transit encryption, by reference', plan: plan().resource(SC, 'phi', config(true)).resource(C, 'analytics', byReference) },
    { name: 'by literal name, in a module', plan: plan().resource(SC, 'phi', { module: 'module.emr', ...config(true) }).resource(C, 'this', { module: 'module.emr', values: { security_configuration: 'phi' } }) },
    { name: 'real plan', plan: TRANSIT_APIS, addresses: [`${C}.tls_ok`] },
  ],
  invalid: [
    { name: 'no security configuration', plan: plan().resource(C, 'analytics', { values: { security_configuration: null } }), findings: [{ address: `${C}.analytics`, attribute: 'security_configuration', message: 'has no security_configuration' }] },
    { name: 'at-rest only', plan: plan().resource(SC, 'phi', config(false)).resource(C, 'analytics', byReference), findings: [{ address: `${C}.analytics`, related: `${SC}.phi`, via: 'reference' }] },
    { name: 'configuration managed outside the plan', plan: plan().resource(C, 'analytics', { values: { security_configuration: 'shared-emr' } }), findings: [{ address: `${C}.analytics`, status: 'unknown', message: '"shared-emr"' }] },
    {
      name: 'real plan: at-rest only, none',
      plan: TRANSIT_APIS,
      findings: [{ address: `${C}.at_rest_only_bad`, related: `${SC}.at_rest_only` }, { address: `${C}.no_config_bad` }],
    },
  ],
});
