import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generatePlanFile, type PlanStats } from '../../bench/generate-plan';
import type { JsonObject, JsonValue } from '../../policies/engine/types';

type Json = JsonValue;

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function obj(value: Json | undefined, what: string): JsonObject {
  if (!isObject(value)) throw new Error(`${what} is not an object`);
  return value;
}

function arr(value: Json | undefined, what: string): Json[] {
  if (!Array.isArray(value)) throw new Error(`${what} is not an array`);
  return value;
}

interface Generated {
  plan: JsonObject;
  bytes: Buffer;
  stats: PlanStats;
}

let dir: string;
const cache = new Map<string, Generated>();

async function generate(resources: number, seed: number, name = `plan-${resources}-${seed}.json`): Promise<Generated> {
  const hit = cache.get(name);
  if (hit) return hit;
  const out = join(dir, name);
  const { stats } = await generatePlanFile({ resources, seed, out });
  const bytes = readFileSync(out);
  const result = { plan: obj(JSON.parse(bytes.toString('utf8')) as Json, 'plan'), bytes, stats };
  cache.set(name, result);
  return result;
}

interface StateResource {
  address: string;
  moduleAddress: string;
  resource: JsonObject;
}

/** Every resource of a planned_values / prior_state module tree, with the module address it sits under. */
function treeResources(module: JsonObject, parentAddress = ''): StateResource[] {
  const address = typeof module.address === 'string' ? module.address : '';
  if (parentAddress !== '' && !address.startsWith(parentAddress + '.')) throw new Error(`${address} is not under ${parentAddress}`);
  const out: StateResource[] = [];
  for (const r of arr(module.resources ?? [], 'resources')) {
    const resource = obj(r, 'resource');
    out.push({ address: String(resource.address), moduleAddress: address, resource });
  }
  for (const child of arr(module.child_modules ?? [], 'child_modules')) out.push(...treeResources(obj(child, 'child module'), address));
  return out;
}

function changes(plan: JsonObject): JsonObject[] {
  return arr(plan.resource_changes, 'resource_changes').map((rc) => obj(rc, 'resource change'));
}

function actionOf(rc: JsonObject): string {
  return String(arr(obj(rc.change, 'change').actions, 'actions')[0]);
}

function collectReferences(value: Json | undefined, into: string[]): string[] {
  if (Array.isArray(value)) value.forEach((v) => collectReferences(v, into));
  else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (key === 'references') into.push(...arr(v, 'references').map(String));
      else collectReferences(v, into);
    }
  }
  return into;
}

/** Problems with the references made in one configuration module scope. */
function unresolvedReferences(references: readonly string[], scope: JsonObject): string[] {
  const resources = new Set(arr(scope.resources ?? [], 'resources').map((r) => String(obj(r, 'resource').address)));
  const calls = new Set(Object.keys(obj(scope.module_calls ?? {}, 'module_calls')));
  const variables = new Set(Object.keys(obj(scope.variables ?? {}, 'variables')));
  const problems: string[] = [];
  for (const ref of references) {
    const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
    if (['each', 'count', 'local', 'path', 'self', 'terraform'].includes(parts[0])) continue;
    if (parts[0] === 'var') {
      if (!variables.has(parts[1])) problems.push(ref);
    } else if (parts[0] === 'module') {
      if (!calls.has(parts[1])) problems.push(ref);
    } else if (parts[0] === 'data') {
      if (!resources.has(`data.${parts[1]}.${parts[2]}`)) problems.push(ref);
    } else if (!resources.has(`${parts[0]}.${parts[1]}`)) {
      problems.push(ref);
    }
  }
  return problems;
}

