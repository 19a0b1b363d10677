/**
 * TLS-019: Application Load Balancers drop HTTP headers that are not valid. Malformed headers
 * are the raw material of request smuggling (desync) attacks, which let one client's request
 * read or poison another's — a transmission-integrity failure even over TLS.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { setBoolean, setting, setString } from './shared/setting';

export const albDropInvalidHeaders: Rule = {
  id: 'TLS-019',
  title: 'Application Load Balancers drop invalid HTTP header fields',
  family: 'transit',
  severity: 'low',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)'],
  resourceTypes: ['aws_lb', 'aws_alb'],
  rationale:
    'HTTP desync (request smuggling) lets an attacker splice requests so responses carrying another user\'s ePHI reach them, defeating the integrity controls of 164.312(e)(2)(i); dropping header fields that do not match the HTTP grammar removes the common vector. Relies on: the provider plans an omitted drop_invalid_header_fields as false, and load_balancer_type defaults to "application".',
  remediation: 'Set drop_invalid_header_fields = true on the application load balancer.',
  params: {},
  docs: {
    defaults: 'drop_invalid_header_fields omitted: false. Network and gateway load balancers are not checked.',
    anchors: ['cdk-nag ALBHttpDropInvalidHeaderEnabled (HIPAA)', 'AWS Config alb-http-drop-invalid-header-enabled (dropped from the HIPAA pack)', 'Checkov CKV_AWS_131'],
    example: {
      fail: 'resource "aws_lb" "app" {\n  name    = "portal"\n  subnets = var.subnets\n}',
      pass: 'resource "aws_lb" "app" {\n  name                       = "portal"\n  subnets                    = var.subnets\n  drop_invalid_header_fields = true\n}',
    },
  },
  check(lb: ResourceInstance): Outcome {
    const type = setting(lb, 'load_balancer_type');
    if (type.kind === 'unknown') return unknown('load_balancer_type', `${lb.address}: load_balancer_type is known only after apply`);
    const lbType = setString(type) ?? 'application';
    if (lbType !== 'application') return skip(`${lb.address} is a ${lbType} load balancer`);
    const drop = setting(lb, 'drop_invalid_header_fields');
    if (drop.kind === 'unknown') return unknown('drop_invalid_header_fields', `${lb.address}: drop_invalid_header_fields is known only after apply`);
    if (setBoolean(drop) === true) return pass('drop_invalid_header_fields', `${lb.address} drops invalid header fields`);
    return fail('drop_invalid_header_fields', `${lb.address} forwards invalid HTTP header fields; set drop_invalid_header_fields = true`);
  },
};
