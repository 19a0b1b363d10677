/**
 * The PlanGraph of one input: instances indexed by address and type, and the joins between
 * them. A join is found by following `configuration` references (through module variables,
 * module outputs, count/for_each instance keys) or, where values are known, by matching values
 * (a bucket name, an ARN). Every lookup is index-based: indexes are built once, lazily, per
 * (type, attribute) a rule asks about, so a 100k-resource plan costs linear time.
 */
import { formatModuleAddress, moduleConfigPath, parseReference, type ModuleStep } from './address';
import type { ConfigModule, LoadedInput, RawInstance } from './load/model';
import type {
  AttributePath,
  AttributeValue,
  InputSummary,
  Join,
  JoinKind,
  PlanAction,
  PlanGraph,
  ResourceInstance,
} from './types';
import { listBlocks, readAttribute, referencesAt, type ExpressionIndex } from './values';

const EMPTY_EXPRESSIONS: ExpressionIndex = new Map();
const MAX_HOPS = 32;
const NON_RESOURCE_ROOTS = new Set(['local', 'count', 'each', 'path', 'terraform', 'self']);

export class Instance implements ResourceInstance {
  readonly address: string;
  readonly moduleAddress: string;
  readonly configAddress: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly index: string | number | undefined;
  readonly providerName: string;
  readonly action: PlanAction;
  readonly constructPath?: string;

  constructor(
    readonly raw: RawInstance,
    readonly inputIndex: number,
    readonly expressions: ExpressionIndex,
  ) {
    this.address = raw.address;
    this.moduleAddress = raw.moduleAddress;
    this.configAddress = raw.configAddress;
    this.mode = raw.mode;
    this.type = raw.type;
    this.name = raw.name;
    this.index = raw.index;
    this.providerName = raw.providerName;
    this.action = raw.action;
    if (raw.constructPath !== undefined) this.constructPath = raw.constructPath;
  }

  attr(path: string | AttributePath): AttributeValue {
    return readAttribute(
      { value: this.raw.after, unknown: this.raw.afterUnknown, sensitive: this.raw.afterSensitive, expressions: this.expressions },
      path,
    );
  }

  before(path: string | AttributePath): AttributeValue {
    return readAttribute(
      { value: this.raw.before, unknown: undefined, sensitive: this.raw.beforeSensitive, expressions: EMPTY_EXPRESSIONS },
      path,
    );
  }

  blocks(path: string | AttributePath): AttributePath[] {
    return listBlocks({ value: this.raw.after, unknown: undefined, sensitive: undefined, expressions: EMPTY_EXPRESSIONS }, path);
  }
}

interface Resolved {
  instance: Instance;
  via: JoinKind;
}

/** Known string values of an attribute (a string, or each string of a list). */
function knownStrings(v: AttributeValue): string[] {
  if (v.state !== 'known') return [];
  if (typeof v.value === 'string') return v.value === '' ? [] : [v.value];
  if (Array.isArray(v.value)) return v.value.filter((x): x is string => typeof x === 'string' && x !== '');
  return [];
}

function isLive(instance: Instance): boolean {
  return instance.action !== 'delete';
}

export class Graph implements PlanGraph {
  readonly inputs: readonly InputSummary[];
  readonly instances: readonly Instance[];
  private readonly byAddressIndex = new Map<string, Instance>();
  private readonly byTypeIndex = new Map<string, Instance[]>();
  /** moduleAddress → resourceKey → the instances of one resource block in one module instance. */
  private readonly groups = new Map<string, Map<string, Instance[]>>();
  /** parent module address + '\n' + call name → the module instances' keys. */
  private readonly moduleInstances = new Map<string, Set<string | number | undefined>>();
  private readonly hopCache = new Map<string, Resolved[]>();
  /** type → attribute → the index; nested so that a lookup (several per rule check) builds no key string. */
  private readonly reverseIndexes = new Map<string, Map<string, Map<string, Join[]>>>();
  private readonly valueIndexes = new Map<string, Map<string, Map<string, Instance[]>>>();
  private readonly priorValueIndexes = new Map<string, Map<string, Map<string, Instance[]>>>();
  /** moduleAddress → type → instances. */
  private readonly byModuleType = new Map<string, Map<string, Instance[]>>();

