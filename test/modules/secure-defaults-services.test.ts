/**
 * The constructs and the rules keep each other honest (queues, topics, databases, IoT, VPCs):
 * one secure default is turned off through an escape hatch and the rule that guards it must
 * fail on the exact address. Keys, buckets, the trail and log groups are in
 * secure-defaults-storage.test.ts.
 */
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { IotLoggingOptions } from '@cdktf/provider-aws/lib/iot-logging-options';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { EncryptedDatabase, EncryptedQueue, EncryptedTopic, IotDeviceFleet, VpcWithFlowLogs } from '../../modules';
import { addressOf, expectExactly, failuresOf, resourceIn } from './pack';
import { ENV } from './synth';

const network = { vpcId: 'vpc-0abc', subnetIds: ['subnet-a', 'subnet-b'] };

describe('EncryptedQueue', () => {
  it('fails ENC-010 when the queue falls back to SSE-SQS instead of the customer-managed key', () => {
    expectExactly((scope) => {
      const queue = new EncryptedQueue(scope, 'queue', { env: ENV, queueName: 'phi-intake' });
      queue.queue.resetKmsMasterKeyId();
      queue.queue.sqsManagedSseEnabled = true;
      return [['ENC-010', addressOf(queue.queue)]];
    });
  });

  it('fails TLS-017 (advisory, not blocking) when the queue policy loses its deny for plain HTTP', () => {
    let queueAddress = '';
    const { failed, blocking } = failuresOf((scope) => {
      const queue = new EncryptedQueue(scope, 'queue', { env: ENV, queueName: 'phi-intake' });
      queueAddress = addressOf(queue.queue);
      resourceIn(queue, SqsQueuePolicy).policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sqs:SendMessage', Resource: queue.queueArn }] });
      return [];
    });
    expect(failed).toEqual([['TLS-017', queueAddress]]);
    expect(blocking).toEqual([]);
  });
});

describe('EncryptedTopic', () => {
  it('fails ENC-010 when the topic is switched to the AWS-managed aws/sns key', () => {
    expectExactly((scope) => {
      const topic = new EncryptedTopic(scope, 'topic', { env: ENV, topicName: 'phi-alerts' });
      topic.topic.kmsMasterKeyId = 'alias/aws/sns';
      return [['ENC-010', addressOf(topic.topic)]];
    });
  });
});

describe('EncryptedDatabase', () => {
  it('fails ENC-005 when an RDS instance’s storage encryption is turned off', () => {
    expectExactly((scope) => {
      const db = new EncryptedDatabase(scope, 'db', { env: ENV, identifier: 'patients', engine: 'postgres', engineVersion: '16.6', network });
      (db.database as DbInstance).storageEncrypted = false;
      return [['ENC-005', addressOf(db.database)]];
    });
  });

  it('fails TLS-009 when its parameter group sets rds.force_ssl = 0', () => {
    expectExactly((scope) => {
      const db = new EncryptedDatabase(scope, 'db', { env: ENV, identifier: 'patients', engine: 'postgres', engineVersion: '16.6', network });
      resourceIn(db, DbParameterGroup).putParameter([{ name: 'rds.force_ssl', value: '0', applyMethod: 'pending-reboot' }]);
      return [['TLS-009', addressOf(db.database)]];
    });
  });

  it('fails LOG-015 when a MySQL instance stops exporting its audit log', () => {
    expectExactly((scope) => {
      const db = new EncryptedDatabase(scope, 'db', { env: ENV, identifier: 'patients', engine: 'mysql', engineVersion: '8.0.40', network });
      (db.database as DbInstance).enabledCloudwatchLogsExports = ['error', 'slowquery'];
      return [['LOG-015', addressOf(db.database)]];
    });
  });

  it('fails ENC-006 when an Aurora cluster’s storage encryption is turned off', () => {
    expectExactly((scope) => {
      const db = new EncryptedDatabase(scope, 'db', { env: ENV, identifier: 'patients', engine: 'aurora-postgresql', engineVersion: '16.6', network });
      (db.database as RdsCluster).storageEncrypted = false;
      return [['ENC-006', addressOf(db.database)]];
    });
  });
});

describe('IotDeviceFleet', () => {
  it('fails IOT-001 when the device policy is replaced by one allowing every IoT action', () => {
    const { expected, failed } = failuresOf((scope) => {
      const fleet = new IotDeviceFleet(scope, 'fleet', { env: ENV, fleetName: 'infusion-pumps' });
      fleet.devicePolicy.policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iot:*', Resource: '*' }] });
      return [['IOT-001', addressOf(fleet.devicePolicy)]];
    });
    // A wildcard policy breaks the other policy rules too; IOT-001 is the one that guards this default.
    expect(failed).toEqual(expect.arrayContaining(expected));
    expect(failed.every(([rule, address]) => rule.startsWith('IOT-') && address === expected[0][1])).toBe(true);
  });

  it('fails ENC-008 and IOT-008 when the telemetry table falls back to the AWS-owned key', () => {
    expectExactly((scope) => {
      const fleet = new IotDeviceFleet(scope, 'fleet', { env: ENV, fleetName: 'infusion-pumps' });
      fleet.telemetryTable.putServerSideEncryption({ enabled: false });
      return [
        ['ENC-008', addressOf(fleet.telemetryTable)],
        ['IOT-008', addressOf(fleet.telemetryRule)],
      ];
    });
  });

  it('fails LOG-024 when the account logging it manages is disabled', () => {
    expectExactly((scope) => {
      const fleet = new IotDeviceFleet(scope, 'fleet', { env: ENV, fleetName: 'infusion-pumps' });
      const logging = resourceIn(fleet, IotLoggingOptions);
      logging.disableAllLogs = true;
      return [['LOG-024', addressOf(logging)]];
    });
  });
});

describe('VpcWithFlowLogs', () => {
  it('fails LOG-010 when the flow log records only rejected traffic', () => {
    expectExactly((scope) => {
      const vpc = new VpcWithFlowLogs(scope, 'network', { env: ENV, name: 'core', cidrBlock: '10.0.0.0/16' });
      vpc.flowLog.trafficType = 'REJECT';
      return [['LOG-010', addressOf(vpc.vpc)]];
    });
  });

  it('fails LOG-010 when the flow log is removed', () => {
    expectExactly((scope) => {
      const vpc = new VpcWithFlowLogs(scope, 'network', { env: ENV, name: 'core', cidrBlock: '10.0.0.0/16' });
      expect(vpc.node.tryRemoveChild('flow-log')).toBe(true);
      return [['LOG-010', addressOf(vpc.vpc)]];
    });
  });
});
