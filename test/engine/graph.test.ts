import { buildGraph } from '../../policies/engine/graph';
import { loadDocument } from '../../policies/engine/load';
import type { JsonObject } from '../../policies/engine/types';
import { plan } from '../support/plan-builder';

const graphOf = (doc: JsonObject) => buildGraph(loadDocument(doc, 'p.json', 0), 0);
const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const companionsOf = (doc: JsonObject, bucket: string, matchValues?: string[]) => {
  const g = graphOf(doc);
  return g.referrers(g.byAddress(bucket)!, { types: [SSE], attribute: 'bucket', matchValues }).map((j) => [j.instance.address, j.via]);
};

describe('attribute access', () => {
  const g = graphOf(
    plan()
      .resource('aws_db_instance', 'db', {
        values: { password: 'hunter2-secret', storage_encrypted: null, tags: { a: 'b' }, rule: [{ x: 1 }, { x: 2 }] },
        unknown: ['kms_key_id', 'tags.c'],
        sensitive: ['password'],
        refs: { kms_key_id: ['aws_kms_key.k.arn', 'aws_kms_key.k'] },
      })
      .build(),
  );
  const db = g.byAddress('aws_db_instance.db')!;

  it('tells known, unknown (with references), absent and sensitive apart', () => {
    expect(db.attr('kms_key_id')).toEqual({ state: 'unknown', sensitive: false, references: ['aws_kms_key.k.arn', 'aws_kms_key.k'] });
    expect(db.attr('storage_encrypted')).toMatchObject({ state: 'known', value: null });
    expect(db.attr('no_such')).toMatchObject({ state: 'absent' });
    expect(db.attr('password')).toMatchObject({ state: 'known', sensitive: true });
    expect(db.attr('tags.c')).toMatchObject({ state: 'unknown' });
    expect(db.attr('tags.a')).toMatchObject({ state: 'known', value: 'b' });
  });

  it('iterates block lists and reads into them by index', () => {
    expect(db.blocks('rule')).toEqual([['rule', 0], ['rule', 1]]);
    expect(db.attr('rule[1].x')).toMatchObject({ value: 2 });
    expect(db.attr('rule.x')).toMatchObject({ state: 'absent' }); // two blocks: a name step does not guess
  });

  it('reads before values of updates', () => {
    const u = graphOf(plan().resource('aws_cloudwatch_log_group', 'l', { action: 'update', values: { retention_in_days: 30 }, before: { retention_in_days: 400 } }).build());
    expect(u.byAddress('aws_cloudwatch_log_group.l')!.before('retention_in_days')).toMatchObject({ state: 'known', value: 400 });
  });
});