/** Walks configuration modules; a module call's own expressions are evaluated in the caller's scope. */
function configProblems(scope: JsonObject, path: string): string[] {
  const problems: string[] = [];
  const inScope: string[] = [];
  for (const r of arr(scope.resources ?? [], 'resources')) collectReferences(r, inScope);
  collectReferences(scope.outputs, inScope);
  const calls = obj(scope.module_calls ?? {}, 'module_calls');
  for (const [name, c] of Object.entries(calls)) {
    const call = obj(c, 'module call');
    collectReferences({ expressions: call.expressions ?? {}, for_each: call.for_each_expression ?? null, count: call.count_expression ?? null }, inScope);
    problems.push(...configProblems(obj(call.module, 'module'), `${path}.module.${name}`));
  }
  problems.push(...unresolvedReferences(inScope, scope).map((ref) => `${path}: ${ref}`));
  return problems;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'planwarden-generate-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.each([50, 300])('a generated plan of %i resources', (resources) => {
  test('is a terraform show -json plan with exactly that many resource changes', async () => {
    const { plan, stats } = await generate(resources, 1);
    expect(plan.format_version).toBe('1.2');
    expect(plan.terraform_version).toBe('1.11.4');
    expect(Object.keys(plan).slice(0, 4)).toEqual(['format_version', 'terraform_version', 'variables', 'planned_values']);
    const rcs = changes(plan);
    expect(rcs).toHaveLength(resources);
    expect(stats.resources).toBe(resources);
    const addresses = rcs.map((rc) => String(rc.address));
    expect(new Set(addresses).size).toBe(resources);
    // Terraform sorts resource_changes by address, byte-wise.
    expect([...addresses].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(addresses);
  });

  test('lists every non-deleted instance in planned_values, under its own module instance', async () => {
    const { plan } = await generate(resources, 1);
    const planned = treeResources(obj(obj(plan.planned_values, 'planned_values').root_module, 'root_module'));
    const plannedByAddress = new Map(planned.map((p) => [p.address, p]));
    expect(plannedByAddress.size).toBe(planned.length);
    const rcs = changes(plan);
    const live = rcs.filter((rc) => actionOf(rc) !== 'delete');
    expect(planned).toHaveLength(live.length);
    for (const rc of live) {
      const entry = plannedByAddress.get(String(rc.address));
      expect(entry).toBeDefined();
      expect(entry?.moduleAddress).toBe(rc.module_address ?? '');
      // The planned values are the known part of `after`.
      expect(entry?.resource.values).toEqual(obj(rc.change, 'change').after);
    }
  });

  test('records prior state exactly for the instances that exist before the plan', async () => {
    const { plan } = await generate(resources, 1);
    const prior = treeResources(obj(obj(obj(plan.prior_state, 'prior_state').values, 'values').root_module, 'root_module'));
    const managed = new Map(prior.filter((p) => p.resource.mode === 'managed').map((p) => [p.address, p]));
    const existing = changes(plan).filter((rc) => actionOf(rc) !== 'create');
    expect(existing.length).toBeGreaterThan(0);
    expect(managed.size).toBe(existing.length);
    for (const rc of existing) {
      const change = obj(rc.change, 'change');
      expect(managed.get(String(rc.address))?.resource.values).toEqual(change.before);
      if (actionOf(rc) === 'no-op') expect(change.before).toEqual(change.after);
      if (actionOf(rc) === 'update') expect(change.before).not.toEqual(change.after);
    }
  });

  test('has one configuration entry per resource block, and every reference names something declared', async () => {
    const { plan } = await generate(resources, 1);
    const root = obj(obj(plan.configuration, 'configuration').root_module, 'root_module');
    expect(configProblems(root, 'root')).toEqual([]);
    const configAddresses = arr(root.resources, 'resources').map((r) => String(obj(r, 'resource').address));
    expect(new Set(configAddresses).size).toBe(configAddresses.length);
    // Instance keys never leak into configuration addresses.
    expect(configAddresses.filter((a) => a.includes('['))).toEqual([]);
  });
});

