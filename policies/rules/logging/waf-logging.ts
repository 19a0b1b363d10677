/**
 * LOG-019: every WAF web ACL logs the requests it inspects — an
 * `aws_wafv2_web_acl_logging_configuration` whose resource_arn is the ACL (WAFv2), or the inline
 * `logging_configuration` of a WAF Classic ACL.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { companionsOf, deletedCompanions, deletedNote, inferredNote } from './shared/companions';
import { destination } from './shared/read';

const QUERY = { types: ['aws_wafv2_web_acl_logging_configuration'], attribute: 'resource_arn', matchValues: ['arn'] };

export const wafLogging: Rule = {
  id: 'LOG-019',
  title: 'WAF web ACLs log the requests they inspect',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_wafv2_web_acl', 'aws_waf_web_acl', 'aws_wafregional_web_acl'],
  rationale:
    'A web ACL in front of an ePHI application sees attacks first: blocked injection attempts, credential stuffing, scanners. Without WAF logs the record of those attempts (164.312(b)) and the material to review them (164.308(a)(1)(ii)(D)) are lost; only sampled requests remain for three hours. Relies on: WAF keeps no logs unless a logging configuration exists.',
  remediation:
    'Add an aws_wafv2_web_acl_logging_configuration with resource_arn = aws_wafv2_web_acl.<this>.arn and log_destination_configs = [a CloudWatch log group, S3 bucket or Firehose stream named aws-waf-logs-…] (WAF Classic: a logging_configuration block with log_destination).',
  params: {},
  docs: {
    defaults: 'AWS WAF keeps no logs unless a logging configuration exists; provider 5.x plans the WAF Classic logging_configuration block as [] when omitted.',
    anchors: ['cdk-nag WAFv2LoggingEnabled', 'AWS Config wafv2-logging-enabled', 'Checkov CKV2_AWS_31, CKV_AWS_176'],
    example: {
      fail: 'resource "aws_wafv2_web_acl" "app" {\n  name  = "app"\n  scope = "REGIONAL"\n  # …\n}',
      pass: 'resource "aws_wafv2_web_acl_logging_configuration" "app" {\n  resource_arn            = aws_wafv2_web_acl.app.arn\n  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]\n}',
    },
  },
  check(acl: ResourceInstance, ctx: RuleContext): Outcome {
    if (acl.type !== 'aws_wafv2_web_acl') {
      const target = destination(acl.attr('logging_configuration.log_destination'));
      if (target === 'set') return pass('logging_configuration', `${acl.address} logs to its log_destination`);
      if (target === 'unknown') return unknown('logging_configuration.log_destination', `${acl.address}: logging_configuration.log_destination is known only after apply`);
      return fail('logging_configuration', `${acl.address} logs no requests; add logging_configuration { log_destination = … }`);
    }
    const configs = companionsOf(ctx.graph, acl, QUERY);
    if (configs.length === 0) {
      const gone = deletedNote(deletedCompanions(ctx.graph, acl, QUERY));
      return fail('aws_wafv2_web_acl_logging_configuration', `${acl.address} logs no requests${gone}; add an aws_wafv2_web_acl_logging_configuration with resource_arn = ${acl.type}.${acl.name}.arn`);
    }
    const evidence = configs.map((c) => evidenceOf(c.join));
    const targets = configs.map((c) => destination(c.join.instance.attr('log_destination_configs')));
    if (targets.includes('set')) return pass('aws_wafv2_web_acl_logging_configuration', `${acl.address} logs through ${configs.map((c) => c.join.instance.address + inferredNote(c)).join(', ')}`, { evidence });
    if (targets.includes('unknown')) return unknown('aws_wafv2_web_acl_logging_configuration', `${acl.address}: the log destinations of its logging configuration are known only after apply`, { evidence });
    return fail('aws_wafv2_web_acl_logging_configuration', `${acl.address}'s logging configuration names no log destination; set log_destination_configs`, { evidence });
  },
};
