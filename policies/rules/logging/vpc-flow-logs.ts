/**
 * LOG-010: every VPC in the plan has a flow log recording all traffic — an `aws_flow_log` whose
 * `vpc_id` refers to it, in any module, through count/for_each keys or the VPC's known id.
 * Flow logs on single subnets or interfaces do not cover the VPC.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { companionsOf, deletedCompanions, deletedNote, inferredNote, type Companion } from './shared/companions';
import { knownText } from './shared/read';
import { wasNote } from './shared/change';

const QUERY = { types: ['aws_flow_log'], attribute: 'vpc_id', matchValues: ['id'] };

/** ALL, or ACCEPT and REJECT from two flow logs together. */
function trafficOf(companions: readonly Companion[]): { accept: boolean; reject: boolean; unknown: ResourceInstance[] } {
  const out = { accept: false, reject: false, unknown: [] as ResourceInstance[] };
  for (const c of companions) {
    const traffic = c.join.instance.attr('traffic_type');
    if (traffic.state === 'unknown') {
      out.unknown.push(c.join.instance);
      continue;
    }
    const t = knownText(traffic);
    if (t === 'ALL') out.accept = out.reject = true;
    if (t === 'ACCEPT') out.accept = true;
    if (t === 'REJECT') out.reject = true;
  }
  return out;
}

export const vpcFlowLogs: Rule = {
  id: 'LOG-010',
  title: 'Every VPC has flow logs recording all traffic',
  family: 'logging',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_vpc', 'aws_default_vpc'],
  rationale:
    'Network activity to and from systems holding ePHI is part of the activity 164.312(b) asks to record and 164.308(a)(1)(ii)(D) to review: flow logs show which hosts talked to which, including exfiltration and scanning. A flow log that records only REJECT misses every accepted connection, which is where a breach happens. Relies on: AWS records no flow logs unless an aws_flow_log exists for the VPC.',
  remediation: 'Add an aws_flow_log with vpc_id = aws_vpc.<this>.id, traffic_type = "ALL" and a CloudWatch Logs or S3 log_destination.',
  params: {},
  docs: {
    defaults:
      'AWS records no flow logs unless one is created. traffic_type is required by the API; ALL, or an ACCEPT and a REJECT flow log together, pass. A flow log whose vpc_id comes from a local value (terraform-aws-modules/vpc) is tied to the only VPC in its module instance, because plan JSON does not carry locals.',
    anchors: ['cdk-nag VPCFlowLogsEnabled', 'AWS Config vpc-flow-logs-enabled', 'Checkov CKV2_AWS_11'],
    example: {
      fail: 'resource "aws_vpc" "main" { cidr_block = "10.0.0.0/16" }',
      pass: 'resource "aws_flow_log" "main" {\n  vpc_id          = aws_vpc.main.id\n  traffic_type    = "ALL"\n  log_destination = aws_cloudwatch_log_group.flow.arn\n  iam_role_arn    = aws_iam_role.flow.arn\n}',
    },
  },
  check(vpc: ResourceInstance, ctx: RuleContext): Outcome {
    const companions = companionsOf(ctx.graph, vpc, QUERY);
    if (companions.length === 0) {
      const gone = deletedNote(deletedCompanions(ctx.graph, vpc, QUERY));
      return fail('aws_flow_log', `${vpc.address} has no flow log${gone}; add an aws_flow_log with vpc_id = ${vpc.type}.${vpc.name}.id and traffic_type = "ALL"`);
    }
    const evidence = companions.map((c) => evidenceOf(c.join));
    const traffic = trafficOf(companions);
    if (traffic.accept && traffic.reject) return pass('aws_flow_log', `${vpc.address} has flow logs of all traffic (${companions.map((c) => c.join.instance.address + inferredNote(c)).join(', ')})`, { evidence });
    if (traffic.unknown.length > 0) return unknown('aws_flow_log', `${vpc.address}: traffic_type of ${traffic.unknown.map((i) => i.address).join(', ')} is known only after apply`, { evidence });
    const recorded = traffic.accept ? 'ACCEPT' : traffic.reject ? 'REJECT' : 'no';
    const changes = companions.map((c) => wasNote(c.join.instance, 'traffic_type', (v) => `${c.join.instance.address} was ${String(v)}`)).join('');
    return fail('aws_flow_log', `${vpc.address} has flow logs of ${recorded} traffic only${changes}; set traffic_type = "ALL" on ${companions[0].join.instance.address}`, { evidence });
  },
};
