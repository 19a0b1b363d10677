/**
 * Which S3 buckets hold logs, found through the graph: a bucket is a log bucket when something
 * in the plan delivers logs into it — S3 server access logging, a CloudTrail trail, load
 * balancer access logs, a VPC flow log, CloudFront standard logging, Redshift audit logging,
 * an AWS Config delivery channel, WAF, Route 53 Resolver query logging, an EMR log URI.
 * A delivery ties to the bucket by configuration reference or, where values are known, by the
 * bucket's name in whatever form the service writes it (name, ARN, ARN with a prefix,
 * `name.s3.amazonaws.com`, `s3://name/prefix`).
 */
import type { PlanGraph, ResourceInstance } from '../../../engine/types';
import { knownStrings } from './read';

export type SinkKind = 'access-logs' | 'audit-trail' | 'service-logs';

export interface SinkSpec {
  readonly type: string;
  readonly attribute: string;
  readonly label: string;
  readonly kind: SinkKind;
  /** For S3 server access logging: the attribute naming the bucket being logged, so logging into itself is not a log bucket. */
  readonly source?: string;
}

/**
 * Every delivery planwarden knows. `audit-trail` marks the records of account activity
 * (CloudTrail, AWS Config) that Object Lock should make immutable; `access-logs` marks S3 server
 * access logging, whose target bucket S3 forbids from having an Object Lock default retention.
 */
export const LOG_SINKS: readonly SinkSpec[] = [
  { type: 'aws_s3_bucket_logging', attribute: 'target_bucket', label: 'S3 server access logs', kind: 'access-logs', source: 'bucket' },
  { type: 'aws_s3_bucket', attribute: 'logging.target_bucket', label: 'S3 server access logs (inline logging block)', kind: 'access-logs' },
  { type: 'aws_cloudtrail', attribute: 's3_bucket_name', label: 'CloudTrail log files', kind: 'audit-trail' },
  { type: 'aws_config_delivery_channel', attribute: 's3_bucket_name', label: 'AWS Config snapshots and history', kind: 'audit-trail' },
  { type: 'aws_lb', attribute: 'access_logs.bucket', label: 'load balancer access logs', kind: 'service-logs' },
  { type: 'aws_alb', attribute: 'access_logs.bucket', label: 'load balancer access logs', kind: 'service-logs' },
  { type: 'aws_elb', attribute: 'access_logs.bucket', label: 'classic load balancer access logs', kind: 'service-logs' },
  { type: 'aws_flow_log', attribute: 'log_destination', label: 'VPC flow logs', kind: 'service-logs' },
  { type: 'aws_cloudfront_distribution', attribute: 'logging_config.bucket', label: 'CloudFront access logs', kind: 'service-logs' },
  { type: 'aws_cloudwatch_log_delivery_destination', attribute: 'delivery_destination_configuration.destination_resource_arn', label: 'vended logs (CloudWatch log delivery)', kind: 'service-logs' },
  { type: 'aws_redshift_logging', attribute: 'bucket_name', label: 'Redshift audit logs', kind: 'service-logs' },
  { type: 'aws_redshift_cluster', attribute: 'logging.bucket_name', label: 'Redshift audit logs', kind: 'service-logs' },
  { type: 'aws_wafv2_web_acl_logging_configuration', attribute: 'log_destination_configs', label: 'WAF logs', kind: 'service-logs' },
  { type: 'aws_route53_resolver_query_log_config', attribute: 'destination_arn', label: 'Route 53 Resolver query logs', kind: 'service-logs' },
  { type: 'aws_msk_cluster', attribute: 'logging_info.broker_logs.s3.bucket', label: 'MSK broker logs', kind: 'service-logs' },
  { type: 'aws_emr_cluster', attribute: 'log_uri', label: 'EMR cluster logs', kind: 'service-logs' },
];

export interface SinkRef {
  readonly sink: SinkSpec;
  readonly instance: ResourceInstance;
  readonly via: 'reference' | 'instance-key' | 'value';
}

