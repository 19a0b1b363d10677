/**
 * LOG-028: AWS Network Firewall logs its alerts and flows — an
 * `aws_networkfirewall_logging_configuration` whose firewall_arn is the firewall, with ALERT and
 * FLOW log destinations.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { companionsOf } from './shared/companions';
import { knownText, listText } from './shared/read';

const COMPANION = 'aws_networkfirewall_logging_configuration';
const LOG_TYPES = ['ALERT', 'FLOW'];

export const networkFirewallLogging: Rule = {
  id: 'LOG-028',
  title: 'Network Firewall logs alerts and flows',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_networkfirewall_firewall'],
  rationale:
    'A firewall guarding ePHI networks decides what may leave them; its alert logs record blocked and flagged traffic and its flow logs what passed (164.312(b), 164.308(a)(1)(ii)(D)). Network Firewall keeps nothing unless a logging configuration names destinations. Relies on: a firewall without an aws_networkfirewall_logging_configuration logs nothing.',
  remediation:
    'Add an aws_networkfirewall_logging_configuration with firewall_arn = aws_networkfirewall_firewall.<this>.arn and a log_destination_config for log_type "ALERT" and one for "FLOW".',
  params: {},
  docs: {
    defaults: 'Network Firewall writes no logs until a logging configuration exists for the firewall.',
    anchors: ['Checkov CKV2_AWS_63', 'AWS Security Hub NetworkFirewall.2'],
    example: {
      fail: 'resource "aws_networkfirewall_firewall" "egress" {\n  name = "egress"\n  # …\n}',
      pass: 'resource "aws_networkfirewall_logging_configuration" "egress" {\n  firewall_arn = aws_networkfirewall_firewall.egress.arn\n  logging_configuration {\n    log_destination_config {\n      log_type             = "ALERT"\n      log_destination_type = "CloudWatchLogs"\n      log_destination      = { logGroup = aws_cloudwatch_log_group.fw.name }\n    }\n    log_destination_config {\n      log_type             = "FLOW"\n      log_destination_type = "S3"\n      log_destination      = { bucketName = aws_s3_bucket.fw_logs.bucket }\n    }\n  }\n}',
    },
  },
  check(firewall: ResourceInstance, ctx: RuleContext): Outcome {
    const configs = companionsOf(ctx.graph, firewall, { types: [COMPANION], attribute: 'firewall_arn', matchValues: ['arn', 'id'] });
    if (configs.length === 0) return fail(COMPANION, `${firewall.address} logs nothing; add an ${COMPANION} with ALERT and FLOW destinations`);
    const evidence = configs.map((c) => evidenceOf(c.join));
    const logged = new Set<string>();
    let undecided = false;
    for (const c of configs) {
      const holder = c.join.instance;
      if (holder.attr('logging_configuration').state === 'unknown') undecided = true;
      for (const path of holder.blocks(['logging_configuration', 0, 'log_destination_config'])) {
        const type = holder.attr([...path, 'log_type']);
        if (type.state === 'unknown') undecided = true;
        const t = knownText(type);
        if (t !== undefined) logged.add(t);
      }
    }
    const missing = LOG_TYPES.filter((t) => !logged.has(t));
    if (missing.length === 0) return pass(COMPANION, `${firewall.address} logs alerts and flows`, { evidence });
    if (undecided) return unknown(COMPANION, `${firewall.address}: its log destinations are known only after apply`, { evidence });
    return fail(COMPANION, `${firewall.address} does not log ${listText(missing)} traffic; add a log_destination_config for ${listText(missing)}`, { evidence });
  },
};
