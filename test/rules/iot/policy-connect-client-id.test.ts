import { policyConnectClientId } from '../../../policies/rules/iot/policy-connect-client-id';
import { ruleTester } from '../../support/rule-tester';
import { ARN, CLIENT, IOT_POLICIES, IOT_SCOPE, IS_ATTACHED, SCOPED, THING, allow, cdktfPolicy, dataDocumentPlan, dataStatement, policyPlan, unknownPolicyPlan } from './support';

const P = 'aws_iot_policy';

ruleTester(policyConnectClientId, {
  valid: [
    { name: 'client/${iot:Connection.Thing.ThingName} with IsAttached', plan: policyPlan(SCOPED) },
    { name: 'client/${iot:Connection.Thing.ThingName} alone (AWS denies it unless attached)', plan: policyPlan([allow('iot:Connect', `${ARN}client/${THING}`), allow('iot:Publish', `${ARN}topic/d/${THING}/*`)]) },
    { name: 'client/${iot:ClientId} with IsAttached', plan: policyPlan([allow('iot:Connect', `${ARN}client/${CLIENT}`, IS_ATTACHED)]) },
    { name: 'AWS thing-policy example: Connect on * with IsAttached', plan: policyPlan([allow('iot:Connect', '*', IS_ATTACHED)]) },
    { name: 'a static client ID in a document that is not thing-bound (IOT-005 advises)', plan: policyPlan([allow('iot:Connect', `${ARN}client/gateway-01`), allow('iot:Publish', `${ARN}topic/gateway/telemetry`)]) },
    { name: 'requireIsAttached = never', params: { requireIsAttached: 'never' }, plan: policyPlan([allow('iot:Connect', `${ARN}client/gateway-01`), allow('iot:Publish', `${ARN}topic/d/${THING}/*`)]) },
    { name: 'module instance', plan: policyPlan(SCOPED, { module: 'module.fleet["a"]' }) },
    { name: 'data document rendered from its statements', plan: dataDocumentPlan([dataStatement(['iot:Connect'], [`${ARN}client/${THING}`], { test: 'Bool', variable: 'iot:Connection.Thing.IsAttached', values: ['true'] })]) },
    { name: 'CDKTF escaped policy', plan: cdktfPolicy(SCOPED) },
    { name: 'real plan: the least-privilege policies', plan: IOT_POLICIES, addresses: [`${P}.thing_scoped_jsonencode_ok`, `${P}.thing_scoped_heredoc_ok`, `${P}.thing_scoped_policy_document_ok`, `${P}.shadow_own_thing_ok`] },
    { name: 'real plan (iot-scope): module instances and Device Defender examples', plan: IOT_SCOPE, addresses: [`module.fleet["pumps"].${P}.this`, `module.fleet["monitors"].${P}.this`, `${P}.dd_receive_broad_only_ok`, `${P}.deferred_document_ok`] },
  ],
  invalid: [
    {
      name: 'Connect on client/*',
      plan: policyPlan([allow('iot:Connect', `${ARN}client/*`)]),
      findings: [{ address: `${P}.device`, attribute: 'policy', message: `statement 0 allows iot:Connect on ${ARN}client/*: lets a device connect under other devices' client IDs (and disconnect them); e.g. it allows ${ARN}client/pw-other-device` }],
    },
    { name: 'Connect on a client ID prefix', plan: policyPlan([allow('iot:Connect', `${ARN}client/pump-*`)]), findings: [{ address: `${P}.device`, message: 'client/pump-*' }] },
    {
      name: 'client/${iot:ClientId} without IsAttached, in a thing-bound document',
      plan: policyPlan([allow('iot:Connect', `${ARN}client/${CLIENT}`), allow('iot:Publish', `${ARN}topic/d/${THING}/*`)]),
      findings: [{ address: `${P}.device`, message: /without the iot:Connection\.Thing\.IsAttached condition lets any client ID connect.*thing-bound identity is intended/ }],
    },
    {
      name: 'a static client ID without IsAttached where thing-bound identity is intended',
      plan: policyPlan([allow('iot:Connect', `${ARN}client/gateway-01`), allow('iot:Publish', `${ARN}topic/d/${THING}/*`)]),
      findings: [{ address: `${P}.device`, message: 'allows iot:Connect on arn:aws:iot:us-east-1:123456789012:client/gateway-01 without the Bool iot:Connection.Thing.IsAttached = "true" condition' }],
    },
    {
      name: 'requireIsAttached = always reaches documents that are not thing-bound',
      params: { requireIsAttached: 'always' },
      plan: policyPlan([allow('iot:Connect', `${ARN}client/gateway-01`)]),
      findings: [{ address: `${P}.device`, message: 'a certificate that is not attached' }],
    },
    { name: 'DeleteConnection on any client', plan: policyPlan([allow('iot:DeleteConnection', `${ARN}client/*`)]), findings: [{ address: `${P}.device`, message: "force other clients' connections closed" }] },
    { name: 'unknown document', plan: unknownPolicyPlan(), findings: [{ address: `${P}.device`, status: 'unknown' }] },
    { name: 'module instance', plan: policyPlan([allow('iot:Connect', '*')], { module: 'module.fleet["b"]' }, 'this'), findings: [{ address: `module.fleet["b"].${P}.this`, message: 'iot:Connect on *' }] },
    { name: 'data document with Connect on client/*', plan: dataDocumentPlan([dataStatement(['iot:Connect'], [`${ARN}client/*`])]), findings: [{ address: `${P}.device`, message: 'document from data.aws_iam_policy_document.device' }] },
    { name: 'CDKTF escaped ${iot:ClientId}', plan: cdktfPolicy([allow('iot:Connect', `${ARN}client/${CLIENT}`)]), findings: [{ address: `${P}.device`, message: 'client/${iot:ClientId} without' }] },
    {
      name: 'real plan: client/*, ${iot:ClientId} without IsAttached, iot:* and NotAction',
      plan: IOT_POLICIES,
      findings: [
        { address: `${P}.connect_any_client_bad`, message: 'client/*' },
        { address: `${P}.connect_clientid_var_no_attach_bad`, message: 'client/${iot:ClientId}' },
        { address: `${P}.wildcard_all_bad`, message: 'iot:Connect on *' },
        { address: `${P}.wildcard_all_bad`, message: 'iot:DeleteConnection on *' },
        { address: `${P}.not_action_allow_bad`, message: 'iot:Connect on *' },
        { address: `${P}.not_action_allow_bad`, message: 'iot:DeleteConnection on *' },
        { address: `${P}.shadow_named_thing_unknown`, status: 'unknown' },
      ],
    },
  ],
});
