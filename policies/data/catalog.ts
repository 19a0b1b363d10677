/**
 * The reference data of this folder as typed, checked values: AWS's HIPAA Eligible Services list
 * and the map of AWS provider resource types to AWS services.
 *
 * The JSON files are edited by hand when AWS updates its list or the provider adds types, so
 * they are checked here once at load: a malformed entry must stop the tool (exit 3) rather than
 * silently classify a resource as eligible.
 */
import hipaaListJson from './hipaa-eligible-services.json';
import awsServicesJson from './aws-services.json';

export type Eligibility = 'eligible' | 'not-eligible' | 'control-plane';
export const ELIGIBILITIES: readonly Eligibility[] = ['eligible', 'not-eligible', 'control-plane'];

/** A feature that AWS's list excludes from an otherwise eligible service, recognisable from one attribute. */
export interface FeatureExclusion {
  readonly resourceType: string;
  /** Top-level attribute of the resource. */
  readonly attribute: string;
  /** The instance uses the excluded feature when the attribute equals, or is a list containing, one of these. */
  readonly values: readonly string[];
  /** The list's qualifier, for messages. */
  readonly qualifier: string;
}

/** Types of a service that neither store nor process ePHI (routing, filtering, tags, account settings). */
export interface ControlPlaneSubset {
  readonly note: string;
  readonly prefixes: readonly string[];
  readonly exactTypes: readonly string[];
}

export interface ServiceEntry {
  readonly id: string;
  readonly name: string;
  readonly eligibility: Eligibility;
  /** The name as written on AWS's list; set for every eligible service. */
  readonly hipaaListName?: string;
  /** An eligible service to use instead, for not-eligible services. */
  readonly alternative?: string;
  readonly note?: string;
  /** Resource-type prefixes, matched on whole '_'-separated segments. */
  readonly prefixes: readonly string[];
  readonly exactTypes: readonly string[];
  readonly controlPlane?: ControlPlaneSubset;
  /** For generic types (aws_cloudcontrolapi_resource): the attribute naming what is really created. */
  readonly genericTypeAttribute?: string;
  readonly featureExclusions: readonly FeatureExclusion[];
  readonly cloudFormationNamespaces: readonly string[];
  readonly cloudFormationTypes: readonly string[];
}

export interface AwsServiceCatalog {
  readonly providerVersion: string;
  readonly hipaaListDate: string;
  readonly classifiedOn: string;
  readonly services: readonly ServiceEntry[];
}

export interface HipaaListedService {
  readonly name: string;
  readonly qualifiers: readonly string[];
}

export interface HipaaEligibleList {
  readonly source: string;
  readonly retrievedVia: string;
  readonly sourceDate: string;
  readonly takenOn: string;
  readonly generalNotes: readonly string[];
  readonly services: readonly HipaaListedService[];
}

const TERRAFORM_TYPE = /^aws_[a-z0-9]+(_[a-z0-9]+)*$/;
const SERVICE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CLOUDFORMATION_NAMESPACE = /^[A-Za-z0-9]+$/;
const CLOUDFORMATION_TYPE = /^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$/;

/** Reads one JSON object, refusing keys it does not know so that a typo cannot drop a field. */
class ObjectReader {
  private readonly record: Record<string, unknown>;

