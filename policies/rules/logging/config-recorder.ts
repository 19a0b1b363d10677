/**
 * LOG-022: an AWS Config recorder defined in the plan records every supported resource type and
 * is started (an `aws_config_configuration_recorder_status` with is_enabled = true). Plans
 * without a recorder are not judged: Config is usually set up once per account elsewhere.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { turnedOff } from './shared/change';
import { companionsOf } from './shared/companions';
import { knownText, listText, setting, stringList } from './shared/read';

const STATUS = 'aws_config_configuration_recorder_status';

function judgeRecorder(recorder: ResourceInstance, ctx: RuleContext): Outcome[] {
  const outcomes: Outcome[] = [];
  const group = 'recording_group';
  // recording_group is computed: omitted, it is unknown with no references and AWS records everything.
  const whole = recorder.attr(group);
  const omitted = whole.state === 'unknown' && whole.references.length === 0 && recorder.attr([group, 0, 'all_supported']).references.length === 0;
  const all = omitted ? 'on' : setting(recorder.attr([group, 0, 'all_supported']), 'on');
  const strategy = knownText(recorder.attr([group, 0, 'recording_strategy', 0, 'use_only']));
  if (all === 'unknown') outcomes.push(unknown('recording_group.all_supported', `${recorder.address}: recording_group.all_supported is known only after apply`));
  else if (all === 'off' && strategy !== 'ALL_SUPPORTED_RESOURCE_TYPES') {
    const excluded = stringList(recorder, [group, 0, 'exclusion_by_resource_types', 0, 'resource_types']).values;
    const included = stringList(recorder, [group, 0, 'resource_types']).values;
    const what =
      strategy === 'EXCLUSION_BY_RESOURCE_TYPES' || excluded.length > 0
        ? `excludes ${listText(excluded.length > 0 ? excluded : ['some resource types'])}`
        : `records only ${included.length > 0 ? listText(included) : 'the listed resource types'}`;
    outcomes.push(fail('recording_group.all_supported', `${recorder.address} ${what}; set recording_group { all_supported = true }`));
  }
  const statuses = companionsOf(ctx.graph, recorder, { types: [STATUS], attribute: 'name', matchValues: ['name', 'id'] });
  if (statuses.length === 0) {
    outcomes.push(fail(STATUS, `${recorder.address} is never started: AWS creates recorders stopped and this plan has no ${STATUS} for it; add one with is_enabled = true`));
  }
  return outcomes.length > 0 ? outcomes : [pass('recording_group', `${recorder.address} records every supported resource type and is started by ${statuses.map((s) => s.join.instance.address).join(', ')}`, { evidence: statuses.map((s) => evidenceOf(s.join)) })];
}

function judgeStatus(status: ResourceInstance): Outcome {
  const enabled = setting(status.attr('is_enabled'), 'off');
  if (enabled === 'unknown') return unknown('is_enabled', `${status.address}: is_enabled is known only after apply`);
  if (enabled === 'on') return pass('is_enabled', `${status.address} keeps the recorder running`);
  const change = turnedOff(status, 'is_enabled') ? ' — this update stops a running recorder' : '';
  return fail('is_enabled', `${status.address} sets is_enabled = false, so AWS Config records no configuration changes${change}; set is_enabled = true`);
}

export const configRecorder: Rule = {
  id: 'LOG-022',
  title: 'AWS Config recorders record all resource types and are running',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_config_configuration_recorder', STATUS],
  rationale:
    'AWS Config keeps the history of every resource\'s configuration — when a bucket became public, when a key policy changed — the record of system changes that activity review (164.308(a)(1)(ii)(D)) and audit controls (164.312(b)) rely on. A recorder limited to some types, or never started, leaves that history with holes. Relies on: an omitted recording_group records all supported types, and AWS creates recorders stopped.',
  remediation: 'Set recording_group { all_supported = true } (or recording_strategy use_only = "ALL_SUPPORTED_RESOURCE_TYPES") and add an aws_config_configuration_recorder_status with name = the recorder\'s name and is_enabled = true (it needs a delivery channel).',
  params: {},
  docs: {
    defaults:
      'A recorder records all supported resource types when recording_group is omitted (all_supported defaults to true). AWS creates recorders stopped: only an aws_config_configuration_recorder_status with is_enabled = true starts one. Plans that define no recorder are not judged.',
    anchors: ['AWS Config (service prerequisite of every conformance pack)', 'Prowler config_recorder_all_regions_enabled', 'AWS Security Hub Config.1'],
    example: {
      fail: 'resource "aws_config_configuration_recorder" "main" {\n  role_arn = aws_iam_role.config.arn\n  recording_group {\n    all_supported  = false\n    resource_types = ["AWS::S3::Bucket"]\n  }\n}',
      pass: 'resource "aws_config_configuration_recorder" "main" {\n  role_arn = aws_iam_role.config.arn\n}\nresource "aws_config_configuration_recorder_status" "main" {\n  name       = aws_config_configuration_recorder.main.name\n  is_enabled = true\n  depends_on = [aws_config_delivery_channel.main]\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    return instance.type === STATUS ? [judgeStatus(instance)] : judgeRecorder(instance, ctx);
  },
};
