import { loggingRoleLevel, trustsIot } from '../../../policies/rules/iot/logging-role-level';
import { plan, type PlanBuilder } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { IOT_POLICIES, IOT_SCOPE, doc } from './support';

const L = 'aws_iot_logging_options';
const IOT_TRUST = doc({ Effect: 'Allow', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:AssumeRole' });
const LAMBDA_TRUST = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
const LOGS = doc({ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' });

function logging(level: string, trust: string, grant: ((p: PlanBuilder, module?: string) => PlanBuilder) | null, module?: string): PlanBuilder {
  const p = plan()
    .resource('aws_iam_role', 'logs', { module, values: { name: 'logs', assume_role_policy: trust }, unknown: ['arn', 'inline_policy', 'managed_policy_arns'] })
    .resource(L, 'this', { module, values: { default_log_level: level, disable_all_logs: null }, unknown: ['role_arn'], refs: { role_arn: ['aws_iam_role.logs.arn'] } });
  return grant === null ? p : grant(p, module);
}
const inline = (policy: string) => (p: PlanBuilder, module?: string) => p.resource('aws_iam_role_policy', 'logs', { module, values: { policy }, unknown: ['role'], refs: { role: ['aws_iam_role.logs.id'] } });
const managed = (arn: string) => (p: PlanBuilder, module?: string) => p.resource('aws_iam_role_policy_attachment', 'logs', { module, values: { policy_arn: arn }, unknown: ['role'], refs: { role: ['aws_iam_role.logs.name'] } });

ruleTester(loggingRoleLevel, {
  valid: [
    { name: 'INFO with AWSIoTLogging', plan: logging('INFO', IOT_TRUST, managed('arn:aws:iam::aws:policy/service-role/AWSIoTLogging')) },
    { name: 'DEBUG with an inline logs policy', plan: logging('DEBUG', IOT_TRUST, inline(LOGS)) },
    { name: 'ERROR accepted by minimumLevel', params: { minimumLevel: 'ERROR' }, plan: logging('ERROR', IOT_TRUST, inline(LOGS)) },
    { name: 'DISABLED and disable_all_logs are LOG-024\'s', plan: logging('DISABLED', LAMBDA_TRUST, null) },
    { name: 'a role outside the plan is not judged here', plan: plan().resource(L, 'this', { values: { default_log_level: 'INFO', role_arn: 'arn:aws:iam::123456789012:role/elsewhere' } }) },
    { name: 'module instance', plan: logging('INFO', IOT_TRUST, inline(LOGS), 'module.m') },
    { name: 'real plan (iot-policies): DISABLED and disable_all_logs are skipped', plan: IOT_POLICIES, addresses: [`${L}.level_disabled_bad`, `${L}.all_logs_disabled_bad`] },
    { name: 'real plan (iot-scope): INFO, trusted role with AWSIoTLogging', plan: IOT_SCOPE, addresses: [`${L}.info_with_role_ok`] },
  ],
  invalid: [
    { name: 'WARN records failures only', plan: logging('WARN', IOT_TRUST, inline(LOGS)), findings: [{ address: `${L}.this`, attribute: 'default_log_level', message: 'logs at WARN' }] },
    { name: 'a role IoT cannot assume', plan: logging('INFO', LAMBDA_TRUST, inline(LOGS)), findings: [{ address: `${L}.this`, attribute: 'role_arn', message: 'does not let iot.amazonaws.com assume it', related: 'aws_iam_role.logs' }] },
    { name: 'a role that may not write logs', plan: logging('INFO', IOT_TRUST, null), findings: [{ address: `${L}.this`, message: 'grants no logs:PutLogEvents' }] },
    { name: 'a managed policy planwarden cannot read', plan: logging('INFO', IOT_TRUST, managed('arn:aws:iam::123456789012:policy/custom')), findings: [{ address: `${L}.this`, status: 'unknown', message: 'policy/custom' }] },
    { name: 'level unknown', plan: plan().resource(L, 'this', { unknown: ['default_log_level'], refs: { default_log_level: ['var.level'] }, values: { role_arn: 'arn:aws:iam::1:role/x' } }), findings: [{ address: `${L}.this`, status: 'unknown' }] },
    { name: 'module instance', plan: logging('ERROR', IOT_TRUST, inline(LOGS), 'module.m["x"]'), findings: [{ address: `module.m["x"].${L}.this` }] },
    { name: 'real plan (iot-policies): the logging role has no logs permissions', plan: IOT_POLICIES, findings: [{ address: `${L}.info_ok`, message: 'grants no logs:PutLogEvents' }] },
    {
      name: 'real plan (iot-scope): WARN, and a role without permissions',
      plan: IOT_SCOPE,
      findings: [
        { address: `${L}.warn_bad`, message: 'logs at WARN' },
        { address: `${L}.role_cannot_write_bad`, message: 'grants no logs:PutLogEvents' },
      ],
    },
  ],
});

describe('trustsIot', () => {
  it.each([
    [IOT_TRUST, true],
    [LAMBDA_TRUST, false],
    [doc({ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'iot.amazonaws.com'] }, Action: ['sts:AssumeRole'] }), true],
    [doc({ Effect: 'Deny', Principal: { Service: 'iot.amazonaws.com' }, Action: 'sts:AssumeRole' }), false],
    ['not json', undefined],
  ])('%s → %s', (text, expected) => expect(trustsIot(text)).toBe(expected));
});
