/**
 * TLS-014: MSK clusters accept only TLS from clients and encrypt traffic between brokers.
 */
import type { Outcome, ResourceInstance, Rule } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { fromWhat, setBoolean, setting, setString } from './shared/setting';

const CLIENT_BROKER = 'encryption_info.encryption_in_transit.client_broker';
const IN_CLUSTER = 'encryption_info.encryption_in_transit.in_cluster';

export const mskTransit: Rule = {
  id: 'TLS-014',
  title: 'MSK clusters use TLS between clients and brokers and inside the cluster',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_msk_cluster'],
  rationale:
    'Kafka records with ePHI travel from producers to brokers, between brokers and to consumers; client_broker = "TLS_PLAINTEXT" or "PLAINTEXT" opens a cleartext listener, and in_cluster = false replicates in cleartext (164.312(e)(1), (e)(2)(ii)). Relies on: an omitted encryption_info (the plan shows []) or encryption_in_transit block gives AWS\'s defaults, client_broker = "TLS" and in_cluster = true.',
  remediation: 'Set encryption_info { encryption_in_transit { client_broker = "TLS", in_cluster = true } } (or leave both out: those are the defaults).',
  params: {},
  docs: {
    defaults: 'encryption_info omitted: client_broker "TLS", in_cluster true (AWS and provider defaults). aws_msk_serverless_cluster always uses TLS.',
    anchors: ['cdk-nag AwsSolutions-MSK2, MSK3', 'Checkov CKV_AWS_81'],
    example: {
      fail: 'encryption_info {\n  encryption_in_transit {\n    client_broker = "TLS_PLAINTEXT"\n    in_cluster    = true\n  }\n}',
      pass: 'encryption_info {\n  encryption_in_transit {\n    client_broker = "TLS"\n    in_cluster    = true\n  }\n}',
    },
  },
  check(cluster: ResourceInstance): Outcome[] {
    const outcomes: Outcome[] = [];
    const clientBroker = setting(cluster, CLIENT_BROKER);
    if (clientBroker.kind === 'unknown') outcomes.push(unknown(CLIENT_BROKER, `${cluster.address}: client_broker is known only after apply${fromWhat(clientBroker)}`));
    else {
      const value = setString(clientBroker) ?? 'TLS';
      outcomes.push(
        value === 'TLS'
          ? pass(CLIENT_BROKER, `${cluster.address} accepts only TLS clients`)
          : fail(CLIENT_BROKER, `${cluster.address} sets client_broker = "${value}", which opens a cleartext listener to clients; set client_broker = "TLS"`),
      );
    }
    const inCluster = setting(cluster, IN_CLUSTER);
    if (inCluster.kind === 'unknown') outcomes.push(unknown(IN_CLUSTER, `${cluster.address}: in_cluster is known only after apply${fromWhat(inCluster)}`));
    else if (setBoolean(inCluster) === false) outcomes.push(fail(IN_CLUSTER, `${cluster.address} sets in_cluster = false, so brokers replicate in cleartext; set in_cluster = true`));
    return outcomes;
  },
};
