/**
 * Where a resource name stops being about one device.
 *
 * Given the name part a Resource pattern allows for one resource type (see arn.namePatternsFor),
 * decide whether it can reach other devices' resources. The first "open" atom is the first
 * place where the pattern stops naming a single thing:
 * - a policy wildcard `*` or `?`;
 * - in a topic filter, a literal `+` or `#` (the policy takes them literally, but the device may
 *   then SUBSCRIBE with that very filter, which the broker reads as a wildcard);
 * - `${iot:ClientId}` when the same document lets a device connect under a client ID that is not
 *   its own (it can then pick the value) — and, in a topic filter, when it may connect with `+`
 *   or `#` as its client ID (the basic-policy-variables trap).
 *
 * The pattern is scoped when everything that identifies the device comes before the first open
 * atom:
 * - client IDs and role aliases: nothing may be open;
 * - things (shadow and job APIs): the thing name — the first level — must be complete;
 * - reserved topics `$aws/things/<thing>/…`, `$aws/rules/<rule>`, `$aws/provisioning-templates/<t>/…`:
 *   the level naming the thing, rule or template must be complete; `$aws/certificates/<op>/…`:
 *   the operation level; other `$aws/` families (events, sitewise…) follow the general rule;
 * - other topics: a variable naming the device (thing name, unique certificate field, or a
 *   client ID the device cannot choose freely) must appear, followed by a `/`, before the first
 *   open atom — `${thing}/*` is the device's own subtree, `${thing}*` also reaches `${thing}0/…`.
 */
import { ANY, ONE, isVariableAtom, type Atom } from './pattern';
import { namesDevice, type PolicyVariable } from './variables';

export type NameType = 'client' | 'topic' | 'topicfilter' | 'thing' | 'rolealias';

/** How far beyond one device a pattern reaches. */
export type Breadth =
  /** Open from the first character: every resource of the type. */
  | 'any'
  /** Enters the reserved `$aws/` topic space without naming the thing (or rule, or template). */
  | 'reserved'
  /** A fixed prefix, then a wildcard with no device identity before it. */
  | 'unbound-wildcard'
  /** A literal `+`/`#` in a topic filter: the device may subscribe with that wildcard filter. */
  | 'mqtt-wildcard'
  /** `${iot:ClientId}` where the device may choose its client ID. */
  | 'spoofable-client-id';

/** What the rest of the document says about the client IDs a device can connect with. */
export interface ClientIdTrust {
  /** The document lets a device connect with a client ID that is not its own. */
  readonly spoofable: boolean;
  /** The document lets a device connect with `+` or `#` as its client ID. */
  readonly mqttWildcard: boolean;
}

export interface NameScope {
  readonly broad: boolean;
  readonly breadth?: Breadth;
  /** Index of the first open atom, when there is one. */
  readonly openAt?: number;
  /** The `$aws/<family>/` the name is in, when it starts with a literal `$aws/<family>/`. */
  readonly reservedFamily?: string;
  /** Whether a variable naming the device (thing name, unique certificate field, client ID) appears. */
  readonly namesDevice: boolean;
  /** Whether a literal `+` or `#` appears outside variables. */
  readonly mqttWildcards: boolean;
  /** For a broad topic or filter: its fixed prefix is (the start of) `$aws/`, so its reach is reserved topics. */
  readonly entersReserved?: boolean;
}

/** Levels that must be complete in `$aws/<family>/…` before the name is about one thing. */
const RESERVED_DEPTH: Readonly<Record<string, number>> = {
  things: 3,
  rules: 3,
  'provisioning-templates': 3,
  certificates: 2,
};

const VARIABLE_MARK = '\u0001';

function isMqttWildcard(atom: Atom): boolean {
  return atom === '+' || atom === '#';
}

/** The literal text of atoms[0, end): variables as one mark, wildcards as nothing. */
function textOf(atoms: readonly Atom[], end: number = atoms.length): string {
  let out = '';
  for (let i = 0; i < end; i++) {
    const atom = atoms[i];
    if (isVariableAtom(atom)) out += VARIABLE_MARK;
    else if (typeof atom === 'string') out += atom;
  }
  return out;
}

function slashCount(text: string): number {
  let n = 0;
  for (const c of text) if (c === '/') n++;
  return n;
}

