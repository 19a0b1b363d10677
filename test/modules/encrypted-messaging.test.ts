import { EncryptedQueue } from '../../modules/encrypted-queue';
import { EncryptedTopic } from '../../modules/encrypted-topic';
import { KmsKey } from '../../modules/kms-key';
import { ENV, policyOf, synth } from './synth';

const denyWithoutTls = (action: string, resource: string) => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: action,
  Resource: [resource],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('EncryptedQueue', () => {
  it('encrypts with its own customer-managed key and denies requests without TLS', () => {
    const out = synth((scope) => new EncryptedQueue(scope, 'intake', { env: ENV, queueName: 'phi-intake' }));
    const queue = out.one('aws_sqs_queue');
    expect(queue.config).toMatchObject({
      name: 'phi-intake',
      kms_master_key_id: out.one('aws_kms_key').ref('arn'),
      kms_data_key_reuse_period_seconds: 300,
      message_retention_seconds: 345600,
    });
    const policy = out.one('aws_sqs_queue_policy');
    expect(policy.config.queue_url).toBe(queue.ref('url'));
    expect(policyOf(policy).Statement).toEqual([denyWithoutTls('sqs:*', 'arn:aws:sqs:eu-west-1:111122223333:phi-intake')]);
  });

  it('becomes FIFO, uses a shared key, and takes extra statements (never public)', () => {
    const out = synth((scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'shared' });
      const queue = new EncryptedQueue(scope, 'intake', { env: ENV, queueName: 'orders', fifo: true, kmsKey: key, messageRetentionSeconds: 1_209_600 });
      queue.addToPolicy({ Sid: 'TopicSends', Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queue.queueArn, Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:111122223333:t' } } });
      expect(() => queue.addToPolicy({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*' })).toThrow(/public/);
    });
    expect(out.count('aws_kms_key')).toBe(1);
    expect(out.one('aws_sqs_queue').config).toMatchObject({ name: 'orders.fifo', fifo_queue: true, message_retention_seconds: 1209600, kms_master_key_id: out.one('aws_kms_key').ref('arn') });
    expect(policyOf(out.one('aws_sqs_queue_policy')).Statement.map((s) => s.Sid)).toEqual(['DenyInsecureTransport', 'TopicSends']);
  });

  it('refuses invalid retention and names', () => {
    expect(() => synth((scope) => new EncryptedQueue(scope, 'q', { env: ENV, queueName: 'q', messageRetentionSeconds: 30 }))).toThrow(/messageRetentionSeconds/);
    expect(() => synth((scope) => new EncryptedQueue(scope, 'q', { env: ENV, queueName: 'bad name' }))).toThrow(/queue name/);
  });
});

describe('EncryptedTopic', () => {
  it('encrypts with its own customer-managed key and denies publishing without TLS', () => {
    const out = synth((scope) => new EncryptedTopic(scope, 'alerts', { env: ENV, topicName: 'phi-alerts' }));
    const topic = out.one('aws_sns_topic');
    expect(topic.config).toMatchObject({ name: 'phi-alerts', kms_master_key_id: out.one('aws_kms_key').ref('arn') });
    const policy = out.one('aws_sns_topic_policy');
    expect(policy.config.arn).toBe(topic.ref('arn'));
    expect(policyOf(policy).Statement).toEqual([denyWithoutTls('sns:Publish', 'arn:aws:sns:eu-west-1:111122223333:phi-alerts')]);
  });

  it('becomes FIFO and uses a shared key', () => {
    const out = synth((scope) => {
      const key = new KmsKey(scope, 'key', { env: ENV, alias: 'shared' });
      new EncryptedTopic(scope, 'alerts', { env: ENV, topicName: 'alerts', fifo: true, kmsKey: key });
    });
    expect(out.count('aws_kms_key')).toBe(1);
    expect(out.one('aws_sns_topic').config).toMatchObject({ name: 'alerts.fifo', fifo_topic: true });
  });
});
