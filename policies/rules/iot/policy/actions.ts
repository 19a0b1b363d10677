/**
 * IoT policy actions: the data-plane actions an IoT policy is evaluated for, the resource type
 * each one is checked against, and how an Action element's patterns cover them.
 *
 * Case: IoT policies follow IAM's policy language, and IAM defines the service prefix and the
 * action name as case-insensitive (`iot:Publish` = `IOT:publish`). The IoT guide does not say
 * otherwise, so action patterns are compared case-insensitively, with `*` and `?` as wildcards.
 * Resources, in contrast, are case-sensitive (topic names and client IDs are).
 *
 * Sources: AWS IoT developer guide iot-policy-actions.md and iot-action-resources.md (the job
 * actions appear as `iot:` in the Device Defender pages and as `iotjobsdata:` in the current
 * action-resources table; both spellings are listed).
 */
import { BoundedCache } from './memo';
import { globMatch, plainGlob } from './pattern';

/** The resource type an action is authorised against; `all` means the Resource must be `*`. */
export type DataPlaneResourceType = 'client' | 'topic' | 'topicfilter' | 'thing' | 'rolealias' | 'all';

export type DataPlaneGroup = 'connect' | 'disconnect' | 'publish' | 'receive' | 'retained-read' | 'subscribe' | 'retained-list' | 'shadow' | 'job' | 'role-alias';

export interface DataPlaneAction {
  /** Canonical spelling, e.g. `iot:Publish`. */
  readonly name: string;
  readonly resourceType: DataPlaneResourceType;
  readonly group: DataPlaneGroup;
}

export const DATA_PLANE_ACTIONS: readonly DataPlaneAction[] = [
  { name: 'iot:Connect', resourceType: 'client', group: 'connect' },
  { name: 'iot:DeleteConnection', resourceType: 'client', group: 'disconnect' },
  { name: 'iot:Publish', resourceType: 'topic', group: 'publish' },
  { name: 'iot:RetainPublish', resourceType: 'topic', group: 'publish' },
  { name: 'iot:Receive', resourceType: 'topic', group: 'receive' },
  { name: 'iot:GetRetainedMessage', resourceType: 'topic', group: 'retained-read' },
  { name: 'iot:ListRetainedMessages', resourceType: 'all', group: 'retained-list' },
  { name: 'iot:Subscribe', resourceType: 'topicfilter', group: 'subscribe' },
  { name: 'iot:GetThingShadow', resourceType: 'thing', group: 'shadow' },
  { name: 'iot:UpdateThingShadow', resourceType: 'thing', group: 'shadow' },
  { name: 'iot:DeleteThingShadow', resourceType: 'thing', group: 'shadow' },
  { name: 'iot:ListNamedShadowsForThing', resourceType: 'all', group: 'shadow' },
  { name: 'iot:DescribeJobExecution', resourceType: 'thing', group: 'job' },
  { name: 'iot:GetPendingJobExecutions', resourceType: 'thing', group: 'job' },
  { name: 'iot:StartNextPendingJobExecution', resourceType: 'thing', group: 'job' },
  { name: 'iot:UpdateJobExecution', resourceType: 'thing', group: 'job' },
  { name: 'iotjobsdata:DescribeJobExecution', resourceType: 'thing', group: 'job' },
  { name: 'iotjobsdata:GetPendingJobExecutions', resourceType: 'thing', group: 'job' },
  { name: 'iotjobsdata:StartNextPendingJobExecution', resourceType: 'thing', group: 'job' },
  { name: 'iotjobsdata:UpdateJobExecution', resourceType: 'thing', group: 'job' },
  { name: 'iot:AssumeRoleWithCertificate', resourceType: 'rolealias', group: 'role-alias' },
];

/**
 * Control-plane IoT actions, a representative list used to tell whether a partial wildcard
 * such as `iot:Create*` or `iot:Get*` reaches administrative APIs. It includes every action the
 * Device Defender Cognito-role checks name as "manage or modify things" or "read thing
 * administrative data".
 */
export const ADMIN_ACTIONS: readonly string[] = [
  'AcceptCertificateTransfer', 'AddThingToBillingGroup', 'AddThingToThingGroup', 'AttachPolicy', 'AttachPrincipalPolicy',
  'AttachSecurityProfile', 'AttachThingPrincipal', 'CancelJob', 'CancelJobExecution', 'ClearDefaultAuthorizer',
  'CreateAuthorizer', 'CreateCertificateFromCsr', 'CreateDomainConfiguration', 'CreateDynamicThingGroup', 'CreateJob',
  'CreateKeysAndCertificate', 'CreatePolicy', 'CreatePolicyVersion', 'CreateProvisioningClaim', 'CreateProvisioningTemplate',
  'CreateRoleAlias', 'CreateThing', 'CreateThingGroup', 'CreateThingType', 'CreateTopicRule', 'DeleteAuthorizer',
  'DeleteCACertificate', 'DeleteCertificate', 'DeleteJob', 'DeletePolicy', 'DeletePolicyVersion', 'DeleteRoleAlias',
  'DeleteThing', 'DeleteThingGroup', 'DeleteTopicRule', 'DeleteV2LoggingLevel', 'DeprecateThingType', 'DescribeCertificate',
  'DescribeEndpoint', 'DescribeJob', 'DescribeRoleAlias', 'DescribeThing', 'DescribeThingGroup', 'DetachPolicy',
  'DetachPrincipalPolicy', 'DetachThingPrincipal', 'DisableTopicRule', 'EnableTopicRule', 'GetEffectivePolicies', 'GetPolicy',
  'GetPolicyVersion', 'GetTopicRule', 'GetV2LoggingOptions', 'ListAttachedPolicies', 'ListCertificates',
  'ListJobExecutionsForThing', 'ListJobs', 'ListPolicies', 'ListPrincipalThings', 'ListRoleAliases', 'ListTargetsForPolicy',
  'ListThingGroupsForThing', 'ListThingPrincipals', 'ListThings', 'ListThingsInThingGroup', 'ListTopicRules',
  'RegisterCACertificate', 'RegisterCertificate', 'RegisterThing', 'RejectCertificateTransfer', 'RemoveThingFromThingGroup',
  'ReplaceTopicRule', 'SearchIndex', 'SetDefaultPolicyVersion', 'SetV2LoggingOptions', 'TagResource', 'TransferCertificate',
  'UntagResource', 'UpdateAccountAuditConfiguration', 'UpdateCACertificate', 'UpdateCertificate', 'UpdateEventConfigurations',
  'UpdateIndexingConfiguration', 'UpdateRoleAlias', 'UpdateThing', 'UpdateThingGroup', 'UpdateThingGroupsForThing',
  'UpdateTopicRuleDestination',
].map((name) => 'iot:' + name);

