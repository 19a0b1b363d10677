import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  collectModuleSources,
  createSourceLocator,
  indexBlockHeaders,
  isLocalModuleSource,
  parseResourceAddress,
  type SourceFileSystem,
} from '../../../cli/source-locations';
import { hostileString } from './report-fixture';

/** Lines of a file, 1-based: the line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index === -1) throw new Error(`fixture does not contain ${needle}`);
  return index + 1;
}

// Each trap below would, if its construct were not skipped, either declare "ghost" at the
// top level or leave the brace depth wrong so that the real "phi" block is missed.
const ROOT_MAIN_TF = [
  '# an unbalanced { in a hash comment',
  '// and another { in a slash comment',
  '/*',
  'resource "aws_s3_bucket" "ghost" {',
  '*/',
  'locals {',
  '  policy = <<-EOT',
  '    }',
  '    resource "aws_s3_bucket" "ghost" {',
  '  EOT',
  '  quoted   = "resource \\"aws_s3_bucket\\" \\"ghost\\" {"',
  '  template = "${jsonencode({ a = "{" })} and %{ if true }{%{ endif }"',
  '  literal  = "$${not_interpolated"',
  '}',
  '',
  'resource   "aws_s3_bucket"    "phi"   {   # the real one',
  '  bucket = "phi-${var.env}"',
  '}',
  'resource aws_kms_key main { description = "single-line block with identifier labels" }',
  'data "aws_iam_policy_document" "bucket" {}',
  '',
  'module "records" {',
  '  source = "./modules/records"',
  '}',
  '',
  'module "registry" {',
  '  source  = "terraform-aws-modules/s3-bucket/aws"',
  '  version = "4.1.0"',
  '}',
].join('\n');

const RECORDS_TF = [
  'variable "names" { type = set(string) }',
  '',
  'resource "aws_s3_bucket" "phi" {',
  '  for_each = var.names',
  '}',
  '',
  'module "nested" {',
  '  source = "../shared/queue"',
  '}',
].join('\n');

const QUEUE_TF = ['resource "aws_sqs_queue" "events" {', '  kms_master_key_id = "alias/aws/sqs"', '}', ''].join('\r\n');

