/** Names shared between the resource instances and the configuration that declares them. */
import type { TenantSpec } from '../plan-layout';
import { createRandom, deriveSeed } from '../prng';
import type { Account } from '../shapes/common';

export const TENANT_MODULE = 'tenant';
export const ARCHIVE_MODULE = 'archive';

export function tenantModuleAddress(tenantKey: string): string {
  return `module.${TENANT_MODULE}[${JSON.stringify(tenantKey)}]`;
}

export function archiveModuleAddress(tenantKey: string): string {
  return `${tenantModuleAddress(tenantKey)}.module.${ARCHIVE_MODULE}`;
}

export function accessLogBucketName(account: Account): string {
  return `phi-platform-access-logs-${account.accountId}`;
}

/** Log groups retained for less than six years fail the default LOG retention threshold; 0 never expires. */
export function retentionViolation(days: number): string | null {
  return days === 0 || days >= 2192 ? null : `log retention ${days} days is under 6 years`;
}

/** A tenant database's master password: in the plan's variables and its `after`, marked sensitive. */
export function tenantDbPassword(tenant: TenantSpec): string {
  return `pw_${createRandom(deriveSeed(tenant.seed, 0xdb)).hex(24)}`;
}
