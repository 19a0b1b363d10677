/**
 * ENC-023: managed message brokers keep messages at rest under a customer-managed key — MSK
 * clusters and Amazon MQ (ActiveMQ) brokers. Both always encrypt at rest with AWS keys by
 * default. MSK in-transit settings belong to the TLS family.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext } from './key-requirement';
import { inBlock, knownString, readSwitch } from './read';

function judgeMq(broker: ResourceInstance, keys: KeyContext): Outcome {
  const engine = knownString(broker.attr('engine_type'));
  if (engine !== undefined && engine.toLowerCase() === 'rabbitmq') {
    return pass('encryption_options', `${broker.address} is a RabbitMQ broker, which Amazon MQ encrypts only with an AWS-owned key (no key choice exists)`);
  }
  const owned = readSwitch(broker.attr(inBlock('encryption_options', 'use_aws_owned_key')), false);
  if (owned === 'unknown') return unknown('encryption_options.use_aws_owned_key', `${broker.address}: use_aws_owned_key is known only after apply`);
  if (owned === 'off') {
    return judgeKey({ instance: broker, path: inBlock('encryption_options', 'kms_key_id'), serviceDefault: 'the AWS-managed aws/mq key', defaultEncrypts: true, ...keys });
  }
  if (!keys.requireCustomerManagedKey) return pass('encryption_options.use_aws_owned_key', `${broker.address} encrypts with an AWS-owned key (allowed)`);
  return fail('encryption_options.use_aws_owned_key', `${broker.address} encrypts with an AWS-owned key (use_aws_owned_key defaults to true); set encryption_options { use_aws_owned_key = false, kms_key_id = <customer-managed aws_kms_key> }`, {
    remediation: 'Add encryption_options { use_aws_owned_key = false; kms_key_id = aws_kms_key.<name>.arn } (the broker must be re-created).',
  });
}

export const brokerEncryption: Rule = {
  id: 'ENC-023',
  title: 'MSK clusters and Amazon MQ brokers encrypt at rest with a customer-managed key',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_msk_cluster', 'aws_mq_broker'],
  rationale:
    'Brokers retain messages carrying ePHI on disk for hours to weeks (164.312(a)(2)(iv)). MSK always encrypts broker storage, with the AWS-managed aws/kafka key unless encryption_at_rest_kms_key_arn names one; Amazon MQ encrypts with an AWS-owned key unless use_aws_owned_key = false. planwarden asks for a customer-managed key by default; requireCustomerManagedKey = false accepts the AWS keys. RabbitMQ brokers pass: Amazon MQ offers them no key choice. MSK Serverless is always encrypted with AWS keys and offers no key choice either.',
  remediation: 'MSK: set encryption_info.encryption_at_rest_kms_key_arn to a customer-managed aws_kms_key. Amazon MQ: encryption_options { use_aws_owned_key = false, kms_key_id = … }.',
  params: customerKeyParam(true, 'the AWS-managed aws/kafka key and the AWS-owned Amazon MQ key'),
  docs: {
    defaults: 'Provider 5.x: aws_msk_cluster.encryption_info.encryption_at_rest_kms_key_arn is computed (unknown when omitted = aws/kafka); aws_mq_broker.encryption_options.use_aws_owned_key defaults to true.',
    anchors: ['Checkov CKV_AWS_81 (at-rest part), CKV_AWS_209'],
    example: {
      fail: 'resource "aws_msk_cluster" "events" {\n  cluster_name = "events"\n  # no encryption_info: aws/kafka\n}',
      pass: 'resource "aws_msk_cluster" "events" {\n  cluster_name = "events"\n  encryption_info {\n    encryption_at_rest_kms_key_arn = aws_kms_key.kafka.arn\n  }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    if (instance.type === 'aws_mq_broker') return judgeMq(instance, keys);
    return judgeKey({ instance, path: inBlock('encryption_info', 'encryption_at_rest_kms_key_arn'), serviceDefault: 'the AWS-managed aws/kafka key', defaultEncrypts: true, ...keys });
  },
};
