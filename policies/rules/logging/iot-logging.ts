/**
 * LOG-024: AWS IoT logging is not turned off. `aws_iot_logging_options` is the account's (per
 * region) IoT Core logging switch; DISABLED or disable_all_logs = true stop every device
 * connection, authorisation and rule log. Owned by the logging family; the IoT family judges
 * device policies.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { wasNote } from './shared/change';
import { knownText, setting } from './shared/read';

export const iotLogging: Rule = {
  id: 'LOG-024',
  title: 'AWS IoT logging is not disabled',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_iot_logging_options'],
  rationale:
    'Devices that send ePHI authenticate, connect and publish through IoT Core; its logs are the only record of which certificate connected, what it was refused and which rule forwarded its data (164.312(b), 164.308(a)(1)(ii)(D)). default_log_level = "DISABLED" or disable_all_logs = true switch that record off for the whole region. Relies on: disable_all_logs defaults to false; default_log_level is required, so only DISABLED turns the level off.',
  remediation: 'Set default_log_level = "INFO" (or "ERROR" / "WARN" / "DEBUG") and remove disable_all_logs = true; role_arn must let IoT write to CloudWatch Logs.',
  params: {},
  docs: {
    defaults: 'IoT Core writes no logs until logging options are set; provider 5.x plans disable_all_logs = null (false) when omitted. default_log_level is required.',
    anchors: ['AWS IoT Device Defender LOGGING_DISABLED_CHECK'],
    example: {
      fail: 'resource "aws_iot_logging_options" "this" {\n  default_log_level = "DISABLED"\n  role_arn          = aws_iam_role.iot_logging.arn\n}',
      pass: 'resource "aws_iot_logging_options" "this" {\n  default_log_level = "INFO"\n  role_arn          = aws_iam_role.iot_logging.arn\n}',
    },
  },
  check(options: ResourceInstance): Outcome[] {
    const outcomes: Outcome[] = [];
    const all = setting(options.attr('disable_all_logs'), 'off');
    if (all === 'unknown') outcomes.push(unknown('disable_all_logs', `${options.address}: disable_all_logs is known only after apply`));
    if (all === 'on') outcomes.push(fail('disable_all_logs', `${options.address} sets disable_all_logs = true, so IoT Core logs nothing${wasNote(options, 'disable_all_logs')}; remove it`));
    const level = options.attr('default_log_level');
    if (level.state === 'unknown') outcomes.push(unknown('default_log_level', `${options.address}: default_log_level is known only after apply`));
    if (knownText(level) === 'DISABLED') {
      outcomes.push(fail('default_log_level', `${options.address} sets default_log_level = "DISABLED"${wasNote(options, 'default_log_level', (v) => `was ${String(v)}`)}; set it to "INFO" or "ERROR"`));
    }
    return outcomes.length > 0 ? outcomes : [pass('default_log_level', `${options.address} logs at ${knownText(level) ?? 'its level'}`)];
  },
};