describe('source locations', () => {
  let repo: string;

  beforeAll(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'planwarden-src-'));
    const write = (relative: string, text: string): void => {
      const file = path.join(repo, relative);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    };
    write('infra/main.tf', ROOT_MAIN_TF);
    write('infra/README.md', 'resource "aws_s3_bucket" "readme" {');
    write('infra/modules/records/main.tf', RECORDS_TF);
    write('infra/modules/shared/queue/queue.tf', QUEUE_TF);
    write('infra/modules/shared/queue/z_other.tf', 'resource "aws_sqs_queue" "events" {}\n');
  });

  afterAll(() => {
    fs.rmSync(repo, { recursive: true, force: true });
  });

  const moduleSources = new Map([
    ['module.records', './modules/records'],
    ['module.records.module.nested', '../shared/queue'],
    ['module.registry', 'terraform-aws-modules/s3-bucket/aws'],
  ]);

  const locatorFor = (fileSystem?: SourceFileSystem) =>
    createSourceLocator({ sourceDir: 'infra', rootDir: repo, moduleSources, fileSystem });

  it('finds a root resource declared with extra spaces, past comments, heredocs and strings that mention it', () => {
    expect(locatorFor().locate('aws_s3_bucket.phi')).toEqual({
      file: 'infra/main.tf',
      line: lineOf(ROOT_MAIN_TF, 'the real one'),
    });
  });

  it('is not fooled by declarations inside comments, heredocs or strings', () => {
    expect(locatorFor().locate('aws_s3_bucket.ghost')).toBeUndefined();
  });

  it('reads only .tf files', () => {
    expect(locatorFor().locate('aws_s3_bucket.readme')).toBeUndefined();
  });

  it('finds single-line blocks with identifier labels, and data sources', () => {
    const locator = locatorFor();
    expect(locator.locate('aws_kms_key.main')).toEqual({ file: 'infra/main.tf', line: lineOf(ROOT_MAIN_TF, 'aws_kms_key main') });
    expect(locator.locate('data.aws_iam_policy_document.bucket')).toEqual({
      file: 'infra/main.tf',
      line: lineOf(ROOT_MAIN_TF, 'data "aws_iam_policy_document"'),
    });
    expect(locator.locate('aws_iam_policy_document.bucket')).toBeUndefined();
  });

  it('ignores instance keys, including for_each keys holding quotes, dots and brackets', () => {
    const locator = locatorFor();
    const expected = { file: 'infra/main.tf', line: lineOf(ROOT_MAIN_TF, 'the real one') };
    expect(locator.locate('aws_s3_bucket.phi[0]')).toEqual(expected);
    expect(locator.locate('aws_s3_bucket.phi["a.b]c \\"d\\" ["]')).toEqual(expected);
  });

  it('follows local module sources, relative to the calling module', () => {
    const locator = locatorFor();
    expect(locator.locate('module.records["team \\"a\\"]"].aws_s3_bucket.phi["x"]')).toEqual({
      file: 'infra/modules/records/main.tf',
      line: 3,
    });
    // Two files declare it (a Terraform error); the first file by name wins, with CRLF line counting.
    expect(locator.locate('module.records["a"].module.nested.aws_sqs_queue.events')).toEqual({
      file: 'infra/modules/shared/queue/queue.tf',
      line: 1,
    });
  });

  it('cannot locate resources in registry modules, unknown module calls or absent blocks', () => {
    const locator = locatorFor();
    expect(locator.locate('module.registry.aws_s3_bucket.this[0]')).toBeUndefined();
    expect(locator.locate('module.unknown.aws_s3_bucket.phi')).toBeUndefined();
    expect(locator.locate('aws_s3_bucket.absent')).toBeUndefined();
    expect(locator.locate('not an address')).toBeUndefined();
  });

  it('answers undefined for a source directory that does not exist', () => {
    const locator = createSourceLocator({ sourceDir: 'nowhere', rootDir: repo, moduleSources });
    expect(locator.locate('aws_s3_bucket.phi')).toBeUndefined();
  });

  it('lists each directory and reads each file at most once', () => {
    const reads = new Map<string, number>();
    const listings = new Map<string, number>();
    const counting: SourceFileSystem = {
      listFiles(dir) {
        listings.set(dir, (listings.get(dir) ?? 0) + 1);
        return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => entry.name);
      },
      readText(file) {
        reads.set(file, (reads.get(file) ?? 0) + 1);
        return fs.readFileSync(file, 'utf8');
      },
    };
    const locator = locatorFor(counting);
    const addresses = [
      'aws_s3_bucket.phi[0]',
      'aws_s3_bucket.phi[1]',
      'aws_kms_key.main',
      'aws_s3_bucket.absent',
      'aws_s3_bucket.also_absent',
      'module.records["a"].aws_s3_bucket.phi["x"]',
      'module.records["b"].aws_s3_bucket.phi["y"]',
      'module.records["a"].module.nested.aws_sqs_queue.events',
      'module.records["b"].module.nested.aws_sqs_queue.events',
    ];
    for (let round = 0; round < 3; round += 1) for (const address of addresses) locator.locate(address);
    expect([...reads.values()].every((count) => count === 1)).toBe(true);
    expect([...listings.values()].every((count) => count === 1)).toBe(true);
    expect(reads.size).toBe(3);
  });

  it('skips files above the size limit', () => {
    const locator = createSourceLocator({ sourceDir: 'infra', rootDir: repo, moduleSources, maxFileBytes: 100 });
    expect(locator.locate('aws_s3_bucket.phi')).toBeUndefined();
    expect(locator.locate('module.records.module.nested.aws_sqs_queue.events')).toEqual({
      file: 'infra/modules/shared/queue/queue.tf',
      line: 1,
    });
  });
});

