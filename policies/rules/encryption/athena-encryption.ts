/**
 * ENC-022: Athena encrypts query results with KMS, and a workgroup enforces it so that clients
 * cannot turn it off. Query results are copies of the ePHI the query read.
 */
import type { AttributePath, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext } from './key-requirement';
import { attributeName, inBlock, knownString, readSwitch } from './read';

const KMS_OPTIONS = new Set(['SSE_KMS', 'CSE_KMS']);

function judgeOption(instance: ResourceInstance, block: string, keyAttribute: string, keys: KeyContext): Outcome {
  const optionPath: AttributePath = inBlock(block, 'encryption_option');
  const attribute = attributeName(optionPath);
  const option = instance.attr(optionPath);
  if (option.state === 'unknown') return unknown(attribute, `${instance.address}: encryption_option is known only after apply`);
  const value = knownString(option);
  if (value !== undefined && KMS_OPTIONS.has(value)) {
    return judgeKey({ instance, path: inBlock(block, keyAttribute), serviceDefault: 'no key', defaultEncrypts: false, ...keys, computed: false });
  }
  if (!keys.requireCustomerManagedKey) {
    return pass(attribute, value === undefined ? `${instance.address} leaves results to the output bucket's default encryption (allowed)` : `${instance.address} encrypts results with ${value} (allowed)`);
  }
  const how = value === undefined ? 'sets no result encryption, so only the output bucket\'s default applies' : `encrypts results with ${value}`;
  return fail(attribute, `${instance.address} ${how}; set encryption_option = "SSE_KMS" and ${keyAttribute} to a customer-managed aws_kms_key`, {
    remediation: `Set ${attribute} = "SSE_KMS" and ${attributeName(inBlock(block, keyAttribute))} to a customer-managed aws_kms_key.`,
  });
}

export const athenaEncryption: Rule = {
  id: 'ENC-022',
  title: 'Athena workgroups enforce KMS encryption of query results',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_athena_workgroup', 'aws_athena_database'],
  rationale:
    'Athena writes every query result to S3: a copy of whatever ePHI the query selected (164.312(a)(2)(iv)). Without an encryption_configuration the result objects get only the output bucket\'s default (SSE-S3 since 2023); SSE_S3 uses keys AWS owns. planwarden asks for SSE_KMS or CSE_KMS with a customer-managed key by default (requireCustomerManagedKey = false accepts SSE_S3 and the bucket default), and fails a workgroup with enforce_workgroup_configuration = false, which lets each client choose its own (or no) encryption.',
  remediation: 'In the workgroup set configuration.enforce_workgroup_configuration = true and configuration.result_configuration.encryption_configuration { encryption_option = "SSE_KMS", kms_key_arn = aws_kms_key.<name>.arn }.',
  params: customerKeyParam(true, 'SSE_S3 and the output bucket\'s default encryption'),
  docs: {
    defaults: 'Provider 5.x: enforce_workgroup_configuration defaults to true; encryption_configuration is absent unless declared. aws_athena_database.encryption_configuration is optional.',
    anchors: ['Checkov CKV_AWS_159, CKV_AWS_82, CKV_AWS_77'],
    example: {
      fail: 'resource "aws_athena_workgroup" "analysts" {\n  name = "analysts"\n  configuration {\n    enforce_workgroup_configuration = false\n  }\n}',
      pass: 'resource "aws_athena_workgroup" "analysts" {\n  name = "analysts"\n  configuration {\n    result_configuration {\n      encryption_configuration {\n        encryption_option = "SSE_KMS"\n        kms_key_arn       = aws_kms_key.athena.arn\n      }\n    }\n  }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const keys = keyContext(ctx);
    if (instance.type === 'aws_athena_database') return [judgeOption(instance, 'encryption_configuration', 'kms_key', keys)];
    const outcomes = [judgeOption(instance, 'configuration.result_configuration.encryption_configuration', 'kms_key_arn', keys)];
    const enforce = readSwitch(instance.attr(inBlock('configuration', 'enforce_workgroup_configuration')), false);
    if (enforce === 'unknown') {
      outcomes.push(unknown('configuration.enforce_workgroup_configuration', `${instance.address}: enforce_workgroup_configuration is known only after apply`));
    } else if (enforce === 'off') {
      outcomes.push(
        fail('configuration.enforce_workgroup_configuration', `${instance.address} sets enforce_workgroup_configuration = false, so clients can override its result encryption; set it to true`, {
          remediation: 'Set configuration.enforce_workgroup_configuration = true.',
        }),
      );
    }
    return outcomes;
  },
};
