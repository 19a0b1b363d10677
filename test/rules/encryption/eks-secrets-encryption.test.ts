import { eksSecretsEncryption } from '../../../policies/rules/encryption/eks-secrets-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MANAGED } from './fixtures';

const EKS = 'aws_eks_cluster';

ruleTester(eksSecretsEncryption, {
  valid: [
    { name: 'secrets with a CMK from the same plan', plan: plan().resource(EKS, 'c', { values: { encryption_config: [{ resources: ['secrets'], provider: [{}] }] }, unknown: ['encryption_config.0.provider.0.key_arn'], refs: { 'encryption_config.provider.key_arn': ['aws_kms_key.eks.arn'] } }) },
    {
      name: 'dynamic encryption_config block (no expressions in the plan): a required key known only after apply is a key',
      plan: plan().resource(EKS, 'this', { module: 'module.eks', index: 0, values: { encryption_config: [{ resources: ['secrets'], provider: [{}] }] }, unknown: ['encryption_config.0.provider.0.key_arn'] }),
    },
    { name: 'no encryption_config accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(EKS, 'c', { values: { encryption_config: [] } }) },
    { name: 'real plan: secrets with a CMK', plan: MANAGED, addresses: [`${EKS}.secrets_cmk_ok`] },
  ],
  invalid: [
    { name: 'no encryption_config', plan: plan().resource(EKS, 'c', { values: { encryption_config: [] } }), findings: [{ address: `${EKS}.c`, attribute: 'encryption_config' }] },
    { name: 'encryption_config that does not cover secrets', plan: plan().resource(EKS, 'c', { values: { encryption_config: [{ resources: ['configmaps'], provider: [{ key_arn: 'alias/eks' }] }] } }), findings: [{ address: `${EKS}.c`, attribute: 'encryption_config.resources' }] },
    { name: 'real plan: no encryption_config', plan: MANAGED, findings: [{ address: `${EKS}.no_encryption_config_bad` }] },
  ],
});
