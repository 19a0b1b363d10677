import { policyOverlyPermissive } from '../../../policies/rules/iot/policy-overly-permissive';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import {
  ARN,
  IOT_POLICIES,
  IOT_SCOPE,
  IS_ATTACHED,
  SCOPED,
  THING,
  allow,
  cdktfDataDocument,
  cdktfPolicy,
  dataDocumentPlan,
  dataStatement,
  deny,
  doc,
  policyPlan,
  unknownPolicyPlan,
} from './support';

const P = 'aws_iot_policy';
const BOOL_ATTACHED = { test: 'Bool', variable: 'iot:Connection.Thing.IsAttached', values: ['true'] };

ruleTester(policyOverlyPermissive, {
  valid: [
    { name: 'least-privilege thing-scoped policy', plan: policyPlan(SCOPED) },
    {
      name: 'AWS compliant examples: own shadow and job topics, shadow APIs on the own thing',
      plan: policyPlan([
        allow('iot:Connect', `${ARN}client/${THING}`, IS_ATTACHED),
        allow('iot:Publish', [`${ARN}topic/$aws/things/${THING}/shadow/*`, `${ARN}topic/$aws/things/${THING}/jobs/*`]),
        allow('iot:Subscribe', [`${ARN}topicfilter/$aws/things/${THING}/shadow/*`, `${ARN}topicfilter/$aws/things/${THING}/jobs/*`]),
        allow(['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DescribeJobExecution'], `${ARN}thing/${THING}`),
      ]),
    },
    { name: 'Receive on topic/$aws/things/* alone is compliant (Device Defender)', plan: policyPlan([...SCOPED, allow('iot:Receive', `${ARN}topic/$aws/things/*`)]) },
    {
      name: 'a broad Allow that an explicit Deny takes back (deny wins)',
      plan: policyPlan([...SCOPED, allow('iot:Publish', `${ARN}topic/alerts/*`), deny('iot:Publish', `${ARN}topic/alerts/*`)]),
    },
    { name: 'shared fleet prefix accepted by sharedTopicPrefixes', params: { sharedTopicPrefixes: ['fleet/broadcast'] }, plan: policyPlan([...SCOPED, allow('iot:Subscribe', `${ARN}topicfilter/fleet/broadcast/*`)]) },
    { name: 'module for_each instance, scoped', plan: policyPlan(SCOPED, { module: 'module.fleet["pumps"]' }) },
    {
      name: 'data.aws_iam_policy_document read at apply: rendered from its known statements',
      plan: dataDocumentPlan([
        dataStatement(['iot:Connect'], [`${ARN}client/${THING}`], BOOL_ATTACHED),
        dataStatement(['iot:Receive', 'iot:Publish'], [`${ARN}topic/devices/${THING}/*`]),
      ]),
    },
    { name: 'data.aws_iam_policy_document whose json is in the plan', plan: dataDocumentPlan([], { json: doc(...SCOPED) }) },
    { name: 'CDKTF literal policy with $${…} escapes', plan: cdktfPolicy(SCOPED) },
    { name: 'CDKTF policy from a DataAwsIamPolicyDocument', plan: cdktfDataDocument([dataStatement(['iot:Publish'], [`${ARN}topic/devices/${THING}/*`])]) },
    {
      name: 'real plan: jsonencode, heredoc and aws_iam_policy_document least-privilege policies, own shadow',
      plan: IOT_POLICIES,
      addresses: [`${P}.thing_scoped_jsonencode_ok`, `${P}.thing_scoped_heredoc_ok`, `${P}.thing_scoped_policy_document_ok`, `${P}.shadow_own_thing_ok`, `${P}.connect_any_client_bad`],
    },
    {
      name: 'real plan: Device Defender compliant examples, deferred data document, module instance',
      plan: IOT_SCOPE,
      addresses: [`${P}.dd_receive_broad_only_ok`, `${P}.dd_jobs_own_thing_ok`, `${P}.dd_deny_with_star_ok`, `${P}.deferred_document_ok`, `module.fleet["pumps"].${P}.this`],
    },
  ],
  invalid: [
    {
      name: 'iot:* on * is one finding naming the statement, the action and what it reaches',
      plan: policyPlan([allow('iot:*', '*')]),
      findings: [{ address: `${P}.device`, attribute: 'policy', message: /statement 0 allows iot:\* on \*: allows every IoT action.*publish to other devices' topics \(e\.g\. arn:aws:iot:us-east-1:123456789012:topic\/pw-other-device\)/ }],
    },
    { name: '"*" as the action', plan: policyPlan([allow('*', '*')]), findings: [{ address: `${P}.device`, message: 'allows * on *' }] },
    { name: 'Allow with NotAction', plan: policyPlan([{ Effect: 'Allow', NotAction: 'iot:DeleteThing', Resource: '*' }]), findings: [{ address: `${P}.device`, message: 'Allow with NotAction' }] },
    {
      name: 'Allow with NotResource',
      plan: policyPlan([{ Effect: 'Allow', Action: 'iot:Publish', NotResource: `${ARN}topic/admin` }]),
      findings: [{ address: `${P}.device`, message: 'Allow with NotResource grants every resource not listed' }],
    },
    {
      name: 'Publish on a topic prefix without the thing level, with the witness',
      plan: policyPlan([...SCOPED, allow('iot:Publish', `${ARN}topic/devices/*`)], {}, 'pumps'),
      findings: [{ address: `${P}.pumps`, message: `statement 3 allows iot:Publish on ${ARN}topic/devices/*: lets a device publish to other devices' topics; e.g. it allows ${ARN}topic/devices/pw-other-device` }],
    },
    {
      name: 'Subscribe with a literal # (the device may subscribe to every device) and the Receive it enables',
      plan: policyPlan([allow('iot:Subscribe', `${ARN}topicfilter/devices/#`), allow('iot:Receive', `${ARN}topic/devices/*`)]),
      findings: [
        { address: `${P}.device`, message: `allows iot:Subscribe on ${ARN}topicfilter/devices/#` },
        { address: `${P}.device`, message: 'receives from a broad set of topics, and the policy also allows a broad subscription' },
      ],
    },
    {
      name: 'Device Defender noncompliant examples: $aws/things/* shadow update, +, thing/*',
      plan: policyPlan([
        allow('iot:Publish', `${ARN}topic/$aws/things/*/shadow/update`),
        allow('iot:Subscribe', `${ARN}topicfilter/$aws/things/+/shadow/update`),
        allow(['iot:GetThingShadow', 'iot:UpdateThingShadow', 'iot:DeleteThingShadow'], `${ARN}thing/*`),
      ]),
      findings: [
        { address: `${P}.device`, message: /statement 0 .*reaches reserved \$aws\/ topics.*pw-other-device\/shadow\/update/ },
        { address: `${P}.device`, message: /statement 1 .*reaches reserved \$aws\/ topics/ },
        { address: `${P}.device`, message: /statement 2 allows iot:GetThingShadow, iot:UpdateThingShadow, iot:DeleteThingShadow on .*thing\/\*.*thing\/pw-other-device/ },
      ],
    },
    { name: 'GetRetainedMessage on every topic', plan: policyPlan([allow('iot:GetRetainedMessage', `${ARN}topic/*`)]), findings: [{ address: `${P}.device`, message: "read other devices' retained messages" }] },
    { name: 'AssumeRoleWithCertificate on any role alias', plan: policyPlan([allow('iot:AssumeRoleWithCertificate', `${ARN}rolealias/*`)]), findings: [{ address: `${P}.device`, message: 'assume any role alias' }] },
    {
      name: 'an update that widens the policy says so',
      plan: plan().resource(P, 'device', { action: 'update', values: { name: 'device', policy: doc(allow('iot:Publish', `${ARN}topic/*`)) }, before: { name: 'device', policy: doc(...SCOPED) } }),
      findings: [{ address: `${P}.device`, message: 'new in this update' }],
    },
    { name: 'a document known only after apply is unknown, never a pass', plan: unknownPolicyPlan(), findings: [{ address: `${P}.device`, status: 'unknown', message: 'built from aws_iot_thing.sensor.arn' }] },
    {
      name: 'a data document read at apply whose statements are unknown',
      plan: dataDocumentPlan([dataStatement(['iot:Publish'], [])], { statementsUnknown: true }),
      findings: [{ address: `${P}.device`, status: 'unknown', message: 'data.aws_iam_policy_document.device', related: 'data.aws_iam_policy_document.device' }],
    },
    {
      name: 'a broad data document, rendered from its statements, names its origin',
      plan: dataDocumentPlan([dataStatement(['iot:Subscribe'], [`${ARN}topicfilter/*`])]),
      findings: [{ address: `${P}.device`, message: 'document from data.aws_iam_policy_document.device (rendered from its statements)', related: 'data.aws_iam_policy_document.device' }],
    },
    {
      name: 'module instance with a broad policy',
      plan: policyPlan([allow(['iot:Publish'], `${ARN}topic/monitors/*`)], { module: 'module.fleet["monitors"]' }, 'this'),
      findings: [{ address: `module.fleet["monitors"].${P}.this`, message: 'topic/monitors/pw-other-device' }],
    },
    {
      name: 'CDKTF policy: the escape is read as a variable, the wildcard still found',
      plan: cdktfPolicy([allow('iot:Connect', `${ARN}client/${THING}`, IS_ATTACHED), allow('iot:Publish', `${ARN}topic/*`)]),
      findings: [{ address: `${P}.device`, message: `statement 1 allows iot:Publish on ${ARN}topic/*` }],
    },
    {
      name: 'CDKTF DataAwsIamPolicyDocument with a broad subscription',
      plan: cdktfDataDocument([dataStatement(['iot:Subscribe'], [`${ARN}topicfilter/$aws/things/*`])]),
      findings: [{ address: `${P}.device`, message: 'reserved $aws/ topics' }],
    },
    {
      name: 'real plan (iot-policies): iot:*, NotAction, MQTT wildcards, thing/*, unknown document',
      plan: IOT_POLICIES,
      findings: [
        { address: `${P}.wildcard_all_bad`, message: 'allows iot:* on *' },
        { address: `${P}.not_action_allow_bad`, message: 'Allow with NotAction' },
        { address: `${P}.mqtt_wildcards_bad`, message: 'topicfilter/devices/#' },
        { address: `${P}.mqtt_wildcards_bad`, message: 'allows iot:Publish on arn:aws:iot:us-east-1:123456789012:topic/devices/*' },
        { address: `${P}.mqtt_wildcards_bad`, message: 'allows iot:Receive' },
        { address: `${P}.shadow_any_thing_bad`, message: 'thing/*' },
        { address: `${P}.shadow_any_thing_bad`, message: 'topic/$aws/things/*/shadow/update' },
        { address: `${P}.shadow_named_thing_unknown`, status: 'unknown', message: 'aws_iot_thing.sensor.arn' },
      ],
    },
    {
      name: 'real plan (iot-scope): Device Defender noncompliant examples, module instance, deferred unknown document',
      plan: IOT_SCOPE,
      findings: [
        { address: `${P}.dd_subscribe_plus_bad`, message: 'topicfilter/$aws/things/+/shadow/update' },
        { address: `${P}.dd_publish_things_bad`, message: 'topic/$aws/things/pw-other-device' },
        { address: `${P}.dd_deny_with_hash_bad`, message: 'topicfilter/building/*' },
        { address: `${P}.dd_deny_bypassed_bad`, message: 'topicfilter/building/*' },
        { address: `${P}.dd_deny_bypassed_bad`, message: 'iot:Receive' },
        { address: `${P}.describe_list_bad`, message: 'iot:DescribeJobExecution on *' },
        { address: `module.fleet["monitors"].${P}.this`, message: 'iot:Publish on arn:aws:iot:us-east-1:123456789012:topic/monitors/*' },
        { address: `module.fleet["monitors"].${P}.this`, message: 'iot:Receive' },
        { address: `module.fleet["monitors"].${P}.this`, message: 'iot:Subscribe' },
        { address: `${P}.deferred_unknown`, status: 'unknown', message: 'data.aws_iam_policy_document.deferred_unknown' },
      ],
    },
  ],
});
