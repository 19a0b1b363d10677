/**
 * LOG-029: services that run application code on ePHI keep their execution logs — Step
 * Functions, AppSync, MWAA (Airflow), ECS (task containers and ECS Exec sessions), CodeBuild and
 * EMR. Each judge reads the one setting that turns the service's logs on.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { priorValue } from './shared/change';
import { destination, knownText, listText, setting } from './shared/read';

type Judge = (instance: ResourceInstance) => Outcome[];

/**
 * A computed setting the configuration left alone shows as unknown with no references: the
 * service default applies. Unknown with references is a configured value planwarden cannot see.
 */
function textOrDefault(instance: ResourceInstance, path: ReadonlyArray<string | number>, fallback: string): string | 'unknown' {
  const v = instance.attr(path);
  if (v.state === 'unknown') return v.references.length > 0 ? 'unknown' : fallback;
  return knownText(v) ?? fallback;
}

const stepFunctions: Judge = (machine) => {
  const level = textOrDefault(machine, ['logging_configuration', 0, 'level'], 'OFF');
  if (level === 'unknown') return [unknown('logging_configuration.level', `${machine.address}: logging_configuration.level is known only after apply`)];
  const prior = priorValue(machine, 'logging_configuration.level');
  const was = typeof prior === 'string' ? `, was ${prior}` : '';
  if (level === 'OFF') return [fail('logging_configuration.level', `${machine.address} keeps no execution logs (level OFF${was}); set logging_configuration { level = "ALL"; log_destination = "\${aws_cloudwatch_log_group.sfn.arn}:*" }`)];
  if (destination(machine.attr('logging_configuration.log_destination'), true) === 'unset') {
    return [fail('logging_configuration.log_destination', `${machine.address} sets a log level but no log_destination; point it at a CloudWatch log group`)];
  }
  return [pass('logging_configuration.level', `${machine.address} logs executions at ${level}`)];
};

const appSync: Judge = (api) => {
  if (api.attr('log_config').state === 'unknown') return [unknown('log_config', `${api.address}: log_config is known only after apply`)];
  const level = knownText(api.attr('log_config.field_log_level'));
  if (api.blocks('log_config').length === 0 || level === 'NONE' || level === undefined) {
    return [fail('log_config.field_log_level', `${api.address} writes no request logs; add log_config { field_log_level = "ERROR"; cloudwatch_logs_role_arn = … } (ALL also logs field values, which may be ePHI)`)];
  }
  return [pass('log_config.field_log_level', `${api.address} logs at ${level}`)];
};

const AIRFLOW_LOGS = ['scheduler_logs', 'webserver_logs', 'worker_logs'];
const mwaa: Judge = (env) => {
  const off: string[] = [];
  const undecided: string[] = [];
  for (const log of AIRFLOW_LOGS) {
    const v = env.attr(['logging_configuration', 0, log, 0, 'enabled']);
    // Computed: omitted shows as unknown with no references, and Airflow's default is off for these three.
    const state = v.state === 'unknown' && v.references.length === 0 ? 'off' : setting(v, 'off');
    if (state === 'off') off.push(log);
    if (state === 'unknown') undecided.push(log);
  }
  if (off.length > 0) return [fail('logging_configuration', `${env.address} does not send ${listText(off)} to CloudWatch Logs; set enabled = true for each in logging_configuration`)];
  if (undecided.length > 0) return [unknown('logging_configuration', `${env.address}: ${listText(undecided)} known only after apply`)];
  return [pass('logging_configuration', `${env.address} sends scheduler, webserver and worker logs`)];
};

const ecsCluster: Judge = (cluster) => {
  const logging = knownText(cluster.attr(['configuration', 0, 'execute_command_configuration', 0, 'logging']));
  if (logging === 'NONE') return [fail('configuration.execute_command_configuration.logging', `${cluster.address} records no ECS Exec sessions (logging = "NONE"); set it to "DEFAULT" or "OVERRIDE" with a log_configuration`)];
  return [pass('configuration.execute_command_configuration.logging', `${cluster.address} records ECS Exec sessions (${logging ?? 'DEFAULT'})`)];
};

/** Containers without a logConfiguration write to nowhere an auditor can read. */
const ecsTaskDefinition: Judge = (task) => {
  const defs = task.attr('container_definitions');
  if (defs.state === 'unknown') return [unknown('container_definitions', `${task.address}: container_definitions is known only after apply`)];
  const text = knownText(defs);
  let containers: unknown;
  try {
    containers = text === undefined ? [] : JSON.parse(text);
  } catch {
    return [unknown('container_definitions', `${task.address}: container_definitions is not valid JSON`)];
  }
  if (!Array.isArray(containers)) return [];
  const silent = containers
    .filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null)
    .filter((c) => {
      const config = c.logConfiguration as Record<string, unknown> | undefined;
      return typeof config?.logDriver !== 'string';
    })
    .map((c) => (typeof c.name === 'string' ? c.name : '(unnamed)'));
  if (silent.length > 0) return [fail('container_definitions', `${task.address}: container${silent.length === 1 ? '' : 's'} ${listText(silent)} ha${silent.length === 1 ? 's' : 've'} no logConfiguration; add logConfiguration { logDriver = "awslogs", … }`)];
  return [pass('container_definitions', `${task.address}: every container has a log driver`)];
};

