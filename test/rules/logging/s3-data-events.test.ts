import { s3DataEvents } from '../../../policies/rules/logging/s3-data-events';
import type { JsonObject } from '../../../policies/engine/types';
import { plan, type PlanBuilder } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES, judged, PHI_TAGGED } from './judged';

const B = 'aws_s3_bucket';
const CT = 'aws_cloudtrail';
const FIXTURE = { file: `${FIXTURES}/logging-cloudtrail.json` };
const PHI = { phiScope: PHI_TAGGED };

function selector(values: string[], readWrite = 'All') {
  return { read_write_type: readWrite, include_management_events: true, exclude_management_event_sources: [], data_resource: [{ type: 'AWS::S3::Object', values }] };
}

function field(name: string, lists: Record<string, string[]>) {
  return { field: name, equals: null, starts_with: null, not_equals: null, not_starts_with: null, ends_with: null, not_ends_with: null, ...lists };
}

/** Puts one resource of a built plan on an aliased provider in another region. */
function inRegion(builder: PlanBuilder, address: string, region: string): JsonObject {
  const doc = builder.build();
  const config = doc.configuration as JsonObject;
  (config.provider_config as JsonObject)['aws.other'] = { name: 'aws', alias: 'other', expressions: { region: { constant_value: region } } };
  for (const r of (config.root_module as JsonObject).resources as JsonObject[]) if (r.address === address) r.provider_config_key = 'aws.other';
  return doc;
}

const bucket = (name: string, tags: Record<string, string> = { DataClassification: 'PHI' }) => ({ values: { bucket: name, tags } });