/**
 * The bucket name a delivery value names, in any of the forms services write: a bare name, an
 * S3 ARN (with or without a key prefix), `s3://name/…`, or a `name.s3[.region].amazonaws.com`
 * domain. Other ARNs (log groups, Firehose streams) name no bucket.
 */
export function bucketNameIn(value: string): string | undefined {
  const arn = /^arn:aws[\w-]*:s3:::([^/]+)/.exec(value);
  if (arn) return arn[1];
  if (value.startsWith('arn:')) return undefined;
  const uri = /^s3:\/\/([^/]+)/.exec(value);
  if (uri) return uri[1];
  const domain = /^(.+?)\.s3(?:[.-][\w-]+)?\.amazonaws\.com(?:\.cn)?$/.exec(value);
  if (domain) return domain[1];
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(value) ? value : undefined;
}

const nameIndexes = new WeakMap<PlanGraph, Map<string, SinkRef[]>>();

/** bucket name → deliveries naming it by value; built once per graph. */
function nameIndex(graph: PlanGraph): Map<string, SinkRef[]> {
  let index = nameIndexes.get(graph);
  if (index) return index;
  index = new Map();
  for (const sink of LOG_SINKS) {
    for (const instance of graph.byType(sink.type)) {
      if (instance.mode !== 'managed' || instance.action === 'delete') continue;
      for (const value of knownStrings(instance.attr(sink.attribute)) ?? []) {
        const name = bucketNameIn(value);
        if (name === undefined) continue;
        const list = index.get(name) ?? [];
        list.push({ sink, instance, via: 'value' });
        index.set(name, list);
      }
    }
  }
  nameIndexes.set(graph, index);
  return index;
}

/** Everything in the plan that delivers logs into `bucket` (an aws_s3_bucket instance), each once per sink. */
export function logSinksOf(graph: PlanGraph, bucket: ResourceInstance): SinkRef[] {
  const out: SinkRef[] = [];
  const seen = new Set<string>();
  const add = (ref: SinkRef) => {
    if (logsItself(graph, ref, bucket)) return; // logging into itself is LOG-007's finding, not a log bucket
    const key = `${ref.sink.type}\n${ref.sink.attribute}\n${ref.instance.address}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(ref);
  };
  for (const sink of LOG_SINKS) {
    for (const join of graph.referrers(bucket, { types: [sink.type], attribute: sink.attribute })) add({ sink, instance: join.instance, via: join.via });
  }
  const name = bucket.attr('bucket');
  if (name.state === 'known' && typeof name.value === 'string') {
    for (const ref of nameIndex(graph).get(name.value) ?? []) add(ref);
  }
  return out;
}

/** Whether a server access logging delivery is the bucket logging into itself. */
function logsItself(graph: PlanGraph, ref: SinkRef, bucket: ResourceInstance): boolean {
  if (ref.instance === bucket) return true;
  if (ref.sink.source === undefined) return false;
  return graph.referencesOf(ref.instance, ref.sink.source, { types: ['aws_s3_bucket'], matchValues: ['bucket', 'id'] }).some((j) => j.instance === bucket);
}

/** Deliveries that name a bucket outside the plan (or not resolvable to an instance) by its name. */
export function logSinksNamed(graph: PlanGraph, name: string): SinkRef[] {
  return nameIndex(graph).get(name) ?? [];
}

/** "CloudTrail log files from aws_cloudtrail.a and aws_cloudtrail.b" for messages, grouped by kind of log. */
export function describeSinks(refs: readonly SinkRef[]): string {
  const byLabel = new Map<string, string[]>();
  for (const r of refs) {
    const list = byLabel.get(r.sink.label) ?? [];
    if (!list.includes(r.instance.address)) list.push(r.instance.address);
    byLabel.set(r.sink.label, list);
  }
  return [...byLabel]
    .map(([label, addresses]) => {
      const shown = addresses.slice(0, 2);
      const rest = addresses.length - shown.length;
      return `${label} from ${shown.join(rest > 0 ? ', ' : ' and ')}${rest > 0 ? ` and ${rest} more` : ''}`;
    })
    .join('; ');
}
