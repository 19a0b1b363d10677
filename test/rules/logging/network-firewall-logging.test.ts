import { networkFirewallLogging } from '../../../policies/rules/logging/network-firewall-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const FW = 'aws_networkfirewall_firewall';
const CFG = 'aws_networkfirewall_logging_configuration';
const APPS = { file: `${FIXTURES}/logging-apps.json` };
const destinations = (...types: string[]) => ({ logging_configuration: [{ log_destination_config: types.map((log_type) => ({ log_type, log_destination_type: 'CloudWatchLogs', log_destination: { logGroup: 'fw' } })) }] });

ruleTester(networkFirewallLogging, {
  valid: [
    { name: 'ALERT and FLOW', plan: plan().resource(FW, 'fw').resource(CFG, 'fw', { values: destinations('ALERT', 'FLOW'), unknown: ['firewall_arn'], refs: { firewall_arn: [`${FW}.fw.arn`] } }) },
    {
      name: 'a firewall in a module, its logging configuration in the root through an output',
      plan: plan()
        .resource(FW, 'this', { module: 'module.egress' })
        .output('module.egress', 'arn', [`${FW}.this.arn`])
        .resource(CFG, 'egress', { values: destinations('FLOW', 'ALERT', 'TLS'), unknown: ['firewall_arn'], refs: { firewall_arn: ['module.egress.arn', 'module.egress'] } }),
    },
    { name: 'real plan', plan: APPS, addresses: [`${FW}.logged_ok`] },
  ],
  invalid: [
    { name: 'no logging configuration', plan: plan().resource(FW, 'fw'), findings: [{ address: `${FW}.fw`, attribute: CFG }] },
    { name: 'ALERT only', plan: plan().resource(FW, 'fw', { values: { arn: 'arn:fw' } }).resource(CFG, 'fw', { values: { firewall_arn: 'arn:fw', ...destinations('ALERT') } }), findings: [{ address: `${FW}.fw`, message: 'FLOW' }] },
    {
      name: 'destinations known only after apply',
      plan: plan().resource(FW, 'fw').resource(CFG, 'fw', { unknown: ['firewall_arn', 'logging_configuration'], refs: { firewall_arn: [`${FW}.fw.arn`] } }),
      findings: [{ address: `${FW}.fw`, status: 'unknown' }],
    },
    { name: 'real plan', plan: APPS, findings: [{ address: `${FW}.alert_only_bad`, message: 'FLOW' }, { address: `${FW}.unlogged_bad` }] },
  ],
});

describe('LOG-028 on the real plan', () => {
  it('passes the logged firewall', () => expect(judged(networkFirewallLogging, APPS.file, 'pass')).toEqual([`${FW}.logged_ok`]));
});
