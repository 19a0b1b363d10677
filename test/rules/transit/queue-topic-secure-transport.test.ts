import { queueTopicSecureTransport } from '../../../policies/rules/transit/queue-topic-secure-transport';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT_DATA } from './fixtures';

const deny = (action: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: action, Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] });

ruleTester(queueTopicSecureTransport, {
  valid: [
    {
      name: 'queue with an aws_sqs_queue_policy denying sqs:* without TLS',
      plan: plan()
        .resource('aws_sqs_queue', 'intake', { unknown: ['id', 'url', 'policy'] })
        .resource('aws_sqs_queue_policy', 'intake', { values: { policy: deny('sqs:*') }, unknown: ['queue_url'], refs: { queue_url: ['aws_sqs_queue.intake.id', 'aws_sqs_queue.intake'] } }),
    },
    { name: 'topic with an inline policy denying SNS:Publish without TLS', plan: plan().resource('aws_sns_topic', 'alerts', { values: { policy: deny('SNS:Publish') } }) },
    {
      name: 'topic policy companion joined by a literal ARN, in a module',
      plan: plan()
        .resource('aws_sns_topic', 'this', { module: 'module.alerts', values: { arn: 'arn:aws:sns:us-east-1:1:alerts' }, unknown: ['policy'] })
        .resource('aws_sns_topic_policy', 'this', { module: 'module.alerts', values: { arn: 'arn:aws:sns:us-east-1:1:alerts', policy: deny('sns:*') } }),
    },
    { name: 'outside PHI scope', plan: plan().resource('aws_sqs_queue', 'metrics', { unknown: ['policy'] }), options: { phiScope: () => ({ inScope: false, reason: 'untagged' }) } },
    { name: 'real plan: queue policy companion, inline topic policy', plan: TRANSIT_DATA, addresses: ['aws_sqs_queue.tls_only_ok', 'aws_sns_topic.tls_only_ok'] },
  ],
  invalid: [
    {
      name: 'queue without a policy',
      plan: plan().resource('aws_sqs_queue', 'intake', { unknown: ['id', 'policy'] }),
      findings: [{ address: 'aws_sqs_queue.intake', attribute: 'policy', message: 'has no queue policy' }],
    },
    {
      name: 'queue policy that denies only sqs:SendMessage',
      plan: plan()
        .resource('aws_sqs_queue', 'intake', { unknown: ['id', 'policy'] })
        .resource('aws_sqs_queue_policy', 'intake', { values: { policy: deny('sqs:SendMessage') }, unknown: ['queue_url'], refs: { queue_url: ['aws_sqs_queue.intake.id'] } }),
      findings: [{ address: 'aws_sqs_queue.intake', message: 'not sqs:ReceiveMessage', related: 'aws_sqs_queue_policy.intake' }],
    },
    {
      name: 'existing topic whose (known) policy is the AWS default',
      plan: plan().resource('aws_sns_topic', 'alerts', {
        action: 'no-op',
        values: { policy: JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish'], Resource: '*', Condition: { StringEquals: { 'AWS:SourceOwner': '1' } } }] }) },
      }),
      findings: [{ address: 'aws_sns_topic.alerts', message: 'has no statement denying' }],
    },
    {
      name: 'topic policy from a variable, unknown at plan time',
      plan: plan().resource('aws_sns_topic', 'alerts', { unknown: ['policy'], refs: { policy: ['var.topic_policy'] } }),
      findings: [{ address: 'aws_sns_topic.alerts', status: 'unknown', message: 'var.topic_policy' }],
    },
    {
      name: 'real plan: a queue and a topic with no policy',
      plan: TRANSIT_DATA,
      findings: [
        { address: 'aws_sqs_queue.no_policy', message: 'has no queue policy' },
        { address: 'aws_sns_topic.no_policy', message: 'AWS default policy' },
      ],
    },
  ],
});
