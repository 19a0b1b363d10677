import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadBytes, resolveSources, loadSource } from '../../policies/engine/load';
import { InputError } from '../../policies/engine/types';
import { plan } from '../support/plan-builder';

const SAMPLE = plan().resource('aws_s3_bucket', 'b', { values: { bucket: 'b' } }).build();
const load = (bytes: Buffer | string) => loadBytes(Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes), 'p.json', 0);

function refusal(bytes: Buffer | string): string {
  try {
    load(bytes);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    const message = (err as Error).message;
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the input to be refused');
}

describe('decoding and format detection', () => {
  it('loads UTF-8, UTF-8 with BOM, UTF-16LE with BOM and UTF-16BE with BOM alike', () => {
    const text = JSON.stringify(SAMPLE);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), le, be]) {
      expect(load(bytes).instances.map((i) => i.address)).toEqual(['aws_s3_bucket.b']);
    }
  });

  it.each([
    ['an empty file', '', /empty/],
    ['whitespace only', '  \n', /empty/],
    ['a binary plan.out (zip)', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), /binary Terraform plan file.*terraform show -json/],
    ['other binary data', Buffer.from([0x7b, 0x00, 0x00, 0x01, 0x02]), /binary|UTF|JSON/],
    ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]), /not valid UTF-8/],
    ['invalid JSON, with line and column', '{\n  "format_version": "1.2",\n  oops\n}', /invalid JSON at line 3, column 3/],
    ['truncated JSON', '{"format_version": "1.2", "resource_changes": [', /invalid JSON at line 1/],
    ['a JSON list', '[1,2]', /expected a JSON object/],
    ['a JSON string', '"plan"', /expected a JSON object/],
    ['a raw state file', JSON.stringify({ version: 4, terraform_version: '1.5.0', serial: 3, lineage: 'x', resources: [] }), /state file, not a plan/],
    ['terraform show -json of state', JSON.stringify({ format_version: '1.0', terraform_version: '1.5.0', values: { root_module: {} } }), /of state \(no planned changes\)/],
    ['unrelated JSON', JSON.stringify({ name: 'package', version: '1.0.0' }), /not a Terraform plan/],
    ['a CDKTF manifest', JSON.stringify({ version: '0.21.0', stacks: { a: {} } }), /CDKTF manifest/],
  ])('refuses %s with one line', (_name, bytes, pattern) => {
    expect(refusal(bytes as Buffer | string)).toMatch(pattern as RegExp);
  });

  it.each([
    ['resource_changes is not a list', { format_version: '1.2', resource_changes: {} }, /resource_changes is not a list/],
    ['a resource change is not an object', { format_version: '1.2', resource_changes: [42] }, /resource_changes\[0\] is not an object/],
    ['a change without actions', { format_version: '1.2', resource_changes: [{ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', name: 'b', change: {} }] }, /change.actions is not a list/],
    ['an address that is not one', { format_version: '1.2', resource_changes: [{ address: 'not an address!', change: { actions: ['create'] } }] }, /is not a resource address/],
    ['after is a string', { format_version: '1.2', resource_changes: [{ address: 'aws_s3_bucket.b', type: 'aws_s3_bucket', name: 'b', change: { actions: ['create'], after: 'x' } }] }, /after is not an object/],
  ])('refuses a wrong shape inside a plan: %s', (_name, doc, pattern) => {
    expect(refusal(JSON.stringify(doc))).toMatch(pattern);
  });
});

describe('plan model', () => {
  it('maps actions, skips deposed objects and reads format and versions', () => {
    const doc = {
      format_version: '0.1',
      terraform_version: '0.12.31',
      resource_changes: [
        { address: 'aws_s3_bucket.a', mode: 'managed', type: 'aws_s3_bucket', name: 'a', change: { actions: ['delete', 'create'], before: {}, after: {} } },
        { address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', change: { actions: ['create', 'delete'], before: {}, after: {} } },
        { address: 'aws_s3_bucket.c', mode: 'managed', type: 'aws_s3_bucket', name: 'c', change: { actions: ['no-op'], before: {}, after: {} } },
        { address: 'aws_s3_bucket.c', mode: 'managed', type: 'aws_s3_bucket', name: 'c', deposed: 'abc', change: { actions: ['delete'], before: {}, after: null } },
        { address: 'aws_s3_bucket.d', mode: 'managed', type: 'aws_s3_bucket', name: 'd', change: { actions: ['forget'], before: {}, after: null } },
      ],
    };
    const loaded = load(JSON.stringify(doc));
    expect(loaded.instances.map((i) => [i.address, i.action])).toEqual([
      ['aws_s3_bucket.a', 'replace'],
      ['aws_s3_bucket.b', 'replace'],
      ['aws_s3_bucket.c', 'no-op'],
      ['aws_s3_bucket.d', 'delete'],
    ]);
    expect(loaded.summary).toMatchObject({ kind: 'plan', terraformVersion: '0.12.31', formatVersion: '0.1', resources: 3 });
  });

  it('adds instances found only in planned_values as no-op', () => {
    const doc = {
      format_version: '1.0',
      planned_values: { root_module: { child_modules: [{ address: 'module.m', resources: [{ address: 'module.m.aws_sqs_queue.q', mode: 'managed', type: 'aws_sqs_queue', name: 'q', values: { name: 'q' } }] }] } },
      resource_changes: [],
    };
    const [only] = load(JSON.stringify(doc)).instances;
    expect(only).toMatchObject({ address: 'module.m.aws_sqs_queue.q', moduleAddress: 'module.m', action: 'no-op' });
  });

  it('does not let __proto__ keys reach prototypes', () => {
    const text = JSON.stringify(SAMPLE).replace('"bucket":"b"', '"bucket":"b","__proto__":{"polluted":true}');
    load(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('sources', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-load-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a missing file and a folder without a CDKTF manifest', () => {
    expect(() => loadSource(resolveSources([path.join(dir, 'nope.json')], () => Buffer.alloc(0))[0], 0)).toThrow(/no such file/);
    expect(() => resolveSources([dir], () => Buffer.alloc(0))).toThrow(/is a directory without a CDKTF manifest.json/);
    expect(() => resolveSources([], () => Buffer.alloc(0))).toThrow(/no input given/);
    expect(() => resolveSources(['-', '-'], () => Buffer.alloc(0))).toThrow(/only once/);
  });

  it('expands a cdktf.out folder into its stacks, named', () => {
    const out = path.join(dir, 'cdktf.out');
    for (const stack of ['api', 'data']) {
      fs.mkdirSync(path.join(out, 'stacks', stack), { recursive: true });
      fs.writeFileSync(
        path.join(out, 'stacks', stack, 'cdk.tf.json'),
        JSON.stringify({ '//': { metadata: { stackName: stack } }, terraform: {}, resource: { aws_sqs_queue: { [`q_${stack}`]: { name: stack } } } }),
      );
    }
    fs.writeFileSync(
      path.join(out, 'manifest.json'),
      JSON.stringify({ version: '0.21.0', stacks: { data: { synthesizedStackPath: 'stacks/data/cdk.tf.json' }, api: { synthesizedStackPath: 'stacks/api/cdk.tf.json' } } }),
    );
    const sources = resolveSources([out], () => Buffer.alloc(0));
    expect(sources.map((s) => s.stack)).toEqual(['api', 'data']);
    const loaded = sources.map((s, i) => loadSource(s, i));
    expect(loaded.map((l) => [l.summary.kind, l.summary.stack, l.instances[0].address])).toEqual([
      ['cdktf', 'api', 'aws_sqs_queue.q_api'],
      ['cdktf', 'data', 'aws_sqs_queue.q_data'],
    ]);
  });
});

describe('JSON error positions', () => {
  const { jsonErrorOffset } = require('../../policies/engine/load/json-error') as typeof import('../../policies/engine/load/json-error');
  it.each([
    ['{"a": }', 6],
    ['{"a": 1,}', 8],
    ['[1, 2', 5],
    ['{"a" 1}', 5],
    ['{"a": "x\u0001"}', 8],
    ['{"a": tru}', 6],
    ['{} {}', 3],
    ['[' .repeat(50000), 50000],
  ])('%j fails at %i', (text, offset) => {
    expect(() => JSON.parse(text)).toThrow();
    expect(jsonErrorOffset(text)).toBe(offset);
  });
  it('agrees that valid JSON has no error', () => {
    expect(jsonErrorOffset('{"a": [1, -2.5e3, "x\\n", true, null, {}], "b": {"c": []}}')).toBe(-1);
  });
});
