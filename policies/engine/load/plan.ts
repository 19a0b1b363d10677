/** `terraform show -json` plan output (format_version 0.1, 0.2, 1.x) → LoadedInput. */
import { BoundedCache } from '../bounded-cache';
import { formatKey, formatModuleAddress, moduleConfigPath, parseAddress, parseModuleAddress, type ModuleStep } from '../address';
import type { JsonObject, JsonValue, PlanAction } from '../types';
import { flattenExpressions, iterationReferences } from './expressions';
import { emptyModule, type ConfigModule, type LoadedInput, type ProviderFacts, type RawInstance } from './model';
import { isObject, optString, ownValue, ShapeReader } from './shape';

const MAX_MODULE_DEPTH = 64;

/** A plan document whose top-level members may be parsed on demand. */
export interface DocumentSource {
  has(key: string): boolean;
  get(key: string): JsonValue | undefined;
  toObject(): JsonObject;
}

export function actionOf(actions: readonly JsonValue[]): PlanAction {
  const set = new Set(actions.map(String));
  if (set.has('delete') && set.has('create')) return 'replace';
  if (set.size === 1) {
    const only = [...set][0];
    switch (only) {
      case 'create':
      case 'update':
      case 'delete':
      case 'no-op':
      case 'read':
        return only;
      case 'forget':
        // `removed` blocks: Terraform stops managing the object; nothing is created or changed.
        return 'delete';
    }
  }
  // An action this version does not know: evaluate it as a change rather than skip it (fail closed).
  return 'update';
}

export function loadPlan(plan: DocumentSource, label: string, inputIndex: number): LoadedInput {
  void inputIndex;
  const shape = new ShapeReader(label);
  const instances: RawInstance[] = [];
  const seen = new Set<string>();

  const changes = plan.get('resource_changes');
  if (changes !== undefined) {
    shape.array(changes, 'resource_changes');
    (changes as JsonValue[]).forEach((entry, i) => {
      const where = `resource_changes[${i}]`;
      const rc = shape.object(entry, where);
      if (ownValue(rc, 'deposed') !== undefined) return; // a deposed object is only ever destroyed
      const address = shape.string(ownValue(rc, 'address'), `${where}.address`);
      const change = shape.object(ownValue(rc, 'change'), `${where}.change`);
      const actions = shape.array(ownValue(change, 'actions'), `${where}.change.actions`);
      // Terraform writes action names only; String() of anything else can throw (an object
      // whose own toString/valueOf are not functions), which would be exit 3 instead of 2.
      if (!actions.every((a) => typeof a === 'string')) shape.fail(`${where}.change.actions`, 'a list of action names');
      const instance = instanceFrom(rc, address, where, shape, actionOf(actions), {
        after: ownValue(change, 'after'),
        afterUnknown: ownValue(change, 'after_unknown'),
        afterSensitive: ownValue(change, 'after_sensitive'),
        before: ownValue(change, 'before'),
        beforeSensitive: ownValue(change, 'before_sensitive'),
      });
      // Moves (`moved` blocks, module renames) are recorded only here; baselines follow them.
      const previousAddress = optString(rc, 'previous_address');
      if (previousAddress !== undefined && previousAddress !== address) instance.previousAddress = previousAddress;
      if (seen.has(address)) return;
      seen.add(address);
      instances.push(instance);
    });
  }

  // Terraform lists every planned instance, unchanged ones as no-op, in resource_changes; only a
  // plan without that section is read from planned_values (which is then never parsed otherwise).
  const noChanges = changes === undefined || (Array.isArray(changes) && changes.length === 0);
  const planned = noChanges ? plan.get('planned_values') : undefined;
  if (planned !== undefined) {
    const root = ownValue(shape.object(planned, 'planned_values'), 'root_module');
    if (root !== undefined) {
      walkPlannedModule(shape.object(root, 'planned_values.root_module'), 'planned_values.root_module', 0, (res, where) => {
        const address = shape.string(ownValue(res, 'address'), `${where}.address`);
        if (seen.has(address)) return;
        seen.add(address);
        instances.push(
          instanceFrom(res, address, where, shape, 'no-op', {
            after: ownValue(res, 'values'),
            afterUnknown: undefined,
            afterSensitive: ownValue(res, 'sensitive_values'),
            before: ownValue(res, 'values'),
            beforeSensitive: ownValue(res, 'sensitive_values'),
          }),
        );
      }, shape);
    }
  }

  const configuration = plan.get('configuration');
  const modules = new Map<string, ConfigModule>();
  const providers = new Map<string, ProviderFacts>();
  if (isObject(configuration)) {
    const root = ownValue(configuration, 'root_module');
    if (isObject(root)) readConfigModule(root, '', modules, 0);
    readProviders(ownValue(configuration, 'provider_config'), providers);
  }
  if (!modules.has('')) modules.set('', emptyModule());

  return {
    summary: {
      path: label,
      kind: 'plan',
      terraformVersion: stringOrNull(plan.get('terraform_version')),
      formatVersion: stringOrNull(plan.get('format_version')),
      resources: instances.filter((i) => i.mode === 'managed' && i.action !== 'delete').length,
    },
    instances,
    modules,
    providers,
  };
}

