import { phiScopeFrom } from '../../../policies/engine/config/scope';
import { dataFlows } from '../../../policies/rules/baa/data-flows';
import { plan } from '../../support/plan-builder';
import { runRule, ruleTester } from '../../support/rule-tester';

const FIXTURE = { file: `${__dirname}/../../fixtures/plans/baa-data-flows.json` };
const SUB = 'aws_sns_topic_subscription';
const FIREHOSE = 'aws_kinesis_firehose_delivery_stream';
const RULE = 'aws_iot_topic_rule';
const byTag = { phiScope: phiScopeFrom({ all: false, tags: { DataClassification: ['PHI'] }, modules: [] }) };

/** A PHI topic and one subscription to it. */
const subscription = (protocol: string, endpoint: string | undefined, extra: { unknown?: string[]; refs?: Record<string, string[]> } = {}) =>
  plan()
    .resource('aws_sns_topic', 't', { values: { name: 't', tags: { DataClassification: 'PHI' } }, unknown: ['arn'] })
    .resource(SUB, 's', {
      values: { protocol, ...(endpoint !== undefined ? { endpoint } : {}) },
      unknown: ['topic_arn', ...(extra.unknown ?? [])],
      refs: { topic_arn: ['aws_sns_topic.t.arn', 'aws_sns_topic.t'], ...(extra.refs ?? {}) },
    });

const iotRule = (actions: Record<string, unknown>, extra: { unknown?: string[]; refs?: Record<string, string[]> } = {}) =>
  plan().resource(RULE, 'r', { values: { name: 'r', sql: "SELECT * FROM 'a'", ...actions }, ...extra });

