/**
 * What a CloudTrail trail records, read from its basic `event_selector` blocks or its
 * `advanced_event_selector` blocks (a trail has one kind or the other). With neither, AWS records
 * all management events, read and write, and no data events.
 */
import type { AttributePath, PlanGraph, ResourceInstance } from '../../../engine/types';
import { dotted } from '../../support';
import { knownStrings, knownText, setting } from './read';

export interface Coverage {
  read: boolean;
  write: boolean;
  /** Parts of the selectors planwarden cannot read at plan time. */
  unknown: string[];
  /** Why coverage is narrower than "every event": excluded sources, event names, key prefixes. */
  limits: string[];
}

function empty(): Coverage {
  return { read: false, write: false, unknown: [], limits: [] };
}

/** read_write_type: All (default), ReadOnly, WriteOnly. */
function readWrite(value: string | undefined): { read: boolean; write: boolean } {
  if (value === 'ReadOnly') return { read: true, write: false };
  if (value === 'WriteOnly') return { read: false, write: true };
  return { read: true, write: true };
}

export function isLogging(trail: ResourceInstance): 'on' | 'off' | 'unknown' {
  return setting(trail.attr('enable_logging'), 'on');
}

interface FieldSelector {
  field: string;
  path: AttributePath;
  equals: string[] | undefined;
  startsWith: string[] | undefined;
  notEquals: string[] | undefined;
  notStartsWith: string[] | undefined;
  other: boolean;
}

function fieldSelectors(trail: ResourceInstance, selector: AttributePath): FieldSelector[] {
  return trail.blocks([...selector, 'field_selector']).map((path) => {
    const list = (name: string) => knownStrings(trail.attr([...path, name]));
    const endsWith = list('ends_with') ?? ['?'];
    const notEndsWith = list('not_ends_with') ?? ['?'];
    return {
      field: knownText(trail.attr([...path, 'field'])) ?? '?',
      path,
      equals: list('equals'),
      startsWith: list('starts_with'),
      notEquals: list('not_equals'),
      notStartsWith: list('not_starts_with'),
      other: endsWith.length > 0 || notEndsWith.length > 0,
    };
  });
}

function hasUnknownList(f: FieldSelector): boolean {
  return f.equals === undefined || f.startsWith === undefined || f.notEquals === undefined || f.notStartsWith === undefined;
}

/** Applies a `readOnly` field: equals ["true"] keeps reads only, ["false"] writes only. */
function applyReadOnly(fields: FieldSelector[], coverage: { read: boolean; write: boolean }): void {
  const readOnly = fields.find((f) => f.field === 'readOnly');
  if (!readOnly?.equals || readOnly.equals.length !== 1) return;
  if (readOnly.equals[0] === 'true') coverage.write = false;
  if (readOnly.equals[0] === 'false') coverage.read = false;
}

/** Whether the trail records management events, read and write, from every event source. */
export function managementCoverage(trail: ResourceInstance): Coverage {
  const out = empty();
  const basic = trail.attr('event_selector');
  const advanced = trail.attr('advanced_event_selector');
  if (basic.state === 'unknown' || advanced.state === 'unknown') {
    out.unknown.push(basic.state === 'unknown' ? 'event_selector' : 'advanced_event_selector');
    return out;
  }
  const advancedBlocks = trail.blocks('advanced_event_selector');
  if (advancedBlocks.length > 0) return advancedManagement(trail, advancedBlocks, out);
  const basicBlocks = trail.blocks('event_selector');
  if (basicBlocks.length === 0) return { ...out, read: true, write: true };
  let excludedEverywhere: Set<string> | undefined;
  for (const path of basicBlocks) {
    const include = setting(trail.attr([...path, 'include_management_events']), 'on');
    if (include === 'unknown') out.unknown.push(dotted([...path, 'include_management_events']));
    if (include !== 'on') continue;
    const rw = trail.attr([...path, 'read_write_type']);
    if (rw.state === 'unknown') out.unknown.push(dotted([...path, 'read_write_type']));
    const { read, write } = readWrite(knownText(rw));
    out.read ||= read;
    out.write ||= write;
    const excluded = knownStrings(trail.attr([...path, 'exclude_management_event_sources']));
    if (excluded === undefined) out.unknown.push(dotted([...path, 'exclude_management_event_sources']));
    const set = new Set(excluded ?? []);
    excludedEverywhere = excludedEverywhere ? new Set([...excludedEverywhere].filter((s) => set.has(s))) : set;
  }
  // A source excluded by one selector but recorded by another is still recorded.
  if (excludedEverywhere && excludedEverywhere.size > 0) out.limits.push(`excludes management events from ${[...excludedEverywhere].sort().join(', ')}`);
  return out;
}

