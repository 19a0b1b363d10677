/** The encryption-at-rest family (ENC-), in id order. */
import type { Rule } from '../../engine/types';
import { apiCacheEncryption } from './api-cache-encryption';
import { athenaEncryption } from './athena-encryption';
import { backupVaultEncryption } from './backup-vault-encryption';
import { brokerEncryption } from './broker-encryption';
import { cacheEncryption } from './cache-encryption';
import { dbClusterEncryption } from './db-cluster-encryption';
import { dynamodbEncryption } from './dynamodb-encryption';
import { ebsEncryptionByDefault } from './ebs-account-default-rule';
import { ebsVolumeEncryption } from './ebs-volume-encryption';
import { ecrEncryption } from './ecr-encryption';
import { efsEncryption } from './efs-encryption';
import { eksSecretsEncryption } from './eks-secrets-encryption';
import { emrEncryption } from './emr-encryption';
import { glueEncryption } from './glue-encryption';
import { kinesisEncryption } from './kinesis-encryption';
import { kmsKeyDeletion } from './kms-key-deletion';
import { kmsKeyPolicy } from './kms-key-policy';
import { kmsKeyRotation } from './kms-key-rotation';
import { logStoreEncryption } from './log-store-encryption';
import { queueTopicEncryption } from './queue-topic-encryption';
import { rdsInstanceEncryption } from './rds-instance-encryption';
import { redshiftEncryption } from './redshift-encryption';
import { s3BucketEncryption } from './s3-bucket-encryption';
import { s3ObjectEncryption } from './s3-object-encryption';
import { sagemakerEncryption } from './sagemaker-encryption';
import { searchDomainEncryption } from './search-domain-encryption';
import { secretEncryption } from './secret-encryption';
import { serviceKeyEncryption } from './service-key-encryption';
import { snapshotEncryption } from './snapshot-encryption';
import { ssmParameterEncryption } from './ssm-parameter-encryption';

export const encryptionRules: readonly Rule[] = [
  s3BucketEncryption,
  s3ObjectEncryption,
  ebsVolumeEncryption,
  ebsEncryptionByDefault,
  rdsInstanceEncryption,
  dbClusterEncryption,
  snapshotEncryption,
  dynamodbEncryption,
  efsEncryption,
  queueTopicEncryption,
  kinesisEncryption,
  cacheEncryption,
  searchDomainEncryption,
  redshiftEncryption,
  backupVaultEncryption,
  secretEncryption,
  ssmParameterEncryption,
  ecrEncryption,
  logStoreEncryption,
  sagemakerEncryption,
  glueEncryption,
  athenaEncryption,
  brokerEncryption,
  serviceKeyEncryption,
  kmsKeyRotation,
  kmsKeyDeletion,
  apiCacheEncryption,
  eksSecretsEncryption,
  kmsKeyPolicy,
  emrEncryption,
];
