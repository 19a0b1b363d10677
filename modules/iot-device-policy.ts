import { AwsEnvironment, arnFor } from './environment';
import { PolicyStatement } from './policy-document';

/**
 * The IoT policy variable for the connected thing's name, escaped for Terraform: Terraform
 * reads `$${` as a literal `${`, so AWS IoT receives `${iot:Connection.Thing.ThingName}`.
 * Unescaped, Terraform would try to interpolate it and the plan would fail.
 */
export const THING_NAME_VARIABLE = '$${iot:Connection.Thing.ThingName}';

export interface DevicePolicyOptions {
  /** Topic levels before the thing name, e.g. `telemetry/infusion-pumps`. */
  readonly topicPrefix: string;
  /** Also let each device use its own classic shadow (`$aws/things/<own name>/shadow/...`). */
  readonly allowOwnShadow: boolean;
}

/**
 * Statements that let a device act only as itself: connect with its own thing name as client
 * id, and only while its certificate is attached to that thing (otherwise the name is just a
 * claim); publish, receive and subscribe only under `<prefix>/<own thing name>/`.
 */
export function devicePolicyStatements(env: AwsEnvironment, options: DevicePolicyOptions): PolicyStatement[] {
  const iotArn = (resource: string) => arnFor(env, 'iot', resource);
  const attachedThing = { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } };
  const ownTopics = `${options.topicPrefix}/${THING_NAME_VARIABLE}/*`;
  const ownShadow = `$aws/things/${THING_NAME_VARIABLE}/shadow/*`;
  const topics = options.allowOwnShadow ? [ownTopics, ownShadow] : [ownTopics];
  return [
    {
      Sid: 'ConnectOnlyAsOwnAttachedThing',
      Effect: 'Allow',
      Action: 'iot:Connect',
      Resource: iotArn(`client/${THING_NAME_VARIABLE}`),
      Condition: attachedThing,
    },
    {
      Sid: 'PublishAndReceiveOnlyOwnTopics',
      Effect: 'Allow',
      Action: ['iot:Publish', 'iot:Receive'],
      Resource: topics.map((topic) => iotArn(`topic/${topic}`)),
      Condition: attachedThing,
    },
    {
      // Subscribe is authorised against topic *filters*, hence topicfilter/ rather than topic/.
      Sid: 'SubscribeOnlyOwnTopicFilters',
      Effect: 'Allow',
      Action: 'iot:Subscribe',
      Resource: topics.map((topic) => iotArn(`topicfilter/${topic}`)),
      Condition: attachedThing,
    },
  ];
}

/**
 * Throws unless `prefix` is plain topic levels. MQTT wildcards (`#`, `+`) are literal
 * characters in a policy and IAM wildcards (`*`, `?`) would widen every device's reach;
 * `$` starts AWS-reserved topics and policy variables.
 */
export function validateTopicPrefix(prefix: string): void {
  if (!/^[a-zA-Z0-9_-]+(\/[a-zA-Z0-9_-]+)*$/.test(prefix)) {
    throw new Error(`topic prefix "${prefix}" must be "/"-separated levels of letters, digits, "_" or "-" (no wildcards, no "$", no leading or trailing "/")`);
  }
}
