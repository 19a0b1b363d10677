/** Shared facts about ELBv2 (ALB/NLB/GWLB) listeners: their load balancer and their protocol. */
import type { Join, PlanGraph, ResourceInstance } from '../../../engine/types';
import { setting, setString } from './setting';

export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'] as const;
export const LOAD_BALANCER_TYPES = ['aws_lb', 'aws_alb'] as const;
export const LISTENER_RULE_TYPES = ['aws_lb_listener_rule', 'aws_alb_listener_rule'] as const;

export type ListenerProtocol =
  | { readonly kind: 'known'; readonly protocol: string; readonly inferred?: string; readonly loadBalancer?: Join }
  | { readonly kind: 'unknown'; readonly reason: string };

export function loadBalancerOf(graph: PlanGraph, listener: ResourceInstance): Join | undefined {
  return graph.referencesOf(listener, 'load_balancer_arn', { types: LOAD_BALANCER_TYPES, matchValues: ['arn', 'id'] })[0];
}

/**
 * The listener's protocol. When it is omitted AWS picks it from the load balancer type
 * (application → HTTP, network → TCP, gateway → GENEVE); the provider shows it unknown.
 */
export function listenerProtocol(graph: PlanGraph, listener: ResourceInstance): ListenerProtocol {
  const configured = setting(listener, 'protocol');
  if (configured.kind === 'unknown') return { kind: 'unknown', reason: `protocol is known only after apply (it comes from ${configured.references[0]})` };
  const lb = loadBalancerOf(graph, listener);
  const protocol = setString(configured);
  if (protocol !== undefined) return { kind: 'known', protocol: protocol.toUpperCase(), loadBalancer: lb };
  if (!lb) return { kind: 'unknown', reason: 'protocol is omitted and the load balancer is not in this plan, so the AWS default (HTTP for an ALB, TCP for an NLB) cannot be told' };
  const lbType = setting(lb.instance, 'load_balancer_type');
  const type = lbType.kind === 'omitted' ? 'application' : setString(lbType);
  const byType: Record<string, string> = { application: 'HTTP', network: 'TCP', gateway: 'GENEVE' };
  if (type === undefined || !byType[type]) return { kind: 'unknown', reason: `protocol is omitted and the type of ${lb.instance.address} (${type ?? 'known only after apply'}) does not tell AWS's default` };
  return { kind: 'known', protocol: byType[type], inferred: `AWS's default for ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} load balancer`, loadBalancer: lb };
}

/** Protocols whose listener terminates TLS (QUIC carries TLS 1.3 by construction). */
export const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS', 'QUIC']);
/** Protocols that pass bytes through unread: encrypted only if the client and target speak TLS. */
export const PASSTHROUGH_PROTOCOLS = new Set(['TCP', 'UDP', 'TCP_UDP', 'TCP_QUIC']);
