import { sagemakerEncryption } from '../../../policies/rules/encryption/sagemaker-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { DATA, MANAGED } from './fixtures';

const NB = 'aws_sagemaker_notebook_instance';
const EC = 'aws_sagemaker_endpoint_configuration';
const variant = (instanceType: string) => ({ production_variants: [{ variant_name: 'main', instance_type: instanceType, serverless_config: [] }] });

ruleTester(sagemakerEncryption, {
  valid: [
    { name: 'notebook with a CMK', plan: plan().resource(NB, 'n', { unknown: ['kms_key_id'], refs: { kms_key_id: ['aws_kms_key.ml.arn'] } }) },
    { name: 'endpoint configuration with a CMK', plan: plan().resource(EC, 'e', { values: { ...variant('ml.m5.large'), kms_key_arn: 'alias/ml' } }) },
    { name: 'endpoint on local-NVMe instances takes no key', plan: plan().resource(EC, 'e', { values: { ...variant('ml.p4d.24xlarge'), kms_key_arn: null } }) },
    { name: 'serverless endpoint takes no key', plan: plan().resource(EC, 'e', { values: { production_variants: [{ variant_name: 'main', serverless_config: [{ max_concurrency: 5, memory_size_in_mb: 2048 }] }], kms_key_arn: null } }) },
    { name: 'feature group with an online store under a CMK', plan: plan().resource('aws_sagemaker_feature_group', 'f', { values: { online_store_config: [{ enable_online_store: true, security_config: [{ kms_key_id: 'alias/ml' }] }], offline_store_config: [] } }) },
    { name: 'AWS-managed keys accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(NB, 'n', { values: { kms_key_id: null } }).resource('aws_sagemaker_domain', 'd', { values: { kms_key_id: null } }) },
    { name: 'real plan: notebook with a CMK', plan: DATA, addresses: [`${NB}.kms_private_ok`] },
    { name: 'real plan: g4dn endpoint (local NVMe)', plan: MANAGED, addresses: [`${EC}.nvme_ok`] },
  ],
  invalid: [
    { name: 'notebook without a key', plan: plan().resource(NB, 'n', { values: { kms_key_id: null } }), findings: [{ address: `${NB}.n`, attribute: 'kms_key_id' }] },
    { name: 'domain without a key in a module', plan: plan().resource('aws_sagemaker_domain', 'd', { module: 'module.studio["research"]', values: { kms_key_id: null } }), findings: [{ address: 'module.studio["research"].aws_sagemaker_domain.d', attribute: 'kms_key_id' }] },
    { name: 'endpoint mixing an EBS-backed variant without a key', plan: plan().resource(EC, 'e', { values: { production_variants: [{ instance_type: 'ml.g5.xlarge', serverless_config: [] }, { instance_type: 'ml.c5.large', serverless_config: [] }], kms_key_arn: null } }), findings: [{ address: `${EC}.e`, attribute: 'kms_key_arn' }] },
    { name: 'feature group online store on the AWS-owned key', plan: plan().resource('aws_sagemaker_feature_group', 'f', { values: { online_store_config: [{ enable_online_store: true, security_config: [] }] } }), findings: [{ address: 'aws_sagemaker_feature_group.f', message: 'online store' }] },
    { name: 'real plan: notebook defaults', plan: DATA, findings: [{ address: `${NB}.defaults_bad`, attribute: 'kms_key_id' }] },
    { name: 'real plan: m5 endpoint without a key', plan: MANAGED, findings: [{ address: `${EC}.ebs_default_key_bad`, attribute: 'kms_key_arn' }] },
  ],
});
