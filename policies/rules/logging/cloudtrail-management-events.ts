/**
 * LOG-002: CloudTrail records management events — every API call that changes or reads the
 * account's configuration, keys and permissions — in every region. A trail that records data
 * events only is fine when another trail in the plan covers management events.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { wasNote } from './shared/change';
import { liveOfType } from './shared/companions';
import { setting } from './shared/read';
import { isLogging, managementCoverage } from './shared/trail';

const REMEDIATION =
  'Set is_multi_region_trail = true and include_global_service_events = true, and record management events read and write from every source: no event_selector with include_management_events = false, read_write_type = "All", no exclude_management_event_sources (or an advanced_event_selector with eventCategory = Management and no readOnly/eventSource filter).';

/** Whether a trail records management events in full, everywhere; the reasons it does not. */
function managementGaps(trail: ResourceInstance): { gaps: string[]; unknown: string[]; recordsManagement: boolean } {
  const coverage = managementCoverage(trail);
  const gaps: string[] = [];
  const unknowns = [...coverage.unknown];
  const recordsManagement = coverage.read || coverage.write;
  if (recordsManagement) {
    if (!coverage.read) gaps.push('records only write management events (read_write_type = "WriteOnly")');
    if (!coverage.write) gaps.push('records only read management events (read_write_type = "ReadOnly")');
    gaps.push(...coverage.limits);
  }
  const multiRegion = setting(trail.attr('is_multi_region_trail'), 'off');
  if (multiRegion === 'unknown') unknowns.push('is_multi_region_trail');
  if (multiRegion === 'off') gaps.push(`records only its home region; set is_multi_region_trail = true${wasNote(trail, 'is_multi_region_trail')}`);
  const global = setting(trail.attr('include_global_service_events'), 'on');
  if (global === 'unknown') unknowns.push('include_global_service_events');
  if (global === 'off') gaps.push(`leaves out global services (IAM, STS, CloudFront); set include_global_service_events = true${wasNote(trail, 'include_global_service_events')}`);
  return { gaps, unknown: unknowns, recordsManagement };
}

/** Another live, logging trail in the plan that records management events in full. */
function completeTrailBesides(trail: ResourceInstance, ctx: RuleContext): ResourceInstance | undefined {
  return liveOfType(ctx.graph, 'aws_cloudtrail').find((other) => {
    if (other === trail || isLogging(other) !== 'on') return false;
    const g = managementGaps(other);
    return g.recordsManagement && g.gaps.length === 0 && g.unknown.length === 0;
  });
}

export const cloudtrailManagementEvents: Rule = {
  id: 'LOG-002',
  title: 'CloudTrail records management events in every region',
  family: 'logging',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_cloudtrail'],
  rationale:
    'Audit controls (164.312(b)) and information system activity review (164.308(a)(1)(ii)(D)) rest on a record of who changed or read what. Management events are that record for the AWS account: IAM changes, KMS decrypts, security group edits. A single-region trail misses activity in other regions (where an intruder would go), a trail without global service events misses IAM and STS, and excluded event sources (often KMS) or a WriteOnly selector drop the reads of keys that protect ePHI. Relies on: the provider plans is_multi_region_trail = false and include_global_service_events = true when omitted, and AWS records every management event when a trail has no selectors.',
  remediation: REMEDIATION,
  params: {},
  docs: {
    defaults:
      'Provider 5.x plans is_multi_region_trail = false and include_global_service_events = true when omitted; each event_selector defaults to read_write_type = "All" and include_management_events = true. With no selectors at all AWS records every management event and no data events. A data-events-only trail passes when another trail in the same plan records management events in full.',
    anchors: ['AWS Config multi-region-cloudtrail-enabled, cloudtrail-enabled', 'Checkov CKV_AWS_67'],
    example: {
      fail: 'resource "aws_cloudtrail" "audit" {\n  name           = "audit"\n  s3_bucket_name = aws_s3_bucket.trail.id\n}',
      pass: 'resource "aws_cloudtrail" "audit" {\n  name                          = "audit"\n  s3_bucket_name                = aws_s3_bucket.trail.id\n  is_multi_region_trail         = true\n  include_global_service_events = true\n}',
    },
  },
  check(trail: ResourceInstance, ctx: RuleContext): Outcome[] {
    const { gaps, unknown: unknowns, recordsManagement } = managementGaps(trail);
    if (!recordsManagement && unknowns.length === 0) {
      const other = completeTrailBesides(trail, ctx);
      if (other) return [pass('event_selector', `${trail.address} records no management events; ${other.address} records them in every region`, { evidence: [{ attribute: 'event_selector', related: other.address }] })];
      return [fail('event_selector', `${trail.address} records no management events (every selector sets include_management_events = false) and no other trail in this plan does; record management events on this trail or add one that does`)];
    }
    const outcomes: Outcome[] = gaps.map((gap) => fail(attributeOf(gap), `${trail.address} ${gap}`));
    if (outcomes.length === 0 && unknowns.length > 0) {
      outcomes.push(unknown(unknowns[0], `${trail.address}: ${unknowns.join(', ')} ${unknowns.length === 1 ? 'is' : 'are'} known only after apply; planwarden cannot confirm management events are recorded in every region`));
    }
    return outcomes.length > 0 ? outcomes : [pass('is_multi_region_trail', `${trail.address} records all management events in every region`)];
  },
};

function attributeOf(gap: string): string {
  if (gap.includes('is_multi_region_trail')) return 'is_multi_region_trail';
  if (gap.includes('include_global_service_events')) return 'include_global_service_events';
  return 'event_selector';
}
