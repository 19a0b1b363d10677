/**
 * Device-Defender-style analysis of one IoT policy document: a list of typed problems, each
 * naming the statement, the action(s) and the resource that caused it.
 *
 * DEFINITIONS
 *
 * Sources: Device Defender audit checks IOT_POLICY_OVERLY_PERMISSIVE_CHECK (the
 * Connect/Publish/Subscribe/Receive and shadow/job examples), IOT_POLICY_POTENTIAL_MISCONFIGURATION_CHECK
 * (MQTT wildcards in Deny) and the Cognito-role checks (administrative actions); the IoT guide's
 * pub-sub-policy, basic- and thing-policy-variables and reserved-topics pages.
 *
 * "Broad" means: the grant reaches a resource that belongs to another device. A resource name
 * is scoped when everything that identifies the device comes before its first open atom (a
 * `*`/`?`; in topic filters also a literal `+`/`#`; and `${iot:ClientId}` when the same document
 * lets the device connect under another client ID) — scope.ts gives the exact rule per type:
 * client IDs and role aliases may not be open at all; shadow/job APIs need a complete thing
 * name; `$aws/things/<thing>/…` needs a complete thing level; other topics need a
 * device-naming variable followed by `/`. So `topic/$aws/things/${iot:Connection.Thing.ThingName}/shadow/*`
 * and `topic/${iot:ClientId}/*` are scoped; `client/*`, `client/dev-*`, `thing/*`,
 * `topic/$aws/things/*`, `topic/sensors/*` and `topicfilter/$aws/things/+/shadow/update` are broad.
 *
 * Every breadth finding is proven, not guessed: the analyser builds a concrete witness resource
 * of another device that the pattern matches (e.g. `…:topic/$aws/things/pw-other-device/shadow/update`)
 * and evaluates the whole document for it, so a broad Allow that a Deny fully narrows is not
 * reported. Conditions the analyser cannot decide count as met for an Allow and not met for a
 * Deny (the worst case). The device is "pw-self-device", attached to its thing; "another
 * device" is "pw-other-device".
 *
 * Problem kinds:
 * - wildcard-action: an Allow whose action pattern covers every IoT action (`*`, `iot:*`, `io*`…).
 * - allow-not-action / allow-not-resource: an Allow with NotAction / NotResource (it grants
 *   everything not listed, now and in future).
 * - connect-any-client: iot:Connect on a broad client ID (`*`, `client/*`, `client/prefix*`).
 * - client-id-without-is-attached: iot:Connect on `client/${iot:ClientId}` with no Bool
 *   `iot:Connection.Thing.IsAttached: "true"` condition. Device Defender calls this "equivalent
 *   to the wildcard": any device may connect under any client ID.
 * - disconnect-any-client: iot:DeleteConnection on a broad client ID.
 * - publish-broad: iot:Publish or iot:RetainPublish on a broad topic outside `$aws/`.
 * - subscribe-broad: iot:Subscribe on a broad topic filter outside `$aws/`.
 * - reserved-topic-access: Publish, RetainPublish, Subscribe or GetRetainedMessage on `$aws/…`
 *   topics not scoped to one thing (or rule, template, operation), e.g. `$aws/things/*`.
 * - receive-broad: iot:Receive on a broad topic. Device Defender treats broad Receive alone as
 *   compliant — a device only receives what it may subscribe to — so this is reported only when
 *   the same document also allows a broad subscription (`related` names it).
 * - retained-message-broad: iot:GetRetainedMessage on a broad topic outside `$aws/`.
 * - thing-api-any-thing: a shadow or job-execution API on a broad thing (`thing/*`).
 * - rolealias-broad: iot:AssumeRoleWithCertificate on a broad role alias.
 * - mqtt-wildcard-in-topic-resource: an Allow for a `topic/` action whose name holds `#` or `+`.
 *   Topic names cannot contain them, so the grant matches no message; the author meant a wildcard.
 * - mqtt-wildcard-in-deny: a Deny whose topic or topic filter holds `#`/`+` (taken literally, it
 *   denies almost nothing), or a Deny on topic filters that a wildcard subscription the document
 *   allows gets around while Receive is allowed for the denied topics (Device Defender reason codes
 *   POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT / TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS).
 * - identity-not-bound: iot:Connect, Publish, RetainPublish or Subscribe on a scoped resource
 *   that names no device variable (a static client ID, topic or thing name): every device holding
 *   the policy shares it. Advisory.
 * - admin-action: an Allow naming, or partly wildcarding (`iot:Create*`, `iot:Get*`), control-plane
 *   actions. Whole-service patterns are reported as wildcard-action instead.
 * - unknown-action: an `iot:` action that is neither data-plane nor administrative (likely a typo).
 * - action-resource-mismatch: a statement where a named data-plane action has no resource of the
 *   type it is checked against (Subscribe on `topic/…`, Publish on `topicfilter/…`), or a resource
 *   that none of its named actions use. Such a grant or deny is dead.
 *
 * Scope of the analysis: this one document. Another policy attached to the same certificate
 * may add Connect permissions; client-ID spoofing is judged on this document's Connect grants.
 */
