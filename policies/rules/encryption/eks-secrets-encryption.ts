/** ENC-028: EKS clusters envelope-encrypt Kubernetes secrets with a customer-managed KMS key. */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, keyContext } from './key-requirement';

export const eksSecretsEncryption: Rule = {
  id: 'ENC-028',
  title: 'EKS clusters encrypt Kubernetes secrets with a customer-managed KMS key',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(d)'],
  resourceTypes: ['aws_eks_cluster'],
  rationale:
    'Kubernetes secrets hold the database passwords and API keys that reach ePHI (164.312(d)) and must be encrypted at rest (164.312(a)(2)(iv)). EKS encrypts etcd volumes, and since 2025 envelope-encrypts Kubernetes API data with an AWS-owned key on supported versions, but only an encryption_config with resources = ["secrets"] and a KMS key you manage puts reading secrets under your key policy and audit trail. planwarden asks for it by default; requireCustomerManagedKey = false accepts the AWS-owned default.',
  remediation: 'Add encryption_config { resources = ["secrets"], provider { key_arn = aws_kms_key.<name>.arn } } (it cannot be removed once added).',
  params: customerKeyParam(true, "EKS's default AWS-owned envelope encryption"),
  docs: {
    defaults: 'Provider 5.x: encryption_config is absent unless declared (plan shows []); provider.key_arn is required inside it.',
    anchors: ['Checkov CKV_AWS_58'],
    example: {
      fail: 'resource "aws_eks_cluster" "apps" {\n  name     = "apps"\n  role_arn = aws_iam_role.eks.arn\n  vpc_config { subnet_ids = var.subnets }\n}',
      pass: 'resource "aws_eks_cluster" "apps" {\n  name     = "apps"\n  role_arn = aws_iam_role.eks.arn\n  vpc_config { subnet_ids = var.subnets }\n  encryption_config {\n    resources = ["secrets"]\n    provider {\n      key_arn = aws_kms_key.eks.arn\n    }\n  }\n}',
    },
  },
  check(cluster: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    const configs = cluster.blocks('encryption_config');
    if (configs.length === 0) {
      const whole = cluster.attr('encryption_config');
      if (whole.state === 'unknown' && whole.references.length > 0) return unknown('encryption_config', `${cluster.address}: encryption_config is known only after apply`);
      if (!keys.requireCustomerManagedKey) return pass('encryption_config', `${cluster.address} relies on EKS's default encryption (allowed)`);
      return fail('encryption_config', `${cluster.address} has no encryption_config, so secrets are not encrypted under your key; add encryption_config { resources = ["secrets"], provider { key_arn = <customer-managed aws_kms_key> } }`);
    }
    for (const config of configs) {
      const resources = cluster.attr([...config, 'resources']);
      if (resources.state === 'unknown') return unknown('encryption_config.resources', `${cluster.address}: encryption_config.resources is known only after apply`);
      if (resources.state === 'known' && Array.isArray(resources.value) && resources.value.includes('secrets')) {
        return judgeKey({ instance: cluster, path: [...config, 'provider', 0, 'key_arn'], serviceDefault: 'no key', defaultEncrypts: false, ...keys, computed: false });
      }
    }
    return fail('encryption_config.resources', `${cluster.address} has an encryption_config that does not cover "secrets"; set resources = ["secrets"]`);
  },
};
