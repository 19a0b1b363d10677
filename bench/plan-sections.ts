/** The JSON text of each part of a plan, for one resource instance or one module instance at a time. */
import type { JsonObject, JsonValue } from '../policies/engine/types';
import { AWS_PROVIDER, type GeneratedInstance, type GeneratedModuleInstance } from './plan-model';
import type { PlanLayout, TenantSpec } from './plan-layout';
import { isWhollyKnown, knownPart, sensitiveMask, unknownMask, type PlanObject } from './plan-values';
import { tenantDbPassword } from './units/naming';

/** Provider schema versions of the types generated (most are 0). */
const SCHEMA_VERSIONS: Readonly<Record<string, number>> = { aws_db_instance: 2, aws_dynamodb_table: 1 };

function identity(instance: GeneratedInstance, withModule: boolean): JsonObject {
  const out: JsonObject = { address: instance.address };
  if (withModule && instance.moduleAddress !== '') out.module_address = instance.moduleAddress;
  out.mode = 'managed';
  out.type = instance.type;
  out.name = instance.name;
  if (instance.index !== undefined) out.index = instance.index;
  out.provider_name = AWS_PROVIDER;
  return out;
}

export function resourceChangeJson(instance: GeneratedInstance): string {
  const { before, after } = instance;
  const change: JsonObject = {
    actions: [instance.action],
    before: before === null ? null : knownPart(before),
    after: after === null ? null : knownPart(after),
    // Terraform writes {} when the planned value is wholly known (and for a delete).
    after_unknown: after === null || isWhollyKnown(after) ? {} : unknownMask(after),
    before_sensitive: before === null ? false : sensitiveMask(before),
    after_sensitive: after === null ? false : sensitiveMask(after),
  };
  return JSON.stringify({ ...identity(instance, true), change });
}

function stateResource(instance: GeneratedInstance, value: PlanObject): JsonObject {
  return {
    ...identity(instance, false),
    schema_version: SCHEMA_VERSIONS[instance.type] ?? 0,
    values: knownPart(value),
    sensitive_values: sensitiveMask(value),
  };
}

/** Which value of an instance a module tree shows: planned (`after`) or prior state (`before`). */
export type ModuleView = 'planned' | 'prior';

function viewValue(instance: GeneratedInstance, view: ModuleView): PlanObject | null {
  return view === 'planned' ? instance.after : instance.before;
}

export function moduleResourcesJson(instances: readonly GeneratedInstance[], view: ModuleView): string[] {
  const out: string[] = [];
  for (const instance of instances) {
    const value = viewValue(instance, view);
    if (value !== null) out.push(JSON.stringify(stateResource(instance, value)));
  }
  return out;
}

/**
 * A child module instance of planned_values or prior_state as JSON text, or null when neither
 * it nor its children hold a resource in this view (Terraform leaves such modules out).
 * Keys in Terraform's order: resources, address, child_modules; empty ones omitted.
 */
export function childModuleJson(module: GeneratedModuleInstance, view: ModuleView): string | null {
  const resources = moduleResourcesJson(module.instances, view);
  const children = module.children.map((child) => childModuleJson(child, view)).filter((c): c is string => c !== null);
  if (resources.length === 0 && children.length === 0) return null;
  let text = '{';
  if (resources.length > 0) text += `"resources":[${resources.join(',')}],`;
  text += `"address":${JSON.stringify(module.address)}`;
  if (children.length > 0) text += `,"child_modules":[${children.join(',')}]`;
  return text + '}';
}

/** The root's data source as it sits in prior_state (data sources are read during plan, not changed). */
export function callerIdentityJson(layout: PlanLayout): string {
  const { accountId } = layout.account;
  return JSON.stringify({
    address: 'data.aws_caller_identity.current',
    mode: 'data',
    type: 'aws_caller_identity',
    name: 'current',
    provider_name: AWS_PROVIDER,
    schema_version: 0,
    values: {
      account_id: accountId,
      arn: `arn:aws:sts::${accountId}:assumed-role/terraform-plan/ci`,
      id: accountId,
      user_id: `AROA${accountId}PLAN:ci`,
    },
    sensitive_values: {},
  });
}

/** One tenant's entry of the `tenants` variable, as a tfvars author would write it (snake_case). */
export function tenantVariableValue(tenant: TenantSpec): JsonValue {
  const s = tenant.settings;
  const datasets: JsonObject = {};
  for (const name of Object.keys(s.datasets).sort()) datasets[name] = { encrypted: s.datasets[name].encrypted };
  const deviceClasses: JsonObject = {};
  for (const name of Object.keys(s.deviceClasses).sort()) deviceClasses[name] = s.deviceClasses[name];
  return {
    block_public_access: s.blockPublicAccess,
    data_sse_algorithm: s.dataSseAlgorithm,
    datasets,
    db_storage_encrypted: s.dbStorageEncrypted,
    device_classes: deviceClasses,
    enable_database: s.enableDatabase,
    key_rotation: s.keyRotation,
    legacy_host: s.legacyHost,
    log_kms: s.logKms,
    log_retention_days: s.logRetentionDays,
    queue_encryption: s.queueEncryption,
    table_cmk: s.tableCmk,
    table_pitr: s.tablePitr,
    versioning: s.versioning,
  };
}

export function tenantDbPasswordEntry(tenant: TenantSpec): string | null {
  return tenant.settings.enableDatabase ? `${JSON.stringify(tenant.key)}:${JSON.stringify(tenantDbPassword(tenant))}` : null;
}
