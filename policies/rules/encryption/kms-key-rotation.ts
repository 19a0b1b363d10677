/**
 * ENC-025: customer-managed symmetric KMS keys rotate their key material automatically, at
 * least as often as a configured period. Keys that cannot rotate automatically (asymmetric,
 * HMAC, custom key store, imported material) are skipped.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { isSet, knownString, readSwitch } from './read';

export const KMS_ROTATION_MIN_DAYS = 90;
export const KMS_ROTATION_MAX_DAYS = 2560;

function noAutomaticRotation(key: ResourceInstance): string | undefined {
  const spec = knownString(key.attr('customer_master_key_spec')) ?? 'SYMMETRIC_DEFAULT';
  if (spec !== 'SYMMETRIC_DEFAULT') return `its key spec ${spec} does not support automatic rotation`;
  const usage = knownString(key.attr('key_usage')) ?? 'ENCRYPT_DECRYPT';
  if (usage !== 'ENCRYPT_DECRYPT') return `its key usage ${usage} does not support automatic rotation`;
  if (isSet(key.attr('custom_key_store_id'), false)) return 'keys in a custom key store cannot rotate automatically';
  return undefined;
}

export const kmsKeyRotation: Rule = {
  id: 'ENC-025',
  title: 'Symmetric KMS keys rotate automatically',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)'],
  resourceTypes: ['aws_kms_key'],
  rationale:
    'Encryption of ePHI is only as strong as the management of its keys (164.312(a)(2)(iv)); rotating key material limits how much data one key version protects and is what NIST SP 800-57 and the peer rules expect. KMS rotates a customer-managed symmetric key only when enable_key_rotation = true, every rotation_period_in_days (365 by default, 90–2560 allowed). Asymmetric, HMAC, custom-key-store and imported-material keys cannot rotate automatically and are skipped; replica keys follow their primary.',
  remediation: 'Set enable_key_rotation = true (and rotation_period_in_days to 365 or less).',
  params: {
    maxRotationDays: {
      description: 'Longest rotation period accepted, in days (KMS allows 90 to 2560).',
      default: 365,
      min: KMS_ROTATION_MIN_DAYS,
      max: KMS_ROTATION_MAX_DAYS,
    },
  },
  docs: {
    defaults: 'Provider 5.x: enable_key_rotation defaults to false; rotation_period_in_days is computed (unknown when omitted; KMS uses 365); customer_master_key_spec defaults to SYMMETRIC_DEFAULT and key_usage to ENCRYPT_DECRYPT.',
    anchors: ['cdk-nag AwsSolutions-KMS5', 'AWS Config cmk-backing-key-rotation-enabled (not in the HIPAA pack)', 'Checkov CKV_AWS_7'],
    example: {
      fail: 'resource "aws_kms_key" "phi" {\n  description = "PHI key"\n}',
      pass: 'resource "aws_kms_key" "phi" {\n  description             = "PHI key"\n  enable_key_rotation     = true\n  rotation_period_in_days = 365\n}',
    },
  },
  check(key: ResourceInstance, ctx: RuleContext): Outcome {
    const exempt = noAutomaticRotation(key);
    if (exempt) return skip(`${key.address}: ${exempt}`);
    const maxDays = Number(ctx.params.maxRotationDays);
    const rotation = readSwitch(key.attr('enable_key_rotation'), false);
    if (rotation === 'unknown') return unknown('enable_key_rotation', `${key.address}: enable_key_rotation is known only after apply`);
    if (rotation !== 'on') {
      // The provider writes false for an omitted enable_key_rotation, so the plan cannot tell the two apart.
      const how = rotation === 'off' ? 'has enable_key_rotation = false (the provider default when omitted)' : 'does not set enable_key_rotation (default false)';
      return fail('enable_key_rotation', `${key.address} ${how}; set enable_key_rotation = true`);
    }
    const period = key.attr('rotation_period_in_days');
    if (period.state === 'unknown' && period.references.length > 0) {
      return unknown('rotation_period_in_days', `${key.address}: rotation_period_in_days is known only after apply; planwarden cannot confirm ${maxDays} days or less`);
    }
    const days = period.state === 'known' && typeof period.value === 'number' ? period.value : 365;
    if (days > maxDays) {
      return fail('rotation_period_in_days', `${key.address} rotates every ${days} days; set rotation_period_in_days to ${maxDays} or less`, {
        remediation: `Set rotation_period_in_days to ${maxDays} or less.`,
      });
    }
    return pass('enable_key_rotation', `${key.address} rotates every ${days} days`);
  },
};
