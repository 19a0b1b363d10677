/**
 * CDKTF constructs for HIPAA workloads on AWS that pass the planwarden rule pack by default.
 * Every construct takes an AwsEnvironment (literal account and region) and, optionally, a
 * customer-managed key to share; without one it creates its own KmsKey.
 */
export { type AwsEnvironment, accountRootArn, arnFor, s3BucketArn } from './environment';
export type { PolicyConditions, PolicyPrincipal, PolicyStatement } from './policy-document';
export { CLOUDWATCH_RETENTION_DAYS, MIN_OBJECT_LOCK_DAYS, SIX_YEARS_IN_DAYS } from './retention';
export { type EncryptionKey, KmsKey, type KmsKeyProps, type KmsServiceGrant, existingKmsKey } from './kms-key';
export { ServiceRole, type ServiceRoleProps } from './service-role';
export type { BucketLifecycle, ObjectLockSettings } from './bucket-core';
export { AccessLogBucket, type AccessLogBucketProps } from './access-log-bucket';
export { SecureBucket, type SecureBucketProps } from './secure-bucket';
export { EncryptedLogGroup, type EncryptedLogGroupProps } from './encrypted-log-group';
export { EncryptedQueue, type EncryptedQueueProps } from './encrypted-queue';
export { EncryptedTopic, type EncryptedTopicProps } from './encrypted-topic';
export { AuditTrail, type AuditTrailProps, type DataEventBucket } from './audit-trail';
export type { DatabaseEngine } from './database-engines';
export { type DatabaseNetwork, EncryptedDatabase, type EncryptedDatabaseProps } from './encrypted-database';
export { THING_NAME_VARIABLE } from './iot-device-policy';
export { IotDeviceFleet, type IotDeviceFleetProps } from './iot-device-fleet';
export { type PrivateSubnetSpec, VpcWithFlowLogs, type VpcWithFlowLogsProps } from './vpc-with-flow-logs';