function advancedManagement(trail: ResourceInstance, blocks: AttributePath[], out: Coverage): Coverage {
  for (const path of blocks) {
    const fields = fieldSelectors(trail, path);
    const category = fields.find((f) => f.field === 'eventCategory');
    if (!category) continue;
    if (category.equals === undefined) {
      out.unknown.push(dotted(category.path));
      continue;
    }
    if (!category.equals.includes('Management')) continue;
    const coverage = { read: true, write: true };
    applyReadOnly(fields, coverage);
    for (const f of fields) {
      if (hasUnknownList(f)) out.unknown.push(dotted(f.path));
      if (f.field === 'eventSource') {
        if ((f.notEquals ?? []).length > 0) out.limits.push(`excludes management events from ${[...(f.notEquals ?? [])].sort().join(', ')}`);
        if ((f.equals ?? []).length > 0 || (f.startsWith ?? []).length > 0) out.limits.push(`records management events only from ${[...(f.equals ?? []), ...(f.startsWith ?? [])].join(', ')}`);
      }
    }
    out.read ||= coverage.read;
    out.write ||= coverage.write;
  }
  return out;
}

/** A bucket as data-event selectors name it. */
export interface BucketIdentity {
  instance: ResourceInstance;
  /** Known bucket name, if any. */
  name: string | undefined;
}

const ALL_BUCKETS = /^arn:aws[\w-]*:s3(?::::?)?$/;

/**
 * How a known `data_resource.values` entry relates to a bucket: 'all' (every bucket, or the
 * whole of this one), 'prefix' (only a key prefix of this one), or 'none'.
 */
export function s3ValueCovers(value: string, name: string): 'all' | 'prefix' | 'none' {
  if (ALL_BUCKETS.test(value)) return 'all';
  const m = /^arn:aws[\w-]*:s3:::([^/]+)(\/(.*))?$/.exec(value);
  if (!m || m[1] !== name) return 'none';
  return m[3] === undefined || m[3] === '' ? 'all' : 'prefix';
}

/** Whether the trail records S3 object-level (data) events for the bucket, read and write. */
export function s3DataCoverage(graph: PlanGraph, trail: ResourceInstance, bucket: BucketIdentity): Coverage {
  const out = empty();
  const basic = trail.attr('event_selector');
  const advanced = trail.attr('advanced_event_selector');
  if (basic.state === 'unknown' || advanced.state === 'unknown') {
    out.unknown.push(basic.state === 'unknown' ? 'event_selector' : 'advanced_event_selector');
    return out;
  }
  const advancedBlocks = trail.blocks('advanced_event_selector');
  if (advancedBlocks.length > 0) return advancedData(trail, advancedBlocks, bucket, out);
  // Bucket ARNs computed at plan time ("${aws_s3_bucket.phi.arn}/") leave the values unknown;
  // the configuration's references still say which buckets they name.
  const referenced = new Set(
    graph.referencesOf(trail, 'event_selector.data_resource.values', { types: ['aws_s3_bucket'] }).map((j) => j.instance.address),
  );
  for (const path of trail.blocks('event_selector')) {
    const rw = knownText(trail.attr([...path, 'read_write_type']));
    if (trail.attr([...path, 'read_write_type']).state === 'unknown') out.unknown.push(dotted([...path, 'read_write_type']));
    for (const resource of trail.blocks([...path, 'data_resource'])) {
      const type = trail.attr([...resource, 'type']);
      if (type.state === 'unknown') out.unknown.push(dotted([...resource, 'type']));
      if (knownText(type) !== 'AWS::S3::Object') continue;
      const verdict = basicValuesCover(trail, [...resource, 'values'], bucket, referenced);
      if (verdict === 'unknown') out.unknown.push(dotted([...resource, 'values']));
      if (verdict === 'prefix') out.limits.push(`${dotted([...resource, 'values'])} names only a key prefix of the bucket`);
      if (verdict !== 'all') continue;
      const { read, write } = readWrite(rw);
      out.read ||= read;
      out.write ||= write;
    }
  }
  return out;
}

