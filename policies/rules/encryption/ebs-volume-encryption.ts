/**
 * ENC-003: EBS volumes are encrypted — standalone volumes, the root and EBS block devices of
 * instances and spot requests, the block device mappings of launch templates and launch
 * configurations, and the root and user volumes of WorkSpaces. One concern (block storage at
 * rest), one rule; each device gets its own verdict naming the device.
 */
import type { AttributePath, Evidence, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { coveredByDefault, ebsAccountDefault, type EbsAccountDefault } from './ebs-account-default';
import { judgeKey, requiresCustomerKey } from './key-requirement';
import { attributeName, isSet, readKey, readSwitch, type Switch } from './read';

const INSTANCE_TYPES = new Set(['aws_instance', 'aws_spot_instance_request']);

interface Device {
  /** 'root volume', 'EBS device /dev/sdf'. */
  label: string;
  /** Path of `encrypted`; undefined when the resource declares no such device (the AMI decides). */
  encryptedPath?: AttributePath;
  /** Path of the device's key attribute, when the schema has one. */
  keyPath?: AttributePath;
  /** Path of the snapshot the device is created from, when the schema has one. */
  snapshotPath?: AttributePath;
  /** What to write to fix it, e.g. 'encrypted = true' or 'ebs.encrypted = "true"'. */
  fix: string;
  /** The attribute a finding names when the device is not declared at all. */
  missing?: string;
  /** false for launch template mappings, whose attributes the provider does not compute. */
  computed: boolean;
}

interface Context {
  instance: ResourceInstance;
  ctx: RuleContext;
  accountDefault: EbsAccountDefault | undefined;
}

function who(c: Context, device: Device): string {
  return device.label === 'volume' ? c.instance.address : `${c.instance.address} ${device.label}`;
}

/** With a customer-managed key required, an unset key is fine only if the plan sets a customer-managed account default key. */
function judgeDeviceKey(c: Context, device: Device, attribute: string): Outcome {
  const evidence: Evidence[] = c.accountDefault ? [c.accountDefault.evidence] : [];
  if (!requiresCustomerKey(c.ctx.params)) return pass(attribute, `${who(c, device)} is encrypted`, { evidence });
  const keyOwner = device.keyPath ? readKey(c.instance.attr(device.keyPath), device.computed) : 'default';
  if (keyOwner === 'default') {
    const defaultKey = c.ctx.graph.byType('aws_ebs_default_kms_key').find((k) => k.action !== 'delete' && readKey(k.attr('key_arn')) === 'customer');
    if (defaultKey) {
      return pass(attribute, `${who(c, device)} uses the account's default EBS key, a customer-managed key set by ${defaultKey.address}`, {
        evidence: [{ attribute: 'key_arn', related: defaultKey.address }],
      });
    }
  }
  if (!device.keyPath) {
    return fail(attribute, `${who(c, device)} cannot name a KMS key, so it uses the account's default EBS key (aws/ebs unless aws_ebs_default_kms_key sets one); set a customer-managed aws_ebs_default_kms_key, or move to a launch template with ebs.kms_key_id`, {
      remediation: 'Set aws_ebs_default_kms_key.key_arn to a customer-managed aws_kms_key, or use a launch template whose block_device_mappings.ebs.kms_key_id names one.',
    });
  }
  return judgeKey({
    instance: c.instance,
    path: device.keyPath,
    serviceDefault: "the account's default EBS key (aws/ebs unless aws_ebs_default_kms_key sets one)",
    defaultEncrypts: true,
    requireCustomerManagedKey: true,
    graph: c.ctx.graph,
    computed: device.computed,
    subject: device.label === 'volume' ? undefined : device.label,
  });
}

function judgeDevice(c: Context, device: Device): Outcome {
  const attribute = device.encryptedPath ? attributeName(device.encryptedPath) : (device.missing ?? device.label);
  const state: Switch = device.encryptedPath ? readSwitch(c.instance.attr(device.encryptedPath), device.computed) : 'default';
  const remediation = `Set ${device.fix}, or enable EBS encryption by default for the account with aws_ebs_encryption_by_default.`;
  if (state === 'on') return judgeDeviceKey(c, device, attribute);
  if (state === 'off') {
    const despite = c.accountDefault
      ? ` (${c.accountDefault.setting.address} makes AWS encrypt it anyway, and Terraform then reports drift on every plan)`
      : '';
    return fail(attribute, `${who(c, device)} has encrypted = false${despite}; set ${device.fix}`, { remediation });
  }
  if (c.accountDefault) {
    const covered = pass(attribute, coveredByDefault(who(c, device), c.accountDefault), { evidence: [c.accountDefault.evidence] });
    return requiresCustomerKey(c.ctx.params) ? judgeDeviceKey(c, device, attribute) : covered;
  }
  if (state === 'unknown') {
    return unknown(attribute, `${who(c, device)}: encrypted is known only after apply, and this plan does not enable EBS encryption by default`, { remediation });
  }
  if (device.snapshotPath && isSet(c.instance.attr(device.snapshotPath), device.computed)) {
    return unknown(attribute, `${who(c, device)} leaves encryption to its source snapshot, which this plan does not show; set ${device.fix}`, { remediation });
  }
  const why = device.encryptedPath ? 'does not set encrypted' : 'is not declared, so its encryption follows the AMI';
  return fail(attribute, `${who(c, device)} ${why}, and this plan does not enable EBS encryption by default; set ${device.fix}`, { remediation });
}

function volumeDevices(): Device[] {
  return [{ label: 'volume', encryptedPath: ['encrypted'], keyPath: ['kms_key_id'], snapshotPath: ['snapshot_id'], fix: 'encrypted = true', computed: true }];
}

function instanceDevices(instance: ResourceInstance, hasKey: boolean): Device[] {
  const devices: Device[] = [];
  const roots = instance.blocks('root_block_device');
  if (roots.length === 0) devices.push({ label: 'root volume', fix: 'root_block_device { encrypted = true }', missing: 'root_block_device', computed: true });
  for (const root of roots) {
    devices.push({
      label: 'root volume',
      encryptedPath: [...root, 'encrypted'],
      keyPath: hasKey ? [...root, 'kms_key_id'] : undefined,
      fix: 'root_block_device.encrypted = true',
      computed: true,
    });
  }
  for (const path of instance.blocks('ebs_block_device')) {
    const name = instance.attr([...path, 'device_name']);
    const label = `EBS device ${name.state === 'known' && typeof name.value === 'string' ? name.value : `#${String(path[path.length - 1])}`}`;
    devices.push({
      label,
      encryptedPath: [...path, 'encrypted'],
      keyPath: hasKey ? [...path, 'kms_key_id'] : undefined,
      snapshotPath: [...path, 'snapshot_id'],
      fix: 'ebs_block_device.encrypted = true',
      computed: true,
    });
  }
  return devices;
}

function templateDevices(template: ResourceInstance): Device[] {
  const devices: Device[] = [];
  const mappings = template.blocks('block_device_mappings');
  for (const mapping of mappings) {
    // Instance-store (virtual_name) and suppressed (no_device) mappings have no ebs block.
    if (template.blocks([...mapping, 'ebs']).length === 0) continue;
    const name = template.attr([...mapping, 'device_name']);
    const label = `device ${name.state === 'known' && typeof name.value === 'string' ? name.value : `#${String(mapping[mapping.length - 1])}`}`;
    const ebs = [...mapping, 'ebs', 0];
    devices.push({
      label,
      encryptedPath: [...ebs, 'encrypted'],
      keyPath: [...ebs, 'kms_key_id'],
      snapshotPath: [...ebs, 'snapshot_id'],
      fix: 'block_device_mappings.ebs.encrypted = "true"',
      computed: false,
    });
  }
  if (mappings.length === 0) {
    devices.push({ label: 'root volume', fix: 'a block_device_mappings entry for the root device with ebs.encrypted = "true"', missing: 'block_device_mappings', computed: false });
  }
  return devices;
}

/** An instance launched from a launch template in this plan takes its unset root volume settings from it; that template is judged on its own. */
function rootFromTemplate(c: Context): Outcome | undefined {
  const templates = c.ctx.graph.referencesOf(c.instance, 'launch_template.id', { types: ['aws_launch_template'] });
  const byName = c.ctx.graph.referencesOf(c.instance, 'launch_template.name', { types: ['aws_launch_template'] });
  const join = templates[0] ?? byName[0];
  if (join) {
    return pass('root_block_device', `${c.instance.address} root volume comes from ${join.instance.address}, which this rule checks`, {
      evidence: [{ attribute: join.attribute, related: join.instance.address, via: join.via }],
    });
  }
  if (isSet(c.instance.attr('launch_template.id')) || isSet(c.instance.attr('launch_template.name'))) {
    return unknown('root_block_device', `${c.instance.address} root volume settings come from a launch template this plan does not show`);
  }
  return undefined;
}

/** WorkSpaces volumes live in AWS's account: the account EBS default does not reach them. */
function judgeWorkspace(workspace: ResourceInstance, ctx: RuleContext): Outcome[] {
  return (['root', 'user'] as const).map((volume) => {
    const attribute = `${volume}_volume_encryption_enabled`;
    const state = readSwitch(workspace.attr(attribute), false);
    if (state === 'unknown') return unknown(attribute, `${workspace.address}: ${attribute} is known only after apply`);
    if (state !== 'on') {
      return fail(attribute, `${workspace.address} does not encrypt its ${volume} volume; set ${attribute} = true and volume_encryption_key`, {
        remediation: 'Set root_volume_encryption_enabled = true, user_volume_encryption_enabled = true and volume_encryption_key (the WorkSpace must be re-created).',
      });
    }
    if (!requiresCustomerKey(ctx.params)) return pass(attribute, `${workspace.address} encrypts its ${volume} volume`);
    return judgeKey({ instance: workspace, path: 'volume_encryption_key', serviceDefault: 'the AWS-managed aws/workspaces key', defaultEncrypts: true, requireCustomerManagedKey: true, computed: false, graph: ctx.graph, subject: `${volume} volume` });
  });
}

export const ebsVolumeEncryption: Rule = {
  id: 'ENC-003',
  title: 'EBS volumes, instance block devices and WorkSpaces volumes are encrypted',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_ebs_volume', 'aws_instance', 'aws_spot_instance_request', 'aws_launch_template', 'aws_launch_configuration', 'aws_workspaces_workspace'],
  rationale:
    'ePHI on block storage must be encrypted at rest (164.312(a)(2)(iv)). EBS volumes are unencrypted unless encrypted = true, the volume comes from an encrypted snapshot or AMI, or the account turns on EBS encryption by default for the region. An unset `encrypted` passes only when this plan enables aws_ebs_encryption_by_default (named as evidence); an explicit false always fails, since it asks for an unencrypted volume. WorkSpaces root and user volumes are unencrypted unless root_volume_encryption_enabled / user_volume_encryption_enabled are true (the account default does not reach them). Encrypted volumes use the account default EBS key (aws/ebs) unless a key is named; requireCustomerManagedKey asks for a customer-managed one.',
  remediation: 'Set encrypted = true on volumes and block devices (ebs.encrypted = "true" in launch templates), or enable aws_ebs_encryption_by_default in the account.',
  params: {
    requireCustomerManagedKey: {
      description: 'Require a customer-managed KMS key (kms_key_id, or a customer-managed aws_ebs_default_kms_key) instead of aws/ebs.',
      default: false,
    },
  },
  docs: {
    defaults:
      'Provider 5.x: aws_ebs_volume.encrypted and the instance block devices\' encrypted are computed (unknown in a plan when omitted); launch template ebs.encrypted is a string ("true"/"false") and null when omitted; WorkSpaces volume encryption flags default to false; an instance or launch configuration without root_block_device takes its root volume from the AMI. AWS: EBS is unencrypted by default unless aws_ebs_encryption_by_default is on for the region (aws_ebs_encryption_by_default.enabled defaults to true). encrypted is ForceNew, so encrypted = false under the account default shows drift forever.',
    anchors: [
      'AWS Config encrypted-volumes',
      'cdk-nag AwsSolutions-EC26',
      'Checkov CKV_AWS_3, CKV_AWS_8, CKV_AWS_189, CKV2_AWS_2, CKV_AWS_155, CKV_AWS_156',
    ],
    example: {
      fail: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 100\n}',
      pass: 'resource "aws_ebs_volume" "data" {\n  availability_zone = "us-east-1a"\n  size              = 100\n  encrypted         = true\n  kms_key_id        = aws_kms_key.ebs.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    if (instance.type === 'aws_workspaces_workspace') return judgeWorkspace(instance, ctx);
    const c: Context = { instance, ctx, accountDefault: ebsAccountDefault(instance, ctx.graph) };
    if (instance.type === 'aws_ebs_volume') return volumeDevices().map((d) => judgeDevice(c, d));
    if (instance.type === 'aws_launch_template') return templateDevices(instance).map((d) => judgeDevice(c, d));
    const devices = instanceDevices(instance, INSTANCE_TYPES.has(instance.type));
    return devices.map((device) => {
      if (device.label === 'root volume' && INSTANCE_TYPES.has(instance.type) && !c.accountDefault) {
        const rootState = device.encryptedPath ? readSwitch(instance.attr(device.encryptedPath), device.computed) : 'default';
        if (rootState === 'default') return rootFromTemplate(c) ?? judgeDevice(c, device);
      }
      return judgeDevice(c, device);
    });
  },
};
