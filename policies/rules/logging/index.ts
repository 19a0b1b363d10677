/** The logging family (LOG-): audit logging and retention. Shared helpers live in ./shared. */
import type { Rule } from '../../engine/types';
import { applicationServiceLogs } from './application-service-logs';
import { apiGatewayAccessLogs } from './apigateway-access-logs';
import { apiGatewayExecutionLogs } from './apigateway-execution-logs';
import { auditBucketObjectLock } from './audit-bucket-object-lock';
import { auditStoreReplacement } from './audit-store-replacement';
import { brokerLogs } from './broker-logs';
import { cloudfrontLogging } from './cloudfront-logging';
import { cloudtrailCloudWatchDelivery } from './cloudtrail-cloudwatch-delivery';
import { cloudtrailLogValidation } from './cloudtrail-log-validation';
import { cloudtrailLoggingEnabled } from './cloudtrail-logging-enabled';
import { cloudtrailManagementEvents } from './cloudtrail-management-events';
import { configRecorder } from './config-recorder';
import { databaseLogExports } from './database-log-exports';
import { eksControlPlaneLogs } from './eks-control-plane-logs';
import { guarddutyDetector } from './guardduty-detector';
import { hostedZoneQueryLogging } from './hosted-zone-query-logging';
import { iotLogging } from './iot-logging';
import { loadBalancerAccessLogs } from './load-balancer-access-logs';
import { logBucketLifecycle } from './log-bucket-lifecycle';
import { logGroupRetention } from './log-group-retention';
import { networkFirewallLogging } from './network-firewall-logging';
import { redshiftAuditLogging } from './redshift-audit-logging';
import { resolverQueryLogging } from './resolver-query-logging';
import { s3AccessLogging } from './s3-access-logging';
import { s3DataEvents } from './s3-data-events';
import { s3Versioning } from './s3-versioning';
import { searchDomainLogs } from './search-domain-logs';
import { vpcFlowLogs } from './vpc-flow-logs';
import { wafLogging } from './waf-logging';

export const loggingRules: readonly Rule[] = [
  logGroupRetention,
  cloudtrailManagementEvents,
  cloudtrailLoggingEnabled,
  cloudtrailLogValidation,
  cloudtrailCloudWatchDelivery,
  s3DataEvents,
  s3AccessLogging,
  logBucketLifecycle,
  auditBucketObjectLock,
  vpcFlowLogs,
  loadBalancerAccessLogs,
  apiGatewayAccessLogs,
  apiGatewayExecutionLogs,
  cloudfrontLogging,
  databaseLogExports,
  searchDomainLogs,
  redshiftAuditLogging,
  eksControlPlaneLogs,
  wafLogging,
  resolverQueryLogging,
  hostedZoneQueryLogging,
  configRecorder,
  guarddutyDetector,
  iotLogging,
  auditStoreReplacement,
  s3Versioning,
  brokerLogs,
  networkFirewallLogging,
  applicationServiceLogs,
];
