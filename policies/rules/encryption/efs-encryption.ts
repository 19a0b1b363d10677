/** ENC-009: EFS file systems are encrypted at rest. */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, unknown } from '../support';
import { customerKeyParam, judgeKey, keyContext } from './key-requirement';
import { readSwitch } from './read';

const AWS_MANAGED = 'the AWS-managed aws/elasticfilesystem key';

export const efsEncryption: Rule = {
  id: 'ENC-009',
  title: 'EFS file systems are encrypted at rest',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_efs_file_system'],
  rationale:
    'Shared file systems holding ePHI must be encrypted at rest (164.312(a)(2)(iv)), and EFS can only be encrypted when it is created. The EFS API (and so Terraform) creates an unencrypted file system unless encrypted = true — only the console defaults to encrypted, which is why cdk-nag, whose L2 construct encrypts, fails only an explicit false. Encrypted file systems use aws/elasticfilesystem unless kms_key_id names a key; requireCustomerManagedKey asks for a customer-managed one.',
  remediation: 'Set encrypted = true and kms_key_id to a customer-managed aws_kms_key; an existing file system must be replaced (copy the data to a new encrypted one).',
  params: customerKeyParam(false, AWS_MANAGED),
  docs: {
    defaults: 'Provider 5.x: encrypted and kms_key_id are computed, so an omitted encrypted is unknown in a create plan. AWS: CreateFileSystem defaults Encrypted to false.',
    anchors: ['cdk-nag EFSEncrypted', 'AWS Config efs-encrypted-check', 'Checkov CKV_AWS_42, CKV_AWS_184'],
    example: {
      fail: 'resource "aws_efs_file_system" "shared" {\n  creation_token = "shared"\n}',
      pass: 'resource "aws_efs_file_system" "shared" {\n  creation_token = "shared"\n  encrypted      = true\n  kms_key_id     = aws_kms_key.efs.arn\n}',
    },
  },
  check(fs: ResourceInstance, ctx: RuleContext): Outcome {
    const encrypted = readSwitch(fs.attr('encrypted'));
    if (encrypted === 'unknown') return unknown('encrypted', `${fs.address}: encrypted is known only after apply`);
    if (encrypted === 'off') return fail('encrypted', `${fs.address} sets encrypted = false; set encrypted = true`);
    if (encrypted === 'default') return fail('encrypted', `${fs.address} does not set encrypted, and EFS creates unencrypted file systems by default; set encrypted = true`);
    return judgeKey({ instance: fs, path: 'kms_key_id', serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keyContext(ctx) });
  },
};
