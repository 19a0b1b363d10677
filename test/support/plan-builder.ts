/**
 * Builds plan JSON shaped like `terraform show -json` output (format 1.2), for rule and graph
 * tests: resource_changes with after/after_unknown/after_sensitive, planned_values, and a
 * configuration whose expressions carry references, module calls and outputs.
 */
import type { JsonObject, JsonValue } from '../../policies/engine/types';
import { formatKey, parseModuleAddress } from '../../policies/engine/address';

export interface ResourceSpec {
  /** Known values of `after`. */
  values?: JsonObject;
  /** Attribute paths (dotted, e.g. 'arn' or 'rule.0.kms_master_key_id') that are known only after apply. */
  unknown?: string[];
  /** Attribute paths marked sensitive. */
  sensitive?: string[];
  /** Module instance address, e.g. 'module.data["a"]'. */
  module?: string;
  index?: string | number;
  action?: 'create' | 'update' | 'delete' | 'no-op' | 'replace' | 'read';
  before?: JsonObject | null;
  /** Configuration references per attribute path (dotted, indices dropped), e.g. { bucket: ['aws_s3_bucket.b.id'] }. */
  refs?: Record<string, string[]>;
  /** for_each / count expression references. */
  iterate?: string[];
  mode?: 'managed' | 'data';
}

interface Built {
  address: string;
  type: string;
  name: string;
  spec: ResourceSpec;
}

function setPath(target: JsonObject, path: string, value: JsonValue): void {
  const parts = path.split('.');
  let node: JsonValue = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const key = /^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
    const nextIsIndex = /^\d+$/.test(parts[i + 1]);
    const container = node as Record<string | number, JsonValue>;
    if (container[key] === undefined || container[key] === null || typeof container[key] !== 'object') {
      container[key] = nextIsIndex ? [] : {};
    }
    node = container[key];
  }
  const last = parts[parts.length - 1];
  (node as Record<string | number, JsonValue>)[/^\d+$/.test(last) ? Number(last) : last] = value;
}

function expressionsFrom(refs: Record<string, string[]> | undefined): JsonObject {
  const out: JsonObject = {};
  for (const [path, references] of Object.entries(refs ?? {})) {
    const parts = path.split('.');
    let node: JsonObject = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const existing = node[parts[i]];
      if (Array.isArray(existing)) node = existing[0] as JsonObject;
      else {
        const child: JsonObject = {};
        node[parts[i]] = [child];
        node = child;
      }
    }
    node[parts[parts.length - 1]] = { references };
  }
  return out;
}

function actionsOf(action: ResourceSpec['action']): string[] {
  if (action === 'replace') return ['delete', 'create'];
  return [action ?? 'create'];
}

export class PlanBuilder {
  private readonly resources: Built[] = [];
  private readonly calls = new Map<string, { source: string; inputs: Record<string, string[]>; iterate?: string[] }>();
  private readonly outputs = new Map<string, Record<string, string[]>>();
  private readonly providers: JsonObject = { aws: { name: 'aws', full_name: 'registry.terraform.io/hashicorp/aws', expressions: { region: { constant_value: 'us-east-1' } } } };

  resource(type: string, name: string, spec: ResourceSpec = {}): this {
    const prefix = spec.module ? `${spec.module}.` : '';
    const data = spec.mode === 'data' ? 'data.' : '';
    this.resources.push({ address: `${prefix}${data}${type}.${name}${formatKey(spec.index)}`, type, name, spec });
    return this;
  }

  /** A module call at configuration path `path` (e.g. 'module.data' or 'module.a.module.b'). */
  moduleCall(path: string, call: { source?: string; inputs?: Record<string, string[]>; iterate?: string[] } = {}): this {
    this.calls.set(path, { source: call.source ?? `./modules/${path.split('.').pop()}`, inputs: call.inputs ?? {}, iterate: call.iterate });
    return this;
  }

  output(modulePath: string, name: string, references: string[]): this {
    const outs = this.outputs.get(modulePath) ?? {};
    outs[name] = references;
    this.outputs.set(modulePath, outs);
    return this;
  }

