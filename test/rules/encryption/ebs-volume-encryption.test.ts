import type { JsonObject } from '../../../policies/engine/types';
import { ebsVolumeEncryption } from '../../../policies/rules/encryption/ebs-volume-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { COMPUTE, EBS_DEFAULT, MANAGED, STORAGE_SOURCES } from './fixtures';

const VOL = 'aws_ebs_volume';
const LT = 'aws_launch_template';
const DEFAULT = 'aws_ebs_encryption_by_default';

/** The account default is switched on through a provider for us-west-2; the volume is in us-east-1. */
function defaultInAnotherRegion(): JsonObject {
  const doc = plan().resource(DEFAULT, 'west', { values: { enabled: true } }).resource(VOL, 'v', { unknown: ['encrypted'] }).build();
  const config = doc.configuration as JsonObject;
  (config.provider_config as JsonObject)['aws.west'] = {
    name: 'aws',
    full_name: 'registry.terraform.io/hashicorp/aws',
    alias: 'west',
    expressions: { region: { constant_value: 'us-west-2' } },
  };
  const resources = (config.root_module as JsonObject).resources as JsonObject[];
  const setting = resources.find((r) => r.address === `${DEFAULT}.west`);
  if (setting) setting.provider_config_key = 'aws.west';
  return doc;
}

