/** ENC-016: Secrets Manager secrets, and each of their replicas, are encrypted with a customer-managed key. */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { customerKeyParam, judgeKey, keyContext, keyRemediation } from './key-requirement';
import { knownString } from './read';

const AWS_MANAGED = 'the AWS-managed aws/secretsmanager key';

export const secretEncryption: Rule = {
  id: 'ENC-016',
  title: 'Secrets Manager secrets use a customer-managed KMS key',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)', '164.312(d)'],
  resourceTypes: ['aws_secretsmanager_secret'],
  rationale:
    'Secrets guard the systems that hold ePHI (164.312(d)) and must be encrypted (164.312(a)(2)(iv)). Secrets Manager always encrypts, by default with aws/secretsmanager, whose key policy lets any principal in the account with secret access decrypt and which cannot be shared across accounts. A customer-managed key adds a second, auditable control over who can read the secret; planwarden asks for one by default, for each replica region too, and requireCustomerManagedKey = false accepts aws/secretsmanager.',
  remediation: keyRemediation('kms_key_id'),
  params: customerKeyParam(true, AWS_MANAGED),
  docs: {
    defaults: 'Provider 5.x: kms_key_id is optional and null when omitted (aws/secretsmanager); replica.kms_key_id is computed (unset = aws/secretsmanager in the replica region).',
    anchors: ['cdk-nag SecretsManagerUsingKMSKey', 'AWS Config secretsmanager-using-cmk', 'Checkov CKV_AWS_149'],
    example: {
      fail: 'resource "aws_secretsmanager_secret" "db" {\n  name = "records/db"\n}',
      pass: 'resource "aws_secretsmanager_secret" "db" {\n  name       = "records/db"\n  kms_key_id = aws_kms_key.secrets.arn\n}',
    },
  },
  check(secret: ResourceInstance, ctx: RuleContext): Outcome[] {
    const keys = keyContext(ctx);
    const outcomes = [judgeKey({ instance: secret, path: 'kms_key_id', serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keys, computed: false })];
    for (const replica of secret.blocks('replica')) {
      const region = knownString(secret.attr([...replica, 'region'])) ?? String(replica[replica.length - 1]);
      outcomes.push(
        judgeKey({ instance: secret, path: [...replica, 'kms_key_id'], serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keys, subject: `replica in ${region}` }),
      );
    }
    return outcomes;
  },
};