  constructor(value: unknown, private readonly where: string, allowedKeys: readonly string[]) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new Error(`${where}: expected an object`);
    }
    this.record = value as Record<string, unknown>;
    const unknownKeys = Object.keys(this.record).filter((key) => !allowedKeys.includes(key));
    if (unknownKeys.length > 0) throw new Error(`${where}: unknown key(s) ${unknownKeys.join(', ')}`);
  }

  string(key: string, pattern?: RegExp): string {
    const value = this.record[key];
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${this.where}.${key}: expected a non-empty string`);
    if (pattern && !pattern.test(value)) throw new Error(`${this.where}.${key}: "${value}" does not match ${pattern}`);
    return value;
  }

  optionalString(key: string): string | undefined {
    return this.record[key] === undefined ? undefined : this.string(key);
  }

  strings(key: string, pattern?: RegExp): string[] {
    const value = this.record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new Error(`${this.where}.${key}: expected an array of strings`);
    return value.map((item, index) => {
      if (typeof item !== 'string' || item === '') throw new Error(`${this.where}.${key}[${index}]: expected a non-empty string`);
      if (pattern && !pattern.test(item)) throw new Error(`${this.where}.${key}[${index}]: "${item}" does not match ${pattern}`);
      return item;
    });
  }

  array(key: string): unknown[] {
    const value = this.record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new Error(`${this.where}.${key}: expected an array`);
    return value;
  }

  has(key: string): boolean {
    return this.record[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.record[key];
  }
}

function parseEligibility(value: unknown, where: string): Eligibility {
  const match = ELIGIBILITIES.find((eligibility) => eligibility === value);
  if (match === undefined) throw new Error(`${where}: eligibility must be one of ${ELIGIBILITIES.join(', ')}`);
  return match;
}

function parseFeatureExclusion(value: unknown, where: string): FeatureExclusion {
  const reader = new ObjectReader(value, where, ['resourceType', 'attribute', 'values', 'qualifier']);
  const values = reader.strings('values');
  if (values.length === 0) throw new Error(`${where}.values: expected at least one value`);
  return Object.freeze({
    resourceType: reader.string('resourceType', TERRAFORM_TYPE),
    attribute: reader.string('attribute'),
    values: Object.freeze(values),
    qualifier: reader.string('qualifier'),
  });
}

function parseControlPlane(value: unknown, where: string): ControlPlaneSubset {
  const reader = new ObjectReader(value, where, ['note', 'prefixes', 'exactTypes']);
  return Object.freeze({
    note: reader.string('note'),
    prefixes: Object.freeze(reader.strings('prefixes', TERRAFORM_TYPE)),
    exactTypes: Object.freeze(reader.strings('exactTypes', TERRAFORM_TYPE)),
  });
}

function parseServiceEntry(value: unknown, where: string): ServiceEntry {
  const reader = new ObjectReader(value, where, [
    'id', 'name', 'eligibility', 'hipaaListName', 'alternative', 'note', 'prefixes', 'exactTypes', 'controlPlane',
    'genericTypeAttribute', 'featureExclusions', 'cloudFormationNamespaces', 'cloudFormationTypes',
  ]);
  const id = reader.string('id', SERVICE_ID);
  const at = `${where} (${id})`;
  const eligibility = parseEligibility(reader.raw('eligibility'), `${at}.eligibility`);
  const hipaaListName = reader.optionalString('hipaaListName');
  // An eligible service must say which entry of AWS's list makes it so.
  if (eligibility === 'eligible' && hipaaListName === undefined) throw new Error(`${at}: an eligible service needs hipaaListName`);
  if (!reader.has('prefixes')) throw new Error(`${at}.prefixes: required (may be empty)`);
  return Object.freeze({
    id,
    name: reader.string('name'),
    eligibility,
    hipaaListName,
    alternative: reader.optionalString('alternative'),
    note: reader.optionalString('note'),
    prefixes: Object.freeze(reader.strings('prefixes', TERRAFORM_TYPE)),
    exactTypes: Object.freeze(reader.strings('exactTypes', TERRAFORM_TYPE)),
    controlPlane: reader.has('controlPlane') ? parseControlPlane(reader.raw('controlPlane'), `${at}.controlPlane`) : undefined,
    genericTypeAttribute: reader.optionalString('genericTypeAttribute'),
    featureExclusions: Object.freeze(
      reader.array('featureExclusions').map((item, index) => parseFeatureExclusion(item, `${at}.featureExclusions[${index}]`)),
    ),
    cloudFormationNamespaces: Object.freeze(reader.strings('cloudFormationNamespaces', CLOUDFORMATION_NAMESPACE)),
    cloudFormationTypes: Object.freeze(reader.strings('cloudFormationTypes', CLOUDFORMATION_TYPE)),
  });
}

/** Checks and freezes aws-services.json. Throws on the first problem, naming where it is. */
export function parseAwsServiceCatalog(value: unknown): AwsServiceCatalog {
  const reader = new ObjectReader(value, 'aws-services.json', [
    '$comment', 'providerVersion', 'hipaaListDate', 'classifiedOn', 'cloudFormation', 'matching', 'regions', 'services',
  ]);
  const services = reader.array('services').map((item, index) => parseServiceEntry(item, `aws-services.json services[${index}]`));
  const seenIds = new Set<string>();
  for (const service of services) {
    if (seenIds.has(service.id)) throw new Error(`aws-services.json: duplicate service id ${service.id}`);
    seenIds.add(service.id);
  }
  return Object.freeze({
    providerVersion: reader.string('providerVersion'),
    hipaaListDate: reader.string('hipaaListDate', ISO_DATE),
    classifiedOn: reader.string('classifiedOn', ISO_DATE),
    services: Object.freeze(services),
  });
}

/** Checks and freezes hipaa-eligible-services.json. */
export function parseHipaaEligibleList(value: unknown): HipaaEligibleList {
  const reader = new ObjectReader(value, 'hipaa-eligible-services.json', [
    'source', 'retrievedVia', 'sourceDate', 'takenOn', 'generalNotes', 'services',
  ]);
  const services = reader.array('services').map((item, index) => {
    const where = `hipaa-eligible-services.json services[${index}]`;
    const entry = new ObjectReader(item, where, ['name', 'qualifiers']);
    return Object.freeze({ name: entry.string('name'), qualifiers: Object.freeze(entry.strings('qualifiers')) });
  });
  return Object.freeze({
    source: reader.string('source'),
    retrievedVia: reader.string('retrievedVia'),
    sourceDate: reader.string('sourceDate', ISO_DATE),
    takenOn: reader.string('takenOn', ISO_DATE),
    generalNotes: Object.freeze(reader.strings('generalNotes')),
    services: Object.freeze(services),
  });
}

export const hipaaEligibleList: HipaaEligibleList = parseHipaaEligibleList(hipaaListJson);
export const awsServiceCatalog: AwsServiceCatalog = parseAwsServiceCatalog(awsServicesJson);
