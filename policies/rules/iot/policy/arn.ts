/**
 * IoT resource ARNs: `arn:${partition}:iot:${region}:${account}:${resourceType}/${name}`, or `*`.
 *
 * A Resource in a policy is a pattern over the whole ARN string: a `*` in the region field can
 * just as well swallow `us-east-1:123456789012:topic/x`. So this module offers two views:
 * - `parseIotArn` splits the text at its first five colons and the first `/`, for reports and
 *   for concrete ARNs;
 * - `namePatternsFor` answers the question analysis needs — "which resource names of type T
 *   does this pattern allow?" — by running the whole pattern over a sample ARN prefix for T and
 *   returning what is left to match (exact for that partition/region/account).
 */
import { BoundedCache } from './memo';
import { ANY, bindPattern, compilePattern, freshAtoms, globMatch, residuals, type Atom } from './pattern';
import { scanTemplate, type Dialect } from './variables';

/** IoT resource types that appear in ARNs (IAM service authorization reference and IoT guide). */
export const IOT_RESOURCE_TYPES: readonly string[] = [
  'authorizer', 'billinggroup', 'cacert', 'cert', 'certificateprovider', 'client', 'custommetric', 'destination',
  'dimension', 'domainconfiguration', 'fleetmetric', 'index', 'job', 'jobtemplate', 'mitigationaction', 'otaupdate',
  'package', 'packageversion', 'policy', 'provisioningtemplate', 'rolealias', 'rule', 'scheduledaudit',
  'securityprofile', 'stream', 'thing', 'thinggroup', 'thingtype', 'topic', 'topicfilter', 'tunnel',
];

const KNOWN_TYPES: ReadonlySet<string> = new Set(IOT_RESOURCE_TYPES);

export interface IotArn {
  readonly raw: string;
  /** `wildcard`: the text is `*`; `arn`: it has the six ARN fields; `other`: anything else. */
  readonly form: 'wildcard' | 'arn' | 'other';
  readonly partition?: string;
  readonly service?: string;
  readonly region?: string;
  readonly account?: string;
  /** Everything after the fifth colon. */
  readonly resource?: string;
  /** The resource part before its first `/` (the whole resource part when it has none). */
  readonly resourceType?: string;
  /** The resource part after its first `/`; absent when there is no `/`. */
  readonly resourceName?: string;
  /** Whether resourceType is one of IOT_RESOURCE_TYPES, literally. */
  readonly knownType: boolean;
  /** Whether partition, service, region or account holds a wildcard (`*`, `?`). */
  readonly wildcardBeforeResource: boolean;
}

/** Splits an ARN or ARN pattern into its fields. Never throws. */
export function parseIotArn(text: string): IotArn {
  if (typeof text !== 'string') return { raw: '', form: 'other', knownType: false, wildcardBeforeResource: false };
  if (text === '*') return { raw: text, form: 'wildcard', knownType: false, wildcardBeforeResource: false };
  // The first five colons end the five fields before the resource.
  const c1 = text.indexOf(':');
  const c2 = c1 < 0 ? -1 : text.indexOf(':', c1 + 1);
  const c3 = c2 < 0 ? -1 : text.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : text.indexOf(':', c3 + 1);
  const c5 = c4 < 0 ? -1 : text.indexOf(':', c4 + 1);
  if (c5 < 0 || c1 !== 3 || !text.startsWith('arn')) return { raw: text, form: 'other', knownType: false, wildcardBeforeResource: false };
  const partition = text.slice(c1 + 1, c2);
  const service = text.slice(c2 + 1, c3);
  const region = text.slice(c3 + 1, c4);
  const account = text.slice(c4 + 1, c5);
  const rest = text.slice(c5 + 1);
  const slash = rest.indexOf('/');
  const resourceType = slash < 0 ? rest : rest.slice(0, slash);
  const resourceName = slash < 0 ? undefined : rest.slice(slash + 1);
  return {
    raw: text,
    form: 'arn',
    partition,
    service,
    region,
    account,
    resource: rest,
    resourceType,
    ...(resourceName === undefined ? {} : { resourceName }),
    knownType: KNOWN_TYPES.has(resourceType),
    wildcardBeforeResource: WILDCARD.test(text.slice(c1 + 1, c5)),
  };
}

const WILDCARD = /[*?]/;

