/**
 * IOT-007: IoT role aliases hand out short-lived credentials. credential_duration is how long
 * the AWS credentials a device gets for its certificate stay valid; a revoked or stolen
 * certificate keeps working through them until they expire.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { numberParam } from './shared/params';

const DEFAULT_DURATION = 3600;
const MIN = 900;
const MAX = 43200;

function hours(seconds: number): string {
  const h = seconds / 3600;
  return Number.isInteger(h) ? `${h} h` : `${h.toFixed(2).replace(/0+$/, '')} h`;
}

export const roleAliasDuration: Rule = {
  id: 'IOT-007',
  title: 'IoT role aliases issue credentials valid for at most an hour',
  family: 'iot',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  resourceTypes: ['aws_iot_role_alias'],
  rationale:
    'Credentials from the AWS IoT credentials provider cannot be revoked: revoking or deactivating the device certificate stops new exchanges, but credentials already issued stay valid for credential_duration seconds (up to 12 hours). Keeping them at the one-hour default bounds how long a lost or decommissioned device can still reach ePHI (164.312(a)(1), 164.308(a)(4)(ii)(B)).',
  remediation: 'Set credential_duration to 3600 seconds or less (or omit it: the default is 3600); devices refresh credentials before they expire.',
  params: {
    // No `min`: the engine reads `min` as the HIPAA-safe floor, and here a lower value is stricter.
    maxCredentialDurationSeconds: {
      description: 'Longest credential_duration accepted, in seconds (AWS allows 900–43200; values below 900 count as 900).',
      default: DEFAULT_DURATION,
      max: MAX,
    },
  },
  docs: {
    defaults: 'AWS and provider 5.x default credential_duration to 3600 seconds; AWS accepts 900–43200. The role\'s own max session duration must be at least as long.',
    anchors: ['AWS IoT developer guide: authorizing direct calls to AWS services (credentials provider)', 'AWS IoT Device Defender IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK (related)'],
    example: {
      fail: 'resource "aws_iot_role_alias" "device" {\n  alias               = "device"\n  role_arn            = aws_iam_role.device.arn\n  credential_duration = 43200\n}',
      pass: 'resource "aws_iot_role_alias" "device" {\n  alias               = "device"\n  role_arn            = aws_iam_role.device.arn\n  credential_duration = 3600\n}',
    },
  },
  check(alias: ResourceInstance, ctx: RuleContext): Outcome {
    const max = numberParam(ctx.params.maxCredentialDurationSeconds, DEFAULT_DURATION, MIN, MAX);
    const duration = alias.attr('credential_duration');
    if (duration.state === 'unknown') {
      return unknown('credential_duration', `${alias.address}: credential_duration is known only after apply; planwarden cannot confirm it is at most ${max} seconds`);
    }
    const seconds = duration.state === 'known' && typeof duration.value === 'number' ? duration.value : DEFAULT_DURATION;
    if (seconds <= max) return pass('credential_duration', `${alias.address} issues credentials valid for ${hours(seconds)}`);
    // Said in hours: the engine's redaction net treats every value of a `credential*` attribute as secret.
    return fail(
      'credential_duration',
      `${alias.address} issues AWS credentials valid for ${hours(seconds)}: a revoked or stolen device certificate keeps its credentials that long; set credential_duration to ${max} seconds or less`,
    );
  },
};