ruleTester(s3DataEvents, {
  valid: [
    { name: 'a plan with no trail is not judged', plan: plan().resource(B, 'phi', bucket('phi')) },
    {
      name: 'a trail selecting every bucket ("arn:aws:s3")',
      plan: plan().resource(B, 'phi', bucket('phi')).resource(CT, 'org', { values: { event_selector: [selector(['arn:aws:s3'])] } }),
    },
    {
      name: 'the bucket ARN is unknown at plan time but the selector refers to the bucket',
      plan: plan()
        .resource(B, 'phi', bucket('phi'))
        .resource(CT, 'org', {
          values: { event_selector: [{ read_write_type: 'All', data_resource: [{ type: 'AWS::S3::Object' }] }] },
          unknown: ['event_selector.0.data_resource.0.values'],
          refs: { 'event_selector.data_resource.values': ['aws_s3_bucket.phi.arn', 'aws_s3_bucket.phi'] },
        }),
    },
    {
      name: 'ReadOnly on one trail and WriteOnly on another, for a for_each module bucket',
      plan: plan()
        .resource(B, 'this', { module: 'module.store["a"]', ...bucket('store-a') })
        .resource(CT, 'reads', { values: { event_selector: [selector(['arn:aws:s3:::store-a/'], 'ReadOnly')] } })
        .resource(CT, 'writes', { values: { event_selector: [selector(['arn:aws:s3:::store-a'], 'WriteOnly')] } }),
    },
    {
      name: 'advanced selector: resources.ARN starts_with the bucket, with a readOnly split across two selectors',
      plan: plan()
        .resource(B, 'phi', bucket('phi'))
        .resource(CT, 'org', {
          values: {
            advanced_event_selector: ['true', 'false'].map((ro) => ({
              name: ro,
              field_selector: [
                field('eventCategory', { equals: ['Data'] }),
                field('resources.type', { equals: ['AWS::S3::Object'] }),
                field('resources.ARN', { starts_with: ['arn:aws:s3:::phi/'] }),
                field('readOnly', { equals: [ro] }),
              ],
            })),
          },
        }),
    },
    {
      name: 'a bucket outside PHI scope is not judged',
      options: PHI,
      plan: plan().resource(B, 'logs', bucket('logs', {})).resource(CT, 'org', { values: { event_selector: [] } }),
    },
    {
      name: 'real plan: PHI buckets selected by reference, by ARN prefix selector, by literal ARN, in a for_each module',
      options: PHI,
      plan: FIXTURE,
      addresses: [`${B}.phi_records`, `${B}.phi_reports`, `${B}.phi_archive`, `module.tenant["alpha"].${B}.this`],
    },
  ],
  invalid: [
    {
      name: 'the plan has a trail but it records no data events',
      plan: plan().resource(B, 'phi', bucket('phi')).resource(CT, 'org', { values: { event_selector: [] } }),
      findings: [{ address: `${B}.phi`, message: 'object reads or writes' }],
    },
    {
      name: 'only writes are recorded',
      plan: plan().resource(B, 'phi', bucket('phi')).resource(CT, 'org', { values: { event_selector: [selector(['arn:aws:s3:::phi/'], 'WriteOnly')] } }),
      findings: [{ address: `${B}.phi`, message: 'object reads (GetObject)', related: `${CT}.org` }],
    },
    {
      name: 'only a key prefix is selected',
      plan: plan().resource(B, 'phi', bucket('phi')).resource(CT, 'org', { values: { event_selector: [selector(['arn:aws:s3:::phi/exports/'])] } }),
      findings: [{ address: `${B}.phi`, message: 'names only a key prefix' }],
    },
    {
      name: 'advanced selector excludes the bucket',
      plan: plan()
        .resource(B, 'phi', bucket('phi'))
        .resource(CT, 'org', {
          values: {
            advanced_event_selector: [
              {
                name: 'all-but-phi',
                field_selector: [
                  field('eventCategory', { equals: ['Data'] }),
                  field('resources.type', { equals: ['AWS::S3::Object'] }),
                  field('resources.ARN', { not_starts_with: ['arn:aws:s3:::phi/'] }),
                ],
              },
            ],
          },
        }),
      findings: [{ address: `${B}.phi` }],
    },
    {
      name: 'a single-region trail in another region does not cover the bucket',
      plan: inRegion(
        plan().resource(B, 'phi', bucket('phi')).resource(CT, 'west', { values: { is_multi_region_trail: false, event_selector: [selector(['arn:aws:s3'])] } }),
        `${CT}.west`,
        'us-west-2',
      ),
      findings: [{ address: `${B}.phi`, message: 'object reads or writes' }],
    },
    {
      name: 'the values are known only after apply and refer to nothing in the plan',
      plan: plan()
        .resource(B, 'phi', bucket('phi'))
        .resource(CT, 'org', {
          values: { event_selector: [{ read_write_type: 'All', data_resource: [{ type: 'AWS::S3::Object' }] }] },
          unknown: ['event_selector.0.data_resource.0.values'],
          refs: { 'event_selector.data_resource.values': ['var.bucket_arns'] },
        }),
      findings: [{ address: `${B}.phi`, status: 'unknown', message: 'known only after apply' }],
    },
    {
      name: 'real plan: WriteOnly, prefix-only, stopped trail, and an unselected module instance',
      options: PHI,
      plan: FIXTURE,
      findings: [
        { address: `${B}.phi_uploads`, message: 'object reads' },
        { address: `${B}.phi_prefix_only`, message: 'key prefix' },
        { address: `${B}.phi_stopped`, message: 'stopped (enable_logging = false)' },
        { address: `module.tenant["beta"].${B}.this` },
      ],
    },
  ],
});

describe('LOG-006 on the real plan', () => {
  it('judges the covered PHI buckets and skips the trail buckets outside PHI scope', () => {
    expect(judged(s3DataEvents, FIXTURE.file, 'pass', {}, PHI_TAGGED)).toEqual(
      [`${B}.phi_archive`, `${B}.phi_records`, `${B}.phi_reports`, `module.tenant["alpha"].${B}.this`].sort(),
    );
  });
});