/** Verbs that begin control-plane action names; an unlisted `iot:` name starting with one is administrative. */
const ADMIN_VERB = /^iot:(accept|add|associate|attach|cancel|clear|confirm|create|delete|deprecate|describe|detach|disable|disassociate|enable|get|list|put|register|reject|remove|replace|search|set|start|stop|tag|test|transfer|untag|update|validate)[a-z]/i;

/** Names no real action has: a pattern matching them covers actions nobody listed. */
const UNLISTED_PROBES = ['iot:' + 'q'.repeat(40), 'iot:' + 'z'.repeat(40)];

const byLowerName = new Map(DATA_PLANE_ACTIONS.map((a) => [a.name.toLowerCase(), a]));
const adminLower = new Set(ADMIN_ACTIONS.map((a) => a.toLowerCase()));

export function findDataPlaneAction(action: string): DataPlaneAction | undefined {
  return typeof action === 'string' ? byLowerName.get(action.toLowerCase()) : undefined;
}

/** Per Action-element pattern as written: per action as asked, whether the pattern covers it. */
const coverage = new BoundedCache<string, Map<string, boolean>>(1024);
/** Actions remembered per pattern (the analysis asks about the 21 data-plane actions). */
const MAX_ACTIONS_PER_PATTERN = 256;

/** Whether an Action-element pattern (with `*`/`?`) covers an action, ignoring case. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  if (typeof pattern !== 'string' || typeof action !== 'string') return false;
  let byAction = coverage.get(pattern);
  if (byAction === undefined) {
    byAction = new Map();
    coverage.set(pattern, byAction);
  }
  const hit = byAction.get(action);
  if (hit !== undefined) return hit;
  const result = patternCovers(pattern.toLowerCase(), action.toLowerCase());
  if (byAction.size < MAX_ACTIONS_PER_PATTERN) byAction.set(action, result);
  return result;
}

/** Lower-cased pattern and action. Without `*`/`?` the glob match is string equality (same code points). */
function patternCovers(pattern: string, action: string): boolean {
  return hasWildcard(pattern) ? globMatch(plainGlob(pattern), action) : pattern === action;
}

export function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

const coversAll = new BoundedCache<string, boolean>(1024);

/** Whether a pattern covers every IoT action, listed or not (`*`, `iot:*`, `io*`, `iot:?*`…). */
export function coversAllIotActions(pattern: string): boolean {
  if (typeof pattern !== 'string') return false;
  const hit = coversAll.get(pattern);
  if (hit !== undefined) return hit;
  const result = computeCoversAll(pattern);
  coversAll.set(pattern, result);
  return result;
}

function computeCoversAll(pattern: string): boolean {
  // Exactly one action name: it cannot also match the two unlisted probes.
  if (!hasWildcard(pattern)) return false;
  return (
    DATA_PLANE_ACTIONS.every((a) => !a.name.startsWith('iot:') || actionPatternMatches(pattern, a.name)) &&
    ADMIN_ACTIONS.every((a) => actionPatternMatches(pattern, a)) &&
    UNLISTED_PROBES.every((a) => actionPatternMatches(pattern, a))
  );
}

/** Administrative actions a pattern reaches: listed ones it matches, or the name itself if it is an admin-verb IoT action. */
export function adminActionsCovered(pattern: string): string[] {
  if (typeof pattern !== 'string') return [];
  if (!hasWildcard(pattern)) {
    const lower = pattern.toLowerCase();
    if (byLowerName.has(lower)) return [];
    if (adminLower.has(lower)) return [ADMIN_ACTIONS.find((a) => a.toLowerCase() === lower) as string];
    return ADMIN_VERB.test(pattern) ? [pattern] : [];
  }
  let covered = adminCovered.get(pattern);
  if (covered === undefined) {
    const lower = pattern.toLowerCase();
    covered = ADMIN_ACTIONS.filter((a) => patternCovers(lower, a.toLowerCase()));
    adminCovered.set(pattern, covered);
  }
  return covered.slice();
}

const adminCovered = new BoundedCache<string, readonly string[]>(1024);

/** An `iot:` action name (no wildcard) that is neither a data-plane action nor administrative: most likely a typo. */
export function isUnknownIotAction(pattern: string): boolean {
  if (typeof pattern !== 'string' || hasWildcard(pattern)) return false;
  const lower = pattern.toLowerCase();
  if (!lower.startsWith('iot:') && !lower.startsWith('iotjobsdata:')) return false;
  return !byLowerName.has(lower) && adminActionsCovered(pattern).length === 0;
}