  constructor(private readonly input: LoadedInput, inputIndex: number) {
    this.inputs = [input.summary];
    const instances: Instance[] = [];
    // Per module instance: its configuration, and its registration as an instance of its call.
    const modulesSeen = new Map<string, ConfigModule | undefined>();
    // In address order, not file order: every list the graph hands out (byType, joins, module
    // instances) follows this order, and a rule that names "the first" companion or lists
    // several must say the same whatever order the plan file lists resources in.
    const ordered = [...input.instances].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
    for (const raw of ordered) {
      let config = modulesSeen.get(raw.moduleAddress);
      if (!modulesSeen.has(raw.moduleAddress)) {
        config = this.configModule(raw.modules);
        modulesSeen.set(raw.moduleAddress, config);
        this.registerModuleInstance(raw.modules);
      }
      const instance = new Instance(raw, inputIndex, config?.resources.get(raw.resourceKey)?.expressions ?? EMPTY_EXPRESSIONS);
      instances.push(instance);
      this.byAddressIndex.set(raw.address, instance);
      push(this.byTypeIndex, raw.type, instance);
      // Nested maps, not joined keys: the module address is one shared string per module
      // instance (hashed once), where a joined key is a new string to hash per instance and lookup.
      push(inner(this.groups, raw.moduleAddress), raw.resourceKey, instance);
      push(inner(this.byModuleType, raw.moduleAddress), raw.type, instance);
    }
    this.instances = instances;
  }

  /** Records each module instance on the path as an instance of its module call. */
  private registerModuleInstance(modules: readonly ModuleStep[]): void {
    for (let i = 0; i < modules.length; i++) {
      const key = `${formatModuleAddress(modules.slice(0, i))}\n${modules[i].name}`;
      const keys = this.moduleInstances.get(key);
      if (keys) keys.add(modules[i].key);
      else this.moduleInstances.set(key, new Set([modules[i].key]));
    }
  }

  byAddress(address: string): Instance | undefined {
    return this.byAddressIndex.get(address);
  }

  byType(type: string): readonly Instance[] {
    return this.byTypeIndex.get(type) ?? [];
  }

  referencesOf(source: ResourceInstance, attribute: string, options?: { types?: readonly string[]; matchValues?: readonly string[] }): Join[] {
    const instance = this.own(source);
    return instance ? this.joinsFrom(instance, attribute, options) : [];
  }

  /** referencesOf for an instance known to be this graph's own (the reverse indexes ask for every instance of a type). */
  private joinsFrom(instance: Instance, attribute: string, options?: { types?: readonly string[]; matchValues?: readonly string[] }): Join[] {
    const refs = referencesAt(instance.expressions, attribute);
    const matchValues = options?.types !== undefined && options.matchValues !== undefined;
    // Most instances of a type do not refer anywhere through a given attribute.
    if (refs.length === 0 && !matchValues) return [];
    const resolved = this.resolve(this.withIteration(refs, instance), instance.raw.modules, instance.index, 0, instance.moduleAddress);
    const types = options?.types;
    const joins: Join[] = [];
    const seen = new Set<string>();
    for (const r of resolved) {
      if (r.instance === instance || !isLive(r.instance) || seen.has(r.instance.address)) continue;
      if (types && !types.includes(r.instance.type)) continue;
      seen.add(r.instance.address);
      joins.push({ instance: r.instance, attribute, via: r.via });
    }
    if (types && options?.matchValues) {
      for (const value of knownStrings(instance.attr(attribute))) {
        for (const type of types) {
          for (const matchAttr of options.matchValues) {
            for (const other of this.valueIndex(type, matchAttr).get(value) ?? []) {
              if (other === instance || seen.has(other.address) || !isLive(other)) continue;
              seen.add(other.address);
              joins.push({ instance: other, attribute, via: 'value' });
            }
          }
        }
      }
    }
    return joins;
  }

  referrers(target: ResourceInstance, query: { types: readonly string[]; attribute: string; matchValues?: readonly string[] }): Join[] {
    const instance = this.own(target);
    if (!instance) return [];
    // One type, no value matching: the index entry is the answer (it lists each source once).
    if (query.types.length === 1 && (query.matchValues === undefined || query.matchValues.length === 0)) {
      return [...(this.reverseIndex(query.types[0], query.attribute).get(instance.address) ?? [])];
    }
    const joins: Join[] = [];
    const seen = new Set<string>();
    for (const type of query.types) {
      for (const join of this.reverseIndex(type, query.attribute).get(instance.address) ?? []) {
        if (seen.has(join.instance.address)) continue;
        seen.add(join.instance.address);
        joins.push(join);
      }
    }
    for (const matchAttr of query.matchValues ?? []) {
      for (const value of knownStrings(instance.attr(matchAttr))) {
        for (const type of query.types) {
          for (const other of this.valueIndex(type, query.attribute).get(value) ?? []) {
            if (other === instance || seen.has(other.address) || !isLive(other)) continue;
            seen.add(other.address);
            joins.push({ instance: other, attribute: query.attribute, via: 'value' });
          }
        }
      }
    }
    return joins;
  }

