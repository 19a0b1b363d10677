/**
 * The resources that move data from one place to another, and where each one delivers:
 * SNS subscriptions, Firehose delivery streams, CloudWatch Logs subscription filters, IoT topic
 * rules, EventBridge API destinations and Pipes.
 */
import { classifyCloudFormationType, type CloudFormationClassification } from '../../../data/classify';
import type { AttributePath, ResourceInstance } from '../../../engine/types';
import { dotted, knownValue } from '../../support';

export interface FlowDestination {
  /** Dotted path of the attribute that names the destination. */
  readonly attribute: string;
  /** What travels, for messages: "topic messages", "log events". */
  readonly label: string;
  /** url: judge the URL; reference: judge the resources it refers to; service: only the action's service. */
  readonly kind: 'url' | 'reference' | 'service';
  /** The service an action delivers to by its kind (IoT rule actions), classified from its CloudFormation type. */
  readonly service?: { readonly cloudFormationType: string; readonly facts: CloudFormationClassification | undefined };
}

export interface FlowKind {
  /** Attributes that name where the data comes from; a source in PHI scope puts the flow in scope. */
  readonly sources: readonly string[];
  destinations(instance: ResourceInstance): FlowDestination[];
}

function stringOf(instance: ResourceInstance, attribute: string): string | undefined {
  const value = knownValue(instance.attr(attribute));
  return typeof value === 'string' ? value : undefined;
}

const snsSubscription: FlowKind = {
  sources: ['topic_arn'],
  destinations(instance) {
    const protocol = stringOf(instance, 'protocol');
    const label = `topic messages (protocol ${protocol ?? 'unknown'})`;
    if (protocol === 'http' || protocol === 'https') return [{ attribute: 'endpoint', label, kind: 'url' }];
    if (protocol === 'sqs' || protocol === 'lambda' || protocol === 'firehose') return [{ attribute: 'endpoint', label, kind: 'reference' }];
    return [];
  },
};

/** Firehose `destination` → the attribute naming where records go. */
const FIREHOSE_DESTINATIONS: Readonly<Record<string, Pick<FlowDestination, 'attribute' | 'kind'>>> = {
  http_endpoint: { attribute: 'http_endpoint_configuration.url', kind: 'url' },
  splunk: { attribute: 'splunk_configuration.hec_endpoint', kind: 'url' },
  snowflake: { attribute: 'snowflake_configuration.account_url', kind: 'url' },
  extended_s3: { attribute: 'extended_s3_configuration.bucket_arn', kind: 'reference' },
  redshift: { attribute: 'redshift_configuration.cluster_jdbcurl', kind: 'reference' },
  opensearch: { attribute: 'opensearch_configuration.domain_arn', kind: 'reference' },
  elasticsearch: { attribute: 'elasticsearch_configuration.domain_arn', kind: 'reference' },
  opensearchserverless: { attribute: 'opensearchserverless_configuration.collection_endpoint', kind: 'reference' },
  iceberg: { attribute: 'iceberg_configuration.catalog_arn', kind: 'reference' },
};

const firehose: FlowKind = {
  sources: ['kinesis_source_configuration.kinesis_stream_arn', 'msk_source_configuration.msk_cluster_arn'],
  destinations(instance) {
    const destination = stringOf(instance, 'destination');
    const target = destination === undefined ? undefined : FIREHOSE_DESTINATIONS[destination];
    return target === undefined ? [] : [{ ...target, label: `records (destination ${destination})` }];
  },
};

const logSubscription: FlowKind = {
  sources: ['log_group_name'],
  destinations: () => [{ attribute: 'destination_arn', label: 'log events', kind: 'reference' }],
};

/**
 * IoT topic rule actions: the service each delivers to (as a CloudFormation type, classified by
 * the data), and the attribute naming the target or URL. The http action is IoT Core's own; its
 * URL says where the data goes.
 */
