/**
 * TLS-022: EMR clusters encrypt data in transit. EMR turns on TLS between nodes and for its
 * applications (Spark, Hadoop shuffle, Presto ...) only through a security configuration whose
 * JSON sets EncryptionConfiguration.EnableInTransitEncryption; a cluster without one moves data
 * between nodes in cleartext.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../support';
import { setting, setString } from './shared/setting';

function inTransitEnabled(configuration: string): boolean | undefined {
  try {
    const doc: unknown = JSON.parse(configuration);
    if (typeof doc !== 'object' || doc === null) return undefined;
    const encryption = (doc as Record<string, unknown>).EncryptionConfiguration;
    if (typeof encryption !== 'object' || encryption === null) return false;
    return (encryption as Record<string, unknown>).EnableInTransitEncryption === true;
  } catch {
    return undefined;
  }
}

export const emrInTransit: Rule = {
  id: 'TLS-022',
  title: 'EMR clusters use a security configuration with in-transit encryption',
  family: 'transit',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_emr_cluster'],
  rationale:
    'EMR jobs process ePHI in bulk; without in-transit encryption, shuffle data and application traffic between nodes cross the network in cleartext (164.312(e)(1), (e)(2)(ii)). Relies on: security_configuration is null when omitted, and EMR then applies no encryption; the security configuration\'s `configuration` is a JSON string written in the plan.',
  remediation: 'Create an aws_emr_security_configuration whose JSON sets EncryptionConfiguration.EnableInTransitEncryption = true with InTransitEncryptionConfiguration.TLSCertificateConfiguration, and set security_configuration on the cluster to its name.',
  params: {},
  docs: {
    defaults: 'security_configuration omitted: none (no encryption). The configuration must be in this plan (joined by reference or by name) for a pass.',
    anchors: ['cdk-nag AwsSolutions-EMR5', 'Checkov CKV_AWS_351'],
    example: {
      fail: 'resource "aws_emr_cluster" "analytics" {\n  name          = "phi-analytics"\n  release_label = "emr-7.2.0"\n  # no security_configuration\n}',
      pass: 'resource "aws_emr_security_configuration" "tls" {\n  name          = "phi-tls"\n  configuration = jsonencode({\n    EncryptionConfiguration = {\n      EnableInTransitEncryption = true\n      EnableAtRestEncryption    = true\n      InTransitEncryptionConfiguration = { TLSCertificateConfiguration = { CertificateProviderType = "PEM", S3Object = "s3://certs/tls.zip" } }\n      AtRestEncryptionConfiguration    = { S3EncryptionConfiguration = { EncryptionMode = "SSE-KMS", AwsKmsKey = "alias/emr" } }\n    }\n  })\n}\n\nresource "aws_emr_cluster" "analytics" {\n  security_configuration = aws_emr_security_configuration.tls.name\n  # ...\n}',
    },
  },
  check(cluster: ResourceInstance, ctx: RuleContext): Outcome {
    const named = setting(cluster, 'security_configuration');
    if (named.kind === 'omitted') {
      return fail('security_configuration', `${cluster.address} has no security_configuration, so EMR does not encrypt data in transit; attach an aws_emr_security_configuration with EnableInTransitEncryption = true`);
    }
    const join = ctx.graph.referencesOf(cluster, 'security_configuration', { types: ['aws_emr_security_configuration'], matchValues: ['name', 'id'] })[0];
    if (!join) {
      const name = setString(named);
      return unknown('security_configuration', `${cluster.address} uses security configuration ${name ? `"${name}"` : '(known only after apply)'}, which is not in this plan; planwarden cannot confirm in-transit encryption`);
    }
    const configuration = setting(join.instance, 'configuration');
    const text = setString(configuration);
    if (text === undefined) {
      return unknown('security_configuration', `${cluster.address}: the configuration of ${join.instance.address} is known only after apply`, { evidence: [evidenceOf(join)] });
    }
    const enabled = inTransitEnabled(text);
    if (enabled === undefined) return unknown('security_configuration', `${cluster.address}: ${join.instance.address} holds no valid JSON configuration`, { evidence: [evidenceOf(join)] });
    if (enabled) return pass('security_configuration', `${cluster.address} encrypts in transit (${join.instance.address})`, { evidence: [evidenceOf(join)] });
    return fail('security_configuration', `${cluster.address} uses ${join.instance.address}, which does not set EncryptionConfiguration.EnableInTransitEncryption = true`, { evidence: [evidenceOf(join)] });
  },
};