describe('a generated plan of 300 resources', () => {
  test('has for_each module instances with a nested module, and companions tied by references', async () => {
    const { plan } = await generate(300, 1);
    const rcs = changes(plan);
    const modules = new Set(rcs.map((rc) => String(rc.module_address ?? '')));
    const tenants = [...modules].filter((m) => /^module\.tenant\["t\d{4}"\]$/.test(m));
    expect(tenants.length).toBeGreaterThan(5);
    for (const tenant of tenants) expect(modules.has(`${tenant}.module.archive`)).toBe(true);

    const tenantCall = obj(obj(obj(obj(plan.configuration, 'c').root_module, 'r').module_calls, 'calls').tenant, 'tenant');
    expect(tenantCall.for_each_expression).toEqual({ references: ['var.tenants'] });
    const tenantConfig = obj(tenantCall.module, 'tenant module');
    const sse = arr(tenantConfig.resources, 'resources')
      .map((r) => obj(r, 'r'))
      .find((r) => r.address === 'aws_s3_bucket_server_side_encryption_configuration.data');
    expect(collectReferences(obj(sse?.expressions, 'expressions').bucket, [])).toEqual(['aws_s3_bucket.data.id', 'aws_s3_bucket.data']);

    const archive = obj(obj(obj(tenantConfig.module_calls, 'calls').archive, 'archive').module, 'archive module');
    const archiveSse = arr(archive.resources, 'resources')
      .map((r) => obj(r, 'r'))
      .find((r) => r.address === 'aws_s3_bucket_server_side_encryption_configuration.archive');
    expect(collectReferences(obj(archiveSse?.expressions, 'expressions').bucket, [])).toEqual(['aws_s3_bucket.archive', 'each.key']);

    // A companion created with its bucket: `bucket` is unknown and absent from `after`.
    const createdCompanion = rcs.find((rc) => rc.type === 'aws_s3_bucket_server_side_encryption_configuration' && actionOf(rc) === 'create');
    const change = obj(createdCompanion?.change, 'change');
    expect(obj(change.after_unknown, 'after_unknown').bucket).toBe(true);
    expect(obj(change.after, 'after')).not.toHaveProperty('bucket');
  });

  test('leaves KMS key ARNs unknown on create and known on existing keys, and references them', async () => {
    const { plan } = await generate(300, 1);
    const keys = changes(plan).filter((rc) => rc.type === 'aws_kms_key');
    const created = keys.filter((rc) => actionOf(rc) === 'create');
    const existing = keys.filter((rc) => actionOf(rc) !== 'create');
    expect(created.length).toBeGreaterThan(0);
    expect(existing.length).toBeGreaterThan(0);
    for (const rc of created) expect(obj(obj(rc.change, 'c').after_unknown, 'u').arn).toBe(true);
    for (const rc of existing) expect(String(obj(obj(rc.change, 'c').after, 'a').arn)).toMatch(/^arn:aws:kms:us-east-1:\d{12}:key\//);
    const createdLogGroups = changes(plan).filter(
      (rc) => rc.type === 'aws_cloudwatch_log_group' && actionOf(rc) === 'create' && String(rc.module_address ?? '').startsWith('module.tenant'),
    );
    expect(createdLogGroups.some((rc) => obj(obj(rc.change, 'c').after_unknown, 'u').kms_key_id === true)).toBe(true);
  });

  test('marks database passwords sensitive in resource_changes and planned_values', async () => {
    const { plan } = await generate(300, 1);
    const databases = changes(plan).filter((rc) => rc.type === 'aws_db_instance');
    expect(databases.length).toBeGreaterThan(0);
    for (const rc of databases) {
      const change = obj(rc.change, 'change');
      expect(obj(change.after_sensitive, 'after_sensitive').password).toBe(true);
      expect(typeof obj(change.after, 'after').password).toBe('string');
      if (change.before !== null) expect(obj(change.before_sensitive, 'before_sensitive').password).toBe(true);
    }
    const planned = treeResources(obj(obj(plan.planned_values, 'pv').root_module, 'root'));
    const plannedDb = planned.filter((p) => p.resource.type === 'aws_db_instance');
    expect(plannedDb.length).toBe(databases.length);
    for (const p of plannedDb) expect(obj(p.resource.sensitive_values, 'sensitive_values').password).toBe(true);
  });

  test('mixes create, update and no-op, with update instances carrying their before value', async () => {
    const { stats, plan } = await generate(300, 1);
    expect(stats.byAction.create).toBeGreaterThan(0);
    expect(stats.byAction['no-op']).toBeGreaterThan(0);
    expect(stats.byAction.update).toBeGreaterThan(0);
    for (const rc of changes(plan).filter((c) => actionOf(c) === 'update')) expect(obj(rc.change, 'c').before).not.toBeNull();
    const types = new Set(changes(plan).map((rc) => String(rc.type)));
    for (const type of ['aws_s3_bucket', 'aws_kms_key', 'aws_cloudwatch_log_group', 'aws_iot_policy', 'aws_sqs_queue', 'aws_dynamodb_table', 'aws_db_instance']) {
      expect(types).toContain(type);
    }
  });
});

describe('determinism and scale', () => {
  test('the same seed gives the same bytes; another seed gives another plan', async () => {
    const first = await generate(300, 1, 'a.json');
    const again = await generate(300, 1, 'b.json');
    const other = await generate(300, 2, 'c.json');
    expect(again.bytes.equals(first.bytes)).toBe(true);
    expect(other.bytes.equals(first.bytes)).toBe(false);
    expect(changes(other.plan)).toHaveLength(300);
  });

  test('violates HIPAA rules in roughly 5-10% of instances and averages 1.5-2.5 KB per resource', async () => {
    const { stats } = await generate(3000, 7);
    expect(stats.violating / stats.resources).toBeGreaterThanOrEqual(0.05);
    expect(stats.violating / stats.resources).toBeLessThanOrEqual(0.1);
    expect(stats.bytes / stats.resources).toBeGreaterThan(1500);
    expect(stats.bytes / stats.resources).toBeLessThan(2500);
  });

  test('--target-bytes raises the resource count until the file reaches the target', async () => {
    const out = join(dir, 'target.json');
    const { stats } = await generatePlanFile({ resources: 1, seed: 3, out, targetBytes: 400_000 });
    expect(stats.bytes).toBeGreaterThanOrEqual(400_000);
    expect(stats.bytes).toBeLessThan(600_000);
    expect(readFileSync(out).length).toBe(stats.bytes);
    expect(changes(obj(JSON.parse(readFileSync(out, 'utf8')) as Json, 'plan'))).toHaveLength(stats.resources);
  });
});
