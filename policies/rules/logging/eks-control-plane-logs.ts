/**
 * LOG-018: EKS clusters send control-plane logs — API server, audit, authenticator, controller
 * manager, scheduler — to CloudWatch Logs.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { priorValue } from './shared/change';
import { listText, stringList } from './shared/read';

const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

export const eksControlPlaneLogs: Rule = {
  id: 'LOG-018',
  title: 'EKS clusters send control-plane logs to CloudWatch Logs',
  family: 'logging',
  severity: 'medium',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  resourceTypes: ['aws_eks_cluster'],
  rationale:
    'The Kubernetes audit and authenticator logs record every call to the cluster API — who exec\'d into which pod, read which secret, changed which role — the activity record for workloads processing ePHI (164.312(b), 164.308(a)(1)(ii)(D)). EKS sends none of them anywhere unless asked. Relies on: the provider plans enabled_cluster_log_types = null when omitted.',
  remediation: 'Set enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"] and create the /aws/eks/<name>/cluster log group with the family retention.',
  params: {
    requiredLogTypes: {
      description: 'Control-plane log types every cluster must enable.',
      default: [...LOG_TYPES],
      allowed: [...LOG_TYPES],
    },
  },
  docs: {
    defaults: 'Provider 5.x plans enabled_cluster_log_types = null when omitted; EKS then sends no control-plane logs.',
    anchors: ['cdk-nag AwsSolutions EKS2', 'Checkov CKV_AWS_37'],
    example: {
      fail: 'resource "aws_eks_cluster" "main" {\n  name     = "main"\n  role_arn = aws_iam_role.eks.arn\n  # …\n}',
      pass: 'resource "aws_eks_cluster" "main" {\n  name                      = "main"\n  role_arn                  = aws_iam_role.eks.arn\n  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]\n  # …\n}',
    },
  },
  check(cluster: ResourceInstance, ctx: RuleContext): Outcome {
    const wanted = Array.isArray(ctx.params.requiredLogTypes) ? ctx.params.requiredLogTypes.filter((x): x is string => typeof x === 'string') : [...LOG_TYPES];
    const enabled = stringList(cluster, 'enabled_cluster_log_types');
    const missing = wanted.filter((t) => !enabled.values.includes(t));
    if (missing.length === 0) return pass('enabled_cluster_log_types', `${cluster.address} sends ${listText(wanted)} logs`);
    if (enabled.unknown) return unknown('enabled_cluster_log_types', `${cluster.address}: enabled_cluster_log_types is known only after apply`);
    const prior = priorValue(cluster, 'enabled_cluster_log_types');
    const dropped = Array.isArray(prior) ? prior.filter((p): p is string => typeof p === 'string' && missing.includes(p)) : [];
    const change = dropped.length > 0 ? ` (this update stops ${listText(dropped)})` : '';
    return fail('enabled_cluster_log_types', `${cluster.address} does not send ${listText(missing)} control-plane logs${change}; add them to enabled_cluster_log_types`);
  },
};
