/**
 * LOG-021 (advisory): public Route 53 hosted zones log the DNS queries they answer
 * (`aws_route53_query_log` with zone_id = the zone). Private zones are logged through Resolver
 * query logging instead (LOG-020).
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, skip, unknown } from '../support';
import { companionsOf } from './shared/companions';

export const hostedZoneQueryLogging: Rule = {
  id: 'LOG-021',
  title: 'Public hosted zones log DNS queries',
  family: 'logging',
  severity: 'low',
  enforcement: 'advisory',
  hipaa: ['164.312(b)'],
  resourceTypes: ['aws_route53_zone'],
  rationale:
    'Query logs of a public zone show who resolves the names of ePHI-facing services and when — reconnaissance and DNS-based attacks leave their trace there and nowhere else (164.312(b)). Advisory: the zone itself holds no ePHI. Relies on: Route 53 logs no public queries without an aws_route53_query_log.',
  remediation: 'Add an aws_route53_query_log with zone_id = aws_route53_zone.<this>.zone_id and cloudwatch_log_group_arn set to a log group in us-east-1 named /aws/route53/<zone>.',
  params: {},
  docs: {
    defaults: 'Route 53 logs no public DNS queries unless an aws_route53_query_log exists; a zone with a vpc block is private and cannot use it.',
    anchors: ['Checkov CKV2_AWS_39'],
    example: {
      fail: 'resource "aws_route53_zone" "public" { name = "example.org" }',
      pass: 'resource "aws_route53_query_log" "public" {\n  zone_id                  = aws_route53_zone.public.zone_id\n  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn\n}',
    },
  },
  check(zone: ResourceInstance, ctx: RuleContext): Outcome {
    const vpc = zone.attr('vpc');
    if (vpc.state === 'unknown') return unknown('vpc', `${zone.address}: whether the zone is private is known only after apply`);
    if (zone.blocks('vpc').length > 0) return skip(`${zone.address} is a private zone (see LOG-020)`);
    const logs = companionsOf(ctx.graph, zone, { types: ['aws_route53_query_log'], attribute: 'zone_id', matchValues: ['zone_id', 'id'] });
    if (logs.length > 0) return pass('aws_route53_query_log', `${zone.address} logs its queries (${logs.map((c) => c.join.instance.address).join(', ')})`, { evidence: logs.map((c) => evidenceOf(c.join)) });
    return fail('aws_route53_query_log', `${zone.address} is a public zone with no query logging; add an aws_route53_query_log with zone_id = ${zone.type}.${zone.name}.zone_id`);
  },
};
