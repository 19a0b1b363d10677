/**
 * ENC-008: DynamoDB tables and their replicas use a customer-managed KMS key. DynamoDB always
 * encrypts, by default with an AWS-owned key; the question is whose key.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext, keyRemediation } from './key-requirement';
import { readSwitch } from './read';

const AWS_OWNED = 'the AWS-owned DynamoDB key';
const AWS_MANAGED = 'the AWS-managed aws/dynamodb key';

// Paths as text: the engine parses each once and keeps its expression key. blocks() names the
// first block ['server_side_encryption', 0], so these are the paths under it.
const SSE_ENABLED = 'server_side_encryption.0.enabled';
const SSE_KEY = 'server_side_encryption.0.kms_key_arn';

function judgeTableKey(table: ResourceInstance, keys: KeyContext): Outcome {
  const sse = table.blocks('server_side_encryption');
  if (sse.length === 0) {
    const whole = table.attr('server_side_encryption');
    if (whole.state === 'unknown' && whole.references.length > 0) {
      return unknown('server_side_encryption', `${table.address}: server_side_encryption is known only after apply`);
    }
  }
  const enabled = sse.length > 0 ? readSwitch(table.attr(SSE_ENABLED), false) : 'default';
  if (enabled === 'unknown') return unknown('server_side_encryption.enabled', `${table.address}: server_side_encryption.enabled is known only after apply`);
  if (enabled !== 'on') {
    if (!keys.requireCustomerManagedKey) return pass('server_side_encryption', `${table.address} uses ${AWS_OWNED} (allowed)`);
    return fail('server_side_encryption', `${table.address} uses ${AWS_OWNED}; add server_side_encryption { enabled = true, kms_key_arn = <customer-managed aws_kms_key> }`, {
      remediation: 'Add server_side_encryption { enabled = true; kms_key_arn = aws_kms_key.<name>.arn } with a customer-managed key.',
    });
  }
  return judgeKey({ instance: table, path: SSE_KEY, serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keys });
}

export const dynamodbEncryption: Rule = {
  id: 'ENC-008',
  title: 'DynamoDB tables and replicas use a customer-managed KMS key',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_dynamodb_table', 'aws_dynamodb_table_replica'],
  rationale:
    'DynamoDB encrypts every table at rest, by default with an AWS-owned key that you cannot see, audit or revoke; server_side_encryption with enabled = true and no key uses the AWS-managed aws/dynamodb key. HIPAA\'s encryption spec (164.312(a)(2)(iv)) is met either way, but only a customer-managed key gives you the key policy and a CloudTrail record of every use, so planwarden asks for one by default; requireCustomerManagedKey = false accepts the AWS keys. Each replica region needs its own key.',
  remediation: keyRemediation('server_side_encryption.kms_key_arn'),
  params: customerKeyParam(true, 'the AWS-owned and AWS-managed DynamoDB keys'),
  docs: {
    defaults:
      'Provider 5.x: server_side_encryption is computed (unknown in a plan when omitted = AWS-owned key); with enabled = true and no kms_key_arn the key is aws/dynamodb and kms_key_arn stays unknown; replica.kms_key_arn is computed and unset means aws/dynamodb in that region.',
    anchors: ['AWS Config dynamodb-table-encrypted-kms (dropped from the HIPAA pack)', 'Checkov CKV_AWS_119, CKV_AWS_271'],
    example: {
      fail: 'resource "aws_dynamodb_table" "visits" {\n  name     = "visits"\n  hash_key = "id"\n  # no server_side_encryption: AWS-owned key\n}',
      pass: 'resource "aws_dynamodb_table" "visits" {\n  name     = "visits"\n  hash_key = "id"\n  server_side_encryption {\n    enabled     = true\n    kms_key_arn = aws_kms_key.ddb.arn\n  }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const keys = keyContext(ctx);
    if (instance.type === 'aws_dynamodb_table_replica') {
      return [judgeKey({ instance, path: 'kms_key_arn', serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keys })];
    }
    const outcomes = [judgeTableKey(instance, keys)];
    for (const replica of instance.blocks('replica')) {
      const region = instance.attr([...replica, 'region_name']);
      const name = region.state === 'known' && typeof region.value === 'string' ? region.value : String(replica[replica.length - 1]);
      outcomes.push(
        judgeKey({ instance, path: [...replica, 'kms_key_arn'], serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keys, subject: `replica in ${name}` }),
      );
    }
    return outcomes;
  },
};