const IOT_ACTIONS: Readonly<Record<string, { readonly cloudFormationType: string; readonly target?: string; readonly url?: string }>> = {
  cloudwatch_alarm: { cloudFormationType: 'AWS::CloudWatch::Alarm' },
  cloudwatch_logs: { cloudFormationType: 'AWS::Logs::LogGroup', target: 'log_group_name' },
  cloudwatch_metric: { cloudFormationType: 'AWS::CloudWatch::Alarm' },
  dynamodb: { cloudFormationType: 'AWS::DynamoDB::Table', target: 'table_name' },
  dynamodbv2: { cloudFormationType: 'AWS::DynamoDB::Table', target: 'put_item.table_name' },
  elasticsearch: { cloudFormationType: 'AWS::OpenSearchService::Domain', target: 'endpoint' },
  firehose: { cloudFormationType: 'AWS::KinesisFirehose::DeliveryStream', target: 'delivery_stream_name' },
  http: { cloudFormationType: 'AWS::IoT::TopicRule', url: 'url' },
  iot_analytics: { cloudFormationType: 'AWS::IoTAnalytics::Channel', target: 'channel_name' },
  iot_events: { cloudFormationType: 'AWS::IoTEvents::Input', target: 'input_name' },
  kafka: { cloudFormationType: 'AWS::IoT::TopicRuleDestination', target: 'destination_arn' },
  kinesis: { cloudFormationType: 'AWS::Kinesis::Stream', target: 'stream_name' },
  lambda: { cloudFormationType: 'AWS::Lambda::Function', target: 'function_arn' },
  republish: { cloudFormationType: 'AWS::IoT::TopicRule' },
  s3: { cloudFormationType: 'AWS::S3::Bucket', target: 'bucket_name' },
  sns: { cloudFormationType: 'AWS::SNS::Topic', target: 'target_arn' },
  sqs: { cloudFormationType: 'AWS::SQS::Queue', target: 'queue_url' },
  step_functions: { cloudFormationType: 'AWS::StepFunctions::StateMachine', target: 'state_machine_name' },
  timestream: { cloudFormationType: 'AWS::Timestream::Table', target: 'database_name' },
};

/** Classified once, at load. */
const IOT_ACTION_SERVICES = new Map(Object.entries(IOT_ACTIONS).map(([name, a]) => [name, { cloudFormationType: a.cloudFormationType, facts: classifyCloudFormationType(a.cloudFormationType) }]));

function iotActionsAt(instance: ResourceInstance, prefix: AttributePath): FlowDestination[] {
  const out: FlowDestination[] = [];
  for (const [name, action] of Object.entries(IOT_ACTIONS)) {
    for (const block of instance.blocks([...prefix, name])) {
      const label = `messages (${prefix.length > 0 ? 'error action' : 'action'} ${name})`;
      const service = IOT_ACTION_SERVICES.get(name);
      const leaf = action.url ?? action.target;
      const attribute = leaf === undefined ? dotted(block) : dotted([...block, ...leaf.split('.')]);
      const kind = action.url !== undefined ? 'url' : action.target !== undefined ? 'reference' : 'service';
      out.push({ attribute, label, kind, ...(service !== undefined ? { service } : {}) });
    }
  }
  return out;
}

const iotTopicRule: FlowKind = {
  sources: [],
  destinations(instance) {
    return [...iotActionsAt(instance, []), ...instance.blocks('error_action').flatMap((block) => iotActionsAt(instance, block))];
  },
};

const apiDestination: FlowKind = {
  sources: [],
  destinations: () => [{ attribute: 'invocation_endpoint', label: 'events', kind: 'url' }],
};

const pipe: FlowKind = {
  sources: ['source'],
  destinations: () => [{ attribute: 'target', label: 'events', kind: 'reference' }],
};

export const FLOW_KINDS: ReadonlyMap<string, FlowKind> = new Map([
  ['aws_sns_topic_subscription', snsSubscription],
  ['aws_kinesis_firehose_delivery_stream', firehose],
  ['aws_cloudwatch_log_subscription_filter', logSubscription],
  ['aws_iot_topic_rule', iotTopicRule],
  ['aws_cloudwatch_event_api_destination', apiDestination],
  ['aws_pipes_pipe', pipe],
]);