import {
  DATA_PLANE_ACTIONS,
  actionPatternMatches,
  adminActionsCovered,
  coversAllIotActions,
  findDataPlaneAction,
  hasWildcard,
  isUnknownIotAction,
  type DataPlaneAction,
} from './actions';
import { DEFAULT_ARN_PREFIX, IOT_RESOURCE_TYPES, formatIotArn, resourceNamePatterns, samplePrefix, type ArnPrefix } from './arn';
import { canonicalize, restoreAnalysis } from './canonical';
import { evaluateConditions, requiresIsAttached } from './conditions';
import type { ActionElement, PolicyDocument, PolicyStatement } from './document';
import { isPolicyStatement, resourceMatches, statementCoversAction, statementCoversResource } from './match';
import { BoundedCache, TextTable } from './memo';
import { ANY, ONE, isVariableAtom, type Atom } from './pattern';
import { isValidMqttFilter, isValidMqttTopic, mqttFilterMatches } from './mqtt';
import {
  Collector,
  PROBLEM_DETAIL,
  compareProblems,
  toProblem,
  type DeviceDefenderReason,
  type PolicyProblem,
  type ProblemDraft,
  type ProblemKind,
} from './problems';
import { classifyName, type Breadth, type ClientIdTrust, type NameScope, type NameType } from './scope';
import { substitutedText, type Dialect, type RequestContext } from './variables';

export { PROBLEM_KINDS } from './problems';
export type { DeviceDefenderReason, PolicyProblem, ProblemKind } from './problems';
export { mqttFilterMatches } from './mqtt';

export interface PolicyAnalysis {
  readonly problems: readonly PolicyProblem[];
  /** True when the problem cap or the work budget stopped the analysis early. */
  readonly truncated: boolean;
}

export interface AnalyzeOptions {
  /** Stop after this many problems (default 200). */
  readonly maxProblems?: number;
}

export const SELF_DEVICE = 'pw-self-device';
export const OTHER_DEVICE = 'pw-other-device';

const SELF: RequestContext = {
  clientId: SELF_DEVICE,
  thingName: SELF_DEVICE,
  thingTypeName: 'pw-self-type',
  isAttached: true,
  certificate: { SerialNumber: SELF_DEVICE, 'Subject.CommonName': SELF_DEVICE, 'Subject.SerialNumber': SELF_DEVICE },
};

/** The device connecting under another client ID: thing variables no longer resolve to its thing. */
function impostor(clientId: string): RequestContext {
  return { clientId, isAttached: false, certificate: SELF.certificate };
}

/** Candidate client IDs a device might pick instead of its own, in the order we try them. */
const IMPOSTOR_IDS = ['+', OTHER_DEVICE, '#'];

/** Other devices' resources, tried as witnesses after the one built from the pattern itself. */
const FOREIGN_NAMES: Readonly<Record<NameType, readonly string[]>> = {
  client: [OTHER_DEVICE, '+'],
  topic: [
    OTHER_DEVICE,
    `${OTHER_DEVICE}/data`,
    `$aws/things/${OTHER_DEVICE}/shadow/update`,
    `$aws/things/${OTHER_DEVICE}/jobs/notify`,
    `$aws/events/presence/connected/${OTHER_DEVICE}`,
    `$aws/rules/${OTHER_DEVICE}`,
  ],
  topicfilter: ['#', `${OTHER_DEVICE}/#`, '$aws/things/+/shadow/update', `$aws/things/${OTHER_DEVICE}/shadow/update`, '$aws/events/#', OTHER_DEVICE],
  thing: [OTHER_DEVICE, `${OTHER_DEVICE}/${OTHER_DEVICE}`],
  rolealias: [OTHER_DEVICE],
};

/** The canonical names of the data-plane actions (what the analysis asks the evaluator about). */
const CATALOG_NAMES: ReadonlySet<string> = new Set(DATA_PLANE_ACTIONS.map((a) => a.name));

const DATA_PLANE_REASON: DeviceDefenderReason = 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS';

const BREADTH_RANK: Readonly<Record<Breadth, number>> = {
  any: 0,
  reserved: 1,
  'spoofable-client-id': 2,
  'mqtt-wildcard': 3,
  'unbound-wildcard': 4,
};

/** Memoised, budgeted document evaluation for one analysis. */
class Evaluator {
  private readonly cache = new Map<string, boolean>();
  private readonly dialect: Dialect;
  private budget: number;
  exhausted = false;

  constructor(
    readonly document: PolicyDocument,
    private readonly actionInfos: readonly ActionInfo[],
    patternCount: number,
  ) {
    this.dialect = document.dialect === 'terraform-template' ? 'terraform-template' : 'rendered';
    // Each evaluation walks every pattern once; keep the total work near two million matches.
    this.budget = Math.max(200, Math.min(20_000, Math.floor(2_000_000 / (1 + patternCount))));
  }

