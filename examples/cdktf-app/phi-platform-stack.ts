import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  AccessLogBucket,
  AuditTrail,
  AwsEnvironment,
  EncryptedDatabase,
  EncryptedLogGroup,
  EncryptedQueue,
  EncryptedTopic,
  IotDeviceFleet,
  KmsKey,
  SecureBucket,
  VpcWithFlowLogs,
} from '../../modules';

/** The example account. The provider settings below let `terraform plan` run without AWS credentials. */
export const EXAMPLE_ENV: AwsEnvironment = { accountId: '123456789012', region: 'us-east-1' };

const TAGS = { Project: 'phi-platform', DataClassification: 'PHI', Owner: 'platform-team' };

/**
 * One stack as a platform team might lay out a HIPAA landing zone: one key for audit logs and
 * one for PHI data, a shared access-log bucket, the account's audit trail (recording object
 * access to the PHI bucket), a network with flow logs, a PostgreSQL database, messaging, an
 * application log group, and an IoT device fleet.
 */
export class PhiPlatformStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const env = EXAMPLE_ENV;
    // A relative state path keeps cdk.tf.json the same wherever it is synthesized.
    new LocalBackend(this, { path: 'terraform.tfstate' });

    new AwsProvider(this, 'aws', {
      region: env.region,
      // Fake credentials and no AWS calls at plan time: this example plans offline.
      accessKey: 'mock_access_key',
      secretKey: 'mock_secret_key',
      skipCredentialsValidation: true,
      skipRequestingAccountId: true,
      skipMetadataApiCheck: 'true',
      defaultTags: [{ tags: TAGS }],
    });

    const auditKey = new KmsKey(this, 'audit-key', {
      env,
      alias: 'platform/audit',
      description: 'Audit logs: CloudTrail, flow logs, access logs',
    });
    const phiKey = new KmsKey(this, 'phi-key', { env, alias: 'platform/phi', description: 'PHI at rest' });

    const accessLogs = new AccessLogBucket(this, 'access-logs', {
      env,
      bucketName: 'example-phi-platform-s3-access-logs',
      kmsKey: auditKey,
    });
    const records = new SecureBucket(this, 'records', {
      env,
      bucketName: 'example-phi-platform-records',
      kmsKey: phiKey,
      accessLogBucket: accessLogs,
      objectLock: { mode: 'GOVERNANCE' },
    });
    new AuditTrail(this, 'audit-trail', {
      env,
      trailName: 'phi-platform-audit',
      bucketName: 'example-phi-platform-cloudtrail',
      kmsKey: auditKey,
      accessLogBucket: accessLogs,
      dataEventBuckets: [records],
    });

    const network = new VpcWithFlowLogs(this, 'network', {
      env,
      name: 'phi-platform',
      cidrBlock: '10.20.0.0/16',
      privateSubnets: [
        { cidrBlock: '10.20.1.0/24', availabilityZone: 'us-east-1a' },
        { cidrBlock: '10.20.2.0/24', availabilityZone: 'us-east-1b' },
      ],
      kmsKey: auditKey,
    });
    new EncryptedDatabase(this, 'patients-db', {
      env,
      identifier: 'patients',
      engine: 'postgres',
      engineVersion: '16.6',
      databaseName: 'patients',
      network: { vpcId: network.vpcId, subnetIds: network.privateSubnetIds, allowedCidrBlocks: ['10.20.0.0/16'] },
      kmsKey: phiKey,
    });

    new EncryptedQueue(this, 'intake-queue', { env, queueName: 'phi-intake', kmsKey: phiKey });
    new EncryptedTopic(this, 'alerts-topic', { env, topicName: 'phi-alerts', kmsKey: phiKey });
    new EncryptedLogGroup(this, 'app-logs', { env, logGroupName: '/phi-platform/app', kmsKey: phiKey });

    new IotDeviceFleet(this, 'pumps', {
      env,
      fleetName: 'infusion-pumps',
      topicPrefix: 'telemetry/infusion-pumps',
      kmsKey: phiKey,
    });
  }
}
