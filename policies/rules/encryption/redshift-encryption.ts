/** ENC-014: Redshift clusters, Serverless namespaces and cross-region snapshot copy grants encrypt with a customer-managed key. */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, unknown } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext, keyRemediation } from './key-requirement';
import { readSwitch } from './read';

const AWS_KEY = 'an AWS-owned or AWS-managed Redshift key';

function judgeCluster(cluster: ResourceInstance, keys: KeyContext): Outcome {
  const encrypted = readSwitch(cluster.attr('encrypted'), false);
  if (encrypted === 'unknown') return unknown('encrypted', `${cluster.address}: encrypted is known only after apply`);
  if (encrypted === 'on') return judgeKey({ instance: cluster, path: 'kms_key_id', serviceDefault: AWS_KEY, defaultEncrypts: true, ...keys });
  // Provider 5.x writes false for an omitted encrypted, so the plan cannot tell the two apart.
  const how = encrypted === 'off' ? 'has encrypted = false (the provider 5.x default when omitted)' : 'does not set encrypted';
  const note =
    cluster.action === 'create' || cluster.action === 'replace'
      ? ' (since 2025-01-10 AWS encrypts new clusters anyway with an AWS-owned key, and provider 5.x then reports a diff on every plan)'
      : ', so the existing cluster may be unencrypted';
  return fail('encrypted', `${cluster.address} ${how}${note}; set encrypted = true and kms_key_id`, {
    remediation: `Set encrypted = true. ${keyRemediation('kms_key_id')}`,
  });
}

export const redshiftEncryption: Rule = {
  id: 'ENC-014',
  title: 'Redshift clusters and Serverless namespaces encrypt with a customer-managed key',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_redshift_cluster', 'aws_redshiftserverless_namespace', 'aws_redshift_snapshot_copy_grant'],
  rationale:
    'A warehouse of claims or clinical data holds ePHI (164.312(a)(2)(iv)). Since 2025-01-10 AWS encrypts every new provisioned cluster, and Redshift Serverless always encrypts, by default with an AWS-owned key; clusters created earlier may be unencrypted. planwarden asks for encrypted = true with a customer-managed key by default, so the key policy and decrypt trail are yours and cross-region snapshot copies can be granted on it; requireCustomerManagedKey = false accepts AWS\'s keys.',
  remediation: 'Set encrypted = true and kms_key_id to a customer-managed aws_kms_key (Serverless namespaces and snapshot copy grants: kms_key_id).',
  params: customerKeyParam(true, "Redshift's AWS-owned and AWS-managed keys"),
  docs: {
    defaults:
      'Provider 5.x: aws_redshift_cluster.encrypted defaults to false (the provider does not send it, so AWS now encrypts new clusters with an AWS-owned key and the plan shows drift; 6.x changes the default to true); kms_key_id is computed. aws_redshiftserverless_namespace.kms_key_id and aws_redshift_snapshot_copy_grant.kms_key_id are computed: unset means an AWS key.',
    anchors: ['cdk-nag RedshiftClusterConfiguration (encryption part)', 'AWS Config redshift-cluster-configuration-check (clusterDbEncrypted), redshift-cluster-kms-enabled', 'cdk-nag AwsSolutions-RS6', 'Checkov CKV_AWS_64, CKV_AWS_142, CKV_AWS_282, CKV_AWS_281'],
    example: {
      fail: 'resource "aws_redshift_cluster" "claims" {\n  cluster_identifier = "claims"\n  node_type          = "ra3.xlplus"\n}',
      pass: 'resource "aws_redshift_cluster" "claims" {\n  cluster_identifier = "claims"\n  node_type          = "ra3.xlplus"\n  encrypted          = true\n  kms_key_id         = aws_kms_key.warehouse.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    if (instance.type === 'aws_redshift_cluster') return judgeCluster(instance, keys);
    return judgeKey({ instance, path: 'kms_key_id', serviceDefault: AWS_KEY, defaultEncrypts: true, ...keys });
  },
};
