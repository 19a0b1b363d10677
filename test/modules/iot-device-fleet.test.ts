import { IotDeviceFleet, IotDeviceFleetProps } from '../../modules/iot-device-fleet';
import { ENV, SynthOutput, policyOf, statement, synth } from './synth';

const fleetProps: IotDeviceFleetProps = { env: ENV, fleetName: 'infusion-pumps', topicPrefix: 'telemetry/pumps' };

function synthFleet(props: Partial<IotDeviceFleetProps> = {}): SynthOutput {
  return synth((scope) => new IotDeviceFleet(scope, 'fleet', { ...fleetProps, ...props }));
}

// As written in cdk.tf.json: `$${` is Terraform's escape for a literal `${`.
const THING = '$${iot:Connection.Thing.ThingName}';
const IOT = 'arn:aws:iot:eu-west-1:111122223333';

describe('IotDeviceFleet', () => {
  const out = synthFleet();

  it('creates a thing type and a thing group, and attaches the device policy to the group', () => {
    expect(out.one('aws_iot_thing_type').config.name).toBe('infusion-pumps');
    const group = out.one('aws_iot_thing_group');
    const policy = out.one('aws_iot_policy');
    expect(out.one('aws_iot_policy_attachment').config).toEqual({ policy: policy.ref('name'), target: group.ref('arn') });
  });

  it('lets a device connect only as its own attached thing', () => {
    expect(statement(policyOf(out.one('aws_iot_policy')), 'ConnectOnlyAsOwnAttachedThing')).toEqual({
      Sid: 'ConnectOnlyAsOwnAttachedThing',
      Effect: 'Allow',
      Action: 'iot:Connect',
      Resource: `${IOT}:client/${THING}`,
      Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } },
    });
  });

  it('scopes publish/receive to topic/ and subscribe to topicfilter/ under the own thing name', () => {
    const policy = policyOf(out.one('aws_iot_policy'));
    expect(statement(policy, 'PublishAndReceiveOnlyOwnTopics')).toMatchObject({
      Action: ['iot:Publish', 'iot:Receive'],
      Resource: [`${IOT}:topic/telemetry/pumps/${THING}/*`],
    });
    expect(statement(policy, 'SubscribeOnlyOwnTopicFilters')).toMatchObject({
      Action: 'iot:Subscribe',
      Resource: [`${IOT}:topicfilter/telemetry/pumps/${THING}/*`],
    });
    // No wildcard action and no resource outside the device's own name.
    for (const s of policy.Statement) {
      expect([s.Action].flat()).not.toContain('iot:*');
      for (const resource of [s.Resource].flat() as string[]) expect(resource).toContain(THING);
    }
  });

  it('stores telemetry in a DynamoDB table encrypted with the customer-managed key, with PITR', () => {
    const key = out.one('aws_kms_key');
    const table = out.one('aws_dynamodb_table');
    expect(table.config).toMatchObject({
      name: 'infusion-pumps-telemetry',
      server_side_encryption: { enabled: true, kms_key_arn: key.ref('arn') },
      point_in_time_recovery: { enabled: true },
      deletion_protection_enabled: true,
      hash_key: 'thing_name',
      range_key: 'received_at',
    });
    const rule = out.one('aws_iot_topic_rule');
    expect(rule.config).toMatchObject({
      name: 'infusion_pumps_telemetry',
      sql: "SELECT *, topic(3) AS thing_name, timestamp() AS received_at FROM 'telemetry/pumps/+/telemetry'",
      sql_version: '2016-03-23',
      enabled: true,
    });
    const ruleRole = out.find('aws_iam_role', 'name', 'infusion-pumps-iot-telemetry-rule');
    expect(rule.config.dynamodbv2).toEqual([{ role_arn: ruleRole.ref('arn'), put_item: { table_name: table.ref('name') } }]);
  });

  it('sends rule errors to an encrypted six-year log group, through a role limited to the table, key and group', () => {
    const errors = out.find('aws_cloudwatch_log_group', 'name', '/aws/iot/infusion-pumps/telemetry-rule-errors');
    expect(errors.config).toMatchObject({ retention_in_days: 2192, kms_key_id: out.one('aws_kms_key').ref('arn') });
    const rule = out.one('aws_iot_topic_rule');
    expect(rule.config.error_action).toEqual({
      cloudwatch_logs: { log_group_name: errors.ref('name'), role_arn: out.find('aws_iam_role', 'name', 'infusion-pumps-iot-telemetry-rule').ref('arn') },
    });
    const rolePolicy = policyOf(out.find('aws_iam_policy', 'name', 'infusion-pumps-iot-telemetry-rule'));
    expect(statement(rolePolicy, 'PutTelemetryItems')).toMatchObject({ Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/infusion-pumps-telemetry' });
    expect(statement(rolePolicy, 'UseTableKeyThroughDynamoDb').Condition).toEqual({ StringEquals: { 'kms:ViaService': 'dynamodb.eu-west-1.amazonaws.com' } });
  });

  it('turns on account IoT logging at INFO with a role, into an encrypted AWSIotLogsV2 group', () => {
    const loggingRole = out.find('aws_iam_role', 'name', 'infusion-pumps-iot-logging');
    expect(out.one('aws_iot_logging_options').config).toMatchObject({ default_log_level: 'INFO', disable_all_logs: false, role_arn: loggingRole.ref('arn') });
    expect(policyOf(loggingRole, 'assume_role_policy').Statement[0]).toMatchObject({
      Principal: { Service: 'iot.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
    });
    expect(out.find('aws_cloudwatch_log_group', 'name', 'AWSIotLogsV2').config).toMatchObject({ retention_in_days: 2192 });
  });

  describe('escape hatches', () => {
    it('grants each device its own shadow when asked, never anyone else’s', () => {
      const policy = policyOf(synthFleet({ allowOwnShadow: true }).one('aws_iot_policy'));
      expect(statement(policy, 'PublishAndReceiveOnlyOwnTopics').Resource).toEqual([
        `${IOT}:topic/telemetry/pumps/${THING}/*`,
        `${IOT}:topic/$aws/things/${THING}/shadow/*`,
      ]);
      expect(statement(policy, 'SubscribeOnlyOwnTopicFilters').Resource).toContain(`${IOT}:topicfilter/$aws/things/${THING}/shadow/*`);
    });

    it('leaves account logging to another fleet when told to', () => {
      const out2 = synthFleet({ manageAccountLogging: false });
      expect(out2.count('aws_iot_logging_options')).toBe(0);
      expect(out2.all('aws_cloudwatch_log_group').map((g) => g.config.name)).toEqual(['/aws/iot/infusion-pumps/telemetry-rule-errors']);
    });

    it('uses DEBUG, a default topic prefix and a custom table name', () => {
      const out2 = synthFleet({ logLevel: 'DEBUG', topicPrefix: undefined, telemetryTableName: 'pump-readings' });
      expect(out2.one('aws_iot_logging_options').config.default_log_level).toBe('DEBUG');
      expect(out2.one('aws_dynamodb_table').config.name).toBe('pump-readings');
      expect(out2.one('aws_iot_topic_rule').config.sql).toContain("topic(2) AS thing_name");
      expect(out2.one('aws_iot_topic_rule').config.sql).toContain("FROM 'infusion-pumps/+/telemetry'");
    });

    it.each([['#'], ['a/+'], ['a/*'], ['$aws/things'], ['a/'], ['${iot:ClientId}']])('refuses topic prefix %s', (topicPrefix) => {
      expect(() => synthFleet({ topicPrefix })).toThrow(/topic prefix/);
    });
  });
});
