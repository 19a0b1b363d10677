import { docdbTls } from '../../../policies/rules/transit/docdb-tls';
import { redshiftRequireSsl } from '../../../policies/rules/transit/redshift-require-ssl';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATABASES, TRANSIT_DATA } from './fixtures';

const RS = 'aws_redshift_cluster';
const RSPG = 'aws_redshift_parameter_group';
const rsGroup = (family: string, parameters: Array<[string, string]>) => ({ values: { name: 'wh', family, parameter: parameters.map(([name, value]) => ({ name, value })) } });
const rsRef = { unknown: ['cluster_parameter_group_name'], refs: { cluster_parameter_group_name: [`${RSPG}.wh.name`, `${RSPG}.wh`] } };

ruleTester(redshiftRequireSsl, {
  valid: [
    { name: 'new cluster without a group gets default.redshift-2.0', plan: plan().resource(RS, 'wh', { unknown: ['cluster_parameter_group_name'] }) },
    { name: 'group with require_ssl = true, in a module', plan: plan().resource(RSPG, 'wh', { module: 'module.dw', ...rsGroup('redshift-1.0', [['require_ssl', 'true']]) }).resource(RS, 'this', { module: 'module.dw', ...rsRef }) },
    { name: 'redshift-2.0 group that leaves require_ssl at its default', plan: plan().resource(RSPG, 'wh', rsGroup('redshift-2.0', [['enable_user_activity_logging', 'true']])).resource(RS, 'wh', rsRef) },
    { name: 'real plan: require_ssl group; new cluster on the 2025 default group', plan: DATABASES, addresses: [`${RS}.encrypted_ok`, `${RS}.unencrypted_bad`] },
    { name: 'real plan (transit-data): omitted group on a new cluster', plan: TRANSIT_DATA, addresses: [`${RS}.new_default_group_ok`] },
  ],
  invalid: [
    { name: 'default.redshift-1.0 named explicitly', plan: plan().resource(RS, 'wh', { values: { cluster_parameter_group_name: 'default.redshift-1.0' } }), findings: [{ address: `${RS}.wh`, message: 'default.redshift-1.0, where require_ssl is false' }] },
    { name: 'group with require_ssl = false', plan: plan().resource(RSPG, 'wh', rsGroup('redshift-2.0', [['require_ssl', 'false']])).resource(RS, 'wh', rsRef), findings: [{ address: `${RS}.wh`, related: `${RSPG}.wh`, via: 'reference' }] },
    { name: 'redshift-1.0 group without require_ssl', plan: plan().resource(RSPG, 'wh', rsGroup('redshift-1.0', [])).resource(RS, 'wh', rsRef), findings: [{ address: `${RS}.wh`, message: 'false by default for redshift-1.0' }] },
    {
      name: 'existing cluster whose group is not shown',
      plan: plan().resource(RS, 'wh', { action: 'update', values: {}, before: {}, unknown: ['cluster_parameter_group_name'] }),
      findings: [{ address: `${RS}.wh`, status: 'unknown' }],
    },
    {
      name: 'real plan: legacy default group, require_ssl = false',
      plan: TRANSIT_DATA,
      findings: [{ address: `${RS}.legacy_default_group_bad` }, { address: `${RS}.ssl_off_bad`, related: `${RSPG}.ssl_off` }],
    },
  ],
});

const DOC = 'aws_docdb_cluster';
const DOCPG = 'aws_docdb_cluster_parameter_group';
const docGroup = (tls?: string) => ({ values: { name: 'docs', family: 'docdb5.0', parameter: tls ? [{ name: 'tls', value: tls }] : [] } });
const docRef = { unknown: ['db_cluster_parameter_group_name'], refs: { db_cluster_parameter_group_name: [`${DOCPG}.docs.name`] } };

ruleTester(docdbTls, {
  valid: [
    { name: 'default cluster parameter group', plan: plan().resource(DOC, 'docs', { unknown: ['db_cluster_parameter_group_name'] }) },
    { name: 'custom group with tls = tls1.2+', plan: plan().resource(DOCPG, 'docs', docGroup('tls1.2+')).resource(DOC, 'docs', docRef) },
    { name: 'custom group that does not set tls, in a module', plan: plan().resource(DOCPG, 'docs', { module: 'module.docs', ...docGroup() }).resource(DOC, 'this', { module: 'module.docs', unknown: ['db_cluster_parameter_group_name'], refs: { db_cluster_parameter_group_name: [`${DOCPG}.docs.name`] } }) },
    { name: 'real plan: default group', plan: TRANSIT_DATA, addresses: [`${DOC}.default_group_ok`] },
  ],
  invalid: [
    { name: 'tls = disabled', plan: plan().resource(DOCPG, 'docs', docGroup('disabled')).resource(DOC, 'docs', docRef), findings: [{ address: `${DOC}.docs`, message: 'tls = "disabled"', related: `${DOCPG}.docs` }] },
    { name: 'group named but not in this plan', plan: plan().resource(DOC, 'docs', { values: { db_cluster_parameter_group_name: 'shared-docdb' } }), findings: [{ address: `${DOC}.docs`, status: 'unknown' }] },
    { name: 'real plan: tls disabled', plan: TRANSIT_DATA, findings: [{ address: `${DOC}.tls_disabled_bad`, related: `${DOCPG}.tls_disabled` }] },
  ],
});