/** The family of a name whose literal text starts `$aws/<family>/`. */
function reservedFamilyOf(text: string): string | undefined {
  if (!text.startsWith('$aws/')) return undefined;
  const rest = text.slice('$aws/'.length);
  const slash = rest.indexOf('/');
  return slash < 0 ? undefined : rest.slice(0, slash);
}

/** reservedFamilyOf(textOf(atoms)), reading only as far as the answer needs. */
function reservedFamilyOfAtoms(atoms: readonly Atom[]): string | undefined {
  let text = '';
  let reserved = false;
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i];
    // Positions below `from` were searched for the family's closing `/` on earlier rounds.
    const from = Math.max(5, text.length);
    if (isVariableAtom(atom)) text += VARIABLE_MARK;
    else if (typeof atom === 'string') text += atom;
    else continue;
    if (text.length < 5) continue;
    if (!reserved) {
      if (!text.startsWith('$aws/')) return undefined;
      reserved = true;
    }
    const slash = text.indexOf('/', from);
    if (slash >= 0) return text.slice(5, slash);
  }
  return undefined;
}

/** A device-naming variable followed by a `/` before `end`. */
function boundBefore(atoms: readonly Atom[], end: number): boolean {
  let seenDevice = false;
  for (let j = 0; j < end; j++) {
    const atom = atoms[j];
    if (isVariableAtom(atom) && namesDevice(atom as PolicyVariable)) seenDevice = true;
    else if (seenDevice && atom === '/') return true;
  }
  return false;
}

/** Classifies the name part of a Resource pattern for one resource type. */
export function classifyName(atoms: readonly Atom[], type: NameType, trust: ClientIdTrust): NameScope {
  // One pass for: a device-naming variable, a literal + or #, and the first open atom — a `*` or
  // `?`; in a topic filter a literal + or #; `${iot:ClientId}` in a topic or thing when the device
  // may connect under another client ID, in a topic filter also when it may connect as + or #.
  const mqttOpens = type === 'topicfilter';
  const clientIdOpens = type === 'topic' || type === 'thing' ? trust.spoofable : type === 'topicfilter' ? trust.spoofable || trust.mqttWildcard : false;
  let names = false;
  let mqttWildcards = false;
  let openAt = -1;
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i];
    if (typeof atom === 'string') {
      if (isMqttWildcard(atom)) {
        mqttWildcards = true;
        if (openAt < 0 && mqttOpens) openAt = i;
      }
    } else if (atom === ANY || atom === ONE) {
      if (openAt < 0) openAt = i;
    } else if (isVariableAtom(atom)) {
      if (!names && namesDevice(atom)) names = true;
      if (openAt < 0 && clientIdOpens && atom.kind === 'client-id') openAt = i;
    }
  }
  const family = type === 'topic' || type === 'topicfilter' ? reservedFamilyOfAtoms(atoms) : undefined;
  const base = { namesDevice: names, mqttWildcards, ...(family === undefined ? {} : { reservedFamily: family }) };
  if (openAt < 0) return { broad: false, ...base };

  const prefixText = textOf(atoms, openAt);
  let scoped: boolean;
  let reserved = false;
  if (type === 'client' || type === 'rolealias') {
    scoped = false;
  } else if (type === 'thing') {
    scoped = slashCount(prefixText) >= 1;
  } else if (prefixText.startsWith('$aws/')) {
    reserved = true;
    const prefixFamily = reservedFamilyOf(prefixText);
    const depth = prefixFamily === undefined ? undefined : RESERVED_DEPTH[prefixFamily];
    if (prefixFamily === undefined) scoped = false;
    else if (depth !== undefined && Object.prototype.hasOwnProperty.call(RESERVED_DEPTH, prefixFamily)) scoped = slashCount(prefixText) >= depth;
    else scoped = boundBefore(atoms, openAt);
  } else if ('$aws/'.startsWith(prefixText)) {
    // '', '$', '$a'…: the pattern reaches into the reserved space and everything else.
    reserved = prefixText !== '';
    scoped = false;
  } else {
    scoped = boundBefore(atoms, openAt);
  }
  if (scoped) return { broad: false, openAt, ...base };

  const open = atoms[openAt];
  const breadth: Breadth = isVariableAtom(open)
    ? 'spoofable-client-id'
    : isMqttWildcard(open)
      ? 'mqtt-wildcard'
      : reserved
        ? 'reserved'
        : openAt === 0
          ? 'any'
          : 'unbound-wildcard';
  return { broad: true, breadth, openAt, entersReserved: reserved, ...base };
}
