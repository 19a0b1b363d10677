/**
 * The index from a Terraform resource or data-source type to its service classification.
 *
 * It is asked once per resource instance of plans with 100k instances, so it is built once and a
 * lookup costs O(length of the type): one Map probe for exact types, then one walk down a trie of
 * '_'-separated segments. Matching whole segments keeps `aws_route` from claiming
 * `aws_route53_zone` and `aws_vpc` from claiming `aws_vpclattice_service`.
 */
import type { Eligibility, FeatureExclusion, ServiceEntry } from './catalog';

/** What a classification says about the service, whichever way it was found. */
export interface ServiceFacts {
  readonly serviceId: string;
  readonly serviceName: string;
  readonly eligibility: Eligibility;
  readonly hipaaListName?: string;
  readonly alternative?: string;
  readonly note?: string;
  /** Features of the service that the list excludes; each names the resource type it applies to. */
  readonly featureExclusions?: readonly FeatureExclusion[];
  /** Set for generic types: this attribute names what is really created (classify it instead). */
  readonly genericTypeAttribute?: string;
}

export interface ServiceClassification extends ServiceFacts {
  readonly matchedBy: 'exact' | 'prefix';
}

export interface TypeIndex {
  classify(type: string): ServiceClassification | undefined;
}

interface SegmentNode {
  readonly children: Map<string, SegmentNode>;
  classification?: ServiceClassification;
  /** Which service put the classification here, to report conflicts. */
  claimedBy?: string;
}

/** The facts for a service, or for its control-plane subset. */
export function serviceFacts(service: ServiceEntry, role: 'service' | 'control-plane'): ServiceFacts {
  const facts: {
    -readonly [K in keyof ServiceFacts]: ServiceFacts[K];
  } = {
    serviceId: service.id,
    serviceName: service.name,
    eligibility: role === 'control-plane' ? 'control-plane' : service.eligibility,
  };
  if (service.hipaaListName !== undefined) facts.hipaaListName = service.hipaaListName;
  if (service.alternative !== undefined && role === 'service') facts.alternative = service.alternative;
  const note = role === 'control-plane' ? service.controlPlane?.note : service.note;
  if (note !== undefined) facts.note = note;
  if (service.featureExclusions.length > 0 && role === 'service') facts.featureExclusions = service.featureExclusions;
  if (service.genericTypeAttribute !== undefined) facts.genericTypeAttribute = service.genericTypeAttribute;
  return facts;
}

function newNode(): SegmentNode {
  return { children: new Map() };
}

/**
 * Builds the index. Throws when two entries claim the same exact type or the same prefix, since
 * the data would then depend on its own order.
 */
export function buildTypeIndex(services: readonly ServiceEntry[]): TypeIndex {
  const exact = new Map<string, ServiceClassification>();
  const exactClaimedBy = new Map<string, string>();
  const root = newNode();

  const addExact = (type: string, facts: ServiceFacts, owner: string): void => {
    const previous = exactClaimedBy.get(type);
    if (previous !== undefined) throw new Error(`exact type ${type} is claimed by both ${previous} and ${owner}`);
    exactClaimedBy.set(type, owner);
    exact.set(type, Object.freeze({ ...facts, matchedBy: 'exact' as const }));
  };
  const addPrefix = (prefix: string, classification: ServiceClassification, owner: string): void => {
    let node = root;
    for (const segment of prefix.split('_')) {
      let child = node.children.get(segment);
      if (child === undefined) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    if (node.claimedBy !== undefined) throw new Error(`prefix ${prefix} is claimed by both ${node.claimedBy} and ${owner}`);
    node.claimedBy = owner;
    node.classification = classification;
  };

  for (const service of services) {
    const ownFacts = serviceFacts(service, 'service');
    // One frozen object per service and role, shared by every lookup: no allocation per call.
    const ownByPrefix: ServiceClassification = Object.freeze({ ...ownFacts, matchedBy: 'prefix' as const });
    for (const prefix of service.prefixes) addPrefix(prefix, ownByPrefix, service.id);
    for (const type of service.exactTypes) addExact(type, ownFacts, service.id);

    if (service.controlPlane !== undefined) {
      const owner = `${service.id} (control plane)`;
      const controlFacts = serviceFacts(service, 'control-plane');
      const controlByPrefix: ServiceClassification = Object.freeze({ ...controlFacts, matchedBy: 'prefix' as const });
      for (const prefix of service.controlPlane.prefixes) addPrefix(prefix, controlByPrefix, owner);
      for (const type of service.controlPlane.exactTypes) addExact(type, controlFacts, owner);
    }
  }

  const longestPrefixMatch = (type: string): ServiceClassification | undefined => {
    // Walk segment by segment, remembering the deepest node that carries a classification.
    let node = root;
    let longest: ServiceClassification | undefined;
    let start = 0;
    for (;;) {
      const end = type.indexOf('_', start);
      const child = node.children.get(end === -1 ? type.slice(start) : type.slice(start, end));
      if (child === undefined) return longest;
      node = child;
      if (node.classification !== undefined) longest = node.classification;
      if (end === -1) return longest;
      start = end + 1;
    }
  };

  // A plan repeats a few hundred types across its instances: remember each answer, including
  // "unclassified". It grows only with the distinct types actually asked about.
  const answered = new Map<string, ServiceClassification | undefined>(exact);

  return {
    classify(type: string): ServiceClassification | undefined {
      if (answered.has(type)) return answered.get(type);
      const classification = longestPrefixMatch(type);
      answered.set(type, classification);
      return classification;
    },
  };
}