export interface ArnPrefix {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export const DEFAULT_ARN_PREFIX: ArnPrefix = { partition: 'aws', region: 'us-east-1', account: '123456789012' };

/** One concrete value that a field pattern matches: wildcards dropped or filled, variables dropped. */
function sampleField(field: string | undefined, fallback: string, dialect: Dialect): string {
  if (field === undefined) return fallback;
  let out = '';
  for (const part of scanTemplate(field, dialect)) {
    if (typeof part !== 'string') continue;
    out += part.replace(/\*/g, '').replace(/\?/g, 'x');
  }
  return out;
}

/**
 * A partition/region/account that the pattern's own fields match, so that analysis looks at
 * the account the policy is written for. Falls back to DEFAULT_ARN_PREFIX for `*` and
 * non-ARN text.
 */
export function samplePrefix(pattern: string, dialect: Dialect = 'rendered'): ArnPrefix {
  if (typeof pattern !== 'string') return DEFAULT_ARN_PREFIX;
  const prefixes = dialect === 'terraform-template' ? prefixesTemplate : prefixesRendered;
  const hit = prefixes.get(pattern);
  if (hit !== undefined) return hit;
  const arn = parseIotArn(pattern);
  if (arn.form !== 'arn') return DEFAULT_ARN_PREFIX;
  const prefix: ArnPrefix = Object.freeze({
    partition: sampleField(arn.partition, DEFAULT_ARN_PREFIX.partition, dialect),
    region: sampleField(arn.region, DEFAULT_ARN_PREFIX.region, dialect),
    account: sampleField(arn.account, DEFAULT_ARN_PREFIX.account, dialect),
  });
  prefixes.set(pattern, prefix);
  return prefix;
}

// Memo tables per dialect (every dialect other than terraform-template reads as rendered), keyed by the pattern itself.
const prefixesRendered = new BoundedCache<string, ArnPrefix>(4096);
const prefixesTemplate = new BoundedCache<string, ArnPrefix>(4096);
type NameTable = BoundedCache<string, Map<string, readonly (readonly Atom[])[]>>;
/** Per pattern, per resource type. Residuals can be many long suffixes (`*a*a*a…`): the weight is the atoms held, 1M at most. */
const namesRendered: NameTable = new BoundedCache(4096, 1 << 20);
const namesTemplate: NameTable = new BoundedCache(4096, 1 << 20);
const MAX_TYPES_PER_PATTERN = 16;

export function formatIotArn(prefix: ArnPrefix, resourceType: string, name: string): string {
  return `arn:${prefix.partition}:iot:${prefix.region}:${prefix.account}:${resourceType}/${name}`;
}

/**
 * The name patterns a Resource pattern allows for a resource type: the pattern `P` matches
 * `arn:…:iot:…:…:T/N` (for the sample prefix) exactly when one of the returned atom sequences
 * matches `N`. [] means the pattern cannot match any resource of that type.
 */
export function namePatternsFor(pattern: string, resourceType: string, dialect: Dialect = 'rendered'): (readonly Atom[])[] {
  if (typeof pattern !== 'string' || typeof resourceType !== 'string') return [];
  if (pattern === '*') return [[ANY]];
  const prefix = samplePrefix(pattern, dialect);
  return residuals(compilePattern(pattern, dialect), formatIotArn(prefix, resourceType, ''));
}

/**
 * Like namePatternsFor, but reading the pattern as authors write it: a wildcard in the
 * partition, region or account field stays within that field. (The matcher itself, like IAM,
 * lets a field-final `*` run across colons, so `arn:aws:iot:*:*:topic/x` also matches the
 * topic `a:topic/x`; analysis ignores such readings, which only names containing `:<type>/`
 * could exploit.) The result is always a subset of namePatternsFor's.
 */
export function resourceNamePatterns(pattern: string, resourceType: string, dialect: Dialect = 'rendered'): readonly (readonly Atom[])[] {
  if (typeof pattern !== 'string' || typeof resourceType !== 'string') return [];
  if (pattern === '*') return [[ANY]];
  const table = dialect === 'terraform-template' ? namesTemplate : namesRendered;
  let byType = table.get(pattern);
  const hit = byType?.get(resourceType);
  if (hit !== undefined) return hit;
  // Every caller gets the same arrays; none may change them.
  const names = computeNamePatterns(pattern, resourceType, dialect);
  if (byType === undefined) {
    byType = new Map();
    table.set(pattern, byType);
  }
  if (byType.size < MAX_TYPES_PER_PATTERN && table.charge(names.reduce((n, atoms) => n + atoms.length + 1, 0))) byType.set(resourceType, names);
  return names;
}

function computeNamePatterns(pattern: string, resourceType: string, dialect: Dialect): (readonly Atom[])[] {
  // parseIotArn's service and resource fields, without building the whole record.
  const c1 = pattern.indexOf(':');
  const c2 = c1 < 0 ? -1 : pattern.indexOf(':', c1 + 1);
  const c3 = c2 < 0 ? -1 : pattern.indexOf(':', c2 + 1);
  const c4 = c3 < 0 ? -1 : pattern.indexOf(':', c3 + 1);
  const c5 = c4 < 0 ? -1 : pattern.indexOf(':', c4 + 1);
  if (c5 < 0 || c1 !== 3 || !pattern.startsWith('arn')) return namePatternsFor(pattern, resourceType, dialect);
  const service = pattern.slice(c2 + 1, c3);
  // `iot` itself matches `iot` (the common case, decided without compiling it).
  if (service !== 'iot' && !globMatch(bindPattern(compilePattern(service, dialect), undefined), 'iot') && !/\$\{/.test(service)) return [];
  // Each resource text is compiled once per (pattern, type) the memo above misses: no need to keep it.
  return residuals(freshAtoms(pattern.slice(c5 + 1), dialect), resourceType + '/');
}

/** The resource type of a concrete ARN, or undefined when it is not an IoT ARN. */
export function resourceTypeOf(arn: string): string | undefined {
  const parsed = parseIotArn(arn);
  return parsed.form === 'arn' && parsed.service === 'iot' ? parsed.resourceType : undefined;
}