  allowed(action: string, arn: string, ctx: RequestContext, ctxKey: string): boolean {
    const key = `${action}\u0000${arn}\u0000${ctxKey}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    if (this.budget <= 0) {
      this.exhausted = true;
      return false;
    }
    this.budget--;
    const result = this.decide(action, arn, ctx);
    this.cache.set(key, result);
    return result;
  }

  /**
   * evaluate(document, action, arn, ctx).allowed (permissive): some Allow applies with conditions
   * not false, and no Deny applies with conditions true. Every test is pure, so it stops early.
   */
  private decide(action: string, arn: string, ctx: RequestContext): boolean {
    const statements = this.document.statements;
    const known = CATALOG_NAMES.has(action);
    let allowed = false;
    for (let i = 0; i < statements.length; i++) {
      const st = statements[i];
      const allow = st.effect === 'Allow';
      if (allow && allowed) continue;
      if (!(known ? this.actionInfos[i].covered.has(action) : statementCoversAction(st, action))) continue;
      if (!statementCoversResource(st, arn, ctx, this.dialect)) continue;
      const truth = evaluateConditions(st, ctx, this.dialect);
      if (allow) allowed = truth !== 'false';
      else if (truth === 'true') return false;
    }
    return allowed;
  }
}

interface Context {
  readonly ctx: RequestContext;
  readonly key: string;
}

const SELF_CONTEXT: Context = { ctx: SELF, key: 'self' };

function impostorContext(id: string): Context {
  return { ctx: impostor(id), key: 'as:' + id };
}

function resourceLabel(statement: PolicyStatement, pattern?: string): string {
  if (statement.resource.negated) return `NotResource: ${JSON.stringify(statement.resource.patterns)}`;
  return pattern ?? statement.resource.patterns.join(', ');
}

/** Renders a name pattern into one concrete name: the open atom becomes `open`, other wildcards the shortest fill. */
function renderName(atoms: readonly Atom[], openAt: number | undefined, open: string, ctx: RequestContext): string {
  let out = '';
  atoms.forEach((atom, i) => {
    if (isVariableAtom(atom)) out += substitutedText(atom, ctx);
    else if (i === openAt && (atom === ANY || atom === ONE)) out += atom === ANY ? open : open.slice(0, 1) || 'z';
    else if (atom === ANY) out += '';
    else if (atom === ONE) out += 'z';
    else out += atom;
  });
  return out;
}

/**
 * For a topic `*` glued to fixed text (the pattern `devices/a*` then `/x`, or `dev*`), the witness
 * that shows the breadth puts the other device in a level of its own (`devices/a/pw-other-device/x`);
 * filled in place it would read as one odd level (`devices/apw-other-device/x`). Right after the
 * device's own name in the same level (`${thing}` then `*`), the in-place fill is the point —
 * another device whose name extends it — so there is no level variant.
 */
function levelFill(atoms: readonly Atom[], openAt: number | undefined, type: NameType): string | undefined {
  if ((type !== 'topic' && type !== 'topicfilter') || openAt === undefined || atoms[openAt] !== ANY) return undefined;
  for (let i = openAt - 1; i >= 0 && atoms[i] !== '/'; i--) if (isVariableAtom(atoms[i])) return undefined;
  const before = openAt > 0 ? atoms[openAt - 1] : '/';
  const after = openAt + 1 < atoms.length ? atoms[openAt + 1] : '/';
  const glueBefore = before !== '/';
  const glueAfter = after !== '/';
  if (!glueBefore && !glueAfter) return undefined;
  return (glueBefore ? '/' : '') + OTHER_DEVICE + (glueAfter ? '/' : '');
}

function witnessNames(atoms: readonly Atom[], scope: NameScope, type: NameType, ctx: RequestContext): string[] {
  const fill = levelFill(atoms, scope.openAt, type);
  const names = [...(fill === undefined ? [] : [renderName(atoms, scope.openAt, fill, ctx)]), renderName(atoms, scope.openAt, OTHER_DEVICE, ctx)];
  if (type === 'topicfilter') names.push(renderName(atoms, scope.openAt, '#', ctx));
  names.push(...FOREIGN_NAMES[type]);
  const valid = names.filter((n) => (type === 'topicfilter' ? isValidMqttFilter(n) : type === 'topic' ? isValidMqttTopic(n) : n !== ''));
  return [...new Set(valid)];
}

/** The problem kind a broad grant of `action` produces. */
function broadKind(action: DataPlaneAction, scope: NameScope): ProblemKind | undefined {
  const reserved = scope.entersReserved === true;
  switch (action.group) {
    case 'connect':
      return 'connect-any-client';
    case 'disconnect':
      return 'disconnect-any-client';
    case 'publish':
      return reserved ? 'reserved-topic-access' : 'publish-broad';
    case 'subscribe':
      return reserved ? 'reserved-topic-access' : 'subscribe-broad';
    case 'retained-read':
      return reserved ? 'reserved-topic-access' : 'retained-message-broad';
    case 'receive':
      return 'receive-broad';
    case 'shadow':
    case 'job':
      return 'thing-api-any-thing';
    case 'role-alias':
      return 'rolealias-broad';
    default:
      return undefined;
  }
}

/** An Allow's action-level finding for one pattern of its Action element. */
type PatternLevel =
  | { readonly kind: 'wildcard-action' | 'unknown-action'; readonly pattern: string }
  | { readonly kind: 'admin-action'; readonly pattern: string; readonly detail: string };

/** What a statement's Action/NotAction element says on its own (whatever the resources). */
interface ActionInfo {
  /** Names of the covered data-plane actions. */
  readonly covered: ReadonlySet<string>;
  /** Covered data-plane actions that are checked against a resource type, in catalog order. */
  readonly granted: readonly DataPlaneAction[];
  /** Covered topic and topic-filter actions, in catalog order. */
  readonly topicActions: readonly DataPlaneAction[];
  readonly connect: boolean;
  /** Action-level findings per pattern, in order (an Action element; none for NotAction). */
  readonly levels: readonly PatternLevel[];
  /** Patterns naming (no wildcard) a data-plane action with a resource type, in order. */
  readonly typed: readonly DataPlaneAction[];
  /** Whether every pattern names such an action. */
  readonly allNamed: boolean;
  /** The resource types of `typed`, first appearance first. */
  readonly types: readonly NameType[];
}

function computeActionInfo(element: ActionElement): ActionInfo {
  const covers = (action: string): boolean => {
    const listed = element.patterns.some((p) => actionPatternMatches(p, action));
    return element.negated ? !listed : listed;
  };
  const covered = DATA_PLANE_ACTIONS.filter((a) => covers(a.name));
  const levels: PatternLevel[] = [];
  if (!element.negated) {
    for (const pattern of element.patterns) {
      if (coversAllIotActions(pattern)) {
        levels.push({ kind: 'wildcard-action', pattern });
        continue;
      }
      const admin = adminActionsCovered(pattern);
      if (admin.length > 0) {
        const examples = admin.slice(0, 5).join(', ') + (admin.length > 5 ? ', …' : '');
        levels.push({ kind: 'admin-action', pattern, detail: `${PROBLEM_DETAIL['admin-action']} (${examples})` });
      } else if (isUnknownIotAction(pattern)) {
        levels.push({ kind: 'unknown-action', pattern });
      }
    }
  }
  const named = element.patterns.map((p) => (hasWildcard(p) ? undefined : findDataPlaneAction(p)));
  const typed = named.filter((a): a is DataPlaneAction => a !== undefined && a.resourceType !== 'all');
  return {
    covered: new Set(covered.map((a) => a.name)),
    granted: covered.filter((a) => a.resourceType !== 'all'),
    topicActions: covered.filter((a) => a.resourceType === 'topic' || a.resourceType === 'topicfilter'),
    connect: covers('iot:Connect'),
    levels,
    typed,
    allNamed: named.every((a) => a !== undefined) && named.every((a) => a?.resourceType !== 'all'),
    types: [...new Set(typed.map((a) => a.resourceType as NameType))],
  };
}

/**
 * Fleets repeat a handful of Action elements. An Action of one pattern is keyed by that pattern;
 * any other element by NotAction-or-Action and the JSON of its exact pattern list.
 */
const singleActionInfos = new BoundedCache<string, ActionInfo>(1024, 4_000_000);
const actionInfos = new BoundedCache<string, ActionInfo>(1024, 4_000_000);

function actionInfo(element: ActionElement): ActionInfo {
  const patterns = element.patterns;
  if (!element.negated && patterns.length === 1 && typeof patterns[0] === 'string') {
    return cachedActionInfo(singleActionInfos, patterns[0], element);
  }
  // Only strings have an unambiguous JSON key (models built outside the parser may hold anything).
  if (!patterns.every((p) => typeof p === 'string')) return computeActionInfo(element);
  return cachedActionInfo(actionInfos, (element.negated ? 'N' : 'A') + JSON.stringify(patterns), element);
}

function cachedActionInfo(table: BoundedCache<string, ActionInfo>, key: string, element: ActionElement): ActionInfo {
  let info = table.get(key);
  if (info === undefined) {
    info = computeActionInfo(element);
    table.set(key, info, key.length);
  }
  return info;
}

interface ScopedName {
  readonly atoms: readonly Atom[];
  readonly scope: NameScope;
}

/** The names a pattern allows for one type, classified, and the broad ones first by rank. */
interface ClassifiedNames {
  readonly scoped: readonly ScopedName[];
  readonly broad: readonly ScopedName[];
}

type ClassifiedTable = BoundedCache<string, Map<string, ClassifiedNames>>;
/**
 * Per dialect, per Resource pattern: per resource type and client-ID trust, its classified names
 * (classifyName of resourceNamePatterns — both pure). Weighed by the atoms referenced.
 */
const classifiedRendered: ClassifiedTable = new BoundedCache(4096, 1 << 20);
const classifiedTemplate: ClassifiedTable = new BoundedCache(4096, 1 << 20);

function classifyNames(names: readonly (readonly Atom[])[], type: NameType, trust: ClientIdTrust): ClassifiedNames {
  const scoped = names.map((atoms) => ({ atoms, scope: classifyName(atoms, type, trust) }));
  const broad = scoped.filter((s) => s.scope.broad).sort((a, b) => BREADTH_RANK[a.scope.breadth as Breadth] - BREADTH_RANK[b.scope.breadth as Breadth]);
  return { scoped, broad };
}

/** Inner keys of the classified tables, by client-ID trust (spoofable × 2 + mqttWildcard) and type. */
const CLASSIFIED_KEYS: readonly Readonly<Record<NameType, string>>[] = [0, 1, 2, 3].map((bits) => {
  const suffix = (bits & 2 ? ':s' : ':-') + (bits & 1 ? 'm' : '-');
  return { client: 'client' + suffix, topic: 'topic' + suffix, topicfilter: 'topicfilter' + suffix, thing: 'thing' + suffix, rolealias: 'rolealias' + suffix };
});

function classifiedNames(pattern: string, type: NameType, dialect: Dialect, trust: ClientIdTrust): ClassifiedNames {
  const table = dialect === 'terraform-template' ? classifiedTemplate : classifiedRendered;
  const key = CLASSIFIED_KEYS[(trust.spoofable ? 2 : 0) + (trust.mqttWildcard ? 1 : 0)][type];
  let byKey = table.get(pattern);
  const hit = byKey?.get(key);
  if (hit !== undefined) return hit;
  const names = resourceNamePatterns(pattern, type, dialect);
  const classified = classifyNames(names, type, trust);
  if (byKey === undefined) {
    byKey = new Map();
    table.set(pattern, byKey);
  }
  if (table.charge(names.reduce((n, atoms) => n + atoms.length + 1, 1))) byKey.set(key, classified);
  return classified;
}

function nameTypeOf(action: DataPlaneAction): NameType | undefined {
  return action.resourceType === 'all' ? undefined : action.resourceType;
}

class PolicyAnalyzer {
  private readonly dialect: Dialect;
  private readonly collector: Collector;
  private readonly evaluator: Evaluator;
  private readonly trust: ClientIdTrust;
  private readonly impostorIds: readonly string[];
  private readonly receiveCandidates: ProblemDraft[] = [];
  /** actionInfo of each statement, by position. */
  private readonly actionInfos: readonly ActionInfo[];

  constructor(
    private readonly document: PolicyDocument,
    maxProblems: number,
  ) {
    this.dialect = document.dialect === 'terraform-template' ? 'terraform-template' : 'rendered';
    this.collector = new Collector(maxProblems);
    const patternCount = document.statements.reduce((n, s) => n + s.resource.patterns.length, 0);
    this.actionInfos = document.statements.map((st) => actionInfo(st.action));
    this.evaluator = new Evaluator(document, this.actionInfos, patternCount);
    const connectPrefixes = this.connectPrefixes();
    this.impostorIds = IMPOSTOR_IDS.filter((id) => this.canConnectAs(id, connectPrefixes));
    this.trust = { spoofable: this.impostorIds.includes(OTHER_DEVICE), mqttWildcard: this.impostorIds.some((id) => id === '+' || id === '#') };
  }

  /** The ARN prefixes (partition, region, account) of the resources Allow statements grant iot:Connect on. */
  private connectPrefixes(): ArnPrefix[] {
    const prefixes = new Map<string, ArnPrefix>();
    this.document.statements.forEach((st, i) => {
      if (st.effect !== 'Allow' || !this.actionInfos[i].connect) return;
      for (const p of st.resource.negated ? ['*'] : st.resource.patterns) {
        const prefix = samplePrefix(p, this.dialect);
        prefixes.set(`${prefix.partition}:${prefix.region}:${prefix.account}`, prefix);
        if (prefixes.size >= 8) break;
      }
    });
    return [...prefixes.values()];
  }

  /** Whether this document lets the device connect under client ID `id` (which is not its own). */
  private canConnectAs(id: string, prefixes: readonly ArnPrefix[]): boolean {
    const context = impostorContext(id);
    return prefixes.some((prefix) => this.evaluator.allowed('iot:Connect', formatIotArn(prefix, 'client', id), context.ctx, context.key));
  }

  run(): PolicyAnalysis {
    const statements = this.document.statements;
    for (let i = 0; i < statements.length; i++) {
      if (this.collector.full || this.evaluator.exhausted) break;
      const statement = statements[i];
      const info = this.actionInfos[i];
      this.actionLevel(statement, info);
      this.mismatch(statement, info);
      if (statement.effect === 'Allow') this.grants(statement, info);
      else this.denies(statement, info);
    }
    this.emitReceive();
    return {
      problems: this.collector.list().map(toProblem).sort(compareProblems),
      truncated: this.collector.truncated || this.evaluator.exhausted,
    };
  }

  private actionLevel(st: PolicyStatement, info: ActionInfo): void {
    if (st.effect !== 'Allow') return;
    if (!st.action.negated && !st.resource.negated && info.levels.length === 0) return;
    const resource = resourceLabel(st);
    if (st.action.negated) {
      this.collector.add({ kind: 'allow-not-action', statement: st, actions: [...st.action.patterns], resource });
    } else {
      for (const level of info.levels) {
        const pattern = level.pattern;
        if (level.kind === 'wildcard-action') {
          this.collector.add({ kind: 'wildcard-action', statement: st, actions: [pattern], resource });
        } else if (level.kind === 'admin-action') {
          this.collector.add({
            kind: 'admin-action',
            statement: st,
            actions: [pattern],
            resource,
            ddReason: 'ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS',
            detail: level.detail,
            distinctBy: pattern,
          });
        } else {
          this.collector.add({ kind: 'unknown-action', statement: st, actions: [pattern], resource, distinctBy: pattern });
        }
      }
    }
    if (st.resource.negated) {
      this.collector.add({ kind: 'allow-not-resource', statement: st, actions: [...st.action.patterns], resource });
    }
  }

  /** Named data-plane actions without a resource of their type, and resources no named action uses. */
  private mismatch(st: PolicyStatement, { typed, allNamed, types }: ActionInfo): void {
    if (st.action.negated || st.resource.negated) return;
    if (typed.length === 0) return;
    const what = st.effect === 'Allow' ? 'grant' : 'deny';
    for (const action of typed) {
      const usable = st.resource.patterns.some((p) => resourceNamePatterns(p, action.resourceType, this.dialect).length > 0);
      if (!usable) {
        this.collector.add({
          kind: 'action-resource-mismatch',
          statement: st,
          actions: [action.name],
          resource: resourceLabel(st),
          detail: `${action.name} is checked against ${action.resourceType}/ resources and none of these can match one, so the ${what} never applies`,
        });
      }
    }
    if (!allNamed) return;
    for (const pattern of st.resource.patterns) {
      if (pattern === '*') continue;
      if (types.some((t) => resourceNamePatterns(pattern, t, this.dialect).length > 0)) continue;
      this.collector.add({
        kind: 'action-resource-mismatch',
        statement: st,
        actions: typed.map((a) => a.name),
        resource: pattern,
        detail: `no action of this statement is checked against this resource's type (they use ${types.map((t) => t + '/').join(', ')}), so it is dead`,
      });
    }
  }

  /** Whether `pattern` (this very resource of the statement) lets the request through, and the document allows it. */
  private grantWitness(st: PolicyStatement, pattern: string | undefined, action: string, arn: string, context: Context): boolean {
    const covers = pattern === undefined ? statementCoversResource(st, arn, context.ctx, this.dialect) : resourceMatches(pattern, arn, context.ctx, this.dialect);
    if (!covers || evaluateConditions(st, context.ctx, this.dialect) === 'false') return false;
    return this.evaluator.allowed(action, arn, context.ctx, context.key);
  }

  private contextsFor(action: DataPlaneAction, scope: NameScope): Context[] {
    if (scope.breadth !== 'spoofable-client-id') return [SELF_CONTEXT];
    const ids = action.resourceType === 'topicfilter' ? this.impostorIds : this.impostorIds.filter((id) => id === OTHER_DEVICE);
    return ids.map(impostorContext);
  }

  /** The first witness ARN that proves the grant, or undefined. */
  private findWitness(st: PolicyStatement, pattern: string, action: DataPlaneAction, type: NameType, atoms: readonly Atom[], scope: NameScope): string | undefined {
    const prefix = samplePrefix(pattern, this.dialect);
    const own = st.resource.negated ? undefined : pattern;
    for (const context of this.contextsFor(action, scope)) {
      for (const name of witnessNames(atoms, scope, type, context.ctx)) {
        const arn = formatIotArn(prefix, type, name);
        // Connecting is done under the client ID being tested, not the device's own.
        const asClient = action.group === 'connect' ? impostorContext(name) : context;
        if (this.grantWitness(st, own, action.name, arn, asClient)) return arn;
      }
    }
    return undefined;
  }

  private grants(st: PolicyStatement, info: ActionInfo): void {
    const actions = info.granted;
    const patterns = st.resource.negated ? ['*'] : st.resource.patterns;
    for (const pattern of patterns) {
      for (const action of actions) {
        if (this.collector.full || this.evaluator.exhausted) return;
        const type = nameTypeOf(action);
        if (type === undefined) continue;
        const names = classifiedNames(pattern, type, this.dialect, this.trust);
        if (names.scoped.length === 0) continue;
        this.grantOnNames(st, pattern, action, type, names);
      }
    }
  }

  private grantOnNames(st: PolicyStatement, pattern: string, action: DataPlaneAction, type: NameType, { scoped, broad }: ClassifiedNames): void {
    const resource = resourceLabel(st, pattern);

    if (type === 'topic' && scoped.some((s) => s.scope.mqttWildcards)) {
      this.collector.add({ kind: 'mqtt-wildcard-in-topic-resource', statement: st, actions: [action.name], resource });
    }

    for (const { atoms, scope } of broad) {
      const kind = broadKind(action, scope);
      if (kind === undefined) continue;
      const witness = this.findWitness(st, pattern, action, type, atoms, scope);
      if (witness === undefined) continue;
      const draft: ProblemDraft = { kind, statement: st, actions: [action.name], resource, breadth: scope.breadth, witness, ddReason: DATA_PLANE_REASON };
      if (kind === 'receive-broad') this.receiveCandidates.push(draft);
      else this.collector.add(draft);
      return;
    }
    if (broad.length > 0) return;

    if (action.group === 'connect') this.clientIdWithoutIsAttached(st, pattern, scoped);
    const advisory = action.group === 'connect' || action.group === 'publish' || action.group === 'subscribe';
    if (advisory && scoped.every((s) => !s.scope.namesDevice)) {
      const { atoms, scope } = scoped[0];
      const name = renderName(atoms, scope.openAt, OTHER_DEVICE, SELF);
      // A topic name with # or + is no topic at all; mqtt-wildcard-in-topic-resource reports it.
      if (type === 'topic' && !isValidMqttTopic(name)) return;
      const arn = formatIotArn(samplePrefix(pattern, this.dialect), type, name);
      const context = action.group === 'connect' ? impostorContext(name) : SELF_CONTEXT;
      if (this.grantWitness(st, st.resource.negated ? undefined : pattern, action.name, arn, context)) {
        this.collector.add({ kind: 'identity-not-bound', statement: st, actions: [action.name], resource, witness: arn });
      }
    }
  }

  private clientIdWithoutIsAttached(st: PolicyStatement, pattern: string, scoped: readonly ScopedName[]): void {
    if (requiresIsAttached(st)) return;
    for (const { atoms, scope } of scoped) {
      if (!atoms.some((a) => isVariableAtom(a) && a.kind === 'client-id')) continue;
      const context = impostorContext(OTHER_DEVICE);
      const arn = formatIotArn(samplePrefix(pattern, this.dialect), 'client', renderName(atoms, scope.openAt, OTHER_DEVICE, context.ctx));
      if (this.grantWitness(st, pattern, 'iot:Connect', arn, context)) {
        this.collector.add({
          kind: 'client-id-without-is-attached',
          statement: st,
          actions: ['iot:Connect'],
          resource: resourceLabel(st, pattern),
          breadth: 'spoofable-client-id',
          witness: arn,
          ddReason: DATA_PLANE_REASON,
        });
        return;
      }
    }
  }

  private denies(st: PolicyStatement, info: ActionInfo): void {
    if (st.resource.negated) return;
    const actions = info.topicActions;
    if (actions.length === 0) return;
    for (const pattern of st.resource.patterns) {
      for (const type of ['topic', 'topicfilter'] as const) {
        if (this.collector.full || this.evaluator.exhausted) return;
        const typeActions = actions.filter((a) => a.resourceType === type);
        if (typeActions.length === 0) continue;
        const names = resourceNamePatterns(pattern, type, this.dialect);
        if (names.length === 0) continue;
        const withMqtt = names.find((atoms) => atoms.some((a) => a === '+' || a === '#'));
        if (withMqtt !== undefined) {
          this.literalWildcardDeny(st, pattern, type, typeActions, withMqtt);
        } else if (type === 'topicfilter' && typeActions.some((a) => a.name === 'iot:Subscribe')) {
          this.bypassedDeny(st, pattern, names[0]);
        }
      }
    }
  }

  /** The literal text of a name up to its first wildcard (variables substituted for the device), and whether it stopped early. */
  private fixedPrefix(atoms: readonly Atom[]): { text: string; open: boolean } {
    let text = '';
    for (const atom of atoms) {
      if (atom === ANY || atom === ONE || atom === '+' || atom === '#') return { text, open: true };
      text += isVariableAtom(atom) ? substitutedText(atom, SELF) : atom;
    }
    return { text, open: false };
  }

  private literalWildcardDeny(st: PolicyStatement, pattern: string, type: NameType, actions: DataPlaneAction[], atoms: readonly Atom[]): void {
    const prefix = samplePrefix(pattern, this.dialect);
    const sample = this.fixedPrefix(atoms).text + OTHER_DEVICE;
    let witness: string | undefined;
    for (const action of actions) {
      const arn = formatIotArn(prefix, type, sample);
      if (this.evaluator.allowed(action.name, arn, SELF, SELF_CONTEXT.key)) {
        witness = arn;
        break;
      }
    }
    this.collector.add({
      kind: 'mqtt-wildcard-in-deny',
      statement: st,
      actions: actions.map((a) => a.name),
      resource: pattern,
      ddReason: 'POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT',
      ...(witness === undefined ? {} : { witness, detail: `${PROBLEM_DETAIL['mqtt-wildcard-in-deny']}: the policy still allows ${witness}` }),
    });
  }

  /** A Deny on topic filters that a wildcard subscription gets around, while Receive lets the messages through. */
  private bypassedDeny(st: PolicyStatement, pattern: string, atoms: readonly Atom[]): void {
    const prefix = samplePrefix(pattern, this.dialect);
    const fixed = this.fixedPrefix(atoms);
    const deniedTopic = fixed.open ? fixed.text + OTHER_DEVICE : fixed.text;
    if (!isValidMqttTopic(deniedTopic)) return;
    if (!this.evaluator.allowed('iot:Receive', formatIotArn(prefix, 'topic', deniedTopic), SELF, SELF_CONTEXT.key)) return;
    const levels = deniedTopic.split('/');
    const candidates: string[] = [];
    for (let i = levels.length - 1; i >= 0; i--) candidates.push([...levels.slice(0, i), '#'].join('/'));
    for (let i = levels.length - 1; i >= 0; i--) candidates.push(levels.map((l, j) => (j === i ? '+' : l)).join('/'));
    for (const filter of candidates) {
      if (filter === deniedTopic || !mqttFilterMatches(filter, deniedTopic)) continue;
      const arn = formatIotArn(prefix, 'topicfilter', filter);
      if (this.evaluator.allowed('iot:Subscribe', arn, SELF, SELF_CONTEXT.key)) {
        this.collector.add({
          kind: 'mqtt-wildcard-in-deny',
          statement: st,
          actions: ['iot:Subscribe'],
          resource: pattern,
          witness: arn,
          ddReason: 'TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS',
          detail: `the policy still allows subscribing to "${filter}", which delivers the denied topics (e.g. "${deniedTopic}") because Receive allows them`,
        });
        return;
      }
    }
  }

  /** Broad Receive matters only next to a broad subscription (Device Defender: Receive alone is compliant). */
  private emitReceive(): void {
    if (this.receiveCandidates.length === 0) return;
    const subscription = this.collector
      .list()
      .find((p) => (p.kind === 'subscribe-broad' || p.kind === 'reserved-topic-access') && p.actions.includes('iot:Subscribe'));
    if (subscription === undefined) return;
    for (const draft of this.receiveCandidates) {
      this.collector.add({ ...draft, related: { statementIndex: subscription.statement.index, resource: subscription.resource, kind: subscription.kind } });
    }
  }
}

