/**
 * What to change, per analysis problem kind. Policy variables are written as AWS receives
 * them; in HCL strings, heredocs and CDKTF constructs they must be escaped as `$${…}`.
 */
import type { PolicyProblem, ProblemKind } from '../policy';

export const THING_NAME = '${iot:Connection.Thing.ThingName}';
const ESCAPE = ' (write $${…} for ${…} in HCL and CDKTF strings)';

const BY_KIND: Readonly<Record<ProblemKind, string>> = {
  'wildcard-action': 'Replace "*" / "iot:*" with the data-plane actions the device needs (iot:Connect, iot:Publish, iot:Subscribe, iot:Receive), each on resources scoped to the device.',
  'allow-not-action': 'Replace NotAction in the Allow statement with an Action list of the data-plane actions the device needs.',
  'allow-not-resource': 'Replace NotResource in the Allow statement with the device\'s own resources, e.g. topic/devices/' + THING_NAME + '/*' + ESCAPE + '.',
  'connect-any-client': 'Restrict iot:Connect to client/' + THING_NAME + ' with Condition {"Bool": {"iot:Connection.Thing.IsAttached": "true"}}' + ESCAPE + '.',
  'client-id-without-is-attached':
    'Use client/' + THING_NAME + ' instead of client/${iot:ClientId}, or add Condition {"Bool": {"iot:Connection.Thing.IsAttached": "true"}} to the Connect statement' + ESCAPE + '.',
  'disconnect-any-client': 'Restrict iot:DeleteConnection to client/' + THING_NAME + ESCAPE + ', or remove it from device policies.',
  'publish-broad': 'Scope Publish to the device\'s own topics, e.g. topic/devices/' + THING_NAME + '/*' + ESCAPE + '.',
  'subscribe-broad': 'Scope Subscribe to the device\'s own topic filters, e.g. topicfilter/devices/' + THING_NAME + '/*' + ESCAPE + '.',
  'reserved-topic-access': 'Scope reserved topics to the device\'s own thing, e.g. topic/$aws/things/' + THING_NAME + '/shadow/* (topicfilter/… for Subscribe)' + ESCAPE + '.',
  'receive-broad': 'Scope Receive (and the Subscribe it relies on) to the device\'s own topics, e.g. topic/devices/' + THING_NAME + '/*' + ESCAPE + '.',
  'retained-message-broad': 'Scope iot:GetRetainedMessage to the device\'s own topics, e.g. topic/devices/' + THING_NAME + '/*' + ESCAPE + '.',
  'thing-api-any-thing': 'Scope shadow and job-execution actions to the device\'s own thing: thing/' + THING_NAME + ESCAPE + '.',
  'rolealias-broad': 'Name the one role alias the device may assume: rolealias/<alias name>.',
  'mqtt-wildcard-in-topic-resource': 'IoT policies take # and + literally: use * (any levels) or ? (one character) in topic/ resources, scoped to the device.',
  'mqtt-wildcard-in-deny':
    'IoT policies take # and + literally: write the Deny with * (e.g. topicfilter/building/control_room/*) and do not allow a wildcard subscription (topicfilter/building/#) that reaches the denied topics.',
  'identity-not-bound': 'Bind the resource to the device with a policy variable, e.g. client/' + THING_NAME + ' or topic/devices/' + THING_NAME + '/*' + ESCAPE + ', or list shared prefixes in the rule\'s params.',
  'admin-action': 'Remove control-plane (administrative) IoT actions from device policies; grant them to operators through IAM instead.',
  'unknown-action': 'Correct the action name (see the AWS IoT actions list); as written it grants nothing.',
  'action-resource-mismatch':
    'Pair each action with the resource type it is checked against: Connect → client/, Publish/Receive/RetainPublish/GetRetainedMessage → topic/, Subscribe → topicfilter/, shadow and job APIs → thing/, AssumeRoleWithCertificate → rolealias/.',
};

export function remediationFor(problem: PolicyProblem): string {
  return BY_KIND[problem.kind];
}