ruleTester(ebsVolumeEncryption, {
  valid: [
    { name: 'encrypted = true', plan: plan().resource(VOL, 'v', { values: { encrypted: true }, unknown: ['kms_key_id'] }) },
    { name: 'encrypted omitted, account default on in the same plan', plan: plan().resource(DEFAULT, 'on', { values: { enabled: true } }).resource(VOL, 'v', { unknown: ['encrypted', 'kms_key_id'] }) },
    {
      name: 'encrypted from a variable known only after apply, account default on',
      plan: plan().resource(DEFAULT, 'on', { values: { enabled: true } }).resource(VOL, 'v', { module: 'module.data["a"]', unknown: ['encrypted'], refs: { encrypted: ['var.encrypted'] } }),
    },
    {
      name: 'instance root and EBS devices encrypted',
      plan: plan().resource('aws_instance', 'i', { values: { root_block_device: [{ encrypted: true }], ebs_block_device: [{ device_name: '/dev/sdf', encrypted: true }] } }),
    },
    { name: 'launch template mapping encrypted (string "true")', plan: plan().resource(LT, 't', { values: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }] } }) },
    { name: 'launch template instance-store mapping (no ebs block) is not judged', plan: plan().resource(LT, 't', { values: { block_device_mappings: [{ device_name: '/dev/xvda', ebs: [{ encrypted: 'true' }] }, { device_name: '/dev/sdb', virtual_name: 'ephemeral0', ebs: [] }] } }) },
    { name: 'launch configuration root encrypted', plan: plan().resource('aws_launch_configuration', 'lc', { values: { root_block_device: [{ encrypted: true }], ebs_block_device: [] } }) },
    {
      name: 'customer-managed key required and named',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource(VOL, 'v', { values: { encrypted: true }, unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.ebs.arn'] } }),
    },
    {
      name: 'customer-managed key required: the account default key is a CMK',
      params: { requireCustomerManagedKey: true },
      plan: plan()
        .resource('aws_ebs_default_kms_key', 'k', { unknown: ['key_arn'], refs: { key_arn: ['aws_kms_key.ebs.arn'] } })
        .resource(VOL, 'v', { values: { encrypted: true }, unknown: ['kms_key_id'] }),
    },
    { name: 'WorkSpace with both volumes encrypted', plan: plan().resource('aws_workspaces_workspace', 'w', { values: { root_volume_encryption_enabled: true, user_volume_encryption_enabled: true, volume_encryption_key: 'alias/aws/workspaces' } }) },
    { name: 'real plan: encrypted WorkSpace with a CMK', plan: MANAGED, addresses: ['aws_workspaces_workspace.encrypted_ok'] },
    { name: 'real plan: CMK volume, encrypted instance and launch template', plan: COMPUTE, addresses: [`${VOL}.cmk_encrypted_ok`, 'aws_instance.encrypted_disks_ok', `${LT}.encrypted_ok`] },
    { name: 'real plan: omitted encryption covered by the account default', plan: EBS_DEFAULT, addresses: [`${VOL}.omitted_covered_by_account_default_ok`, 'aws_instance.root_omitted_covered_by_account_default_ok'] },
    { name: 'real plan: instance whose root volume comes from an encrypted launch template', plan: STORAGE_SOURCES, addresses: ['aws_instance.from_template_ok', `${LT}.encrypted_root_ok`] },
  ],
  invalid: [
    {
      name: 'encrypted omitted, no account default',
      plan: plan().resource(VOL, 'v', { unknown: ['encrypted', 'kms_key_id'] }),
      findings: [{ address: `${VOL}.v`, attribute: 'encrypted', message: 'does not enable EBS encryption by default; set encrypted = true' }],
    },
    {
      name: 'account default in another region does not cover the volume',
      plan: defaultInAnotherRegion(),
      findings: [{ address: `${VOL}.v`, attribute: 'encrypted', message: 'does not enable EBS encryption by default' }],
    },
    {
      name: 'account default switched off does not cover the volume',
      plan: plan().resource(DEFAULT, 'off', { values: { enabled: false } }).resource(VOL, 'v', { unknown: ['encrypted'] }),
      findings: [{ address: `${VOL}.v`, attribute: 'encrypted' }],
    },
    {
      name: 'explicit false even with the account default on',
      plan: plan().resource(DEFAULT, 'on', { values: { enabled: true } }).resource(VOL, 'v', { values: { encrypted: false } }),
      findings: [{ address: `${VOL}.v`, message: 'aws_ebs_encryption_by_default.on makes AWS encrypt it anyway' }],
    },
    {
      name: 'encrypted from a variable known only after apply, no account default',
      plan: plan().resource(VOL, 'v', { unknown: ['encrypted'], refs: { encrypted: ['var.encrypted'] } }),
      findings: [{ address: `${VOL}.v`, status: 'unknown' }],
    },
    {
      name: 'volume from a snapshot this plan does not show',
      plan: plan().resource(VOL, 'v', { values: { snapshot_id: 'snap-0123456789abcdef0' }, unknown: ['encrypted'] }),
      findings: [{ address: `${VOL}.v`, status: 'unknown', message: 'source snapshot' }],
    },
    {
      name: 'instance in a for_each module without a root block device',
      plan: plan().resource('aws_instance', 'i', { module: 'module.app["web"]', unknown: ['root_block_device', 'ebs_block_device'] }),
      findings: [{ address: 'module.app["web"].aws_instance.i', attribute: 'root_block_device', message: 'follows the AMI' }],
    },
    {
      name: 'instance from a launch template outside the plan',
      plan: plan().resource('aws_instance', 'i', { values: { launch_template: [{ id: 'lt-0123456789abcdef0' }] }, unknown: ['root_block_device'] }),
      findings: [{ address: 'aws_instance.i', status: 'unknown', message: 'launch template this plan does not show' }],
    },
    {
      name: 'launch template with no block device mappings',
      plan: plan().resource(LT, 't', { values: { block_device_mappings: [] } }),
      findings: [{ address: `${LT}.t`, attribute: 'block_device_mappings' }],
    },
    {
      name: 'launch configuration with an unencrypted EBS device',
      plan: plan().resource('aws_launch_configuration', 'lc', { values: { root_block_device: [{ encrypted: true }], ebs_block_device: [{ device_name: '/dev/sdg', encrypted: false }] } }),
      findings: [{ address: 'aws_launch_configuration.lc', message: 'EBS device /dev/sdg has encrypted = false' }],
    },
    {
      name: 'customer-managed key required, volume on aws/ebs',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource(VOL, 'v', { values: { encrypted: true }, unknown: ['kms_key_id'] }),
      findings: [{ address: `${VOL}.v`, attribute: 'kms_key_id', message: 'aws/ebs' }],
    },
    {
      name: 'customer-managed key required, launch configuration cannot name one',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource('aws_launch_configuration', 'lc', { values: { root_block_device: [{ encrypted: true }] } }),
      findings: [{ address: 'aws_launch_configuration.lc', message: 'cannot name a KMS key' }],
    },
    {
      name: 'WorkSpace user volume unencrypted, and aws/workspaces when a CMK is required',
      params: { requireCustomerManagedKey: true },
      plan: plan().resource('aws_workspaces_workspace', 'w', { values: { root_volume_encryption_enabled: true, user_volume_encryption_enabled: false, volume_encryption_key: 'alias/aws/workspaces' } }),
      findings: [
        { address: 'aws_workspaces_workspace.w', attribute: 'user_volume_encryption_enabled' },
        { address: 'aws_workspaces_workspace.w', attribute: 'volume_encryption_key', message: 'root volume' },
      ],
    },
    {
      name: 'real plan: WorkSpace with both volume flags omitted',
      plan: MANAGED,
      findings: [
        { address: 'aws_workspaces_workspace.unencrypted_bad', attribute: 'root_volume_encryption_enabled' },
        { address: 'aws_workspaces_workspace.unencrypted_bad', attribute: 'user_volume_encryption_enabled' },
      ],
    },
    {
      name: 'real plan: false, omitted, unencrypted instance devices and launch template mappings',
      plan: COMPUTE,
      findings: [
        { address: `${VOL}.encrypted_false_bad`, message: 'has encrypted = false' },
        { address: `${VOL}.encryption_omitted_bad`, message: 'does not set encrypted' },
        { address: 'aws_instance.root_unencrypted_bad', attribute: 'root_block_device.encrypted' },
        { address: 'aws_instance.root_unencrypted_bad', attribute: 'ebs_block_device.encrypted', message: '/dev/sdf' },
        { address: 'aws_instance.no_block_device_blocks_bad', attribute: 'root_block_device' },
        { address: `${LT}.unencrypted_bad`, message: 'device /dev/xvda does not set encrypted' },
        { address: `${LT}.unencrypted_bad`, message: 'device /dev/sdf has encrypted = false' },
      ],
    },
    { name: 'real plan: explicit false despite the account default', plan: EBS_DEFAULT, findings: [{ address: `${VOL}.explicit_false_despite_default`, message: 'makes AWS encrypt it anyway' }] },
    { name: 'real plan: a volume snapshotted in the same plan', plan: STORAGE_SOURCES, findings: [{ address: `${VOL}.plain_bad`, attribute: 'encrypted' }] },
  ],
});
