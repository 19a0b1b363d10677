/**
 * Features the list excludes from an eligible service, recognisable from one attribute, as the
 * data records them (`featureExclusions`: Simple AD on AWS Directory Service, voice on End User
 * Messaging phone numbers). Adding one to policies/data/aws-services.json adds it here.
 */
import { awsServiceCatalog, type FeatureExclusion } from '../../../data/catalog';
import type { JsonValue, Outcome, ResourceInstance } from '../../../engine/types';
import { show } from '../../support';
import { LIST_NAME } from '../list';
import { verdict } from '../verdict';
import type { QualifierCheck } from './qualifier';

interface Exclusion extends FeatureExclusion {
  readonly serviceName: string;
}

/**
 * Provider defaults for an excluded attribute left unset: CDKTF synth leaves the attribute out,
 * and the provider then sends its default. hashicorp/aws 5.x: aws_directory_service_directory.type
 * defaults to "SimpleAD", so a directory with no type is a Simple AD directory.
 */
const PROVIDER_DEFAULTS: ReadonlyMap<string, string> = new Map([['aws_directory_service_directory.type', 'SimpleAD']]);

/** What to do instead, where planwarden knows better than "stop using it". */
const REMEDIATIONS: ReadonlyMap<string, string> = new Map([
  [
    'aws_directory_service_directory.type',
    'Use type = "MicrosoftAD" (AWS Managed Microsoft AD, which the list covers) or "ADConnector" to your own directory for anything that serves PHI workloads; Simple AD is excluded from AWS Directory Service on the list.',
  ],
  [
    'aws_pinpointsmsvoicev2_phone_number.number_capabilities',
    'Keep number_capabilities to ["SMS"] (and "MMS" if needed) for numbers that send ePHI; place calls that carry ePHI through Amazon Connect, which the list covers.',
  ],
]);

const EXCLUSIONS_BY_TYPE: ReadonlyMap<string, readonly Exclusion[]> = (() => {
  const byType = new Map<string, Exclusion[]>();
  for (const service of awsServiceCatalog.services) {
    for (const exclusion of service.featureExclusions) {
      const list = byType.get(exclusion.resourceType) ?? [];
      list.push(Object.freeze({ ...exclusion, serviceName: service.name }));
      byType.set(exclusion.resourceType, list);
    }
  }
  return byType;
})();

/** The excluded values the attribute holds: equal to one, or a list containing some. */
function excludedValues(value: JsonValue, excluded: readonly string[]): string[] {
  if (typeof value === 'string') return excluded.includes(value) ? [value] : [];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && excluded.includes(v));
  return [];
}

function judge(instance: ResourceInstance, exclusion: Exclusion): Outcome {
  const key = `${exclusion.resourceType}.${exclusion.attribute}`;
  const attribute = exclusion.attribute;
  const value = instance.attr(attribute);
  const remediation = REMEDIATIONS.get(key) ?? `Do not use the excluded feature for ePHI: set ${attribute} to none of ${exclusion.values.join(', ')}.`;
  if (value.state === 'unknown') {
    return verdict(
      'unknown',
      attribute,
      `${instance.address}: ${attribute} is known only after apply, so planwarden cannot tell whether it uses a feature ${LIST_NAME} excludes ("${exclusion.qualifier}")`,
      { remediation },
    );
  }
  const fallback = PROVIDER_DEFAULTS.get(key);
  const actual = value.state === 'known' && value.value !== null ? value.value : fallback;
  const used = actual === undefined ? [] : excludedValues(actual, exclusion.values);
  if (used.length === 0) return verdict('pass', attribute, `${instance.address} does not use a feature excluded from ${exclusion.serviceName}`);
  const written = value.state === 'known' && value.value !== null ? `sets ${attribute} = ${show(value)}` : `leaves ${attribute} unset (the provider default is "${fallback}")`;
  return verdict(
    'fail',
    attribute,
    `${instance.address} ${written}: ${exclusion.serviceName} is on ${LIST_NAME}, but the list qualifies it: "${exclusion.qualifier}", so this ${used.join('/')} feature may not hold or carry ePHI`,
    { remediation },
  );
}

export const featureExclusions: QualifierCheck = {
  resourceTypes: [...EXCLUSIONS_BY_TYPE.keys()],
  check(instance: ResourceInstance): Outcome[] {
    return (EXCLUSIONS_BY_TYPE.get(instance.type) ?? []).map((exclusion) => judge(instance, exclusion));
  },
};