function stringOrNull(v: JsonValue | undefined): string | null {
  return typeof v === 'string' ? v : null;
}

interface Values {
  after: JsonValue | undefined;
  afterUnknown: JsonValue | undefined;
  afterSensitive: JsonValue | undefined;
  before: JsonValue | undefined;
  beforeSensitive: JsonValue | undefined;
}

/** Module instance addresses seen in this plan, parsed once each (null: not a module address). */
const moduleCache = new BoundedCache<string, ModuleStep[] | null>(100_000);

/**
 * The address's parts. Terraform writes them beside the address too (module_address, mode,
 * type, name, index); when those rebuild the address exactly, they are used as they are, which
 * spares re-tokenizing 100k addresses. Anything else is parsed from the address itself.
 */
function addressParts(entry: JsonObject, address: string): ReturnType<typeof parseAddress> {
  const type = ownValue(entry, 'type');
  const name = ownValue(entry, 'name');
  const index = ownValue(entry, 'index');
  const moduleAddress = ownValue(entry, 'module_address') ?? '';
  const mode = ownValue(entry, 'mode');
  if (typeof type === 'string' && typeof name === 'string' && typeof moduleAddress === 'string' && (mode === 'managed' || mode === 'data') &&
      (index === undefined || typeof index === 'string' || (typeof index === 'number' && Number.isInteger(index) && index >= 0))) {
    const rebuilt = `${moduleAddress === '' ? '' : `${moduleAddress}.`}${mode === 'data' ? 'data.' : ''}${type}.${name}${formatKey(index)}`;
    if (rebuilt === address) {
      let modules = moduleCache.get(moduleAddress);
      if (modules === undefined) {
        modules = parseModuleAddress(moduleAddress) ?? null;
        moduleCache.set(moduleAddress, modules);
      }
      if (modules) return { modules, mode, type, name, key: index };
    }
  }
  return parseAddress(address);
}

function instanceFrom(
  entry: JsonObject,
  address: string,
  where: string,
  shape: ShapeReader,
  action: PlanAction,
  values: Values,
): RawInstance {
  const parsed = addressParts(entry, address);
  if (!parsed) shape.fail(`${where}.address (${JSON.stringify(address.slice(0, 200))})`, 'a resource address');
  const type = shape.string(ownValue(entry, 'type') ?? parsed.type, `${where}.type`);
  const name = shape.string(ownValue(entry, 'name') ?? parsed.name, `${where}.name`);
  const modeValue = ownValue(entry, 'mode') ?? parsed.mode;
  if (modeValue !== 'managed' && modeValue !== 'data') shape.fail(`${where}.mode`, '"managed" or "data"');
  for (const key of ['after', 'before'] as const) {
    const v = values[key];
    if (v !== undefined && v !== null && !isObject(v)) shape.fail(`${where} ${key}`, 'an object or null');
  }
  const modules: ModuleStep[] = parsed.modules;
  const moduleAddress = modulesAddress(modules);
  const configModule = moduleConfigPath(modules);
  const resourceKey = (modeValue === 'data' ? 'data.' : '') + `${type}.${name}`;
  return {
    address,
    modules,
    moduleAddress,
    configAddress: configModule === '' ? resourceKey : `${configModule}.${resourceKey}`,
    resourceKey,
    mode: modeValue,
    type,
    name,
    index: parsed.key,
    providerName: optString(entry, 'provider_name') ?? '',
    action,
    after: values.after ?? undefined,
    afterUnknown: values.afterUnknown,
    afterSensitive: values.afterSensitive,
    before: values.before ?? undefined,
    beforeSensitive: values.beforeSensitive,
  };
}

