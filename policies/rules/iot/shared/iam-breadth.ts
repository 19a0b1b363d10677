/**
 * What makes the IAM role behind an IoT role alias overly permissive, after Device Defender's
 * IOT_ROLE_ALIAS_OVERLY_PERMISSIVE_CHECK: administrative access to a whole service (`*`,
 * `svc:*`, Allow + NotAction), any access to the security-auditing services (iam, cloudtrail,
 * guardduty, inspector, trustedadvisor), IoT control-plane actions, and IoT data-plane actions
 * on every resource; plus, when an allowlist is configured, services outside it (the static
 * counterpart of IOT_ROLE_ALIAS_ALLOWS_ACCESS_TO_UNUSED_SERVICES_CHECK).
 *
 * IAM documents have the grammar IoT policies share, so they are parsed with the same parser.
 * Deny statements are not subtracted (a finding then says what the Allow grants); a
 * permissions boundary is named in the message but not intersected.
 */
import { DATA_PLANE_ACTIONS, actionPatternMatches, parseIotArn, type PolicyDocument, type PolicyStatement } from '../policy';
import { adminActionsCovered } from '../policy/actions';

export const SECURITY_AUDITING_SERVICES: readonly string[] = ['iam', 'cloudtrail', 'guardduty', 'inspector', 'inspector2', 'trustedadvisor'];

export type RoleAliasReason =
  | 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES'
  | 'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES'
  | 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS'
  | 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS'
  | 'ALLOWS_ACCESS_TO_UNUSED_SERVICES';

export interface PermissionProblem {
  readonly statementIndex: number;
  readonly sid?: string;
  readonly actions: readonly string[];
  readonly resource: string;
  readonly reason: string;
  readonly ddReason: RoleAliasReason;
}

export interface PermissionSettings {
  /** Service prefixes the role may use (lower case); empty = any. */
  readonly allowedServices: readonly string[];
}

function resourceLabel(st: PolicyStatement): string {
  return st.resource.negated ? `NotResource: ${JSON.stringify(st.resource.patterns)}` : st.resource.patterns.join(', ');
}

/** A resource pattern that reaches every IoT resource of its type (`*`, `arn:…:iot:…:*`, `…:topic/*`). */
function broadIotResource(pattern: string): boolean {
  const arn = parseIotArn(pattern);
  if (arn.form === 'wildcard') return true;
  if (arn.form !== 'arn') return false;
  if (arn.service !== undefined && /[*?]/.test(arn.service)) return true;
  if (arn.resource === undefined || arn.resource.startsWith('*') || /[*?]/.test(arn.resourceType ?? '')) return true;
  return arn.resourceName === undefined || arn.resourceName.startsWith('*');
}

/** The service prefix of an action pattern; undefined when the pattern spans services (`*`, `s3*`, `*:Get*`). */
function serviceOf(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  if (colon < 0) return undefined;
  const service = pattern.slice(0, colon).toLowerCase();
  return /[*?]/.test(service) ? undefined : service;
}

/** `svc:*`, `svc:**`: every action of one service. */
function wholeService(pattern: string): boolean {
  const colon = pattern.indexOf(':');
  return colon >= 0 && /^\*+$/.test(pattern.slice(colon + 1));
}