describe('companion lookup', () => {
  it('joins by reference in the root module', () => {
    const doc = plan().resource('aws_s3_bucket', 'b').resource(SSE, 'b', { refs: { bucket: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] } }).build();
    expect(companionsOf(doc, 'aws_s3_bucket.b')).toEqual([[`${SSE}.b`, 'reference']]);
  });

  it('joins count and for_each instances by instance key, never across keys', () => {
    const doc = plan()
      .resource('aws_s3_bucket', 'b', { index: 0 })
      .resource('aws_s3_bucket', 'b', { index: 1 })
      .resource(SSE, 'b', { index: 0, refs: { bucket: ['aws_s3_bucket.b', 'count.index'] } })
      .resource(SSE, 'b', { index: 1, refs: { bucket: ['aws_s3_bucket.b', 'count.index'] } })
      .build();
    expect(companionsOf(doc, 'aws_s3_bucket.b[1]')).toEqual([[`${SSE}.b[1]`, 'instance-key']]);
  });

  it('follows a literal index', () => {
    const doc = plan()
      .resource('aws_s3_bucket', 'b', { index: 0 })
      .resource('aws_s3_bucket', 'b', { index: 1 })
      .resource(SSE, 'only', { refs: { bucket: ['aws_s3_bucket.b[1].id', 'aws_s3_bucket.b[1]', 'aws_s3_bucket.b'] } })
      .build();
    expect(companionsOf(doc, 'aws_s3_bucket.b[0]')).toEqual([]);
    expect(companionsOf(doc, 'aws_s3_bucket.b[1]')).toEqual([[`${SSE}.only`, 'reference']]);
  });

  it('follows for_each over another resource (each.value)', () => {
    const doc = plan()
      .resource('aws_s3_bucket', 'b', { index: 'x' })
      .resource('aws_s3_bucket', 'b', { index: 'y' })
      .resource(SSE, 'b', { index: 'y', refs: { bucket: ['each.value.id', 'each.value'] }, iterate: ['aws_s3_bucket.b'] })
      .build();
    expect(companionsOf(doc, 'aws_s3_bucket.b["y"]')).toEqual([[`${SSE}.b["y"]`, 'instance-key']]);
    expect(companionsOf(doc, 'aws_s3_bucket.b["x"]')).toEqual([]);
  });

  it('crosses modules: a for_each module instance passes its bucket to a nested module', () => {
    const doc = plan()
      .moduleCall('module.tenant', { iterate: ['var.tenants'] })
      .resource('aws_s3_bucket', 'this', { module: 'module.tenant["a"]' })
      .resource('aws_s3_bucket', 'this', { module: 'module.tenant["b"]' })
      .moduleCall('module.tenant.module.enc', { inputs: { bucket_id: ['aws_s3_bucket.this.id', 'aws_s3_bucket.this'] } })
      .resource(SSE, 'this', { module: 'module.tenant["a"].module.enc', refs: { bucket: ['var.bucket_id'] } })
      .resource(SSE, 'this', { module: 'module.tenant["b"].module.enc', refs: { bucket: ['var.bucket_id'] } })
      .build();
    expect(companionsOf(doc, 'module.tenant["b"].aws_s3_bucket.this')).toEqual([[`module.tenant["b"].module.enc.${SSE}.this`, 'reference']]);
  });

  it('crosses modules through outputs, choosing the module instance by key', () => {
    const doc = plan()
      .moduleCall('module.store', { iterate: ['var.names'] })
      .resource('aws_s3_bucket', 'this', { module: 'module.store["a"]' })
      .resource('aws_s3_bucket', 'this', { module: 'module.store["b"]' })
      .output('module.store', 'id', ['aws_s3_bucket.this.id', 'aws_s3_bucket.this'])
      .resource(SSE, 'x', { index: 'a', refs: { bucket: ['module.store', 'each.key'] } })
      .resource(SSE, 'lit', { refs: { bucket: ['module.store["b"].id', 'module.store["b"]'] } })
      .build();
    // The reference names module.store with a literal key: only that instance's bucket.
    const g = graphOf(doc);
    const lit = g.byAddress(`${SSE}.lit`)!;
    expect(g.referencesOf(lit, 'bucket').map((j) => j.instance.address)).toEqual(['module.store["b"].aws_s3_bucket.this']);
  });

  it('matches known values when there is no reference (a literal bucket name)', () => {
    const doc = plan().resource('aws_s3_bucket', 'b', { values: { bucket: 'records' } }).resource(SSE, 's', { values: { bucket: 'records' } }).build();
    expect(companionsOf(doc, 'aws_s3_bucket.b', ['bucket'])).toEqual([[`${SSE}.s`, 'value']]);
    expect(companionsOf(doc, 'aws_s3_bucket.b')).toEqual([]);
  });

  it('ignores companions that are being deleted', () => {
    const doc = plan().resource('aws_s3_bucket', 'b').resource(SSE, 'b', { action: 'delete', before: {}, refs: { bucket: ['aws_s3_bucket.b.id'] } }).build();
    expect(companionsOf(doc, 'aws_s3_bucket.b')).toEqual([]);
  });

  it('survives reference cycles between module variables and outputs', () => {
    const doc = plan()
      .moduleCall('module.a', { inputs: { x: ['module.a.y'] } })
      .output('module.a', 'y', ['var.x'])
      .resource(SSE, 's', { module: 'module.a', refs: { bucket: ['var.x'] } })
      .build();
    const g = graphOf(doc);
    expect(g.referencesOf(g.byAddress(`module.a.${SSE}.s`)!, 'bucket')).toEqual([]);
  });
});

describe('CDKTF synth input', () => {
  const synth = {
    '//': { metadata: { stackName: 'phi' } },
    terraform: {},
    provider: { aws: [{ region: 'eu-west-1', default_tags: [{ tags: { DataClassification: 'PHI' } }] }] },
    resource: {
      aws_kms_key: { key: { enable_key_rotation: true, '//': { metadata: { path: 'phi/key/Resource' } } } },
      aws_s3_bucket: { bucket: { bucket: 'phi-records' } },
      [SSE]: {
        sse: {
          bucket: '${aws_s3_bucket.bucket.id}',
          rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms', kms_master_key_id: '${aws_kms_key.key.arn}' } }],
        },
      },
      aws_iot_policy: { p: { policy: '{"Resource":"arn:aws:iot:*:*:client/$${iot:Connection.Thing.ThingName}"}' } },
    },
  };
  const g = graphOf(synth);

  it('treats ${...} as unknown with references, and $${ as a literal', () => {
    const sse = g.byAddress(`${SSE}.sse`)!;
    expect(sse.attr('rule.apply_server_side_encryption_by_default.kms_master_key_id')).toMatchObject({ state: 'unknown', references: ['aws_kms_key.key.arn'] });
    expect(sse.attr('rule.0.apply_server_side_encryption_by_default.0.sse_algorithm')).toMatchObject({ state: 'known', value: 'aws:kms' });
    expect(g.byAddress('aws_iot_policy.p')!.attr('policy')).toMatchObject({ state: 'known', value: '{"Resource":"arn:aws:iot:*:*:client/${iot:Connection.Thing.ThingName}"}' });
  });

  it('joins companions, records construct paths and reads provider facts', () => {
    expect(companionsOf(synth, 'aws_s3_bucket.bucket')).toEqual([[`${SSE}.sse`, 'reference']]);
    expect(g.byAddress('aws_kms_key.key')!.constructPath).toBe('phi/key/Resource');
    expect(g.inputs[0]).toMatchObject({ kind: 'cdktf', stack: 'phi', resources: 4 });
    expect(g.providerRegion(g.byAddress('aws_s3_bucket.bucket')!)).toBe('eu-west-1');
    expect(g.providerDefaultTags(g.byAddress('aws_s3_bucket.bucket')!)).toEqual({ DataClassification: 'PHI' });
  });
});
