import { configRecorder } from '../../../policies/rules/logging/config-recorder';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const REC = 'aws_config_configuration_recorder';
const STATUS = 'aws_config_configuration_recorder_status';
const SERVICES = { file: `${FIXTURES}/logging-services.json` };
const started = (p: ReturnType<typeof plan>) => p.resource(STATUS, 'main', { values: { is_enabled: true }, unknown: ['name'], refs: { name: [`${REC}.main.name`, `${REC}.main`] } });

ruleTester(configRecorder, {
  valid: [
    { name: 'recording_group omitted (plan: unknown; AWS records all) and started', plan: started(plan().resource(REC, 'main', { values: { name: 'main' }, unknown: ['recording_group'] })) },
    { name: 'all_supported = true', plan: started(plan().resource(REC, 'main', { values: { name: 'main', recording_group: [{ all_supported: true, resource_types: [] }] } })) },
    {
      name: 'a recorder in a module started by a status tied by name',
      plan: plan().resource(REC, 'this', { module: 'module.config', values: { name: 'default', recording_group: [{ all_supported: true }] } }).resource(STATUS, 'this', { values: { name: 'default', is_enabled: true } }),
    },
    { name: 'real plan', plan: SERVICES, addresses: [`${REC}.main_ok`, `${STATUS}.main_ok`] },
  ],
  invalid: [
    { name: 'never started', plan: plan().resource(REC, 'main', { values: { name: 'main' }, unknown: ['recording_group'] }), findings: [{ address: `${REC}.main`, attribute: STATUS }] },
    {
      name: 'exclusions',
      plan: started(
        plan().resource(REC, 'main', {
          values: { name: 'main', recording_group: [{ all_supported: false, resource_types: [], exclusion_by_resource_types: [{ resource_types: ['AWS::EC2::Instance'] }], recording_strategy: [{ use_only: 'EXCLUSION_BY_RESOURCE_TYPES' }] }] },
        }),
      ),
      findings: [{ address: `${REC}.main`, message: 'excludes AWS::EC2::Instance' }],
    },
    {
      name: 'a status update that stops a running recorder says so',
      plan: plan().resource(STATUS, 's', { action: 'update', values: { name: 'main', is_enabled: false }, before: { name: 'main', is_enabled: true } }),
      findings: [{ address: `${STATUS}.s`, message: 'this update stops a running recorder' }],
    },
    {
      name: 'real plan',
      plan: SERVICES,
      findings: [
        { address: `${REC}.partial_bad`, message: 'records only' },
        { address: `${REC}.partial_bad`, attribute: STATUS },
        { address: `${STATUS}.stopped_bad` },
      ],
    },
  ],
});

describe('LOG-022 on the real plan', () => {
  it('passes the started all-types recorder', () => expect(judged(configRecorder, SERVICES.file, 'pass')).toEqual([`${REC}.main_ok`, `${STATUS}.main_ok`]));
});