function statementProblems(st: PolicyStatement, settings: PermissionSettings): PermissionProblem[] {
  const base = { statementIndex: st.index, ...(st.sid === undefined ? {} : { sid: st.sid }), resource: resourceLabel(st) };
  if (st.action.negated) {
    return [{ ...base, actions: st.action.patterns, reason: 'Allow with NotAction grants every action of every service not listed', ddReason: 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES' }];
  }
  const out: PermissionProblem[] = [];
  const broadResource = st.resource.negated || st.resource.patterns.some(broadIotResource);
  for (const pattern of st.action.patterns) {
    const service = serviceOf(pattern);
    if (service === undefined) {
      out.push({ ...base, actions: [pattern], reason: 'grants the actions of every service it matches, administrative ones included', ddReason: 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES' });
      continue;
    }
    if (wholeService(pattern)) {
      out.push({ ...base, actions: [pattern], reason: `grants every ${service} action (administrative access to ${service})`, ddReason: 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES' });
      continue;
    }
    if (SECURITY_AUDITING_SERVICES.includes(service)) {
      out.push({ ...base, actions: [pattern], reason: `grants access to ${service}, a security-auditing service devices never need`, ddReason: 'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES' });
      continue;
    }
    if (service === 'iot' || service === 'iotjobsdata') {
      const admin = adminActionsCovered(pattern);
      if (admin.length > 0) {
        out.push({ ...base, actions: [pattern], reason: `grants IoT control-plane actions (${admin.slice(0, 3).join(', ')}${admin.length > 3 ? ', …' : ''})`, ddReason: 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS' });
        continue;
      }
      const dataPlane = DATA_PLANE_ACTIONS.some((a) => actionPatternMatches(pattern, a.name));
      if (dataPlane && broadResource) {
        out.push({ ...base, actions: [pattern], reason: 'grants IoT data-plane actions on every client, topic or thing', ddReason: 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS' });
        continue;
      }
    }
    if (settings.allowedServices.length > 0 && !settings.allowedServices.includes(service)) {
      out.push({ ...base, actions: [pattern], reason: `grants ${service} actions, a service not in allowedServices (${settings.allowedServices.join(', ')})`, ddReason: 'ALLOWS_ACCESS_TO_UNUSED_SERVICES' });
    }
  }
  if (st.resource.negated) {
    out.push({ ...base, actions: st.action.patterns, reason: 'Allow with NotResource grants every resource not listed', ddReason: 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES' });
  }
  return out;
}

export function permissionProblems(document: PolicyDocument, settings: PermissionSettings): PermissionProblem[] {
  return document.statements.filter((st) => st.effect === 'Allow').flatMap((st) => statementProblems(st, settings));
}

/**
 * What an AWS-managed policy grants, by name, for the ones a role alias must not carry. The
 * documents are not in the plan; the names are stable and say enough.
 */
export function managedPolicyProblem(name: string): { reason: string; ddReason: RoleAliasReason } | undefined {
  if (name === 'AdministratorAccess') return { reason: 'grants every action of every service', ddReason: 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES' };
  if (name === 'PowerUserAccess') return { reason: 'grants every action of every service except IAM and Organizations', ddReason: 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES' };
  if (/^(SecurityAudit|ReadOnlyAccess|ViewOnlyAccess|IAM\w*|AWSCloudTrail\w*|AmazonGuardDuty\w*|AmazonInspector\w*|AWSTrustedAdvisor\w*)$/.test(name)) {
    return { reason: 'grants access to security-auditing services (IAM, CloudTrail, GuardDuty, Inspector, Trusted Advisor)', ddReason: 'ALLOWS_ACCESS_TO_SECURITY_AUDITING_SERVICES' };
  }
  if (name === 'AWSIoTDataAccess') return { reason: 'grants iot:Connect, Publish, Subscribe and Receive on every resource', ddReason: 'ALLOWS_BROAD_ACCESS_TO_IOT_DATA_PLANE_ACTIONS' };
  if (/^AWSIoT(Config|ConfigReadOnly|ThingsRegistration|RuleActions)?Access$|^AWSIoTConfig/.test(name)) {
    return { reason: 'grants IoT control-plane actions', ddReason: 'ALLOWS_ACCESS_TO_IOT_NON_THING_ADMIN_ACTIONS' };
  }
  if (/FullAccess$/.test(name)) return { reason: 'grants every action of its service (administrative access)', ddReason: 'ALLOWS_BROAD_ACCESS_TO_USED_SERVICES' };
  return undefined;
}