const formattedModules = new WeakMap<ModuleStep[], string>();

/** Module steps are shared per module instance (moduleCache), so their text is built once. */
function modulesAddress(modules: ModuleStep[]): string {
  let text = formattedModules.get(modules);
  if (text === undefined) {
    text = formatModuleAddress(modules);
    formattedModules.set(modules, text);
  }
  return text;
}

function walkPlannedModule(
  module: JsonObject,
  where: string,
  depth: number,
  visit: (resource: JsonObject, where: string) => void,
  shape: ShapeReader,
): void {
  if (depth > MAX_MODULE_DEPTH) shape.fail(where, 'nested fewer than 64 modules deep');
  const resources = ownValue(module, 'resources');
  if (resources !== undefined) {
    shape.array(resources, `${where}.resources`).forEach((r, i) => visit(shape.object(r, `${where}.resources[${i}]`), `${where}.resources[${i}]`));
  }
  const children = ownValue(module, 'child_modules');
  if (children !== undefined) {
    shape.array(children, `${where}.child_modules`).forEach((c, i) =>
      walkPlannedModule(shape.object(c, `${where}.child_modules[${i}]`), `${where}.child_modules[${i}]`, depth + 1, visit, shape),
    );
  }
}

function readConfigModule(module: JsonObject, path: string, modules: Map<string, ConfigModule>, depth: number): void {
  if (depth > MAX_MODULE_DEPTH) return;
  const config = emptyModule();
  modules.set(path, config);
  const resources = ownValue(module, 'resources');
  if (Array.isArray(resources)) {
    for (const r of resources) {
      if (!isObject(r)) continue;
      const type = optString(r, 'type');
      const name = optString(r, 'name');
      if (!type || !name) continue;
      const key = (ownValue(r, 'mode') === 'data' ? 'data.' : '') + `${type}.${name}`;
      config.resources.set(key, {
        expressions: flattenExpressions(ownValue(r, 'expressions')),
        iterationRefs: iterationReferences(r),
        providerConfigKey: optString(r, 'provider_config_key'),
      });
    }
  }
  const outputs = ownValue(module, 'outputs');
  if (isObject(outputs)) {
    for (const [name, out] of Object.entries(outputs)) {
      if (!isObject(out)) continue;
      const refs = flattenExpressions({ expression: ownValue(out, 'expression') ?? null }).get('expression') ?? [];
      config.outputs.set(name, refs);
    }
  }
  const calls = ownValue(module, 'module_calls');
  if (isObject(calls)) {
    for (const [name, call] of Object.entries(calls)) {
      if (!isObject(call)) continue;
      config.calls.set(name, {
        source: optString(call, 'source'),
        inputs: flattenExpressions(ownValue(call, 'expressions')),
        iterationRefs: iterationReferences(call),
      });
      const child = ownValue(call, 'module');
      if (isObject(child)) readConfigModule(child, path === '' ? `module.${name}` : `${path}.module.${name}`, modules, depth + 1);
    }
  }
}

function readProviders(config: JsonValue | undefined, providers: Map<string, ProviderFacts>): void {
  if (!isObject(config)) return;
  for (const [key, provider] of Object.entries(config)) {
    if (!isObject(provider)) continue;
    const expressions = ownValue(provider, 'expressions');
    let region: string | undefined;
    let defaultTags: Record<string, string> | undefined;
    if (isObject(expressions)) {
      const regionExpr = ownValue(expressions, 'region');
      if (isObject(regionExpr)) {
        const v = ownValue(regionExpr, 'constant_value');
        if (typeof v === 'string') region = v;
      }
      const dt = ownValue(expressions, 'default_tags');
      const block = Array.isArray(dt) ? dt[0] : dt;
      if (isObject(block)) {
        const tags = ownValue(block, 'tags');
        const value = isObject(tags) ? ownValue(tags, 'constant_value') : undefined;
        if (isObject(value)) {
          defaultTags = {};
          for (const [k, v] of Object.entries(value)) if (typeof v === 'string') defaultTags[k] = v;
        }
      }
    }
    providers.set(key, { region, defaultTags });
  }
}