function basicValuesCover(trail: ResourceInstance, path: AttributePath, bucket: BucketIdentity, referenced: Set<string>): 'all' | 'prefix' | 'none' | 'unknown' {
  const whole = trail.attr(path);
  const byReference = referenced.has(bucket.instance.address);
  if (whole.state === 'unknown') return byReference ? 'all' : whole.references.length > 0 && referenced.size === 0 ? 'unknown' : 'none';
  let result: 'all' | 'prefix' | 'none' | 'unknown' = 'none';
  const values = whole.state === 'known' && Array.isArray(whole.value) ? whole.value : [];
  values.forEach((value, i) => {
    if (result === 'all') return;
    if (typeof value === 'string') {
      const covers = bucket.name === undefined ? (ALL_BUCKETS.test(value) ? 'all' : 'unknown') : s3ValueCovers(value, bucket.name);
      if (covers === 'all' || (covers === 'prefix' && result !== 'unknown') || (covers === 'unknown' && result === 'none')) result = covers;
    } else if (trail.attr([...path, i]).state === 'unknown') {
      if (byReference) result = 'all';
      else if (result === 'none' && referenced.size === 0) result = 'unknown';
    }
  });
  return result;
}

function advancedData(trail: ResourceInstance, blocks: AttributePath[], bucket: BucketIdentity, out: Coverage): Coverage {
  for (const path of blocks) {
    const fields = fieldSelectors(trail, path);
    const category = fields.find((f) => f.field === 'eventCategory');
    const type = fields.find((f) => f.field === 'resources.type');
    if (category?.equals === undefined || type?.equals === undefined) {
      if (category?.equals === undefined && category) out.unknown.push(dotted(category.path));
      if (type && type.equals === undefined) out.unknown.push(dotted(type.path));
      continue;
    }
    if (!category.equals.includes('Data') || !type.equals.includes('AWS::S3::Object')) continue;
    const coverage = { read: true, write: true };
    applyReadOnly(fields, coverage);
    let covered: 'all' | 'prefix' | 'none' | 'unknown' = 'all';
    for (const f of fields) {
      if (hasUnknownList(f)) {
        out.unknown.push(dotted(f.path));
        covered = 'unknown';
        continue;
      }
      if (f.field === 'eventName' || f.other) {
        out.limits.push(`${dotted(f.path)} records only some ${f.field === 'eventName' ? 'API calls' : 'objects'}`);
        covered = 'none';
      }
      if (f.field === 'resources.ARN') covered = weaker(covered, arnFieldCovers(f, bucket));
    }
    if (covered === 'unknown') continue;
    if (covered === 'prefix') out.limits.push(`${dotted(path)} names only a key prefix of the bucket`);
    if (covered !== 'all') continue;
    out.read ||= coverage.read;
    out.write ||= coverage.write;
  }
  return out;
}

const RANK = { all: 3, prefix: 2, unknown: 1, none: 0 } as const;
function weaker(a: keyof typeof RANK, b: keyof typeof RANK): keyof typeof RANK {
  return RANK[a] <= RANK[b] ? a : b;
}

/** A `resources.ARN` field selector against a bucket's object ARNs `arn:aws:s3:::<name>/…`. */
function arnFieldCovers(f: FieldSelector, bucket: BucketIdentity): 'all' | 'prefix' | 'none' | 'unknown' {
  if (bucket.name === undefined) return 'unknown';
  const objects = `arn:aws:s3:::${bucket.name}/`;
  const includes = [...(f.equals ?? []), ...(f.startsWith ?? [])];
  let result: 'all' | 'prefix' | 'none' = includes.length === 0 ? 'all' : 'none';
  for (const v of includes) {
    const normal = v.replace(/^arn:aws[\w-]*:/, 'arn:aws:');
    if (objects.startsWith(normal) && (f.startsWith ?? []).includes(v)) result = 'all';
    else if (normal.startsWith(objects) && result === 'none') result = 'prefix';
  }
  for (const v of [...(f.notEquals ?? []), ...(f.notStartsWith ?? [])]) {
    const normal = v.replace(/^arn:aws[\w-]*:/, 'arn:aws:');
    if (objects.startsWith(normal) && (f.notStartsWith ?? []).includes(v)) return 'none';
    if (normal.startsWith(objects) && result === 'all') result = 'prefix';
  }
  return result;
}