const codeBuild: Judge = (project) => {
  const cw = textOrDefault(project, ['logs_config', 0, 'cloudwatch_logs', 0, 'status'], 'ENABLED');
  const s3 = textOrDefault(project, ['logs_config', 0, 's3_logs', 0, 'status'], 'DISABLED');
  if (cw === 'DISABLED' && s3 === 'DISABLED') return [fail('logs_config', `${project.address} disables both CloudWatch and S3 build logs; leave logs_config.cloudwatch_logs.status = "ENABLED"`)];
  if (cw === 'unknown' || s3 === 'unknown') return [unknown('logs_config', `${project.address}: logs_config is known only after apply`)];
  return [pass('logs_config', `${project.address} keeps build logs`)];
};

const emr: Judge = (cluster) => {
  const uri = destination(cluster.attr('log_uri'), true);
  if (uri === 'unset') return [fail('log_uri', `${cluster.address} keeps step and node logs only on the cluster, which vanish with it; set log_uri = "s3://…"`)];
  if (uri === 'unknown') return [unknown('log_uri', `${cluster.address}: log_uri is known only after apply`)];
  return [pass('log_uri', `${cluster.address} archives its logs to S3`)];
};

const JUDGES: Readonly<Record<string, Judge>> = {
  aws_sfn_state_machine: stepFunctions,
  aws_appsync_graphql_api: appSync,
  aws_mwaa_environment: mwaa,
  aws_ecs_cluster: ecsCluster,
  aws_ecs_task_definition: ecsTaskDefinition,
  aws_codebuild_project: codeBuild,
  aws_emr_cluster: emr,
};

export const applicationServiceLogs: Rule = {
  id: 'LOG-029',
  title: 'Application services keep their execution logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: Object.keys(JUDGES),
  rationale:
    'Workflows, APIs, containers, builds and clusters that process ePHI are where an application acts on it; their execution logs are the record of what ran, for whom and with what result (164.312(b)) and what activity review reads (164.308(a)(1)(ii)(D)). Each of these services keeps nothing durable unless its logging is switched on. Relies on: each service\'s default is off (Step Functions level OFF, no AppSync log_config, MWAA scheduler/webserver/worker logs off, no container logConfiguration, no EMR log_uri), except CodeBuild\'s CloudWatch logs and ECS Exec\'s DEFAULT logging, which are on.',
  remediation:
    'Step Functions: logging_configuration { level = "ALL" (or "ERROR"), log_destination = a log group }. AppSync: log_config { field_log_level = "ERROR" }. MWAA: enable scheduler_logs, webserver_logs and worker_logs. ECS: a logConfiguration on every container; ECS Exec logging not "NONE". CodeBuild: keep CloudWatch or S3 logs enabled. EMR: set log_uri.',
  params: {},
  docs: {
    defaults:
      'Step Functions: logging level OFF unless set (plan: computed). AppSync: no log_config, no logs. MWAA: only task logs are on by default; scheduler, webserver and worker logs are off. ECS: containers log nowhere without a logConfiguration; ECS Exec logging defaults to DEFAULT (the task\'s awslogs configuration). CodeBuild: CloudWatch logs ENABLED by default. EMR: no log_uri, no archived logs.',
    anchors: [
      'cdk-nag AwsSolutions SF1, ASC3, ECS7, EMR2',
      'Checkov CKV_AWS_285 (Step Functions), CKV_AWS_193/194 (AppSync), CKV_AWS_242-244 (MWAA), CKV_AWS_223 (ECS Exec), CKV_AWS_314 (CodeBuild)',
    ],
    example: {
      fail: 'resource "aws_sfn_state_machine" "intake" {\n  name       = "intake"\n  role_arn   = aws_iam_role.sfn.arn\n  definition = file("intake.asl.json")\n}',
      pass: 'resource "aws_sfn_state_machine" "intake" {\n  name       = "intake"\n  role_arn   = aws_iam_role.sfn.arn\n  definition = file("intake.asl.json")\n  logging_configuration {\n    level           = "ALL"\n    log_destination = "${aws_cloudwatch_log_group.sfn.arn}:*"\n  }\n}',
    },
  },
  check(instance: ResourceInstance): Outcome[] {
    const judge = JUDGES[instance.type];
    return judge ? judge(instance) : [];
  },
};
