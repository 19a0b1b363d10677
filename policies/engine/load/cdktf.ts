/**
 * CDKTF synth output (`cdk.tf.json`, or any Terraform JSON configuration) → LoadedInput.
 * Literal values are known; a string with a `${...}` interpolation is unknown at plan time and
 * carries the references it names. `$${` is CDKTF's escape for a literal `${` (IoT and IAM
 * policy variables) and stays a known value.
 */
import type { JsonObject, JsonValue } from '../types';
import type { ExpressionIndex } from '../values';
import { emptyModule, type ConfigResource, type LoadedInput, type ProviderFacts, type RawInstance } from './model';
import { isObject, optString, ownValue, ShapeReader } from './shape';

/** Meta-arguments that are not resource attributes. */
const META_ARGUMENTS = new Set(['//', 'count', 'for_each', 'depends_on', 'lifecycle', 'provider', 'provisioner', 'connection']);
const MAX_DEPTH = 200;

/** Interpolation starts: `${` or `%{` not escaped by a doubled `$` / `%`. */
const INTERPOLATION = /(^|[^$%])[$%]\{/;
/**
 * Index brackets exclude `[` as well as `]`: with `[^\]]*` an unclosed bracket made every match
 * scan to the end of the string, so a 80 KB template of `a.b[x` repeated took seconds and a
 * larger one hung (quadratic). A nested index (`b[local.m["k"]]`) now yields `b` and `local.m["k"]`.
 */
const REFERENCE =
  /(?<![\w."\]-])((?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*(?:\[[^\][]*\])?(?:\.[A-Za-z_][\w-]*(?:\[[^\][]*\])?)*)(?!\s*\()/g;

export function hasInterpolation(text: string): boolean {
  return INTERPOLATION.test(text);
}

export function referencesInTemplate(text: string): string[] {
  const refs = new Set<string>();
  // Only look inside interpolations; literal text around them is not code.
  const chunks = text.split(/(?<![$%])[$%]\{/).slice(1);
  for (const chunk of chunks) {
    for (const m of chunk.matchAll(REFERENCE)) refs.add(m[1]);
  }
  return [...refs];
}

function unescapeLiteral(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

interface Converted {
  value: JsonValue | undefined;
  unknown: JsonValue | undefined;
}

/** Converts one synth value into (known value, unknown marks), recording references per path. */
function convert(node: JsonValue, path: string, refs: Map<string, string[]>, depth: number): Converted {
  if (depth > MAX_DEPTH) return { value: undefined, unknown: true };
  if (typeof node === 'string') {
    if (!hasInterpolation(node)) return { value: unescapeLiteral(node), unknown: undefined };
    const found = referencesInTemplate(node);
    if (found.length > 0) refs.set(path, [...(refs.get(path) ?? []), ...found]);
    return { value: undefined, unknown: true };
  }
  if (Array.isArray(node)) {
    const value: JsonValue[] = [];
    const unknown: JsonValue[] = [];
    let anyUnknown = false;
    for (const item of node) {
      const c = convert(item, path, refs, depth + 1);
      value.push(c.value === undefined ? null : c.value);
      unknown.push(c.unknown ?? false);
      if (c.unknown !== undefined) anyUnknown = true;
    }
    return { value, unknown: anyUnknown ? unknown : undefined };
  }
  if (isObject(node)) {
    const value: JsonObject = {};
    const unknown: JsonObject = {};
    let anyUnknown = false;
    for (const key of Object.keys(node)) {
      if (depth === 0 && META_ARGUMENTS.has(key)) continue;
      const c = convert(node[key], path === '' ? key : `${path}.${key}`, refs, depth + 1);
      if (c.value !== undefined) Object.defineProperty(value, key, { value: c.value, enumerable: true, writable: true, configurable: true });
      if (c.unknown !== undefined) {
        Object.defineProperty(unknown, key, { value: c.unknown, enumerable: true, writable: true, configurable: true });
        anyUnknown = true;
      }
    }
    return { value, unknown: anyUnknown ? unknown : undefined };
  }
  return { value: node, unknown: undefined };
}

function iterationRefs(resource: JsonObject): string[] {
  const out: string[] = [];
  for (const key of ['for_each', 'count']) {
    const v = ownValue(resource, key);
    if (typeof v === 'string') out.push(...referencesInTemplate(v));
  }
  return out;
}

export function isTerraformJsonConfig(doc: JsonObject): boolean {
  return isObject(ownValue(doc, 'resource')) || (isObject(ownValue(doc, '//')) && isObject(ownValue(doc, 'terraform')));
}

export function loadCdktf(doc: JsonObject, label: string, stack?: string): LoadedInput {
  const shape = new ShapeReader(label);
  const instances: RawInstance[] = [];
  const root = emptyModule();
  const meta = ownValue(doc, '//');
  const stackName = stack ?? (isObject(meta) && isObject(ownValue(meta, 'metadata')) ? optString(ownValue(meta, 'metadata') as JsonObject, 'stackName') : undefined);

  for (const mode of ['resource', 'data'] as const) {
    const byType = ownValue(doc, mode);
    if (byType === undefined) continue;
    for (const [type, byName] of Object.entries(shape.object(byType, mode))) {
      for (const [name, body] of Object.entries(shape.object(byName, `${mode}.${type}`))) {
        const resource = shape.object(body, `${mode}.${type}.${name}`);
        const refs = new Map<string, string[]>();
        const converted = convert(resource, '', refs, 0);
        const resourceKey = (mode === 'data' ? 'data.' : '') + `${type}.${name}`;
        const config: ConfigResource = {
          expressions: refs as ExpressionIndex,
          iterationRefs: iterationRefs(resource),
          providerConfigKey: optString(resource, 'provider')?.replace(/^\$\{|\}$/g, '') ?? type.split('_')[0],
        };
        root.resources.set(resourceKey, config);
        const metadata = ownValue(resource, '//');
        const constructPath =
          isObject(metadata) && isObject(ownValue(metadata, 'metadata'))
            ? optString(ownValue(metadata, 'metadata') as JsonObject, 'path')
            : undefined;
        instances.push({
          address: resourceKey,
          modules: [],
          moduleAddress: '',
          configAddress: resourceKey,
          resourceKey,
          mode: mode === 'data' ? 'data' : 'managed',
          type,
          name,
          index: undefined,
          providerName: `registry.terraform.io/hashicorp/${type.split('_')[0]}`,
          action: mode === 'data' ? 'read' : 'create',
          after: converted.value,
          afterUnknown: converted.unknown ?? {},
          afterSensitive: undefined,
          before: undefined,
          beforeSensitive: undefined,
          constructPath,
        });
      }
    }
  }

  const outputs = ownValue(doc, 'output');
  if (isObject(outputs)) {
    for (const [name, out] of Object.entries(outputs)) {
      const v = isObject(out) ? ownValue(out, 'value') : undefined;
      root.outputs.set(name, typeof v === 'string' ? referencesInTemplate(v) : []);
    }
  }

  return {
    summary: {
      path: label,
      kind: 'cdktf',
      terraformVersion: null,
      formatVersion: null,
      resources: instances.filter((i) => i.mode === 'managed').length,
      ...(stackName ? { stack: stackName } : {}),
    },
    instances,
    modules: new Map([['', root]]),
    providers: readProviders(ownValue(doc, 'provider')),
  };
}

function readProviders(config: JsonValue | undefined): Map<string, ProviderFacts> {
  const providers = new Map<string, ProviderFacts>();
  if (!isObject(config)) return providers;
  for (const [name, blocks] of Object.entries(config)) {
    for (const block of Array.isArray(blocks) ? blocks : [blocks]) {
      if (!isObject(block)) continue;
      const alias = optString(block, 'alias');
      const region = optString(block, 'region');
      let defaultTags: Record<string, string> | undefined;
      const dt = ownValue(block, 'default_tags');
      const first = Array.isArray(dt) ? dt[0] : dt;
      const tags = isObject(first) ? ownValue(first, 'tags') : undefined;
      if (isObject(tags)) {
        defaultTags = {};
        for (const [k, v] of Object.entries(tags)) if (typeof v === 'string' && !hasInterpolation(v)) defaultTags[k] = v;
      }
      providers.set(alias ? `${name}.${alias}` : name, { region: region && !hasInterpolation(region) ? region : undefined, defaultTags });
    }
  }
  return providers;
}
