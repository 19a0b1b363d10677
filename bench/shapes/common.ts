/** What every resource shape needs: the account it lives in, whether it exists yet, and tags. */
import { UNKNOWN, type PlanObject, type PlanValue, type Unknown } from '../plan-values';

export interface Account {
  readonly region: string;
  readonly accountId: string;
  /** The S3 canonical user id of the account, which owns every bucket's default grant. */
  readonly canonicalUserId: string;
  /** The provider's default_tags, merged into every tags_all. */
  readonly defaultTags: Readonly<Record<string, string>>;
}

export type Tags = Readonly<Record<string, string>>;

export interface ShapeBase {
  readonly account: Account;
  /**
   * Whether the object exists (no-op, update, delete, or the prior state): then every computed
   * attribute has a value. For a create the provider leaves them unknown.
   */
  readonly existing: boolean;
}

export interface TaggedShape extends ShapeBase {
  readonly tags: Tags;
}

/** A computed attribute: its value once the object exists, "known after apply" before. */
export function computed(existing: boolean, value: PlanValue, unknown: Unknown = UNKNOWN): PlanValue {
  return existing ? value : unknown;
}

/** `tags` as configured (null when none are set, as Terraform writes it) and the provider's `tags_all`. */
export function tagAttributes(base: TaggedShape): PlanObject {
  const hasTags = Object.keys(base.tags).length > 0;
  return {
    tags: hasTags ? { ...base.tags } : null,
    tags_all: { ...base.account.defaultTags, ...base.tags },
  };
}

export function arn(account: Account, service: string, resource: string): string {
  return `arn:aws:${service}:${account.region}:${account.accountId}:${resource}`;
}

/** A UUID-shaped id from 32 hex digits (KMS key ids, Lightsail instance ids). */
export function uuidFromHex(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
