/**
 * IOT-014: AWS IoT logging records connections at a useful level, through a role IoT can use.
 * LOG-024 (logging family) fails logging that is switched off (DISABLED, disable_all_logs);
 * this rule judges the IoT-specific rest of Device Defender's LOGGING_DISABLED_CHECK: a level
 * that records successful connections and authorizations (INFO or DEBUG by default — ERROR and
 * WARN log failures only), and a role_arn whose role trusts iot.amazonaws.com and may write to
 * CloudWatch Logs (otherwise IoT silently logs nothing).
 */
import type { Evidence, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, knownValue, pass, skip, unknown } from '../support';
import { actionPatternMatches } from './policy';
import { rolePolicies, awsManagedPolicyName } from './shared/role-policies';

const LEVELS = ['ERROR', 'WARN', 'INFO', 'DEBUG'] as const;
type Level = (typeof LEVELS)[number];
const LOGGING_POLICIES = new Set(['AWSIoTLogging', 'CloudWatchLogsFullAccess', 'AdministratorAccess', 'PowerUserAccess']);
const WRITE_ACTION = 'logs:PutLogEvents';

function levelParam(value: unknown): Level {
  return LEVELS.find((l) => l === value) ?? 'INFO';
}

/** Whether a trust policy lets the IoT service assume the role; undefined when it cannot be read. */
export function trustsIot(text: string): boolean | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (doc === null || typeof doc !== 'object') return undefined;
  const raw = (doc as Record<string, unknown>).Statement;
  const statements = Array.isArray(raw) ? raw : [raw];
  return statements.some((st) => {
    if (st === null || typeof st !== 'object') return false;
    const s = st as Record<string, unknown>;
    const actions = ([] as unknown[]).concat(s.Action ?? []);
    const principal = s.Principal;
    const services = principal !== null && typeof principal === 'object' ? ([] as unknown[]).concat((principal as Record<string, unknown>).Service ?? []) : [];
    return (
      s.Effect === 'Allow' &&
      actions.some((a) => typeof a === 'string' && actionPatternMatches(a, 'sts:AssumeRole')) &&
      (principal === '*' || services.some((svc) => svc === 'iot.amazonaws.com'))
    );
  });
}

function judgeRole(options: ResourceInstance, role: ResourceInstance, via: Evidence, ctx: RuleContext): Outcome[] {
  const outcomes: Outcome[] = [];
  const evidence = [via];
  const trust = role.attr('assume_role_policy');
  const trustText = knownValue(trust);
  if (trust.state === 'unknown') {
    outcomes.push(unknown('role_arn', `${options.address}: the trust policy of ${role.address} is known only after apply; planwarden cannot tell whether IoT may assume it`, { evidence }));
  } else if (typeof trustText === 'string' && trustsIot(trustText) === false) {
    outcomes.push(fail('role_arn', `${options.address} logs through ${role.address}, whose trust policy does not let iot.amazonaws.com assume it, so IoT can write no logs; add iot.amazonaws.com as a trusted service`, { evidence }));
  }
  const policies = rolePolicies(role, ctx.graph);
  let grants = false;
  const unsure: string[] = [];
  for (const doc of policies.documents) {
    if (doc.source.kind === 'document') {
      if (doc.source.document.statements.some((st) => st.effect === 'Allow' && !st.action.negated && st.action.patterns.some((p) => actionPatternMatches(p, WRITE_ACTION)))) grants = true;
    } else if (doc.source.kind !== 'absent') {
      unsure.push(doc.origin);
    }
  }
  for (const ref of policies.arns) {
    const name = awsManagedPolicyName(ref.arn);
    if (name !== undefined && LOGGING_POLICIES.has(name)) grants = true;
    else unsure.push(ref.arn);
  }
  unsure.push(...policies.unresolved.map((u) => u.origin));
  if (!grants && unsure.length > 0) {
    outcomes.push(unknown('role_arn', `${options.address} logs through ${role.address}; planwarden cannot tell whether ${unsure.join(', ')} grant ${WRITE_ACTION}`, { evidence }));
  } else if (!grants) {
    outcomes.push(
      fail('role_arn', `${options.address} logs through ${role.address}, which grants no ${WRITE_ACTION}, so IoT can write no logs; attach arn:aws:iam::aws:policy/service-role/AWSIoTLogging or a policy allowing logs:CreateLogGroup, logs:CreateLogStream and logs:PutLogEvents`, {
        evidence,
      }),
    );
  }
  return outcomes;
}

