/** aws_lightsail_instance: a service outside the AWS HIPAA-eligible list (see baa-services fixture). */
import { UNKNOWN_LIST, type PlanObject } from '../plan-values';
import { arn, computed, tagAttributes, type TaggedShape } from './common';

export interface LightsailInstanceShape extends TaggedShape {
  readonly name: string;
  readonly instanceId: string;
  readonly ipSuffix: number;
}

export function lightsailInstance(shape: LightsailInstanceShape): PlanObject {
  const known = shape.existing;
  return {
    add_on: [],
    arn: computed(known, arn(shape.account, 'lightsail', `Instance/${shape.instanceId}`)),
    availability_zone: `${shape.account.region}a`,
    blueprint_id: 'amazon_linux_2023',
    bundle_id: 'small_3_0',
    cpu_count: computed(known, 2),
    created_at: computed(known, '2024-11-04T09:12:44Z'),
    id: computed(known, shape.name),
    ip_address_type: 'dualstack',
    ipv6_addresses: computed(known, [`2600:1f18:${(shape.ipSuffix % 65536).toString(16)}::1`], UNKNOWN_LIST),
    is_static_ip: computed(known, false),
    key_pair_name: null,
    name: shape.name,
    private_ip_address: computed(known, `172.26.${shape.ipSuffix % 256}.${(shape.ipSuffix >> 8) % 256}`),
    public_ip_address: computed(known, `3.${shape.ipSuffix % 256}.${(shape.ipSuffix >> 8) % 256}.17`),
    ram_size: computed(known, 2),
    ...tagAttributes(shape),
    user_data: null,
    username: computed(known, 'ec2-user'),
  };
}