describe('indexBlockHeaders', () => {
  it('tracks braces through template interpolations containing braces and strings', () => {
    const text = ['locals {', '  a = "${ "{" }"', '  b = "${ {x = "}"} }"', '}', 'resource "t" "after" {}'].join('\n');
    expect([...indexBlockHeaders(text).values()]).toEqual([5]);
  });

  it('ignores blocks nested inside other blocks and headers split across lines', () => {
    const text = ['terraform {', '  resource "t" "nested" {}', '}', 'resource "t"', '"split" {}', 'resource "t" "x" "extra" {}'].join('\n');
    expect(indexBlockHeaders(text).size).toBe(0);
  });

  it('survives unterminated strings, comments and heredocs without throwing', () => {
    for (const text of ['resource "t" "a', 'locals { x = <<EOT\nnever closed', '/* open', 'resource "t" "${x}" {}']) {
      expect(() => indexBlockHeaders(text)).not.toThrow();
    }
    expect(indexBlockHeaders('resource "t" "${x}" {}').size).toBe(0);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 200 }), (text) => {
        indexBlockHeaders(text);
      }),
      { numRuns: 300 },
    );
  });

  it('counts lines past a leading byte-order mark', () => {
    expect([...indexBlockHeaders('\uFEFF\nresource "t" "n" {}').values()]).toEqual([2]);
  });
});

describe('parseResourceAddress', () => {
  it('splits module calls, mode, type and name and drops instance keys', () => {
    expect(parseResourceAddress('module.a["x.y"].module.b[0].aws_s3_bucket.logs["k]"]')).toEqual({
      modules: ['a', 'b'],
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'logs',
    });
    expect(parseResourceAddress('module.a.data.aws_caller_identity.me')).toEqual({
      modules: ['a'],
      mode: 'data',
      type: 'aws_caller_identity',
      name: 'me',
    });
  });

  it('rejects what is not a resource address', () => {
    for (const address of ['', 'aws_s3_bucket', 'module.a', 'a.b.c', 'a.b[', 'a.b["x]', 'a.b[x]', 'a..b', 'a.b.', 'a[0].b']) {
      expect(parseResourceAddress(address)).toBeUndefined();
    }
  });

  it('keeps type and name whatever the for_each key holds', () => {
    const key = hostileString(30).map((raw) => raw.replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
    fc.assert(
      fc.property(key, key, (outer, inner) => {
        const parts = parseResourceAddress(`module.m["${outer}"].aws_s3_bucket.b["${inner}"]`);
        expect(parts).toEqual({ modules: ['m'], mode: 'managed', type: 'aws_s3_bucket', name: 'b' });
      }),
      { numRuns: 200 },
    );
  });
});

describe('module sources', () => {
  it('collects call sources from a plan configuration, keyed by configuration path', () => {
    const rootModule = {
      resources: [],
      module_calls: {
        records: {
          source: './modules/records',
          module: { module_calls: { nested: { source: '../shared/queue', module: {} } } },
        },
        registry: { source: 'terraform-aws-modules/s3-bucket/aws', version_constraint: '4.1.0', module: {} },
        broken: { module: {} },
      },
    };
    expect([...collectModuleSources(rootModule).entries()]).toEqual([
      ['module.records', './modules/records'],
      ['module.records.module.nested', '../shared/queue'],
      ['module.registry', 'terraform-aws-modules/s3-bucket/aws'],
    ]);
    expect(collectModuleSources(undefined).size).toBe(0);
  });

  it('treats only ./ and ../ paths as local, as Terraform does', () => {
    expect(isLocalModuleSource('./modules/a')).toBe(true);
    expect(isLocalModuleSource('../shared')).toBe(true);
    expect(isLocalModuleSource('modules/a')).toBe(false);
    expect(isLocalModuleSource('git::https://example.com/m.git')).toBe(false);
    expect(isLocalModuleSource('hashicorp/consul/aws')).toBe(false);
  });
});
