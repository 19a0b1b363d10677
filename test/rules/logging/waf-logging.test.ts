import { wafLogging } from '../../../policies/rules/logging/waf-logging';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const ACL = 'aws_wafv2_web_acl';
const CFG = 'aws_wafv2_web_acl_logging_configuration';
const EDGE = { file: `${FIXTURES}/logging-edge.json` };

ruleTester(wafLogging, {
  valid: [
    {
      name: 'a logging configuration referring to the ACL',
      plan: plan().resource(ACL, 'app').resource(CFG, 'app', { unknown: ['resource_arn', 'log_destination_configs'], refs: { resource_arn: [`${ACL}.app.arn`], log_destination_configs: ['aws_cloudwatch_log_group.waf.arn'] } }),
    },
    {
      name: 'for_each ACLs in a module, each logged from the root through the keyed module output',
      plan: plan()
        .resource(ACL, 'this', { module: 'module.waf["a"]' })
        .resource(ACL, 'this', { module: 'module.waf["b"]' })
        .output('module.waf', 'arn', [`${ACL}.this.arn`, `${ACL}.this`])
        .resource(CFG, 'a', { values: { log_destination_configs: ['arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-a'] }, unknown: ['resource_arn'], refs: { resource_arn: ['module.waf["a"].arn', 'module.waf["a"]'] } })
        .resource(CFG, 'b', { values: { log_destination_configs: ['arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-b'] }, unknown: ['resource_arn'], refs: { resource_arn: ['module.waf["b"].arn', 'module.waf["b"]'] } }),
    },
    { name: 'an existing ACL tied by known ARN', plan: plan().resource(ACL, 'app', { action: 'no-op', values: { arn: 'arn:aws:wafv2:x' } }).resource(CFG, 'app', { values: { resource_arn: 'arn:aws:wafv2:x', log_destination_configs: ['arn:aws:s3:::aws-waf-logs-x'] } }) },
    { name: 'WAF Classic with logging_configuration', plan: plan().resource('aws_wafregional_web_acl', 'c', { values: { logging_configuration: [{ log_destination: 'arn:aws:firehose:us-east-1:1:deliverystream/aws-waf-logs-c' }] } }) },
    { name: 'real plan', plan: EDGE, addresses: [`${ACL}.logged_ok`] },
  ],
  invalid: [
    { name: 'no logging configuration', plan: plan().resource(ACL, 'app'), findings: [{ address: `${ACL}.app`, attribute: CFG }] },
    {
      name: 'a logging configuration being destroyed is named',
      plan: plan().resource(ACL, 'app', { action: 'no-op', values: { arn: 'arn:aws:wafv2:x' } }).resource(CFG, 'app', { action: 'delete', before: { resource_arn: 'arn:aws:wafv2:x' } }),
      findings: [{ address: `${ACL}.app`, message: `${CFG}.app is being destroyed` }],
    },
    { name: 'WAF Classic without logging (plan shows [])', plan: plan().resource('aws_waf_web_acl', 'c', { values: { logging_configuration: [] } }), findings: [{ address: 'aws_waf_web_acl.c' }] },
    {
      name: 'a for_each ACL whose keyed logging configuration is missing',
      plan: plan()
        .resource(ACL, 'this', { module: 'module.waf["a"]' })
        .resource(ACL, 'this', { module: 'module.waf["b"]' })
        .output('module.waf', 'arn', [`${ACL}.this.arn`, `${ACL}.this`])
        .resource(CFG, 'a', { values: { log_destination_configs: ['arn:aws:logs:us-east-1:1:log-group:aws-waf-logs-a'] }, unknown: ['resource_arn'], refs: { resource_arn: ['module.waf["a"].arn', 'module.waf["a"]'] } }),
      findings: [{ address: `module.waf["b"].${ACL}.this` }],
    },
    { name: 'real plan', plan: EDGE, findings: [{ address: `${ACL}.unlogged_bad` }] },
  ],
});

describe('LOG-019 on the real plan', () => {
  it('passes the logged ACL', () => expect(judged(wafLogging, EDGE.file, 'pass')).toEqual([`${ACL}.logged_ok`]));
});