export const loggingRoleLevel: Rule = {
  id: 'IOT-014',
  title: 'AWS IoT logs connections at INFO or finer, through a role IoT can use',
  family: 'iot',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_iot_logging_options'],
  rationale:
    'Audit controls (164.312(b)) and activity review (164.308(a)(1)(ii)(D)) for device traffic rest on IoT Core\'s logs: which certificate connected, what it subscribed to, which authorizations failed. At ERROR or WARN IoT records failures only, not the successful connections and publishes a review needs; and IoT writes nothing when role_arn names a role it cannot assume or that may not write to CloudWatch Logs — the state Device Defender\'s LOGGING_DISABLED_CHECK reports. LOG-024 covers logging switched off; this rule covers the level and the role.',
  remediation: 'Set default_log_level = "INFO" and point role_arn at a role that trusts iot.amazonaws.com and has the AWSIoTLogging managed policy (or logs:CreateLogGroup, logs:CreateLogStream, logs:PutLogEvents).',
  params: {
    minimumLevel: {
      description: 'The least verbose default_log_level accepted (ERROR < WARN < INFO < DEBUG).',
      default: 'INFO',
      allowed: [...LEVELS],
    },
  },
  docs: {
    defaults: 'default_log_level and role_arn are required by provider 5.x; IoT logs nothing until logging options exist. DISABLED and disable_all_logs = true are LOG-024\'s findings and skipped here.',
    anchors: ['AWS IoT Device Defender LOGGING_DISABLED_CHECK', 'LOG-024 (logging switched off)'],
    example: {
      fail: 'resource "aws_iot_logging_options" "this" {\n  default_log_level = "ERROR"\n  role_arn          = aws_iam_role.iot_logging.arn\n}',
      pass: 'resource "aws_iot_logging_options" "this" {\n  default_log_level = "INFO"\n  role_arn          = aws_iam_role.iot_logging.arn  # trusts iot.amazonaws.com, has AWSIoTLogging\n}',
    },
  },
  check(options: ResourceInstance, ctx: RuleContext): Outcome[] {
    const off = options.attr('disable_all_logs');
    const level = options.attr('default_log_level');
    const levelValue = knownValue(level);
    if ((off.state === 'known' && off.value === true) || levelValue === 'DISABLED') return [skip(`${options.address} switches IoT logging off; LOG-024 reports it`)];
    const outcomes: Outcome[] = [];
    const minimum = levelParam(ctx.params.minimumLevel);
    if (level.state === 'unknown') {
      outcomes.push(unknown('default_log_level', `${options.address}: default_log_level is known only after apply; planwarden cannot confirm ${minimum} or finer`));
    } else if (typeof levelValue === 'string' && LEVELS.indexOf(levelValue as Level) < LEVELS.indexOf(minimum)) {
      outcomes.push(fail('default_log_level', `${options.address} logs at ${levelValue}, which records failures only, not the successful connections and publishes an audit needs; set default_log_level = "${minimum}"`));
    }
    for (const join of ctx.graph.referencesOf(options, 'role_arn', { types: ['aws_iam_role'], matchValues: ['arn'] })) {
      outcomes.push(...judgeRole(options, join.instance, evidenceOf(join), ctx));
    }
    return outcomes.length > 0 ? outcomes : [pass('default_log_level', `${options.address} logs at ${String(levelValue)} through a role IoT can use`)];
  },
};
