/**
 * LOG-020: where a plan uses Route 53 Resolver query logging, every VPC in it is associated with
 * a query log configuration, and every configuration is associated with something.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, skip } from '../support';
import { companionsOf, liveOfType } from './shared/companions';

const CONFIG = 'aws_route53_resolver_query_log_config';
const ASSOCIATION = 'aws_route53_resolver_query_log_config_association';

export const resolverQueryLogging: Rule = {
  id: 'LOG-020',
  title: 'VPCs are associated with Route 53 Resolver query logging where the plan uses it',
  family: 'logging',
  severity: 'low',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  resourceTypes: ['aws_vpc', 'aws_default_vpc', CONFIG],
  rationale:
    'DNS queries from workloads that handle ePHI reveal exfiltration and command-and-control channels that flow logs show only as traffic to an address (164.312(b), 164.308(a)(1)(ii)(D)). A plan that sets up Resolver query logging but leaves a VPC unassociated — or a configuration associated with nothing — has a gap it meant to close. Relies on: Resolver logs no queries for a VPC that is not associated with a query log configuration.',
  remediation: 'Add an aws_route53_resolver_query_log_config_association with resolver_query_log_config_id = aws_route53_resolver_query_log_config.<config>.id and resource_id = aws_vpc.<this>.id.',
  params: {},
  docs: {
    defaults:
      'Route 53 Resolver logs no queries unless a query log configuration is associated with the VPC. Plans without any aws_route53_resolver_query_log_config are not judged: query logging is often shared to the account through AWS RAM from a central stack.',
    anchors: ['AWS Security Hub Route53.2 (Resolver query logging)', 'Checkov CKV2_AWS_39 (hosted zone query logging; see LOG-021)'],
    example: {
      fail: 'resource "aws_route53_resolver_query_log_config" "dns" {\n  name            = "dns"\n  destination_arn = aws_cloudwatch_log_group.dns.arn\n}\n# no association with aws_vpc.main',
      pass: 'resource "aws_route53_resolver_query_log_config_association" "main" {\n  resolver_query_log_config_id = aws_route53_resolver_query_log_config.dns.id\n  resource_id                  = aws_vpc.main.id\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    if (instance.type === CONFIG) {
      const used = companionsOf(ctx.graph, instance, { types: [ASSOCIATION], attribute: 'resolver_query_log_config_id', matchValues: ['id'] });
      if (used.length > 0) return pass(ASSOCIATION, `${instance.address} is associated (${used.map((c) => c.join.instance.address).join(', ')})`, { evidence: used.map((c) => evidenceOf(c.join)) });
      return fail(ASSOCIATION, `${instance.address} is associated with no VPC, so it logs nothing; add an ${ASSOCIATION}`);
    }
    if (liveOfType(ctx.graph, CONFIG).length === 0) return skip(`no Resolver query log configuration in this plan`);
    const associations = companionsOf(ctx.graph, instance, { types: [ASSOCIATION], attribute: 'resource_id', matchValues: ['id'] });
    if (associations.length > 0) return pass(ASSOCIATION, `${instance.address} logs its DNS queries (${associations.map((c) => c.join.instance.address).join(', ')})`, { evidence: associations.map((c) => evidenceOf(c.join)) });
    return fail(ASSOCIATION, `${instance.address} is not associated with any Resolver query log configuration although this plan defines one; add an ${ASSOCIATION} with resource_id = ${instance.type}.${instance.name}.id`);
  },
};
