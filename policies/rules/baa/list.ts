/**
 * What the BAA rules say about AWS's HIPAA Eligible Services Reference, taken from
 * policies/data so that messages, rationale and remediation stay true when the data is updated.
 * Everything here is computed once, at load.
 */
import { awsServiceCatalog, hipaaEligibleList } from '../../data/catalog';
import type { ServiceFacts } from '../../data/classify';

/** "last updated" date of the list copy the data holds, e.g. 2025-06-17. */
export const LIST_DATE = hipaaEligibleList.sourceDate;
export const LIST_URL = hipaaEligibleList.source;
export const LIST_TAKEN_ON = hipaaEligibleList.takenOn;
/** "hashicorp/aws 5.100.0": the provider whose types the data classifies (the data's field says more). */
export const PROVIDER = /^\S+ \d+\.\d+\.\d+/.exec(awsServiceCatalog.providerVersion)?.[0] ?? awsServiceCatalog.providerVersion;

/** How messages name the list: short, with its date. */
export const LIST_NAME = `AWS's HIPAA Eligible Services Reference (last updated ${LIST_DATE})`;

export interface NotEligibleService {
  readonly id: string;
  readonly name: string;
  readonly alternative?: string;
}

/** The not-eligible services of the data, in data order (the most common ones come first). */
export const NOT_ELIGIBLE_SERVICES: readonly NotEligibleService[] = Object.freeze(
  awsServiceCatalog.services
    .filter((s) => s.eligibility === 'not-eligible')
    .map((s) => Object.freeze({ id: s.id, name: s.name, ...(s.alternative !== undefined ? { alternative: s.alternative } : {}) })),
);

/** Service ids a configuration may accept with allowServices: only not-eligible ones mean anything there. */
export const NOT_ELIGIBLE_IDS: readonly string[] = Object.freeze(NOT_ELIGIBLE_SERVICES.map((s) => s.id).sort());

/** "Amazon Lightsail → Amazon EC2 (...)" lines for docs, one per not-eligible service with an alternative. */
export function alternativesText(): string {
  return NOT_ELIGIBLE_SERVICES.filter((s) => s.alternative !== undefined)
    .map((s) => `${s.name} → ${s.alternative}`)
    .join('; ');
}

/** The sentence a finding uses to say what to do instead, or '' when the data names no alternative. */
export function alternativeOf(facts: ServiceFacts): string {
  return facts.alternative !== undefined ? ` Use ${facts.alternative} instead.` : '';
}
