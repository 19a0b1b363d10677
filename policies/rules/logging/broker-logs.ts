/**
 * LOG-027: message brokers publish their logs — MSK broker logs (to CloudWatch Logs, Firehose or
 * S3) and Amazon MQ general and audit logs (audit logs exist only for ActiveMQ).
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { turnedOff } from './shared/change';
import { knownText, listText, setting } from './shared/read';

const MSK_SINKS = ['cloudwatch_logs', 'firehose', 's3'] as const;

function judgeMsk(cluster: ResourceInstance): Outcome {
  const states = MSK_SINKS.map((sink) => ({ sink, on: setting(cluster.attr(['logging_info', 0, 'broker_logs', 0, sink, 0, 'enabled']), 'off') }));
  const on = states.filter((s) => s.on === 'on').map((s) => s.sink);
  if (on.length > 0) return pass('logging_info.broker_logs', `${cluster.address} publishes broker logs to ${listText(on)}`);
  if (states.some((s) => s.on === 'unknown') || cluster.attr('logging_info').state === 'unknown') {
    return unknown('logging_info.broker_logs', `${cluster.address}: whether broker logs are published is known only after apply`);
  }
  const change = MSK_SINKS.some((s) => turnedOff(cluster, ['logging_info', 0, 'broker_logs', 0, s, 0, 'enabled'])) ? ' (this update turns them off)' : '';
  return fail('logging_info.broker_logs', `${cluster.address} publishes no broker logs${change}; add logging_info { broker_logs { cloudwatch_logs { enabled = true; log_group = … } } }`);
}

function judgeMq(broker: ResourceInstance): Outcome[] {
  const engine = knownText(broker.attr('engine_type'));
  // RabbitMQ brokers have no audit log.
  const wanted = engine === 'RabbitMQ' ? ['general'] : ['general', 'audit'];
  const outcomes: Outcome[] = [];
  for (const log of wanted) {
    const state = setting(broker.attr(['logs', 0, log]), 'off');
    if (state === 'unknown') outcomes.push(unknown(`logs.${log}`, `${broker.address}: logs.${log} is known only after apply`));
    if (state === 'off') {
      const change = turnedOff(broker, ['logs', 0, log]) ? ' (this update turns it off)' : '';
      outcomes.push(fail(`logs.${log}`, `${broker.address} does not publish ${log} logs${change}; set logs { ${log} = true }`));
    }
  }
  return outcomes.length > 0 ? outcomes : [pass('logs', `${broker.address} publishes ${listText(wanted)} logs`)];
}

export const brokerLogs: Rule = {
  id: 'LOG-027',
  title: 'Message brokers publish their logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_msk_cluster', 'aws_mq_broker'],
  rationale:
    'Brokers carrying ePHI messages authenticate clients and authorise topic and queue access; their logs record connections, authentication failures and (MQ audit logs) administrative changes — the audit record 164.312(b) asks for and 164.308(a)(1)(ii)(D) reviews. Neither MSK nor MQ publishes logs unless configured. Relies on: the provider plans MSK logging_info = [] and MQ logs.general / logs.audit = false when omitted.',
  remediation: 'MSK: logging_info { broker_logs { cloudwatch_logs { enabled = true, log_group = aws_cloudwatch_log_group.msk.name } } }. MQ: logs { general = true, audit = true } (audit for ActiveMQ only).',
  params: {},
  docs: {
    defaults: 'Provider 5.x plans logging_info = [] for MSK and logs.general / logs.audit = false for MQ when omitted; neither service publishes logs by default. RabbitMQ brokers have no audit log and are judged on general logs only.',
    anchors: ['Checkov CKV_AWS_80 (MSK), CKV_AWS_48 and CKV_AWS_197 (MQ)', 'cdk-nag AwsSolutions MSK6'],
    example: {
      fail: 'resource "aws_mq_broker" "events" {\n  broker_name = "events"\n  engine_type = "ActiveMQ"\n  # …\n}',
      pass: 'resource "aws_mq_broker" "events" {\n  broker_name = "events"\n  engine_type = "ActiveMQ"\n  logs {\n    general = true\n    audit   = true\n  }\n  # …\n}',
    },
  },
  check(instance: ResourceInstance): Outcome[] {
    return instance.type === 'aws_msk_cluster' ? [judgeMsk(instance)] : judgeMq(instance);
  },
};