/** Analyses a parsed IoT policy document. Never throws; a malformed model gives no problems. */
export function analyzePolicy(document: PolicyDocument, options: AnalyzeOptions = {}): PolicyAnalysis {
  if (document === null || typeof document !== 'object' || !Array.isArray(document.statements)) return { problems: [], truncated: false };
  const maxProblems = maxProblemsOf(options);
  const statements = document.statements.filter(isPolicyStatement);
  // Documents that differ only in literal names share one analysis of their canonical form (canonical.ts).
  const canonical = canonicalize(statements, document.dialect, CONSTANT_SEGMENTS);
  if (canonical !== undefined) {
    const key = `${maxProblems}:${canonical.key}`;
    let analysis = canonicalAnalyses.get(key);
    if (analysis === undefined) {
      analysis = new PolicyAnalyzer(canonical.document, maxProblems).run();
      canonicalAnalyses.set(key, analysis);
    }
    const restored = restoreAnalysis(analysis, canonical.literals);
    if (restored !== undefined) return restored;
  }
  return new PolicyAnalyzer({ ...document, statements }, maxProblems).run();
}

/** analyzePolicy without canonical forms: the document analysed exactly as given (tests compare the two). */
export function analyzePolicyAsGiven(document: PolicyDocument, options: AnalyzeOptions = {}): PolicyAnalysis {
  if (document === null || typeof document !== 'object' || !Array.isArray(document.statements)) return { problems: [], truncated: false };
  return new PolicyAnalyzer({ ...document, statements: document.statements.filter(isPolicyStatement) }, maxProblemsOf(options)).run();
}

