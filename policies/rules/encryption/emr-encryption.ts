/**
 * ENC-030: EMR clusters run with a security configuration that encrypts data at rest — local
 * disks and EBS volumes of the nodes, and EMRFS data in S3. Without one, cluster storage is
 * unencrypted.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, requiresCustomerKey } from './key-requirement';
import { isSet, knownString } from './read';

const CONFIG = 'aws_emr_security_configuration';
type Json = Record<string, unknown>;

function objectAt(value: unknown, ...path: string[]): Json | undefined {
  let node: unknown = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return undefined;
    node = (node as Json)[key];
  }
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Json) : undefined;
}

function judgeConfiguration(config: ResourceInstance, requireCmk: boolean): Outcome[] {
  const text = config.attr('configuration');
  if (text.state === 'unknown') return [unknown('configuration', `${config.address}: the security configuration is known only after apply`)];
  let document: unknown;
  try {
    document = JSON.parse(knownString(text) ?? '');
  } catch {
    return [unknown('configuration', `${config.address}: the security configuration is not valid JSON`)];
  }
  const encryption = objectAt(document, 'EncryptionConfiguration');
  if (!encryption || encryption.EnableAtRestEncryption !== true) {
    return [fail('configuration', `${config.address} does not set EncryptionConfiguration.EnableAtRestEncryption = true; EMR cluster storage stays unencrypted`)];
  }
  const outcomes: Outcome[] = [];
  const localDisk = objectAt(encryption, 'AtRestEncryptionConfiguration', 'LocalDiskEncryptionConfiguration');
  if (!localDisk) {
    outcomes.push(fail('configuration', `${config.address} has no LocalDiskEncryptionConfiguration; node local disks and EBS volumes are unencrypted`));
  } else {
    if (localDisk.EnableEbsEncryption !== true) {
      outcomes.push(fail('configuration', `${config.address} encrypts local disks but not EBS volumes; set LocalDiskEncryptionConfiguration.EnableEbsEncryption = true`));
    }
    if (requireCmk && localDisk.EncryptionKeyProviderType === 'AwsKms' && typeof localDisk.AwsKmsKey !== 'string') {
      outcomes.push(fail('configuration', `${config.address} names no AwsKmsKey for local disk encryption; set it to a customer-managed aws_kms_key ARN`));
    }
  }
  const s3 = objectAt(encryption, 'AtRestEncryptionConfiguration', 'S3EncryptionConfiguration');
  const mode = typeof s3?.EncryptionMode === 'string' ? s3.EncryptionMode : undefined;
  if (mode === undefined) {
    outcomes.push(fail('configuration', `${config.address} has no S3EncryptionConfiguration for EMRFS data; set EncryptionMode = "SSE-KMS" with AwsKmsKey`));
  } else if (requireCmk && (mode === 'SSE-S3' || typeof s3?.AwsKmsKey !== 'string') && mode !== 'CSE-Custom') {
    outcomes.push(fail('configuration', `${config.address} encrypts EMRFS data with ${mode}${mode === 'SSE-S3' ? '' : ' but names no AwsKmsKey'}; use SSE-KMS or CSE-KMS with a customer-managed AwsKmsKey`));
  }
  return outcomes.length > 0 ? outcomes : [pass('configuration', `${config.address} encrypts local disks, EBS volumes and EMRFS data`)];
}

function judgeCluster(cluster: ResourceInstance, ctx: RuleContext): Outcome {
  const name = cluster.attr('security_configuration');
  if (!isSet(name, false)) {
    return fail('security_configuration', `${cluster.address} has no security_configuration, so its local disks, EBS volumes and EMRFS data are unencrypted; set security_configuration to an aws_emr_security_configuration that enables at-rest encryption`);
  }
  const join = ctx.graph.referencesOf(cluster, 'security_configuration', { types: [CONFIG], matchValues: ['name', 'id'] })[0];
  if (!join) return unknown('security_configuration', `${cluster.address} uses a security configuration this plan does not show; planwarden cannot confirm it encrypts at rest`);
  return pass('security_configuration', `${cluster.address} uses ${join.instance.address}, which this rule checks`, { evidence: [{ attribute: 'security_configuration', related: join.instance.address, via: join.via }] });
}

export const emrEncryption: Rule = {
  id: 'ENC-030',
  title: 'EMR clusters use a security configuration that encrypts data at rest',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_emr_cluster', CONFIG],
  rationale:
    'EMR nodes spill ePHI to local disks and EBS volumes and write results through EMRFS to S3 (164.312(a)(2)(iv)). None of it is encrypted unless the cluster names a security configuration whose EncryptionConfiguration enables at-rest encryption with local disk (and EBS) encryption and an S3 encryption mode. planwarden asks for KMS modes with a named key by default; requireCustomerManagedKey = false accepts SSE-S3 for EMRFS and an unnamed key.',
  remediation: 'Create an aws_emr_security_configuration with EnableAtRestEncryption = true, LocalDiskEncryptionConfiguration (AwsKms, EnableEbsEncryption = true) and S3EncryptionConfiguration (SSE-KMS) naming a customer-managed key, and set security_configuration on the cluster.',
  params: customerKeyParam(true, 'SSE-S3 for EMRFS data'),
  docs: {
    defaults: 'Provider 5.x: aws_emr_cluster.security_configuration is optional (none: no encryption at rest); aws_emr_security_configuration.configuration is a JSON string.',
    anchors: ['cdk-nag AwsSolutions-EMR4 (local disk encryption)', 'Checkov CKV_AWS_171, CKV_AWS_349, CKV_AWS_350'],
    example: {
      fail: 'resource "aws_emr_cluster" "etl" {\n  name          = "etl"\n  release_label = "emr-7.1.0"\n  service_role  = aws_iam_role.emr.arn\n}',
      pass: 'resource "aws_emr_cluster" "etl" {\n  name                   = "etl"\n  release_label          = "emr-7.1.0"\n  service_role           = aws_iam_role.emr.arn\n  security_configuration = aws_emr_security_configuration.encrypted.name\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    if (instance.type === CONFIG) return judgeConfiguration(instance, requiresCustomerKey(ctx.params));
    return [judgeCluster(instance, ctx)];
  },
};
