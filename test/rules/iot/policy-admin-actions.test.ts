import { policyAdminActions } from '../../../policies/rules/iot/policy-admin-actions';
import { ruleTester } from '../../support/rule-tester';
import { ARN, IOT_POLICIES, IOT_SCOPE, SCOPED, allow, cdktfPolicy, dataDocumentPlan, dataStatement, policyPlan, unknownPolicyPlan } from './support';

const P = 'aws_iot_policy';

ruleTester(policyAdminActions, {
  valid: [
    { name: 'data-plane actions only', plan: policyPlan(SCOPED) },
    { name: 'iot:* is IOT-001\'s, not reported twice', plan: policyPlan([allow('iot:*', '*')]) },
    { name: 'an admin action accepted by allowedAdminActions', params: { allowedAdminActions: ['iot:DescribeEndpoint'] }, plan: policyPlan([...SCOPED, allow('iot:DescribeEndpoint', '*')]) },
    { name: 'module instance', plan: policyPlan(SCOPED, { module: 'module.fleet["a"]' }) },
    { name: 'data document', plan: dataDocumentPlan([dataStatement(['iot:Publish'], [`${ARN}topic/a`])]) },
    { name: 'CDKTF escaped policy', plan: cdktfPolicy(SCOPED) },
    { name: 'real plan: device policies without admin actions', plan: IOT_POLICIES, addresses: [`${P}.thing_scoped_jsonencode_ok`, `${P}.wildcard_all_bad`, `${P}.not_action_allow_bad`] },
  ],
  invalid: [
    {
      name: 'CreateThing and AttachPolicy',
      plan: policyPlan([allow(['iot:CreateThing', 'iot:AttachPolicy'], '*')]),
      findings: [
        { address: `${P}.device`, attribute: 'policy', message: /statement 0 allows iot:CreateThing on \*: grants control-plane .*ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS/ },
        { address: `${P}.device`, message: 'iot:AttachPolicy' },
      ],
    },
    { name: 'a partial wildcard reaching admin actions', plan: policyPlan([allow('iot:Update*', '*')]), findings: [{ address: `${P}.device`, message: 'iot:UpdateCertificate' }] },
    {
      name: 'an allowlist accepts only what it lists',
      params: { allowedAdminActions: ['iot:DescribeEndpoint'] },
      plan: policyPlan([allow(['iot:DescribeEndpoint', 'iot:DeleteThing'], '*')]),
      findings: [{ address: `${P}.device`, message: 'iot:DeleteThing' }],
    },
    { name: 'unknown document', plan: unknownPolicyPlan(), findings: [{ address: `${P}.device`, status: 'unknown' }] },
    { name: 'module instance', plan: policyPlan([allow('iot:RegisterThing', '*')], { module: 'module.prov' }), findings: [{ address: `module.prov.${P}.device`, message: 'iot:RegisterThing' }] },
    { name: 'data document', plan: dataDocumentPlan([dataStatement(['iot:DeleteCertificate'], ['*'])]), findings: [{ address: `${P}.device`, message: 'iot:DeleteCertificate' }] },
    { name: 'CDKTF policy', plan: cdktfPolicy([allow('iot:ListThings', '*')]), findings: [{ address: `${P}.device`, message: 'iot:ListThings' }] },
    {
      name: 'real plan (iot-policies): CreateThing, AttachPolicy, UpdateCertificate',
      plan: IOT_POLICIES,
      findings: [
        { address: `${P}.admin_actions_bad`, message: 'iot:CreateThing' },
        { address: `${P}.admin_actions_bad`, message: 'iot:AttachPolicy' },
        { address: `${P}.admin_actions_bad`, message: 'iot:UpdateCertificate' },
        { address: `${P}.shadow_named_thing_unknown`, status: 'unknown' },
      ],
    },
    {
      name: 'real plan (iot-scope): Describe* and List*',
      plan: IOT_SCOPE,
      findings: [
        { address: `${P}.describe_list_bad`, message: 'iot:Describe*' },
        { address: `${P}.describe_list_bad`, message: 'iot:List*' },
        { address: `${P}.deferred_unknown`, status: 'unknown' },
      ],
    },
  ],
});
