import { cloudtrailManagementEvents } from '../../../policies/rules/logging/cloudtrail-management-events';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged } from './judged';

const CT = 'aws_cloudtrail';
const BASE = { name: 't', s3_bucket_name: 'b', is_multi_region_trail: true, include_global_service_events: true };
const FULL = { ...BASE, event_selector: [] };
const FIXTURE = { file: `${FIXTURES}/logging-cloudtrail.json` };
const OLD_FIXTURE = { file: `${FIXTURES}/logs-retention.json` };

ruleTester(cloudtrailManagementEvents, {
  valid: [
    { name: 'multi-region, global events, no selectors (AWS records every management event)', plan: plan().resource(CT, 'a', { values: FULL }) },
    {
      name: 'a basic selector with read_write_type All and data events',
      plan: plan().resource(CT, 'a', {
        values: { ...FULL, event_selector: [{ read_write_type: 'All', include_management_events: true, exclude_management_event_sources: [], data_resource: [{ type: 'AWS::S3::Object', values: ['arn:aws:s3'] }] }] },
      }),
    },
    {
      name: 'ReadOnly and WriteOnly selectors together cover both halves',
      plan: plan().resource(CT, 'a', {
        values: {
          ...FULL,
          event_selector: [
            { read_write_type: 'ReadOnly', include_management_events: true, exclude_management_event_sources: ['kms.amazonaws.com'], data_resource: [] },
            { read_write_type: 'WriteOnly', include_management_events: true, exclude_management_event_sources: [], data_resource: [] },
          ],
        },
      }),
    },
    {
      name: 'a data-only trail, complemented by another trail in a module instance',
      plan: plan()
        .resource(CT, 'data', { values: { ...FULL, is_multi_region_trail: false, event_selector: [{ include_management_events: false, read_write_type: 'All', data_resource: [] }] } })
        .resource(CT, 'org', { module: 'module.audit["main"]', values: FULL }),
    },
    {
      name: 'real plan: the compliant, advanced-selector and data-only trails',
      plan: FIXTURE,
      addresses: [`${CT}.audit_ok`, `${CT}.advanced_ok`, `${CT}.data_only_ok`, `${CT}.stopped_bad`],
    },
    { name: 'real plan (logs-retention): the data-events-only trail is complemented by org_trail_ok', plan: OLD_FIXTURE, addresses: [`${CT}.org_trail_ok`, `${CT}.management_events_excluded_bad`] },
  ],
  invalid: [
    {
      name: 'single region (the plan default)',
      plan: plan().resource(CT, 'a', { values: { ...FULL, is_multi_region_trail: false } }),
      findings: [{ address: `${CT}.a`, attribute: 'is_multi_region_trail', message: 'set is_multi_region_trail = true' }],
    },
    {
      name: 'an update that makes a trail single-region says what it was',
      plan: plan().resource(CT, 'a', { action: 'update', values: { ...FULL, is_multi_region_trail: false }, before: { ...FULL } }),
      findings: [{ address: `${CT}.a`, attribute: 'is_multi_region_trail', message: '(was true)' }],
    },
    {
      name: 'global service events left out',
      plan: plan().resource(CT, 'a', { values: { ...FULL, include_global_service_events: false } }),
      findings: [{ address: `${CT}.a`, attribute: 'include_global_service_events' }],
    },
    {
      name: 'KMS events excluded by an advanced selector',
      plan: plan().resource(CT, 'a', {
        values: {
          ...FULL,
          advanced_event_selector: [
            {
              name: 'm',
              field_selector: [
                { field: 'eventCategory', equals: ['Management'], starts_with: null, not_equals: null, not_starts_with: null, ends_with: null, not_ends_with: null },
                { field: 'eventSource', equals: null, starts_with: null, not_equals: ['kms.amazonaws.com'], not_starts_with: null, ends_with: null, not_ends_with: null },
              ],
            },
          ],
        },
      }),
      findings: [{ address: `${CT}.a`, attribute: 'event_selector', message: 'excludes management events from kms.amazonaws.com' }],
    },
    {
      name: 'no trail records management events',
      plan: plan().resource(CT, 'a', { values: { ...FULL, event_selector: [{ include_management_events: false, read_write_type: 'All', data_resource: [] }] } }),
      findings: [{ address: `${CT}.a`, message: 'no other trail in this plan does' }],
    },
    {
      name: 'a data-only trail is not complemented by a stopped trail',
      plan: plan()
        .resource(CT, 'data', { values: { ...FULL, event_selector: [{ include_management_events: false, read_write_type: 'All', data_resource: [] }] } })
        .resource(CT, 'stopped', { values: { ...FULL, enable_logging: false } }),
      findings: [{ address: `${CT}.data`, message: 'no other trail' }],
    },
    {
      name: 'selectors known only after apply',
      plan: plan().resource(CT, 'a', { values: BASE, unknown: ['event_selector'], refs: { event_selector: ['var.selectors'] } }),
      findings: [{ address: `${CT}.a`, status: 'unknown', message: 'known only after apply' }],
    },
    {
      name: 'real plan: KMS excluded, ReadOnly, single region',
      plan: FIXTURE,
      findings: [
        { address: `${CT}.kms_excluded_bad`, message: 'kms.amazonaws.com' },
        { address: `${CT}.read_only_bad`, message: 'ReadOnly' },
        { address: `${CT}.single_region_bad`, attribute: 'is_multi_region_trail' },
      ],
    },
  ],
});

describe('LOG-002 on the real plan', () => {
  it('judges (not skips) the compliant trails', () => {
    expect(judged(cloudtrailManagementEvents, FIXTURE.file, 'pass')).toEqual([`${CT}.advanced_ok`, `${CT}.audit_ok`, `${CT}.data_only_ok`, `${CT}.stopped_bad`]);
  });
});