  inModule(moduleAddress: string, type: string): readonly Instance[] {
    return this.byModuleType.get(moduleAddress)?.get(type) ?? [];
  }

  deletedReferrers(target: ResourceInstance, query: { types: readonly string[]; attribute: string; matchValues: readonly string[] }): Instance[] {
    const out: Instance[] = [];
    const seen = new Set<Instance>();
    for (const matchAttr of query.matchValues) {
      for (const value of knownStrings(target.attr(matchAttr))) {
        for (const type of query.types) {
          for (const other of this.priorValueIndex(type, query.attribute).get(value) ?? []) {
            if (!seen.has(other)) {
              seen.add(other);
              out.push(other);
            }
          }
        }
      }
    }
    return out;
  }

  providerRegion(instance: ResourceInstance): string | undefined {
    return this.providerFacts(instance)?.region;
  }

  providerDefaultTags(instance: ResourceInstance): Readonly<Record<string, string>> | undefined {
    return this.providerFacts(instance)?.defaultTags;
  }

  /** Module call sources by module configuration path, for locating declarations in .tf files. */
  moduleSources(): Map<string, string> {
    const out = new Map<string, string>();
    for (const [path, module] of this.input.modules) {
      for (const [name, call] of module.calls) {
        if (call.source !== undefined) out.set(path === '' ? `module.${name}` : `${path}.module.${name}`, call.source);
      }
    }
    return out;
  }

  private providerFacts(target: ResourceInstance) {
    const instance = this.own(target);
    if (!instance) return undefined;
    const key = this.configModule(instance.raw.modules)?.resources.get(instance.raw.resourceKey)?.providerConfigKey;
    const providers = this.input.providers;
    if (key !== undefined) {
      const exact = providers.get(key) ?? providers.get(key.slice(key.lastIndexOf(':') + 1));
      if (exact) return exact;
    }
    return providers.get(instance.type.split('_')[0]);
  }

  /** Only instances of this graph can be joined; another input's instance has no joins here. */
  private own(target: ResourceInstance): Instance | undefined {
    const instance = this.byAddressIndex.get(target.address);
    return instance === target ? instance : undefined;
  }

  private configModule(modules: readonly ModuleStep[]): ConfigModule | undefined {
    return this.input.modules.get(moduleConfigPath(modules));
  }

  /** `each.value` names the element of a for_each over another resource: follow the for_each expression. */
  private withIteration(refs: readonly string[], instance: Instance): readonly string[] {
    if (!refs.some((r) => r.startsWith('each.value'))) return refs;
    const iteration = this.configModule(instance.raw.modules)?.resources.get(instance.raw.resourceKey)?.iterationRefs ?? [];
    return [...refs, ...iteration];
  }

  private resolve(
    refs: readonly string[],
    modules: readonly ModuleStep[],
    sourceKey: string | number | undefined,
    hops: number,
    moduleAddress = formatModuleAddress(modules),
  ): Resolved[] {
    if (hops > MAX_HOPS || refs.length === 0) return [];
    let resourceTargets: Map<string, { literal: Set<string | number> | undefined }> | undefined;
    const out: Resolved[] = [];
    for (const ref of refs) {
      const parts = parseReference(ref);
      if (!parts || parts.length < 2) continue;
      const head = parts[0].name;
      if (NON_RESOURCE_ROOTS.has(head)) continue;
      if (head === 'var') {
        out.push(...this.resolveVariable(modules, parts[1].name, hops));
        continue;
      }
      if (head === 'module') {
        if (parts.length >= 3) out.push(...this.resolveOutput(modules, parts[1].name, parts[1].key, parts[2].name, sourceKey, hops));
        continue;
      }
      const isData = head === 'data';
      if (isData && parts.length < 3) continue;
      const typePart = isData ? parts[1] : parts[0];
      const namePart = isData ? parts[2] : parts[1];
      if (typePart.key !== undefined) continue;
      const resourceKey = (isData ? 'data.' : '') + `${typePart.name}.${namePart.name}`;
      resourceTargets ??= new Map();
      let target = resourceTargets.get(resourceKey);
      if (target === undefined) resourceTargets.set(resourceKey, (target = { literal: undefined }));
      // Literal keys (`aws_s3_bucket.b["x"]`) narrow the target to those instances; a bare reference only names the resource.
      if (namePart.key !== undefined) (target.literal ??= new Set()).add(namePart.key);
    }
    if (resourceTargets === undefined) return out;
    for (const [resourceKey, target] of resourceTargets) {
      const group = this.groups.get(moduleAddress)?.get(resourceKey);
      if (!group) continue;
      const literal = target.literal;
      if (literal !== undefined) {
        for (const i of group) if (i.index !== undefined && literal.has(i.index)) out.push({ instance: i, via: 'reference' });
      } else if (group.length === 1) {
        out.push({ instance: group[0], via: 'reference' });
      } else {
        const keyed = sourceKey === undefined ? undefined : group.find((i) => i.index === sourceKey);
        if (keyed) out.push({ instance: keyed, via: 'instance-key' });
        else for (const i of group) out.push({ instance: i, via: 'reference' });
      }
    }
    return out;
  }