function maxProblemsOf(options: AnalyzeOptions): number {
  const requested = options?.maxProblems;
  return typeof requested === 'number' && requested >= 1 ? Math.floor(requested) : 200;
}

/** Analyses of canonical documents by options and canonical form (a fleet has few; bounded in entries and key characters). */
const canonicalAnalyses = new TextTable<PolicyAnalysis>(256, 4_000_000);

/**
 * The segments (between `:` and `/`) of every string the analysis builds names and ARNs from:
 * a canonical form never renames a literal equal to one of them.
 */
const CONSTANT_SEGMENTS: ReadonlySet<string> = new Set(
  [
    SELF_DEVICE,
    OTHER_DEVICE,
    ...Object.values(SELF.certificate ?? {}).flat(),
    SELF.clientId ?? '',
    SELF.thingName ?? '',
    SELF.thingTypeName ?? '',
    ...IMPOSTOR_IDS,
    ...Object.values(FOREIGN_NAMES).flat(),
    DEFAULT_ARN_PREFIX.partition,
    DEFAULT_ARN_PREFIX.region,
    DEFAULT_ARN_PREFIX.account,
    'arn',
    'iot',
    'z',
    'true',
    'false',
    'things',
    'rules',
    'provisioning-templates',
    'certificates',
    ...IOT_RESOURCE_TYPES,
  ].flatMap((text) => text.split(/[:/]/)),
);

/** The problems only (see analyzePolicy). */
export function policyProblems(document: PolicyDocument): readonly PolicyProblem[] {
  return analyzePolicy(document).problems;
}
