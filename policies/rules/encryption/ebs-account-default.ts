/**
 * EBS encryption by default is an account-and-region setting (`aws_ebs_encryption_by_default`).
 * When the same plan switches it on for the region a volume is created in, AWS encrypts that
 * volume even if its configuration says nothing; the rules then pass an unset `encrypted` and
 * name the setting as evidence.
 */
import type { Evidence, PlanGraph, ResourceInstance } from '../../engine/types';
import { readSwitch } from './read';

export const EBS_DEFAULT_TYPE = 'aws_ebs_encryption_by_default';

export interface EbsAccountDefault {
  setting: ResourceInstance;
  evidence: Evidence;
}

/**
 * The live aws_ebs_encryption_by_default in this plan that is on for the instance's region.
 * `enabled` defaults to true in the provider. Regions must match when the plan shows both as
 * constants; when either is not a constant, the setting is taken to cover the instance, since
 * both would normally use the same provider configuration.
 */
export function ebsAccountDefault(instance: ResourceInstance, graph: PlanGraph): EbsAccountDefault | undefined {
  const region = graph.providerRegion(instance);
  for (const setting of graph.byType(EBS_DEFAULT_TYPE)) {
    if (setting.mode !== 'managed' || setting.action === 'delete') continue;
    const enabled = readSwitch(setting.attr('enabled'), false);
    if (enabled !== 'on' && enabled !== 'default') continue;
    const settingRegion = graph.providerRegion(setting);
    if (region !== undefined && settingRegion !== undefined && region !== settingRegion) continue;
    return { setting, evidence: { attribute: 'enabled', related: setting.address } };
  }
  return undefined;
}

export function coveredByDefault(what: string, found: EbsAccountDefault): string {
  return `${what} is encrypted by the account default (${found.setting.address} enables EBS encryption by default in this plan)`;
}
