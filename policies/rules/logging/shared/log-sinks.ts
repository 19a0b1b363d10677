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

/** Per graph, per bucket: the deliveries into it. Keyed by graph first, so a bucket can never be answered from another graph's indexes. */
const sinkCaches = new WeakMap<PlanGraph, WeakMap<ResourceInstance, readonly SinkRef[]>>();

/**
 * Everything in the plan that delivers logs into `bucket` (an aws_s3_bucket instance), each once per sink.
 * Several rules ask this of every bucket (LOG-007, LOG-008, LOG-009, LOG-025, LOG-026): it is
 * worked out once per (graph, bucket) and the same frozen list is handed to each. The graph
 * and its instances do not change once built, so the answer cannot go stale.
 */
export function logSinksOf(graph: PlanGraph, bucket: ResourceInstance): readonly SinkRef[] {
  let cache = sinkCaches.get(graph);
  if (!cache) sinkCaches.set(graph, (cache = new WeakMap()));
  let refs = cache.get(bucket);
  if (!refs) {
    refs = findSinks(graph, bucket);
    cache.set(bucket, refs);
  }
  return refs;
}

const NO_SINKS: readonly SinkRef[] = Object.freeze([]);

function findSinks(graph: PlanGraph, bucket: ResourceInstance): readonly SinkRef[] {
  // Most buckets receive nothing: the bookkeeping below is made only once a delivery turns up.
  let found: Found | undefined;
  for (const sink of LOG_SINKS) {
    // The reverse index of a type the plan does not have is empty: skip building and asking it.
    if (graph.byType(sink.type).length === 0) continue;
    for (const join of graph.referrers(bucket, { types: [sink.type], attribute: sink.attribute })) {
      found = add(graph, bucket, found, { sink, instance: join.instance, via: join.via });
    }
  }
  const name = bucket.attr('bucket');
  if (name.state === 'known' && typeof name.value === 'string') {
    for (const ref of nameIndex(graph).get(name.value) ?? []) found = add(graph, bucket, found, ref);
  }
  return found ? Object.freeze(found.out) : NO_SINKS;
}

interface Found {
  readonly out: SinkRef[];
  /** Each delivery once per sink: (sink type, attribute) is unique in LOG_SINKS, and one address is one instance of the graph. */
  readonly seen: Map<SinkSpec, Set<ResourceInstance>>;
  /** Per access-logging sink: the deliveries whose logged bucket is this one (see logsItself). */
  readonly selfLogging: Map<SinkSpec, ReadonlySet<ResourceInstance>>;
}

function add(graph: PlanGraph, bucket: ResourceInstance, found: Found | undefined, ref: SinkRef): Found {
  found ??= { out: [], seen: new Map(), selfLogging: new Map() };
  if (logsItself(graph, ref, bucket, found.selfLogging)) return found; // logging into itself is LOG-007's finding, not a log bucket
  let instances = found.seen.get(ref.sink);
  if (!instances) found.seen.set(ref.sink, (instances = new Set()));
  if (!instances.has(ref.instance)) {
    instances.add(ref.instance);
    found.out.push(ref);
  }
  return found;
}

const NO_INSTANCES: ReadonlySet<ResourceInstance> = new Set();

/**
 * Whether a server access logging delivery is the bucket logging into itself: its `source`
 * attribute (the bucket being logged) ties to this bucket.
 *
 * Asked from the delivery's side this is graph.referencesOf(delivery, source, { types:
 * ['aws_s3_bucket'], matchValues: ['bucket', 'id'] }) containing the bucket, one resolution per
 * delivery: a shared access-log bucket with thousands of deliveries paid for thousands. The same
 * tie asked from the bucket's side is one graph.referrers(bucket, { types: [delivery type],
 * attribute: source, matchValues: ['bucket', 'id'] }) lookup for all of them. Both sides see
 * the same joins: the reverse index is built from referencesOf of every live delivery, and a
 * value tie is the same known string on both. Only the checks on the tied bucket differ, so they are
 * made here: referencesOf only returns a live instance of the asked type.
 */
function logsItself(graph: PlanGraph, ref: SinkRef, bucket: ResourceInstance, cache: Map<SinkSpec, ReadonlySet<ResourceInstance>>): boolean {
  if (ref.instance === bucket) return true;
  const source = ref.sink.source;
  if (source === undefined) return false;
  let loggers = cache.get(ref.sink);
  if (!loggers) {
    loggers =
      bucket.type === 'aws_s3_bucket' && bucket.action !== 'delete'
        ? new Set(graph.referrers(bucket, { types: [ref.sink.type], attribute: source, matchValues: ['bucket', 'id'] }).map((j) => j.instance))
        : NO_INSTANCES;
    cache.set(ref.sink, loggers);
  }
  return loggers.has(ref.instance);
}

/** Deliveries that name a bucket outside the plan (or not resolvable to an instance) by its name. */
export function logSinksNamed(graph: PlanGraph, name: string): SinkRef[] {
  return nameIndex(graph).get(name) ?? [];
}

const descriptions = new WeakMap<readonly SinkRef[], string>();

/**
 * "CloudTrail log files from aws_cloudtrail.a and aws_cloudtrail.b" for messages, grouped by kind of log.
 * Remembered per list: logSinksOf hands every rule the same frozen list for a bucket.
 */
export function describeSinks(refs: readonly SinkRef[]): string {
  const known = descriptions.get(refs);
  if (known !== undefined) return known;
  const byLabel = new Map<string, Set<string>>();
  for (const r of refs) {
    const addresses = byLabel.get(r.sink.label);
    if (addresses) addresses.add(r.instance.address);
    else byLabel.set(r.sink.label, new Set([r.instance.address]));
  }
  const text = [...byLabel]
    .map(([label, addresses]) => {
      const shown: string[] = [];
      for (const a of addresses) {
        if (shown.length === 2) break;
        shown.push(a);
      }
      const rest = addresses.size - shown.length;
      return `${label} from ${shown.join(rest > 0 ? ', ' : ' and ')}${rest > 0 ? ` and ${rest} more` : ''}`;
    })
    .join('; ');
  if (Object.isFrozen(refs)) descriptions.set(refs, text);
  return text;
}