  defaultTags(tags: Record<string, string>): this {
    ((this.providers.aws as JsonObject).expressions as JsonObject).default_tags = [{ tags: { constant_value: tags } }];
    return this;
  }

  build(): JsonObject {
    const resourceChanges: JsonValue[] = [];
    const planned = new Map<string, JsonValue[]>();
    const configModules = new Map<string, JsonObject>();
    const configModule = (path: string): JsonObject => {
      let m = configModules.get(path);
      if (!m) {
        m = { resources: [] };
        configModules.set(path, m);
      }
      return m;
    };
    configModule('');
    for (const r of this.resources) {
      const after: JsonObject = structuredClone(r.spec.values ?? {});
      const afterUnknown: JsonObject = {};
      const afterSensitive: JsonObject = {};
      for (const p of r.spec.unknown ?? []) setPath(afterUnknown, p, true);
      for (const p of r.spec.sensitive ?? []) setPath(afterSensitive, p, true);
      const action = r.spec.action ?? 'create';
      const before = r.spec.before !== undefined ? r.spec.before : action === 'create' ? null : structuredClone(after);
      const modules = parseModuleAddress(r.spec.module ?? '') ?? [];
      const configPath = modules.map((m) => `module.${m.name}`).join('.');
      const change: JsonObject = {
        actions: actionsOf(action),
        before,
        after: action === 'delete' ? null : after,
        after_unknown: afterUnknown,
        before_sensitive: before === null ? false : {},
        after_sensitive: afterSensitive,
      };
      resourceChanges.push({
        address: r.address,
        ...(r.spec.module ? { module_address: r.spec.module } : {}),
        mode: r.spec.mode ?? 'managed',
        type: r.type,
        name: r.name,
        ...(r.spec.index !== undefined ? { index: r.spec.index } : {}),
        provider_name: 'registry.terraform.io/hashicorp/aws',
        change,
      });
      if (action !== 'delete') {
        const list = planned.get(r.spec.module ?? '') ?? [];
        list.push({ address: r.address, mode: r.spec.mode ?? 'managed', type: r.type, name: r.name, provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, values: after, sensitive_values: afterSensitive });
        planned.set(r.spec.module ?? '', list);
      }
      const config = configModule(configPath);
      const resourceKey = `${r.spec.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
      const list = config.resources as JsonValue[];
      if (!list.some((x) => (x as JsonObject).address === resourceKey)) {
        list.push({
          address: resourceKey,
          mode: r.spec.mode ?? 'managed',
          type: r.type,
          name: r.name,
          provider_config_key: 'aws',
          expressions: expressionsFrom(r.spec.refs),
          schema_version: 0,
          ...(r.spec.iterate ? { for_each_expression: { references: r.spec.iterate } } : {}),
        });
      }
    }
    for (const [path, outs] of this.outputs) {
      configModule(path).outputs = Object.fromEntries(Object.entries(outs).map(([n, refs]) => [n, { expression: { references: refs } }]));
    }
    // Nest module configurations under their callers.
    const allPaths = new Set([...configModules.keys(), ...this.calls.keys()]);
    for (const path of [...allPaths].sort((a, b) => b.length - a.length)) {
      if (path === '') continue;
      const parentPath = path.split('.').slice(0, -2).join('.');
      const name = path.split('.').pop()!;
      const call = this.calls.get(path) ?? { source: `./modules/${name}`, inputs: {} };
      const parent = configModule(parentPath);
      const calls = (parent.module_calls ?? {}) as JsonObject;
      calls[name] = {
        source: call.source,
        expressions: Object.fromEntries(Object.entries(call.inputs).map(([v, refs]) => [v, { references: refs }])),
        ...(call.iterate ? { for_each_expression: { references: call.iterate } } : {}),
        module: configModule(path),
      };
      parent.module_calls = calls;
    }
    const childModules = [...planned.entries()].filter(([m]) => m !== '').map(([m, resources]) => ({ address: m, resources }));
    return {
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources: planned.get('') ?? [], child_modules: childModules } },
      resource_changes: resourceChanges,
      configuration: { provider_config: this.providers, root_module: configModule('') },
    };
  }
}

export function plan(): PlanBuilder {
  return new PlanBuilder();
}
