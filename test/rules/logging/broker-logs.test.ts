import { brokerLogs } from '../../../policies/rules/logging/broker-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const MSK = 'aws_msk_cluster';
const MQ = 'aws_mq_broker';
const APPS = { file: `${FIXTURES}/logging-apps.json` };
const brokerLogsTo = (sink: string, enabled: boolean) => ({ logging_info: [{ broker_logs: [{ [sink]: [{ enabled }] }] }] });

ruleTester(brokerLogs, {
  valid: [
    { name: 'MSK to S3', plan: plan().resource(MSK, 'k', { values: brokerLogsTo('s3', true) }) },
    { name: 'ActiveMQ general and audit', plan: plan().resource(MQ, 'a', { values: { engine_type: 'ActiveMQ', logs: [{ general: true, audit: true }] } }) },
    { name: 'RabbitMQ needs general only', plan: plan().resource(MQ, 'r', { values: { engine_type: 'RabbitMQ', logs: [{ general: true, audit: false }] } }) },
    { name: 'real plan', plan: APPS, addresses: [`${MSK}.logged_ok`, `${MQ}.activemq_ok`, `${MQ}.rabbitmq_ok`] },
  ],
  invalid: [
    { name: 'MSK without logging_info (plan shows [])', plan: plan().resource(MSK, 'k', { values: { logging_info: [] } }), findings: [{ address: `${MSK}.k` }] },
    {
      name: 'an update that turns MSK CloudWatch logs off says so',
      plan: plan().resource(MSK, 'k', { action: 'update', values: brokerLogsTo('cloudwatch_logs', false), before: brokerLogsTo('cloudwatch_logs', true) }),
      findings: [{ address: `${MSK}.k`, message: 'this update turns them off' }],
    },
    { name: 'ActiveMQ without logs', plan: plan().resource(MQ, 'a', { values: { engine_type: 'ActiveMQ', logs: [] } }), findings: [{ address: `${MQ}.a`, attribute: 'logs.general' }, { address: `${MQ}.a`, attribute: 'logs.audit' }] },
    { name: 'MQ general known only after apply', plan: plan().resource(MQ, 'r', { values: { engine_type: 'RabbitMQ', logs: [{}] }, unknown: ['logs.0.general'] }), findings: [{ address: `${MQ}.r`, status: 'unknown' }] },
    { name: 'real plan', plan: APPS, findings: [{ address: `${MSK}.unlogged_bad` }, { address: `${MQ}.activemq_general_only_bad`, attribute: 'logs.audit' }] },
  ],
});

describe('LOG-027 on the real plan', () => {
  it('passes the logged brokers', () => expect(judged(brokerLogs, APPS.file, 'pass')).toEqual([`${MQ}.activemq_ok`, `${MQ}.rabbitmq_ok`, `${MSK}.logged_ok`]));
});
