/**
 * ENC-004: the account-level EBS settings a plan manages keep encryption by default on, and the
 * default key they set is customer-managed.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { EBS_DEFAULT_TYPE } from './ebs-account-default';
import { judgeKey, keyContext } from './key-requirement';
import { readSwitch } from './read';

export const ebsEncryptionByDefault: Rule = {
  id: 'ENC-004',
  title: 'EBS encryption by default stays on, with a customer-managed default key',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: [EBS_DEFAULT_TYPE, 'aws_ebs_default_kms_key'],
  rationale:
    'EBS encryption by default makes every new volume and snapshot copy in the region encrypted, whatever each configuration says: the strongest guarantee for ePHI on block storage (164.312(a)(2)(iv)). A plan that turns it off removes that guarantee for every team in the account. The default key is aws/ebs unless aws_ebs_default_kms_key names another; a customer-managed key keeps the key policy and decrypt audit trail in your hands.',
  remediation: 'Set aws_ebs_encryption_by_default.enabled = true, and aws_ebs_default_kms_key.key_arn to a customer-managed aws_kms_key.',
  params: {
    requireCustomerManagedKey: {
      description: 'Require aws_ebs_default_kms_key.key_arn to name a customer-managed key; false accepts alias/aws/ebs.',
      default: true,
    },
  },
  docs: {
    defaults: 'Provider 5.x: aws_ebs_encryption_by_default.enabled defaults to true. AWS: the setting is off in a new account; it is per region. Without aws_ebs_default_kms_key the default key is aws/ebs.',
    anchors: ['AWS Config ec2-ebs-encryption-by-default', 'Checkov CKV_AWS_106'],
    example: {
      fail: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = false\n}',
      pass: 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\n\nresource "aws_ebs_default_kms_key" "this" {\n  key_arn = aws_kms_key.ebs.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    if (instance.type === 'aws_ebs_default_kms_key') {
      return judgeKey({
        instance,
        path: 'key_arn',
        serviceDefault: 'aws/ebs',
        defaultEncrypts: true,
        ...keyContext(ctx),
        computed: false,
      });
    }
    const enabled = readSwitch(instance.attr('enabled'), false);
    if (enabled === 'unknown') return unknown('enabled', `${instance.address}: enabled is known only after apply`);
    if (enabled === 'off') {
      return fail('enabled', `${instance.address} turns EBS encryption by default off for the region; set enabled = true`);
    }
    return pass('enabled', `${instance.address} keeps EBS encryption by default on`);
  },
};
