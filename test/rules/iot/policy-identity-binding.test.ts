import { policyIdentityBinding } from '../../../policies/rules/iot/policy-identity-binding';
import { ruleTester } from '../../support/rule-tester';
import { ARN, IOT_POLICIES, IOT_SCOPE, SCOPED, THING, allow, cdktfPolicy, dataDocumentPlan, dataStatement, policyPlan, unknownPolicyPlan } from './support';

const P = 'aws_iot_policy';
const GATEWAY = [allow('iot:Connect', `${ARN}client/gateway-01`), allow('iot:Publish', `${ARN}topic/gateway/telemetry`)];

ruleTester(policyIdentityBinding, {
  valid: [
    { name: 'every resource bound to the thing name', plan: policyPlan(SCOPED) },
    { name: 'a certificate field that names the device', plan: policyPlan([allow('iot:Publish', `${ARN}topic/d/\${iot:Certificate.Subject.CommonName}`)]) },
    { name: 'static client IDs accepted, shared prefix accepted', params: { allowStaticClientIds: true, sharedTopicPrefixes: ['gateway/'] }, plan: policyPlan(GATEWAY) },
    { name: 'a wildcard prefix param is ignored, an exact one works', params: { sharedTopicPrefixes: ['*', 'fleet'] }, plan: policyPlan([...SCOPED, allow('iot:Publish', `${ARN}topic/fleet/events`)]) },
    { name: 'module instance', plan: policyPlan(SCOPED, { module: 'module.fleet["a"]' }) },
    { name: 'data document', plan: dataDocumentPlan([dataStatement(['iot:Publish'], [`${ARN}topic/d/${THING}`])]) },
    { name: 'CDKTF escaped policy', plan: cdktfPolicy(SCOPED) },
    { name: 'real plan: thing-scoped policies', plan: IOT_POLICIES, addresses: [`${P}.thing_scoped_jsonencode_ok`, `${P}.thing_scoped_heredoc_ok`, `${P}.thing_scoped_policy_document_ok`] },
  ],
  invalid: [
    {
      name: 'a single-device policy: fixed client ID and topic',
      plan: policyPlan(GATEWAY),
      findings: [
        { address: `${P}.device`, attribute: 'policy', message: `statement 0 allows iot:Connect on ${ARN}client/gateway-01: the resource names no device variable` },
        { address: `${P}.device`, message: 'topic/gateway/telemetry' },
      ],
    },
    { name: 'static client IDs accepted, the topic still reported', params: { allowStaticClientIds: true }, plan: policyPlan(GATEWAY), findings: [{ address: `${P}.device`, message: 'topic/gateway/telemetry' }] },
    { name: 'a prefix only matches at the start', params: { sharedTopicPrefixes: ['telemetry/'] }, plan: policyPlan([allow('iot:Publish', `${ARN}topic/gateway/telemetry/x`)]), findings: [{ address: `${P}.device` }] },
    { name: 'unknown document', plan: unknownPolicyPlan(), findings: [{ address: `${P}.device`, status: 'unknown' }] },
    { name: 'module instance', plan: policyPlan([allow('iot:Subscribe', `${ARN}topicfilter/commands`)], { module: 'module.m["x"]' }), findings: [{ address: `module.m["x"].${P}.device`, message: 'topicfilter/commands' }] },
    { name: 'data document', plan: dataDocumentPlan([dataStatement(['iot:Publish'], [`${ARN}topic/shared`])]), findings: [{ address: `${P}.device`, message: 'topic/shared' }] },
    { name: 'CDKTF policy', plan: cdktfPolicy([allow('iot:Connect', `${ARN}client/one`)]), findings: [{ address: `${P}.device`, message: 'client/one' }] },
    {
      name: 'real plan (iot-scope): the static gateway policy',
      plan: IOT_SCOPE,
      findings: [
        { address: `${P}.static_gateway_advisory`, message: 'client/gateway-01' },
        { address: `${P}.static_gateway_advisory`, message: 'topic/gateway/telemetry' },
        { address: `${P}.deferred_unknown`, status: 'unknown' },
      ],
    },
  ],
});
