/**
 * Judging where a data flow delivers: a URL (plain HTTP, an AWS endpoint, or a host outside AWS)
 * or a resource the configuration refers to (classified like BAA-001 classifies any resource).
 */
import type { CloudFormationClassification } from '../../../data/classify';
import type { Join, Outcome, ResourceInstance, RuleContext } from '../../../engine/types';
import { evidenceOf, show } from '../../support';
import { LIST_NAME, alternativeOf } from '../list';
import { serviceOf } from '../service-of';
import { verdict } from '../verdict';

/** Hosts of AWS service endpoints: amazonaws.com (and .com.cn), Lambda function URLs (on.aws), the dual-stack api.aws. */
const AWS_HOST = /(^|\.)(amazonaws\.com(\.cn)?|on\.aws|api\.aws)$/i;

export interface FlowSettings {
  /** Hosts outside AWS the organisation has a business associate agreement with: exact, or *.example.com. */
  readonly allowHosts: readonly string[];
  /** Not-eligible service ids accepted by the organisation (BAA-001's allowServices). */
  readonly allowServices: readonly string[];
}

function hostAllowed(host: string, allowHosts: readonly string[]): boolean {
  const h = host.toLowerCase();
  return allowHosts.some((a) => {
    const allowed = a.toLowerCase();
    return allowed.startsWith('*.') ? h.endsWith(allowed.slice(1)) : h === allowed;
  });
}

/** Judges each resource the attribute refers to; none is a pass (the destination is outside this plan). */
export function judgeReferences(instance: ResourceInstance, attribute: string, label: string, ctx: RuleContext, settings: FlowSettings): Outcome[] {
  return judgeJoins(instance, attribute, label, ctx.graph.referencesOf(instance, attribute), settings);
}

function judgeJoins(instance: ResourceInstance, attribute: string, label: string, joins: readonly Join[], settings: FlowSettings): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const join of joins) {
    const target = serviceOf(join.instance);
    if (target === undefined) continue;
    const evidence = [evidenceOf(join)];
    if (target.state === 'classified') {
      const { facts } = target;
      if (facts.eligibility !== 'not-eligible' || settings.allowServices.includes(facts.serviceId)) continue;
      outcomes.push(
        verdict('fail', attribute, `${instance.address} sends ${label} to ${join.instance.address}, a resource of ${facts.serviceName}, which is not on ${LIST_NAME}.${alternativeOf(facts)}`, {
          evidence,
          remediation: `Deliver to a resource of a service on AWS's list${facts.alternative !== undefined ? ` (${facts.alternative})` : ''}, or stop sending ePHI through this flow.`,
        }),
      );
    } else {
      outcomes.push(
        verdict('unknown', attribute, `${instance.address} sends ${label} to ${join.instance.address}, whose service planwarden cannot classify (${target.subject})`, { evidence }),
      );
    }
  }
  return outcomes;
}

/** Judges a destination URL: https to AWS or an allowed host passes; plain http and other hosts fail. */
export function judgeUrl(instance: ResourceInstance, attribute: string, label: string, ctx: RuleContext, settings: FlowSettings): Outcome[] {
  const value = instance.attr(attribute);
  if (value.state === 'absent' || (value.state === 'known' && (value.value === null || value.value === ''))) return [];
  if (value.state === 'unknown') {
    // The URL is built from other resources: judge those; the scheme is not visible until apply.
    const joins = ctx.graph.referencesOf(instance, attribute);
    if (joins.length > 0) return judgeJoins(instance, attribute, label, joins, settings);
    return [verdict('unknown', attribute, `${instance.address}: the ${label} endpoint (${attribute}) is known only after apply, so planwarden cannot tell where it delivers`)];
  }
  if (typeof value.value !== 'string') return [];
  let url: URL;
  try {
    url = new URL(value.value);
  } catch {
    return [verdict('unknown', attribute, `${instance.address}: ${attribute} ${show(value)} is not a URL planwarden can read`)];
  }
  // A sensitive URL is judged by its real host but never printed: messages name it generically.
  const realHost = url.hostname;
  const host = value.sensitive ? '(an endpoint marked sensitive)' : realHost;
  if (url.protocol === 'http:') {
    return [
      verdict('fail', attribute, `${instance.address} sends ${label} over plain HTTP to ${host}: ePHI would cross the network unencrypted${AWS_HOST.test(realHost) ? '' : ' to a party outside the AWS BAA'}`, {
        remediation: `Use an https:// endpoint${AWS_HOST.test(realHost) ? '' : ' run by a party your organisation has a business associate agreement with'}.`,
      }),
    ];
  }
  if (url.protocol !== 'https:') return [verdict('unknown', attribute, `${instance.address}: ${attribute} uses the ${url.protocol} scheme, which planwarden cannot judge`)];
  if (AWS_HOST.test(realHost)) return [verdict('pass', attribute, `${instance.address} sends ${label} to an AWS endpoint over HTTPS`)];
  if (hostAllowed(realHost, settings.allowHosts)) return [verdict('pass', attribute, `${instance.address} sends ${label} to ${host}, accepted by allowExternalHosts`)];
  return [
    verdict('fail', attribute, `${instance.address} sends ${label} to ${host}, outside AWS: the AWS BAA does not cover it, so ePHI may go there only under a business associate agreement with its operator`, {
      remediation: `If ${host} is run by a business associate your organisation has an agreement with, list it in the BAA-003 param allowExternalHosts; otherwise deliver to an eligible AWS service or keep ePHI out of this flow.`,
    }),
  ];
}

/** Judges the service an action delivers to by its kind (an IoT rule's iot_analytics action, say), from the data. */
export function judgeService(
  instance: ResourceInstance,
  attribute: string,
  label: string,
  cloudFormationType: string,
  service: CloudFormationClassification | undefined,
  settings: FlowSettings,
): Outcome[] {
  if (service === undefined) {
    return [verdict('unknown', attribute, `${instance.address} sends ${label} to ${cloudFormationType}, whose service is not in planwarden's service map`)];
  }
  if (service.eligibility !== 'not-eligible' || settings.allowServices.includes(service.serviceId)) return [];
  return [
    verdict('fail', attribute, `${instance.address} sends ${label} to ${service.serviceName}, which is not on ${LIST_NAME}.${alternativeOf(service)}`, {
      remediation: `Deliver to a service on AWS's list${service.alternative !== undefined ? ` (${service.alternative})` : ''}, or stop sending ePHI through this action.`,
    }),
  ];
}
