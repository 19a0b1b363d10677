/**
 * The IOT- family: AWS IoT Core device policies, role aliases, topic rules, certificates,
 * authorizers, endpoint TLS and logging, checked before apply the way Device Defender audits
 * them after (docs/parity/iot.md maps each audit check to a rule). The policy rules share one
 * parse and analysis per aws_iot_policy (shared/policy-view.ts, on the policy/ library).
 */
import type { Rule } from '../../engine/types';
import { authorizerSigning } from './authorizer-signing';
import { certificateKeyGeneration } from './certificate-key-generation';
import { certificateThingBinding } from './certificate-thing-binding';
import { domainTls } from './domain-tls';
import { loggingRoleLevel } from './logging-role-level';
import { policyAdminActions } from './policy-admin-actions';
import { policyConnectClientId } from './policy-connect-client-id';
import { policyIdentityBinding } from './policy-identity-binding';
import { policyMisconfiguration } from './policy-misconfiguration';
import { policyOverlyPermissive } from './policy-overly-permissive';
import { roleAliasDuration } from './role-alias-duration';
import { roleAliasPermissions } from './role-alias-permissions';
import { topicRuleAccount } from './topic-rule-account';
import { topicRuleEncryption } from './topic-rule-encryption';

export const iotRules: readonly Rule[] = [
  policyOverlyPermissive,
  policyConnectClientId,
  policyMisconfiguration,
  policyAdminActions,
  policyIdentityBinding,
  roleAliasPermissions,
  roleAliasDuration,
  topicRuleEncryption,
  topicRuleAccount,
  certificateThingBinding,
  certificateKeyGeneration,
  authorizerSigning,
  domainTls,
  loggingRoleLevel,
];
