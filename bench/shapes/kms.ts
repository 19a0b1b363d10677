/** aws_kms_key, shaped like AWS provider 5.x plans (see test/fixtures/plans/s3-encryption.json). */
import type { PlanObject } from '../plan-values';
import { arn, computed, tagAttributes, type Account, type TaggedShape } from './common';

export interface KmsKeyShape extends TaggedShape {
  readonly keyId: string;
  readonly description: string;
  readonly enableKeyRotation: boolean;
  /** Service principals (e.g. logs.us-east-1.amazonaws.com) the key policy lets use the key. */
  readonly servicePrincipals: readonly string[];
}

export function kmsKeyArn(account: Account, keyId: string): string {
  return arn(account, 'kms', `key/${keyId}`);
}

/** The key policy as `jsonencode` writes it: keys sorted, no whitespace. */
function keyPolicy(shape: KmsKeyShape): string {
  const statements: unknown[] = [
    {
      Action: 'kms:*',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${shape.account.accountId}:root` },
      Resource: '*',
      Sid: 'EnableRootAccountPermissions',
    },
  ];
  if (shape.servicePrincipals.length > 0) {
    statements.push({
      Action: ['kms:Decrypt*', 'kms:Describe*', 'kms:Encrypt*', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'],
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:aws:logs:${shape.account.region}:${shape.account.accountId}:*` } },
      Effect: 'Allow',
      Principal: { Service: [...shape.servicePrincipals] },
      Resource: '*',
      Sid: 'AllowServiceUse',
    });
  }
  return JSON.stringify({ Statement: statements, Version: '2012-10-17' });
}

export function kmsKey(shape: KmsKeyShape): PlanObject {
  const known = shape.existing;
  return {
    arn: computed(known, kmsKeyArn(shape.account, shape.keyId)),
    bypass_policy_lockout_safety_check: false,
    custom_key_store_id: known ? '' : null,
    customer_master_key_spec: 'SYMMETRIC_DEFAULT',
    deletion_window_in_days: 30,
    description: shape.description,
    enable_key_rotation: shape.enableKeyRotation,
    id: computed(known, shape.keyId),
    is_enabled: true,
    key_id: computed(known, shape.keyId),
    key_usage: 'ENCRYPT_DECRYPT',
    multi_region: computed(known, false),
    policy: computed(known, keyPolicy(shape)),
    rotation_period_in_days: computed(known, shape.enableKeyRotation ? 365 : 0),
    ...tagAttributes(shape),
    timeouts: null,
    xks_key_id: null,
  };
}
