import { roleAliasPermissions } from '../../../policies/rules/iot/role-alias-permissions';
import { plan, type PlanBuilder } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { IOT_POLICIES, IOT_SCOPE, doc } from './support';

const A = 'aws_iot_role_alias';
const TRUST = doc({ Effect: 'Allow', Principal: { Service: 'credentials.iot.amazonaws.com' }, Action: 'sts:AssumeRole' });
const PUT_OWN = { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::uploads/${credentials-iot:ThingName}/*' };

/** An alias whose role_arn refers to aws_iam_role.device, plus what `extra` adds. */
function alias(extra: (p: PlanBuilder) => PlanBuilder = (p) => p, module?: string): PlanBuilder {
  const base = plan()
    .resource('aws_iam_role', 'device', { module, values: { name: 'device', assume_role_policy: TRUST, permissions_boundary: null }, unknown: ['arn', 'inline_policy', 'managed_policy_arns'] })
    .resource(A, 'device', { module, values: { alias: 'device', credential_duration: 3600 }, unknown: ['role_arn'], refs: { role_arn: ['aws_iam_role.device.arn', 'aws_iam_role.device'] } });
  return extra(base);
}

const rolePolicy = (statements: Record<string, unknown>[], module?: string) => (p: PlanBuilder) =>
  p.resource('aws_iam_role_policy', 'device', { module, values: { name: 'p', policy: doc(...statements) }, unknown: ['role'], refs: { role: ['aws_iam_role.device.id', 'aws_iam_role.device'] } });

const attachment = (policyArn: string) => (p: PlanBuilder) =>
  p.resource('aws_iam_role_policy_attachment', 'device', { values: { policy_arn: policyArn }, unknown: ['role'], refs: { role: ['aws_iam_role.device.name', 'aws_iam_role.device'] } });

ruleTester(roleAliasPermissions, {
  valid: [
    { name: 'a role that can only put objects under its own thing prefix', plan: alias(rolePolicy([PUT_OWN])) },
    { name: 'a role with no policies in the plan', plan: alias() },
    { name: 'services within allowedServices', params: { allowedServices: ['s3'] }, plan: alias(rolePolicy([PUT_OWN])) },
    { name: 'a reviewed AWS-managed policy', params: { allowedManagedPolicies: ['AmazonS3ReadOnlyAccess'] }, plan: alias(attachment('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')) },
    { name: 'IoT data-plane actions scoped by the credentials-iot variable', plan: alias(rolePolicy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/d/${credentials-iot:ThingName}' }])) },
    { name: 'module instance', plan: alias(rolePolicy([PUT_OWN], 'module.m'), 'module.m') },
    { name: 'real plan: least-privilege uploader role', plan: IOT_POLICIES, addresses: [`${A}.short_lived_ok`] },
    { name: 'real plan (iot-scope): role policy via aws_iam_role_policy, default duration', plan: IOT_SCOPE, addresses: [`${A}.default_duration_ok`] },
  ],
  invalid: [
    {
      name: '"*" on "*" in a role policy',
      plan: alias(rolePolicy([{ Effect: 'Allow', Action: '*', Resource: '*' }])),
      findings: [{ address: `${A}.device`, attribute: 'role_arn', message: /credentials of aws_iam_role\.device; aws_iam_role_policy\.device statement 0 allows \* on \*.*ALLOWS_BROAD_ACCESS_TO_USED_SERVICES/, related: 'aws_iam_role.device' }],
    },
    { name: 'a whole service: dynamodb:*', plan: alias(rolePolicy([{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }])), findings: [{ address: `${A}.device`, message: 'every dynamodb action' }] },
    { name: 'a security-auditing service', plan: alias(rolePolicy([{ Effect: 'Allow', Action: 'cloudtrail:LookupEvents', Resource: '*' }])), findings: [{ address: `${A}.device`, message: 'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES' }] },
    { name: 'IoT admin actions', plan: alias(rolePolicy([{ Effect: 'Allow', Action: 'iot:CreateThing', Resource: '*' }])), findings: [{ address: `${A}.device`, message: 'IoT control-plane actions' }] },
    { name: 'IoT data plane on every topic', plan: alias(rolePolicy([{ Effect: 'Allow', Action: 'iot:Publish', Resource: 'arn:aws:iot:us-east-1:123456789012:topic/*' }])), findings: [{ address: `${A}.device`, message: 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS' }] },
    { name: 'Allow with NotAction', plan: alias(rolePolicy([{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])), findings: [{ address: `${A}.device`, message: 'Allow with NotAction' }] },
    { name: 'a service outside allowedServices', params: { allowedServices: ['kinesis'] }, plan: alias(rolePolicy([PUT_OWN])), findings: [{ address: `${A}.device`, message: 'ALLOWS_ACCESS_TO_UNUSED_SERVICES' }] },
    { name: 'AdministratorAccess attached', plan: alias(attachment('arn:aws:iam::aws:policy/AdministratorAccess')), findings: [{ address: `${A}.device`, message: 'AWS-managed policy AdministratorAccess' }] },
    { name: 'a *FullAccess policy', plan: alias(attachment('arn:aws:iam::aws:policy/AmazonS3FullAccess')), findings: [{ address: `${A}.device`, message: 'AmazonS3FullAccess' }] },
    { name: 'an AWS-managed policy planwarden cannot read', plan: alias(attachment('arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess')), findings: [{ address: `${A}.device`, status: 'unknown', message: 'not in this plan' }] },
    {
      name: 'a customer policy attached through aws_iam_policy',
      plan: alias((p) =>
        p
          .resource('aws_iam_policy', 'extra', { values: { name: 'extra', policy: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) }, unknown: ['arn'] })
          .resource('aws_iam_role_policy_attachment', 'extra', { unknown: ['role', 'policy_arn'], refs: { role: ['aws_iam_role.device.name'], policy_arn: ['aws_iam_policy.extra.arn'] } }),
      ),
      findings: [{ address: `${A}.device`, message: 'aws_iam_policy.extra statement 0 allows iam:PassRole', related: 'aws_iam_policy.extra' }],
    },
    {
      name: 'an inline_policy block on the role',
      plan: plan()
        .resource('aws_iam_role', 'device', { values: { name: 'device', assume_role_policy: TRUST, inline_policy: [{ name: 'all', policy: doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' }) }] }, unknown: ['arn'] })
        .resource(A, 'device', { values: { alias: 'device' }, unknown: ['role_arn'], refs: { role_arn: ['aws_iam_role.device.arn'] } }),
      findings: [{ address: `${A}.device`, message: 'inline_policy "all" statement 0 allows s3:*' }],
    },
    {
      name: 'a permissions boundary is named, not intersected',
      plan: plan()
        .resource('aws_iam_role', 'device', { values: { name: 'device', assume_role_policy: TRUST, permissions_boundary: 'arn:aws:iam::123456789012:policy/boundary', managed_policy_arns: ['arn:aws:iam::aws:policy/PowerUserAccess'] }, unknown: ['arn'] })
        .resource(A, 'device', { values: { alias: 'device' }, unknown: ['role_arn'], refs: { role_arn: ['aws_iam_role.device.arn'] } }),
      findings: [{ address: `${A}.device`, message: /PowerUserAccess.*permissions boundary/ }],
    },
    { name: 'a role policy known only after apply', plan: alias((p) => p.resource('aws_iam_role_policy', 'device', { unknown: ['role', 'policy'], refs: { role: ['aws_iam_role.device.id'], policy: ['var.policy'] } })), findings: [{ address: `${A}.device`, status: 'unknown', message: 'var.policy' }] },
    { name: 'a role outside the plan', plan: plan().resource(A, 'device', { values: { alias: 'device', role_arn: 'arn:aws:iam::123456789012:role/elsewhere' } }), findings: [{ address: `${A}.device`, status: 'unknown', message: 'role/elsewhere, which is not in this plan' }] },
    { name: 'module instance', plan: alias(rolePolicy([{ Effect: 'Allow', Action: 'iam:*', Resource: '*' }], 'module.m'), 'module.m'), findings: [{ address: `module.m.${A}.device`, message: 'every iam action', related: 'module.m.aws_iam_role.device' }] },
    {
      name: 'real plan (iot-policies): "*", dynamodb:* and AdministratorAccess',
      plan: IOT_POLICIES,
      findings: [
        { address: `${A}.long_lived_bad`, message: 'AdministratorAccess' },
        { address: `${A}.long_lived_bad`, message: 'allows * on *' },
        { address: `${A}.long_lived_bad`, message: 'dynamodb:*' },
      ],
    },
    {
      name: 'real plan (iot-scope): customer policy with iam:PassRole, AWSIoTDataAccess, external role',
      plan: IOT_SCOPE,
      findings: [
        { address: `${A}.customer_policy_bad`, message: 'iam:PassRole', related: 'aws_iam_policy.uploader_passrole' },
        { address: `${A}.managed_data_access_bad`, message: 'AWSIoTDataAccess' },
        { address: `${A}.external_role_unknown`, status: 'unknown' },
      ],
    },
  ],
});
