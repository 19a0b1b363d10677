/**
 * ENC-020: SageMaker storage that can hold ePHI is encrypted with a customer-managed key —
 * notebook instance volumes, Studio domain storage, endpoint instance volumes and Feature Store
 * online stores.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { pass } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext } from './key-requirement';
import { inBlock, knownString, readSwitch } from './read';

const AWS_MANAGED = 'an AWS-managed SageMaker key';

/**
 * Instance types with local NVMe storage, encrypted by a hardware module: SageMaker refuses a
 * KMS key for them. The "d" families (c5d, m5d, r5d, g4dn, p3dn, p4d, m6id …) plus the GPU and
 * Trainium families that ship with instance store.
 */
const LOCAL_STORAGE_INSTANCE = /^ml\.([a-z]+\d+[a-z]*d[a-z]*|g5|g6e?|p5e?n?|trn1n?|trn2)\./;

function judgeEndpointConfiguration(config: ResourceInstance, keys: KeyContext): Outcome {
  const variants = [...config.blocks('production_variants'), ...config.blocks('shadow_production_variants')];
  const needsKey = variants.filter((v) => {
    if (config.blocks([...v, 'serverless_config']).length > 0) return false;
    const type = knownString(config.attr([...v, 'instance_type']));
    return type === undefined || !LOCAL_STORAGE_INSTANCE.test(type);
  });
  if (variants.length > 0 && needsKey.length === 0) {
    return pass('kms_key_arn', `${config.address} runs only on serverless or local-NVMe instances, whose storage SageMaker encrypts itself and which accept no KMS key`);
  }
  return judgeKey({ instance: config, path: 'kms_key_arn', serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keys, computed: false });
}

function judgeFeatureGroup(group: ResourceInstance, keys: KeyContext): Outcome[] {
  const outcomes: Outcome[] = [];
  const online = readSwitch(group.attr(inBlock('online_store_config', 'enable_online_store')), false);
  if (online === 'on' || online === 'unknown') {
    outcomes.push(
      judgeKey({ instance: group, path: [...inBlock('online_store_config', 'security_config'), 0, 'kms_key_id'], serviceDefault: 'an AWS-owned key', defaultEncrypts: true, ...keys, subject: 'online store', computed: false }),
    );
  }
  if (group.blocks('offline_store_config').length > 0) {
    outcomes.push(
      judgeKey({
        instance: group,
        path: [...inBlock('offline_store_config', 's3_storage_config'), 0, 'kms_key_id'],
        serviceDefault: "the offline store bucket's default encryption",
        defaultEncrypts: true,
        ...keys,
        subject: 'offline store',
        computed: false,
      }),
    );
  }
  return outcomes.length > 0 ? outcomes : [pass('online_store_config', `${group.address} has no store to encrypt`)];
}

export const sagemakerEncryption: Rule = {
  id: 'ENC-020',
  title: 'SageMaker notebooks, domains, endpoints and feature stores use a customer-managed KMS key',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_sagemaker_notebook_instance', 'aws_sagemaker_domain', 'aws_sagemaker_endpoint_configuration', 'aws_sagemaker_feature_group'],
  rationale:
    'Training data, notebooks and inference payloads are often ePHI (164.312(a)(2)(iv)). SageMaker encrypts notebook and endpoint storage volumes and Studio\'s EFS with AWS-managed keys, and Feature Store online stores with an AWS-owned key, unless a key is named; planwarden asks for a customer-managed key by default, as cdk-nag and AWS Config do, and requireCustomerManagedKey = false accepts the AWS keys. Endpoint variants on serverless or local-NVMe instance types pass: their storage is hardware-encrypted and SageMaker refuses a KMS key for them.',
  remediation: 'Set kms_key_id (notebooks, domains, feature store security_config / s3_storage_config) or kms_key_arn (endpoint configurations) to a customer-managed aws_kms_key.',
  params: customerKeyParam(true, 'the AWS-managed and AWS-owned SageMaker keys'),
  docs: {
    defaults:
      'Provider 5.x: kms_key_id / kms_key_arn are optional and null when omitted on all four types. AWS: CreateEndpointConfig fails if a KMS key is given while any variant uses an instance type with local storage.',
    anchors: [
      'cdk-nag SageMakerNotebookInstanceKMSKeyConfigured, SageMakerEndpointConfigurationKMSKeyConfigured',
      'AWS Config sagemaker-notebook-instance-kms-key-configured, sagemaker-endpoint-configuration-kms-key-configured',
      'Checkov CKV_AWS_22, CKV_AWS_98, CKV_AWS_187',
    ],
    example: {
      fail: 'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  role_arn      = aws_iam_role.sagemaker.arn\n  instance_type = "ml.t3.medium"\n}',
      pass: 'resource "aws_sagemaker_notebook_instance" "research" {\n  name          = "research"\n  role_arn      = aws_iam_role.sagemaker.arn\n  instance_type = "ml.t3.medium"\n  kms_key_id    = aws_kms_key.ml.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const keys = keyContext(ctx);
    switch (instance.type) {
      case 'aws_sagemaker_endpoint_configuration':
        return [judgeEndpointConfiguration(instance, keys)];
      case 'aws_sagemaker_feature_group':
        return judgeFeatureGroup(instance, keys);
      default:
        return [judgeKey({ instance, path: 'kms_key_id', serviceDefault: AWS_MANAGED, defaultEncrypts: true, ...keys, computed: false })];
    }
  },
};
