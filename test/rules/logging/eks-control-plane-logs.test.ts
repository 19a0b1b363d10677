import { eksControlPlaneLogs } from '../../../policies/rules/logging/eks-control-plane-logs';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { FIXTURES } from './judged';

const EKS = 'aws_eks_cluster';
const SERVICES = { file: `${FIXTURES}/logging-services.json` };
const ALL = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];

ruleTester(eksControlPlaneLogs, {
  valid: [
    { name: 'all five log types', plan: plan().resource(EKS, 'c', { values: { enabled_cluster_log_types: ALL } }) },
    { name: 'a narrower required set from the config', params: { requiredLogTypes: ['api', 'audit', 'authenticator'] }, plan: plan().resource(EKS, 'c', { values: { enabled_cluster_log_types: ['api', 'audit', 'authenticator'] } }) },
    { name: 'a count instance in a module', plan: plan().resource(EKS, 'this', { module: 'module.eks', index: 0, values: { enabled_cluster_log_types: ALL } }) },
    { name: 'real plan', plan: SERVICES, addresses: [`${EKS}.all_logs_ok`] },
  ],
  invalid: [
    { name: 'omitted (plan shows null)', plan: plan().resource(EKS, 'c', { values: { enabled_cluster_log_types: null } }), findings: [{ address: `${EKS}.c`, attribute: 'enabled_cluster_log_types' }] },
    { name: 'three of five', plan: plan().resource(EKS, 'c', { values: { enabled_cluster_log_types: ['api', 'audit', 'authenticator'] } }), findings: [{ address: `${EKS}.c`, message: 'controllerManager and scheduler' }] },
    {
      name: 'an update that drops audit says so',
      plan: plan().resource(EKS, 'c', { action: 'update', values: { enabled_cluster_log_types: ['api'] }, before: { enabled_cluster_log_types: ['api', 'audit'] } }),
      findings: [{ address: `${EKS}.c`, message: 'this update stops audit' }],
    },
    { name: 'known only after apply', plan: plan().resource(EKS, 'c', { unknown: ['enabled_cluster_log_types'] }), findings: [{ address: `${EKS}.c`, status: 'unknown' }] },
    { name: 'real plan', plan: SERVICES, findings: [{ address: `${EKS}.audit_only_bad` }] },
  ],
});