ruleTester(dataFlows, {
  valid: [
    {
      name: 'SNS to an SQS queue of the plan',
      plan: subscription('sqs', undefined, { unknown: ['endpoint'], refs: { endpoint: ['aws_sqs_queue.q.arn', 'aws_sqs_queue.q'] } }).resource('aws_sqs_queue', 'q', { unknown: ['arn'] }),
    },
    { name: 'SNS over HTTPS to API Gateway (an AWS endpoint)', plan: subscription('https', 'https://abc123.execute-api.us-east-1.amazonaws.com/prod/hook') },
    { name: 'SNS over HTTPS to a Lambda function URL', plan: subscription('https', 'https://abcdefg.lambda-url.us-east-1.on.aws/') },
    { name: 'SNS over HTTPS to a host the organisation has a BAA with', params: { allowExternalHosts: ['hooks.partner.example'] }, plan: subscription('https', 'https://hooks.partner.example/x') },
    { name: 'allowExternalHosts with a subdomain wildcard', params: { allowExternalHosts: ['*.partner.example'] }, plan: subscription('https', 'https://eu.hooks.partner.example/x') },
    { name: 'SNS e-mail subscriptions are not judged', plan: subscription('email', 'records@example.com') },
    {
      name: 'plain HTTP from a topic outside PHI scope',
      options: byTag,
      plan: plan()
        .resource('aws_sns_topic', 'status', { values: { tags: { DataClassification: 'Public' } }, unknown: ['arn'] })
        .resource(SUB, 's', { values: { protocol: 'http', endpoint: 'http://status.example.com/' }, unknown: ['topic_arn'], refs: { topic_arn: ['aws_sns_topic.status.arn'] } }),
    },
    {
      name: 'an endpoint built from an eligible resource (scheme known only after apply)',
      plan: subscription('https', undefined, { unknown: ['endpoint'], refs: { endpoint: ['aws_lb.api.dns_name', 'aws_lb.api'] } }).resource('aws_lb', 'api', { unknown: ['dns_name'] }),
    },
    {
      name: 'Firehose to an S3 bucket of the plan',
      plan: plan()
        .resource('aws_s3_bucket', 'archive', { unknown: ['arn'] })
        .resource(FIREHOSE, 'f', { values: { destination: 'extended_s3', extended_s3_configuration: [{}] }, unknown: ['extended_s3_configuration.0.bucket_arn'], refs: { 'extended_s3_configuration.bucket_arn': ['aws_s3_bucket.archive.arn'] } }),
    },
    {
      name: 'a log subscription filter to a Kinesis stream',
      plan: plan()
        .resource('aws_kinesis_stream', 'logs', { unknown: ['arn'] })
        .resource('aws_cloudwatch_log_subscription_filter', 'f', { values: { filter_pattern: '' }, unknown: ['destination_arn'], refs: { destination_arn: ['aws_kinesis_stream.logs.arn'] } }),
    },
    {
      name: 'an IoT rule writing to DynamoDB and invoking Lambda',
      plan: iotRule({ dynamodbv2: [{ put_item: [{ table_name: 'vitals' }] }], lambda: [{ function_arn: 'arn:aws:lambda:us-east-1:111122223333:function:f' }] }),
    },
    {
      name: 'an IoT rule writing to a Lightsail bucket the organisation accepted',
      params: { allowServices: ['lightsail-object-storage'] },
      plan: iotRule({ s3: [{}] }, { unknown: ['s3.0.bucket_name'], refs: { 's3.bucket_name': ['aws_lightsail_bucket.b.name'] } }).resource('aws_lightsail_bucket', 'b', { unknown: ['name'] }),
    },
    {
      name: 'a pipe from SQS to Step Functions',
      plan: plan()
        .resource('aws_sqs_queue', 'in', { unknown: ['arn'] })
        .resource('aws_sfn_state_machine', 'out', { unknown: ['arn'] })
        .resource('aws_pipes_pipe', 'p', { unknown: ['source', 'target'], refs: { source: ['aws_sqs_queue.in.arn'], target: ['aws_sfn_state_machine.out.arn'] } }),
    },
    {
      name: 'real plan, scope by tag: AWS endpoints, an SQS queue, S3, a Kinesis stream, a topic without PHI',
      options: byTag,
      plan: FIXTURE,
      addresses: [`${SUB}.api_gateway_ok`, `${SUB}.queue_ok`, `${SUB}.public_topic_http`, `${FIREHOSE}.s3_ok`, 'aws_cloudwatch_log_subscription_filter.to_stream_ok', 'aws_cloudwatch_event_api_destination.crm_bad'],
    },
  ],
  invalid: [
    {
      name: 'SNS over plain HTTP to a host outside AWS',
      plan: subscription('http', 'http://hooks.example.com/lab'),
      findings: [{ address: `${SUB}.s`, attribute: 'endpoint', message: 'over plain HTTP to hooks.example.com: ePHI would cross the network unencrypted to a party outside the AWS BAA' }],
    },
    {
      name: 'plain HTTP is not excused by allowExternalHosts',
      params: { allowExternalHosts: ['hooks.example.com'] },
      plan: subscription('http', 'http://hooks.example.com/lab'),
      findings: [{ address: `${SUB}.s`, message: 'over plain HTTP' }],
    },
    {
      name: 'SNS over HTTPS to a host outside AWS',
      plan: subscription('https', 'https://hooks.example.com/lab'),
      findings: [{ address: `${SUB}.s`, message: 'to hooks.example.com, outside AWS: the AWS BAA does not cover it' }],
    },
    {
      name: 'a subscription without tags is in scope through the PHI topic it reads from',
      options: byTag,
      plan: subscription('https', 'https://hooks.example.com/lab'),
      findings: [{ address: `${SUB}.s`, message: 'PHI scope: reads from aws_sns_topic.t: tags: DataClassification=PHI (phiScope.tags).' }],
    },
    {
      name: 'an endpoint known only after apply with nothing to follow',
      plan: subscription('https', undefined, { unknown: ['endpoint'] }),
      findings: [{ address: `${SUB}.s`, status: 'unknown', message: 'endpoint (endpoint) is known only after apply' }],
    },
    {
      name: 'Firehose into a Lightsail bucket, with the evidence of the join',
      plan: plan()
        .resource('aws_lightsail_bucket', 'b', { unknown: ['arn'] })
        .resource(FIREHOSE, 'f', { values: { destination: 'extended_s3', extended_s3_configuration: [{}] }, unknown: ['extended_s3_configuration.0.bucket_arn'], refs: { 'extended_s3_configuration.bucket_arn': ['aws_lightsail_bucket.b.arn', 'aws_lightsail_bucket.b'] } }),
      findings: [
        {
          address: `${FIREHOSE}.f`,
          attribute: 'extended_s3_configuration.bucket_arn',
          message: /to aws_lightsail_bucket\.b, a resource of Amazon Lightsail object storage, which is not on .*Use Amazon S3 instead\. PHI scope/,
          related: 'aws_lightsail_bucket.b',
          via: 'reference',
        },
      ],
    },
    {
      name: 'Firehose to a Splunk endpoint outside AWS',
      plan: plan().resource(FIREHOSE, 'f', { values: { destination: 'splunk', splunk_configuration: [{ hec_endpoint: 'https://http-inputs-acme.splunkcloud.com:443' }] } }),
      findings: [{ address: `${FIREHOSE}.f`, attribute: 'splunk_configuration.hec_endpoint', message: 'records (destination splunk) to http-inputs-acme.splunkcloud.com, outside AWS' }],
    },
    {
      name: 'a log subscription filter to a resource planwarden cannot classify',
      plan: plan()
        .resource('aws_futureservice_sink', 'x', { unknown: ['arn'] })
        .resource('aws_cloudwatch_log_subscription_filter', 'f', { unknown: ['destination_arn'], refs: { destination_arn: ['aws_futureservice_sink.x.arn'] } }),
      findings: [{ address: 'aws_cloudwatch_log_subscription_filter.f', status: 'unknown', related: 'aws_futureservice_sink.x', message: 'whose service planwarden cannot classify' }],
    },
    {
      name: 'an IoT http action whose URL is built from a Lightsail instance',
      plan: iotRule({ http: [{}] }, { unknown: ['http.0.url'], refs: { 'http.url': ['aws_lightsail_instance.ingest.public_ip_address', 'aws_lightsail_instance.ingest'] } }).resource(
        'aws_lightsail_instance',
        'ingest',
        { unknown: ['public_ip_address'] },
      ),
      findings: [{ address: `${RULE}.r`, attribute: 'http[0].url', related: 'aws_lightsail_instance.ingest', message: 'Amazon Lightsail' }],
    },
    {
      name: 'an IoT rule to AWS IoT Analytics, which the data does not classify',
      plan: iotRule({ iot_analytics: [{ channel_name: 'c' }] }),
      findings: [{ address: `${RULE}.r`, status: 'fail', attribute: 'iot_analytics[0].channel_name', message: 'AWS IoT Analytics' }],
    },
    {
      name: 'an EventBridge API destination outside AWS',
      plan: plan().resource('aws_cloudwatch_event_api_destination', 'crm', { values: { invocation_endpoint: 'https://crm.example.com/api' } }),
      findings: [{ address: 'aws_cloudwatch_event_api_destination.crm', attribute: 'invocation_endpoint', message: 'events to crm.example.com, outside AWS' }],
    },
    {
      name: 'real plan, every resource in scope',
      plan: FIXTURE,
      findings: [
        { address: `${SUB}.plain_http_bad`, message: 'over plain HTTP' },
        { address: `${SUB}.external_https`, message: 'outside AWS' },
        { address: `${SUB}.public_topic_http`, message: 'over plain HTTP' },
        { address: `${FIREHOSE}.vendor_http_endpoint`, message: 'intake.vendor-analytics.example, outside AWS' },
        { address: `${RULE}.vitals`, attribute: 'http[0].url', message: 'ingest.example.org' },
        { address: `${RULE}.vitals`, attribute: 's3[0].bucket_name', related: 'aws_lightsail_bucket.exports' },
        { address: `${RULE}.vitals`, attribute: 'iot_analytics[0].channel_name', status: 'fail' },
        { address: `${RULE}.vitals`, attribute: 'error_action[0].http[0].url', message: 'messages (error action http) to alerts.example.net' },
        { address: 'aws_cloudwatch_event_api_destination.crm_bad', message: 'crm.example.com' },
      ],
    },
    {
      name: 'real plan, scope by tag: flows from the PHI topic, the PHI stream and the PHI rule',
      options: byTag,
      plan: FIXTURE,
      findings: [
        { address: `${SUB}.plain_http_bad`, message: 'reads from aws_sns_topic.lab_results' },
        { address: `${SUB}.external_https`, message: 'reads from aws_sns_topic.lab_results' },
        { address: `${FIREHOSE}.vendor_http_endpoint`, message: 'tags_all: DataClassification=PHI' },
        { address: `${RULE}.vitals`, attribute: 'http[0].url' },
        { address: `${RULE}.vitals`, attribute: 's3[0].bucket_name' },
        { address: `${RULE}.vitals`, attribute: 'iot_analytics[0].channel_name', status: 'fail' },
        { address: `${RULE}.vitals`, attribute: 'error_action[0].http[0].url' },
      ],
    },
  ],
});

describe('BAA-003 is advisory', () => {
  it('reports without blocking', () => {
    const [finding] = runRule(dataFlows, subscription('http', 'http://hooks.example.com/lab'));
    expect(finding.status).toBe('fail');
    expect(finding.enforcement).toBe('advisory');
    expect(finding.blocking).toBe(false);
  });
});