  /** `var.x` inside a module instance: what the caller passes, resolved in the caller's module instance. */
  private resolveVariable(modules: readonly ModuleStep[], variable: string, hops: number): Resolved[] {
    if (modules.length === 0) return [];
    const cacheKey = `var\n${formatModuleAddress(modules)}\n${variable}`;
    const cached = this.hopCache.get(cacheKey);
    if (cached) return cached;
    const parent = modules.slice(0, -1);
    const call = modules[modules.length - 1];
    const callConfig = this.configModule(parent)?.calls.get(call.name);
    let refs: readonly string[] = callConfig?.inputs.get(variable) ?? [];
    if (refs.some((r) => r.startsWith('each.value'))) refs = [...refs, ...(callConfig?.iterationRefs ?? [])];
    const resolved = this.resolve(refs, parent, call.key, hops + 1).map((r) =>
      call.key !== undefined && r.instance.index === call.key ? { instance: r.instance, via: 'instance-key' as const } : r,
    );
    this.hopCache.set(cacheKey, resolved);
    return resolved;
  }

  /** `module.m.out`: the output's expression, resolved inside the child module instance(s). */
  private resolveOutput(
    modules: readonly ModuleStep[],
    callName: string,
    literalKey: string | number | undefined,
    output: string,
    sourceKey: string | number | undefined,
    hops: number,
  ): Resolved[] {
    const keys = [...(this.moduleInstances.get(`${formatModuleAddress(modules)}\n${callName}`) ?? [])];
    let chosen: Array<string | number | undefined>;
    if (literalKey !== undefined) chosen = keys.filter((k) => k === literalKey);
    else if (keys.length > 1 && sourceKey !== undefined && keys.includes(sourceKey)) chosen = [sourceKey];
    else chosen = keys;
    const out: Resolved[] = [];
    for (const key of chosen) {
      const child = [...modules, { name: callName, key }];
      const cacheKey = `out\n${formatModuleAddress(child)}\n${output}`;
      let resolved = this.hopCache.get(cacheKey);
      if (!resolved) {
        const refs = this.configModule(child)?.outputs.get(output) ?? [];
        resolved = this.resolve(refs, child, undefined, hops + 1);
        this.hopCache.set(cacheKey, resolved);
      }
      out.push(...resolved);
    }
    return out;
  }

  private reverseIndex(type: string, attribute: string): Map<string, Join[]> {
    const byAttribute = inner(this.reverseIndexes, type);
    let index = byAttribute.get(attribute);
    if (index) return index;
    index = new Map();
    for (const source of this.byType(type)) {
      if (!isLive(source)) continue;
      for (const join of this.joinsFrom(source, attribute)) {
        push(index, join.instance.address, { instance: source, attribute, via: join.via });
      }
    }
    byAttribute.set(attribute, index);
    return index;
  }

  /** Deleted instances of `type` by the known prior value of `attribute`. */
  private priorValueIndex(type: string, attribute: string): Map<string, Instance[]> {
    const byAttribute = inner(this.priorValueIndexes, type);
    let index = byAttribute.get(attribute);
    if (index) return index;
    index = new Map();
    for (const instance of this.byType(type)) {
      if (instance.action !== 'delete') continue;
      for (const value of knownStrings(instance.before(attribute))) push(index, value, instance);
    }
    byAttribute.set(attribute, index);
    return index;
  }

  private valueIndex(type: string, attribute: string): Map<string, Instance[]> {
    const byAttribute = inner(this.valueIndexes, type);
    let index = byAttribute.get(attribute);
    if (index) return index;
    index = new Map();
    for (const instance of this.byType(type)) {
      if (!isLive(instance)) continue;
      for (const value of knownStrings(instance.attr(attribute))) push(index, value, instance);
    }
    byAttribute.set(attribute, index);
    return index;
  }
}

function inner<K, V>(map: Map<string, Map<K, V>>, key: string): Map<K, V> {
  let found = map.get(key);
  if (found === undefined) map.set(key, (found = new Map()));
  return found;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildGraph(input: LoadedInput, inputIndex: number): Graph {
  return new Graph(input, inputIndex);
}
