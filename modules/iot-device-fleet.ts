import { Construct } from 'constructs';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { IotLoggingOptions } from '@cdktf/provider-aws/lib/iot-logging-options';
import { IotPolicy } from '@cdktf/provider-aws/lib/iot-policy';
import { IotPolicyAttachment } from '@cdktf/provider-aws/lib/iot-policy-attachment';
import { IotThingGroup } from '@cdktf/provider-aws/lib/iot-thing-group';
import { IotThingType } from '@cdktf/provider-aws/lib/iot-thing-type';
import { IotTopicRule } from '@cdktf/provider-aws/lib/iot-topic-rule';
import { EncryptedLogGroup } from './encrypted-log-group';
import { AwsEnvironment, arnFor, validateEnvironment } from './environment';
import { devicePolicyStatements, validateTopicPrefix } from './iot-device-policy';
import { EncryptionKey, keyOrNew } from './kms-key';
import { renderPolicy } from './policy-document';
import { SIX_YEARS_IN_DAYS } from './retention';
import { ServiceRole } from './service-role';

export interface IotDeviceFleetProps {
  readonly env: AwsEnvironment;
  /** Names the thing type, thing group, policy, table and roles. Letters, digits, `_`, `-`. */
  readonly fleetName: string;
  /** Topic levels before each device's name: devices use `<topicPrefix>/<thing name>/...`. Default: the fleet name. */
  readonly topicPrefix?: string;
  /** Also let each device use its own classic shadow. Default false (grant only what the fleet uses). */
  readonly allowOwnShadow?: boolean;
  /** Key for the telemetry table and the IoT log groups. Default: a new KmsKey. */
  readonly kmsKey?: EncryptionKey;
  /** DynamoDB table receiving telemetry. Default `<fleetName>-telemetry`. */
  readonly telemetryTableName?: string;
  /**
   * Configure the account's AWS IoT logging (an account-wide singleton) and its
   * `AWSIotLogsV2` log group. Default true; set false on every fleet but one in an account.
   */
  readonly manageAccountLogging?: boolean;
  /** Account IoT log level. Default INFO (DD LOGGING_DISABLED_CHECK; DEBUG is far noisier). */
  readonly logLevel?: 'INFO' | 'DEBUG';
  /** Days IoT logs and rule errors are kept. Default 2192 (six years). */
  readonly logRetentionDays?: number;
  readonly tags?: Record<string, string>;
}

/**
 * A fleet of IoT devices that can each speak only as themselves, with their telemetry
 * routed by a topic rule into an encrypted DynamoDB table in this account.
 *
 * Devices join by being added to the thing group (the policy is attached to the group) with
 * a certificate attached to their thing. Telemetry goes to `<prefix>/<thing>/telemetry`;
 * the rule stores each message with the thing name and the time received. Failed deliveries
 * go to an encrypted log group, not nowhere.
 */
export class IotDeviceFleet extends Construct {
  readonly thingType: IotThingType;
  readonly thingGroup: IotThingGroup;
  readonly devicePolicy: IotPolicy;
  readonly telemetryTable: DynamodbTable;
  readonly telemetryRule: IotTopicRule;
  readonly ruleErrorLogGroup: EncryptedLogGroup;
  readonly kmsKey: EncryptionKey;
  /** The topic devices publish telemetry to, with `+` for the thing name. */
  readonly telemetryTopicFilter: string;

