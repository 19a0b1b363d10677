import { policyMisconfiguration } from '../../../policies/rules/iot/policy-misconfiguration';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { ARN, IOT_POLICIES, IOT_SCOPE, SCOPED, THING, allow, cdktfPolicy, dataDocumentPlan, dataStatement, deny, policyPlan, unknownPolicyPlan } from './support';

const P = 'aws_iot_policy';

ruleTester(policyMisconfiguration, {
  valid: [
    { name: 'least-privilege policy', plan: policyPlan(SCOPED) },
    { name: 'a Deny written with * (Device Defender compliant example)', plan: policyPlan([allow('iot:Subscribe', `${ARN}topicfilter/building/${THING}/*`), deny('iot:Subscribe', `${ARN}topicfilter/building/control_room/*`)]) },
    { name: 'an own-subtree filter ending in # is fine in an Allow on topicfilter/', plan: policyPlan([allow('iot:Subscribe', `${ARN}topicfilter/d/${THING}/#`)]) },
    { name: 'no Version but no policy variables either', plan: plan().resource(P, 'device', { values: { name: 'device', policy: JSON.stringify({ Statement: [allow('iot:Publish', `${ARN}topic/a`)] }) } }) },
    { name: 'module instance', plan: policyPlan(SCOPED, { module: 'module.fleet["a"]' }) },
    { name: 'data document rendered from statements', plan: dataDocumentPlan([dataStatement(['iot:Subscribe'], [`${ARN}topicfilter/d/${THING}/*`])]) },
    { name: 'CDKTF escaped policy', plan: cdktfPolicy(SCOPED) },
    { name: 'real plan: least-privilege policies', plan: IOT_POLICIES, addresses: [`${P}.thing_scoped_jsonencode_ok`, `${P}.thing_scoped_policy_document_ok`, `${P}.shadow_any_thing_bad`] },
    { name: 'real plan (iot-scope): Deny written with *', plan: IOT_SCOPE, addresses: [`${P}.dd_deny_with_star_ok`, `${P}.deferred_document_ok`] },
  ],
  invalid: [
    {
      name: 'Device Defender example: Deny with # does not block building/control_room/data1',
      plan: policyPlan([allow('iot:Subscribe', `${ARN}topicfilter/building/*`), deny('iot:Subscribe', `${ARN}topicfilter/building/control_room/#`)]),
      findings: [{ address: `${P}.device`, attribute: 'policy', message: /statement 1 denies iot:Subscribe on .*control_room\/#: # and \+ are literal.*POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT/ }],
    },
    {
      name: 'Device Defender example: a Deny that building/# gets around',
      plan: policyPlan([allow('iot:Subscribe', `${ARN}topicfilter/building/*`), allow('iot:Receive', `${ARN}topic/building/*`), deny('iot:Subscribe', `${ARN}topicfilter/building/control_room/*`)]),
      findings: [{ address: `${P}.device`, message: /subscribing to "building\/#".*TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS/ }],
    },
    { name: '+ in a topic/ Allow matches no message', plan: policyPlan([allow('iot:Publish', `${ARN}topic/devices/+/telemetry`)]), findings: [{ address: `${P}.device`, message: 'literal characters in a topic resource' }] },
    {
      name: 'Subscribe on topic/ is a dead grant',
      plan: policyPlan([allow('iot:Subscribe', `${ARN}topic/d/${THING}/*`)]),
      findings: [{ address: `${P}.device`, message: 'iot:Subscribe is checked against topicfilter/ resources' }],
    },
    { name: 'a misspelt action', plan: policyPlan([allow('iot:Publsh', `${ARN}topic/d/${THING}`)]), findings: [{ address: `${P}.device`, message: 'is not an IoT action' }] },
    {
      name: 'policy variables without Version 2012-10-17',
      plan: plan().resource(P, 'device', { values: { name: 'device', policy: JSON.stringify({ Statement: [allow('iot:Publish', `${ARN}topic/d/${THING}`)] }) } }),
      findings: [{ address: `${P}.device`, message: 'no Version' }],
    },
    {
      name: 'a document over the 2048-character limit',
      plan: policyPlan(Array.from({ length: 30 }, (_, i) => allow('iot:Publish', `${ARN}topic/devices/${THING}/channel-${i}`))),
      findings: [{ address: `${P}.device`, message: '2048-character limit' }],
    },
    {
      name: 'not JSON: AWS will refuse it',
      plan: plan().resource(P, 'device', { values: { name: 'device', policy: '{"Version": "2012-10-17", "Statement": [' } }),
      findings: [{ address: `${P}.device`, message: 'AWS will refuse it at apply' }],
    },
    { name: 'unknown document', plan: unknownPolicyPlan(), findings: [{ address: `${P}.device`, status: 'unknown' }] },
    { name: 'module instance', plan: policyPlan([deny('iot:Publish', `${ARN}topic/a/#`), allow('iot:Publish', `${ARN}topic/a/*`)], { module: 'module.m' }), findings: [{ address: `module.m.${P}.device`, message: 'literal in policies' }] },
    { name: 'data document with # in a Deny', plan: dataDocumentPlan([{ ...dataStatement(['iot:Subscribe'], [`${ARN}topicfilter/a/#`]), effect: 'Deny' }]), findings: [{ address: `${P}.device`, message: 'denies iot:Subscribe' }] },
    { name: 'CDKTF policy with + in a Deny', plan: cdktfPolicy([deny('iot:Publish', `${ARN}topic/d/+/x`)]), findings: [{ address: `${P}.device`, message: 'denies iot:Publish' }] },
    {
      name: 'real plan (iot-policies): + in topic/ and a Deny',
      plan: IOT_POLICIES,
      findings: [
        { address: `${P}.mqtt_wildcards_bad`, message: 'topic/devices/+/telemetry' },
        { address: `${P}.mqtt_wildcards_bad`, message: 'denies iot:Publish on arn:aws:iot:us-east-1:123456789012:topic/devices/+/admin' },
        { address: `${P}.shadow_named_thing_unknown`, status: 'unknown' },
      ],
    },
    {
      name: 'real plan (iot-scope): both Device Defender misconfiguration examples',
      plan: IOT_SCOPE,
      findings: [
        { address: `${P}.dd_deny_with_hash_bad`, message: 'POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT' },
        { address: `${P}.dd_deny_bypassed_bad`, message: 'TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS' },
        { address: `${P}.deferred_unknown`, status: 'unknown' },
      ],
    },
  ],
});
