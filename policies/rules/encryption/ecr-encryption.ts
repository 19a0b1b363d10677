/** ENC-018: ECR repositories encrypt images with KMS under a customer-managed key. */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, keyContext } from './key-requirement';
import { inBlock, knownString } from './read';

const KMS_TYPES = new Set(['KMS', 'KMS_DSSE']);

export const ecrEncryption: Rule = {
  id: 'ENC-018',
  title: 'ECR repositories encrypt images with a customer-managed KMS key',
  family: 'encryption',
  severity: 'low',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(a)(2)(iv)'],
  resourceTypes: ['aws_ecr_repository'],
  rationale:
    'Images can embed data, models and configuration that touch ePHI (164.312(a)(2)(iv)). ECR always encrypts, by default with AES256 under keys AWS owns; encryption_type = "KMS" uses aws/ecr unless kms_key names a key. planwarden asks for KMS with a customer-managed key by default; requireCustomerManagedKey = false accepts AES256 and aws/ecr. Severity is low and enforcement soft-mandatory because images rarely hold patient data themselves.',
  remediation: 'Add encryption_configuration { encryption_type = "KMS", kms_key = aws_kms_key.<name>.arn } (the repository must be re-created to change it).',
  params: customerKeyParam(true, 'AES256 and the AWS-managed aws/ecr key'),
  docs: {
    defaults: 'Provider 5.x: without an encryption_configuration block the repository uses AES256; with encryption_type = "KMS", kms_key is computed (unset = aws/ecr). Encryption settings are immutable after creation.',
    anchors: ['Checkov CKV_AWS_136'],
    example: {
      fail: 'resource "aws_ecr_repository" "app" {\n  name = "app"\n}',
      pass: 'resource "aws_ecr_repository" "app" {\n  name = "app"\n  encryption_configuration {\n    encryption_type = "KMS"\n    kms_key         = aws_kms_key.ecr.arn\n  }\n}',
    },
  },
  check(repository: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    const typePath = inBlock('encryption_configuration', 'encryption_type');
    const type = repository.attr(typePath);
    if (type.state === 'unknown') return unknown('encryption_configuration.encryption_type', `${repository.address}: encryption_type is known only after apply`);
    const value = knownString(type) ?? 'AES256';
    if (KMS_TYPES.has(value)) {
      return judgeKey({ instance: repository, path: inBlock('encryption_configuration', 'kms_key'), serviceDefault: 'the AWS-managed aws/ecr key', defaultEncrypts: true, ...keys });
    }
    if (!keys.requireCustomerManagedKey) return pass('encryption_configuration.encryption_type', `${repository.address} uses ${value} (allowed)`);
    return fail('encryption_configuration.encryption_type', `${repository.address} encrypts images with ${value} under keys AWS owns; set encryption_configuration { encryption_type = "KMS", kms_key = <customer-managed aws_kms_key> }`);
  },
};
