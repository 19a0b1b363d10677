/** The transit family (TLS-): encryption of ePHI in transit, HIPAA 164.312(e). */
import type { Rule } from '../../engine/types';
import { albDropInvalidHeaders } from './alb-drop-invalid-headers';
import { apigatewayBackendHttps } from './apigateway-backend-https';
import { apigatewayClientCertificate } from './apigateway-client-certificate';
import { apigatewayDomainTls } from './apigateway-domain-tls';
import { classicElbListeners } from './classic-elb-listeners';
import { classicElbNegotiationPolicy } from './classic-elb-negotiation-policy';
import { cloudfrontOriginTls } from './cloudfront-origin-tls';
import { cloudfrontViewerTls } from './cloudfront-viewer-tls';
import { dmsEndpointTls } from './dms-endpoint-tls';
import { docdbTls } from './docdb-tls';
import { ecsEfsTransit } from './ecs-efs-transit';
import { elasticacheTransit } from './elasticache-transit';
import { elbv2ListenerProtocol } from './elbv2-listener-protocol';
import { elbv2ListenerTlsPolicy } from './elbv2-listener-tls-policy';
import { emrInTransit } from './emr-in-transit';
import { mskTransit } from './msk-transit';
import { opensearchTransit } from './opensearch-transit';
import { queueTopicSecureTransport } from './queue-topic-secure-transport';
import { rdsForceTls } from './rds-force-tls';
import { redshiftRequireSsl } from './redshift-require-ssl';
import { s3BucketSecureTransport } from './s3-bucket-secure-transport';
import { transferServerProtocols } from './transfer-server-protocols';

export const transitRules: readonly Rule[] = [
  elbv2ListenerProtocol,
  elbv2ListenerTlsPolicy,
  classicElbListeners,
  classicElbNegotiationPolicy,
  cloudfrontViewerTls,
  cloudfrontOriginTls,
  apigatewayDomainTls,
  s3BucketSecureTransport,
  rdsForceTls,
  redshiftRequireSsl,
  docdbTls,
  elasticacheTransit,
  opensearchTransit,
  mskTransit,
  dmsEndpointTls,
  transferServerProtocols,
  queueTopicSecureTransport,
  ecsEfsTransit,
  albDropInvalidHeaders,
  apigatewayBackendHttps,
  apigatewayClientCertificate,
  emrInTransit,
];
