import { applicationServiceLogs } from '../../../policies/rules/logging/application-service-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const SFN = 'aws_sfn_state_machine';
const APPS = { file: `${FIXTURES}/logging-apps.json` };
const container = (name: string, logged: boolean) => ({ name, image: 'x', ...(logged ? { logConfiguration: { logDriver: 'awslogs', options: {} } } : {}) });

ruleTester(applicationServiceLogs, {
  valid: [
    { name: 'Step Functions at ALL with a destination', plan: plan().resource(SFN, 's', { values: { logging_configuration: [{ level: 'ALL', include_execution_data: false, log_destination: 'arn:aws:logs:us-east-1:1:log-group:sfn:*' }] } }) },
    { name: 'Step Functions at ERROR, destination known only after apply', plan: plan().resource(SFN, 's', { values: { logging_configuration: [{ level: 'ERROR' }] }, unknown: ['logging_configuration.0.log_destination'], refs: { 'logging_configuration.log_destination': ['aws_cloudwatch_log_group.sfn.arn'] } }) },
    { name: 'ECS Exec logging omitted (DEFAULT)', plan: plan().resource('aws_ecs_cluster', 'c', { values: { configuration: [] } }) },
    { name: 'every container has a log driver', plan: plan().resource('aws_ecs_task_definition', 't', { values: { container_definitions: JSON.stringify([container('a', true), container('b', true)]) } }) },
    { name: 'CodeBuild defaults (CloudWatch logs enabled; plan: logs_config unknown)', plan: plan().resource('aws_codebuild_project', 'p', { unknown: ['logs_config'] }) },
    { name: 'EMR with log_uri, in a for_each module', plan: plan().resource('aws_emr_cluster', 'this', { module: 'module.emr["etl"]', values: { log_uri: 's3://logs/' } }) },
    {
      name: 'real plan',
      plan: APPS,
      addresses: ['aws_appsync_graphql_api.logged_ok', 'aws_mwaa_environment.logged_ok', 'aws_ecs_cluster.exec_default_ok', 'aws_ecs_task_definition.logged_ok', 'aws_codebuild_project.default_logs_ok', 'aws_emr_cluster.logged_ok'],
    },
  ],
  invalid: [
    { name: 'Step Functions omitted (plan: level unknown without references, i.e. OFF)', plan: plan().resource(SFN, 's', { unknown: ['logging_configuration'] }), findings: [{ address: `${SFN}.s`, attribute: 'logging_configuration.level' }] },
    {
      name: 'an update that turns Step Functions logging OFF says what it was',
      plan: plan().resource(SFN, 's', { action: 'update', values: { logging_configuration: [{ level: 'OFF' }] }, before: { logging_configuration: [{ level: 'ALL' }] } }),
      findings: [{ address: `${SFN}.s`, message: 'was ALL' }],
    },
    { name: 'Step Functions level from a variable', plan: plan().resource(SFN, 's', { values: { logging_configuration: [{}] }, unknown: ['logging_configuration.0.level'], refs: { 'logging_configuration.level': ['var.level'] } }), findings: [{ address: `${SFN}.s`, status: 'unknown' }] },
    { name: 'AppSync at NONE', plan: plan().resource('aws_appsync_graphql_api', 'a', { values: { log_config: [{ field_log_level: 'NONE' }] } }), findings: [{ address: 'aws_appsync_graphql_api.a' }] },
    { name: 'MWAA worker logs off', plan: plan().resource('aws_mwaa_environment', 'm', { values: { logging_configuration: [{ scheduler_logs: [{ enabled: true }], webserver_logs: [{ enabled: true }], worker_logs: [{ enabled: false }] }] } }), findings: [{ address: 'aws_mwaa_environment.m', message: 'worker_logs' }] },
    { name: 'a task definition known only after apply', plan: plan().resource('aws_ecs_task_definition', 't', { unknown: ['container_definitions'] }), findings: [{ address: 'aws_ecs_task_definition.t', status: 'unknown' }] },
    {
      name: 'real plan',
      plan: APPS,
      findings: [
        { address: 'aws_appsync_graphql_api.unlogged_bad' },
        { address: 'aws_mwaa_environment.defaults_bad', message: 'scheduler_logs, webserver_logs and worker_logs' },
        { address: 'aws_ecs_cluster.exec_none_bad' },
        { address: 'aws_ecs_task_definition.sidecar_unlogged_bad', message: 'container sidecar' },
        { address: 'aws_codebuild_project.no_logs_bad' },
        { address: 'aws_emr_cluster.unlogged_bad' },
      ],
    },
  ],
});

describe('LOG-029 on the real plan', () => {
  it('passes the logged services', () => {
    expect(judged(applicationServiceLogs, APPS.file, 'pass')).toEqual(
      ['aws_appsync_graphql_api.logged_ok', 'aws_codebuild_project.default_logs_ok', 'aws_ecs_cluster.exec_default_ok', 'aws_ecs_task_definition.logged_ok', 'aws_emr_cluster.logged_ok', 'aws_mwaa_environment.logged_ok'],
    );
  });
});