  constructor(scope: Construct, id: string, props: IotDeviceFleetProps) {
    super(scope, id);
    validateEnvironment(props.env);
    const env = props.env;
    const fleetName = props.fleetName;
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(fleetName)) {
      throw new Error(`IotDeviceFleet ${id}: fleetName "${fleetName}" must be 1-64 letters, digits, "_" or "-"`);
    }
    const topicPrefix = props.topicPrefix ?? fleetName;
    validateTopicPrefix(topicPrefix);
    const logRetentionDays = props.logRetentionDays ?? SIX_YEARS_IN_DAYS;

    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env,
      alias: `iot/${fleetName}`,
      description: `Encrypts telemetry and IoT logs of fleet ${fleetName}`,
      tags: props.tags,
    });

    this.thingType = new IotThingType(this, 'thing-type', {
      name: fleetName,
      properties: { description: `Devices of fleet ${fleetName}` },
      tags: props.tags,
    });
    this.thingGroup = new IotThingGroup(this, 'thing-group', {
      name: fleetName,
      properties: { description: `Members receive the ${fleetName} device policy` },
      tags: props.tags,
    });
    this.devicePolicy = new IotPolicy(this, 'device-policy', {
      name: `${fleetName}-device`,
      policy: renderPolicy(devicePolicyStatements(env, { topicPrefix, allowOwnShadow: props.allowOwnShadow ?? false })),
      tags: props.tags,
    });
    new IotPolicyAttachment(this, 'device-policy-attachment', {
      policy: this.devicePolicy.name,
      target: this.thingGroup.arn,
    });

    const tableName = props.telemetryTableName ?? `${fleetName}-telemetry`;
    this.telemetryTable = new DynamodbTable(this, 'telemetry-table', {
      name: tableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'thing_name',
      rangeKey: 'received_at',
      attribute: [
        { name: 'thing_name', type: 'S' },
        { name: 'received_at', type: 'N' },
      ],
      serverSideEncryption: { enabled: true, kmsKeyArn: this.kmsKey.keyArn },
      pointInTimeRecovery: { enabled: true },
      deletionProtectionEnabled: true,
      tags: props.tags,
    });

    this.ruleErrorLogGroup = new EncryptedLogGroup(this, 'rule-errors', {
      env,
      logGroupName: `/aws/iot/${fleetName}/telemetry-rule-errors`,
      retentionDays: logRetentionDays,
      kmsKey: this.kmsKey,
      tags: props.tags,
    });
    const fromThisAccount = { StringEquals: { 'aws:SourceAccount': env.accountId } };
    const ruleRole = new ServiceRole(this, 'telemetry-rule-role', {
      roleName: `${fleetName}-iot-telemetry-rule`,
      description: `Lets the ${fleetName} telemetry rule write to ${tableName} and log its errors`,
      servicePrincipal: 'iot.amazonaws.com',
      trustConditions: fromThisAccount,
      statements: [
        {
          Sid: 'PutTelemetryItems',
          Effect: 'Allow',
          Action: 'dynamodb:PutItem',
          Resource: arnFor(env, 'dynamodb', `table/${tableName}`),
        },
        {
          // DynamoDB uses the table's customer-managed key on the caller's behalf.
          Sid: 'UseTableKeyThroughDynamoDb',
          Effect: 'Allow',
          Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey*'],
          Resource: this.kmsKey.keyArn,
          Condition: { StringEquals: { 'kms:ViaService': `dynamodb.${env.region}.amazonaws.com` } },
        },
        {
          Sid: 'WriteRuleErrors',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [this.ruleErrorLogGroup.logGroupArn, `${this.ruleErrorLogGroup.logGroupArn}:*`],
        },
      ],
      tags: props.tags,
    });

    this.telemetryTopicFilter = `${topicPrefix}/+/telemetry`;
    const thingNameLevel = topicPrefix.split('/').length + 1;
    this.telemetryRule = new IotTopicRule(this, 'telemetry-rule', {
      name: `${fleetName.replace(/-/g, '_')}_telemetry`,
      description: `Stores ${fleetName} telemetry in ${tableName}`,
      enabled: true,
      sqlVersion: '2016-03-23',
      sql: `SELECT *, topic(${thingNameLevel}) AS thing_name, timestamp() AS received_at FROM '${this.telemetryTopicFilter}'`,
      dynamodbv2: [{ roleArn: ruleRole.roleArn, putItem: { tableName: this.telemetryTable.name } }],
      errorAction: { cloudwatchLogs: { logGroupName: this.ruleErrorLogGroup.logGroup.name, roleArn: ruleRole.roleArn } },
      tags: props.tags,
      dependsOn: [...ruleRole.grants],
    });

    if (props.manageAccountLogging ?? true) {
      this.configureAccountLogging(props, logRetentionDays, fromThisAccount);
    }
  }

  private configureAccountLogging(props: IotDeviceFleetProps, retentionDays: number, fromThisAccount: { StringEquals: Record<string, string> }): void {
    const env = props.env;
    // AWS IoT v2 logging writes to this fixed log group name; creating it first gives it
    // retention and encryption instead of IoT's never-expiring, unencrypted default.
    const logGroup = new EncryptedLogGroup(this, 'iot-logs', {
      env,
      logGroupName: 'AWSIotLogsV2',
      retentionDays,
      kmsKey: this.kmsKey,
      tags: props.tags,
    });
    const loggingRole = new ServiceRole(this, 'logging-role', {
      roleName: `${props.fleetName}-iot-logging`,
      description: 'Lets AWS IoT write its logs to AWSIotLogsV2',
      servicePrincipal: 'iot.amazonaws.com',
      trustConditions: fromThisAccount,
      statements: [
        {
          Sid: 'WriteIotLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
          Resource: [logGroup.logGroupArn, `${logGroup.logGroupArn}:*`],
        },
      ],
      tags: props.tags,
    });
    new IotLoggingOptions(this, 'logging', {
      defaultLogLevel: props.logLevel ?? 'INFO',
      disableAllLogs: false,
      roleArn: loggingRole.roleArn,
      dependsOn: [logGroup.logGroup, ...loggingRole.grants],
    });
  }
}
