/** aws_iot_policy: the policy document is a JSON string, as `jsonencode` writes it (keys sorted). */
import type { PlanObject } from '../plan-values';
import { arn, computed, tagAttributes, type Account, type TaggedShape } from './common';

export type IotPolicyScope = 'scoped' | 'wildcard';

export interface IotPolicyShape extends TaggedShape {
  readonly name: string;
  readonly tenant: string;
  readonly deviceClass: string;
  readonly scope: IotPolicyScope;
}

function scopedDocument(account: Account, tenant: string, deviceClass: string): string {
  const prefix = `arn:aws:iot:${account.region}:${account.accountId}`;
  const thing = '${iot:Connection.Thing.ThingName}';
  return JSON.stringify({
    Statement: [
      { Action: 'iot:Connect', Effect: 'Allow', Resource: `${prefix}:client/${thing}`, Sid: 'ConnectAsThing' },
      {
        Action: ['iot:Publish', 'iot:Receive'],
        Effect: 'Allow',
        Resource: [`${prefix}:topic/${tenant}/${deviceClass}/${thing}/telemetry`, `${prefix}:topic/$aws/things/${thing}/shadow/*`],
        Sid: 'OwnTopics',
      },
      {
        Action: 'iot:Subscribe',
        Effect: 'Allow',
        Resource: [`${prefix}:topicfilter/${tenant}/${deviceClass}/${thing}/commands`, `${prefix}:topicfilter/$aws/things/${thing}/shadow/*`],
        Sid: 'OwnCommands',
      },
    ],
    Version: '2012-10-17',
  });
}

/** The over-broad policy HIPAA reviews flag: every IoT action on every resource. */
function wildcardDocument(): string {
  return JSON.stringify({ Statement: [{ Action: 'iot:*', Effect: 'Allow', Resource: '*' }], Version: '2012-10-17' });
}

export function iotPolicy(shape: IotPolicyShape): PlanObject {
  const known = shape.existing;
  return {
    arn: computed(known, arn(shape.account, 'iot', `policy/${shape.name}`)),
    default_version_id: computed(known, '1'),
    id: computed(known, shape.name),
    name: shape.name,
    policy: shape.scope === 'scoped' ? scopedDocument(shape.account, shape.tenant, shape.deviceClass) : wildcardDocument(),
    ...tagAttributes(shape),
    timeouts: null,
  };
}
