/**
 * The problems the IoT policy analysis reports: their kinds, their shape, and the bookkeeping
 * that keeps them unique, bounded and in a stable order. analyze.ts defines what each kind means.
 */
import type { Effect, PolicyStatement } from './document';
import type { Breadth } from './scope';

export type ProblemKind =
  | 'wildcard-action'
  | 'allow-not-action'
  | 'allow-not-resource'
  | 'connect-any-client'
  | 'client-id-without-is-attached'
  | 'disconnect-any-client'
  | 'publish-broad'
  | 'subscribe-broad'
  | 'reserved-topic-access'
  | 'receive-broad'
  | 'retained-message-broad'
  | 'thing-api-any-thing'
  | 'rolealias-broad'
  | 'mqtt-wildcard-in-topic-resource'
  | 'mqtt-wildcard-in-deny'
  | 'identity-not-bound'
  | 'admin-action'
  | 'unknown-action'
  | 'action-resource-mismatch';

export const PROBLEM_KINDS: readonly ProblemKind[] = [
  'wildcard-action',
  'allow-not-action',
  'allow-not-resource',
  'connect-any-client',
  'client-id-without-is-attached',
  'disconnect-any-client',
  'publish-broad',
  'subscribe-broad',
  'reserved-topic-access',
  'receive-broad',
  'retained-message-broad',
  'thing-api-any-thing',
  'rolealias-broad',
  'mqtt-wildcard-in-topic-resource',
  'mqtt-wildcard-in-deny',
  'identity-not-bound',
  'admin-action',
  'unknown-action',
  'action-resource-mismatch',
];

/** Device Defender reason codes a problem corresponds to. */
export type DeviceDefenderReason =
  | 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'
  | 'POLICY_CONTAINS_MQTT_WILDCARDS_IN_DENY_STATEMENT'
  | 'TOPIC_FILTERS_INTENDED_TO_DENY_ALLOWED_USING_WILDCARDS'
  | 'ALLOWS_ACCESS_TO_IOT_ADMIN_ACTIONS';

export interface PolicyProblem {
  readonly kind: ProblemKind;
  readonly statementIndex: number;
  readonly sid?: string;
  readonly effect: Effect;
  /** The first action concerned (canonical name for data-plane actions, else as written). */
  readonly action: string;
  readonly actions: readonly string[];
  /** The resource pattern as written (`NotResource: [...]` for a NotResource statement; all resources for action-level kinds). */
  readonly resource: string;
  readonly breadth?: Breadth;
  /** A concrete ARN (or filter/topic ARN) showing the problem: what another device's resource the policy reaches. */
  readonly witness?: string;
  readonly ddReason?: DeviceDefenderReason;
  /** One sentence on what is wrong, for messages. */
  readonly detail: string;
  readonly related?: { readonly statementIndex: number; readonly resource: string; readonly kind: ProblemKind };
}

/** One sentence per kind, for messages. */
export const PROBLEM_DETAIL: Readonly<Record<ProblemKind, string>> = {
  'wildcard-action': 'allows every IoT action, including administrative ones; list the data-plane actions the device needs',
  'allow-not-action': 'Allow with NotAction grants every action not listed, including ones added later',
  'allow-not-resource': 'Allow with NotResource grants every resource not listed',
  'connect-any-client': "lets a device connect under other devices' client IDs (and disconnect them)",
  'client-id-without-is-attached': 'client/${iot:ClientId} without the iot:Connection.Thing.IsAttached condition lets any client ID connect',
  'disconnect-any-client': "lets a device force other clients' connections closed",
  'publish-broad': "lets a device publish to other devices' topics",
  'subscribe-broad': "lets a device subscribe to other devices' topics",
  'reserved-topic-access': "reaches reserved $aws/ topics of other things (shadows, jobs, events, rules)",
  'receive-broad': 'receives from a broad set of topics, and the policy also allows a broad subscription',
  'retained-message-broad': "lets a device read other devices' retained messages",
  'thing-api-any-thing': "lets a device read or change other things' shadows or job executions",
  'rolealias-broad': 'lets a device assume any role alias (AWS credentials of other roles)',
  'mqtt-wildcard-in-topic-resource': '# and + are literal characters in a topic resource, so this grant matches no message',
  'mqtt-wildcard-in-deny': '# and + are literal in policies, so this Deny does not block what it appears to',
  'identity-not-bound': 'the resource names no device variable, so every device with this policy shares it',
  'admin-action': 'grants control-plane (administrative) IoT actions that a device policy should not hold',
  'unknown-action': 'is not an IoT action (a typo?), so it grants nothing',
  'action-resource-mismatch': 'the action and resource types do not match, so this grant or deny never applies',
};

/** A problem while it is being collected: actions of the same (statement, kind, resource) merge. */
export interface ProblemDraft {
  kind: ProblemKind;
  statement: PolicyStatement;
  actions: string[];
  resource: string;
  breadth?: Breadth;
  witness?: string;
  ddReason?: DeviceDefenderReason;
  detail?: string;
  related?: PolicyProblem['related'];
  /** Keeps problems apart that share statement, kind and resource but not their cause (one per action pattern). */
  distinctBy?: string;
}

/** Keeps problems unique per (statement, kind, resource), merging actions, within the caps. */
export class Collector {
  private readonly drafts = new Map<string, ProblemDraft>();
  truncated = false;

  constructor(private readonly maxProblems: number) {}

  add(draft: ProblemDraft): void {
    const key = `${draft.statement.index}\u0000${draft.kind}\u0000${draft.resource}\u0000${draft.distinctBy ?? ''}`;
    const existing = this.drafts.get(key);
    if (existing !== undefined) {
      for (const a of draft.actions) if (!existing.actions.includes(a)) existing.actions.push(a);
      return;
    }
    if (this.drafts.size >= this.maxProblems) {
      this.truncated = true;
      return;
    }
    this.drafts.set(key, { ...draft, actions: [...draft.actions] });
  }

  get full(): boolean {
    return this.truncated;
  }

  list(): ProblemDraft[] {
    return [...this.drafts.values()];
  }
}

export function toProblem(draft: ProblemDraft): PolicyProblem {
  return {
    kind: draft.kind,
    statementIndex: draft.statement.index,
    ...(draft.statement.sid === undefined ? {} : { sid: draft.statement.sid }),
    effect: draft.statement.effect,
    action: draft.actions[0] ?? '',
    actions: draft.actions,
    resource: draft.resource,
    ...(draft.breadth === undefined ? {} : { breadth: draft.breadth }),
    ...(draft.witness === undefined ? {} : { witness: draft.witness }),
    ...(draft.ddReason === undefined ? {} : { ddReason: draft.ddReason }),
    detail: draft.detail ?? PROBLEM_DETAIL[draft.kind],
    ...(draft.related === undefined ? {} : { related: draft.related }),
  };
}

export function compareProblems(a: PolicyProblem, b: PolicyProblem): number {
  return (
    a.statementIndex - b.statementIndex ||
    PROBLEM_KINDS.indexOf(a.kind) - PROBLEM_KINDS.indexOf(b.kind) ||
    (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0) ||
    (a.action < b.action ? -1 : a.action > b.action ? 1 : 0)
  );
}
