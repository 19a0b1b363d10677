import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { AwsEnvironment, arnFor, validateEnvironment } from './environment';
import { EncryptionKey, keyOrNew } from './kms-key';
import { PolicyStatement, assertNotPublic, denyInsecureTransport, renderPolicy } from './policy-document';

export interface EncryptedTopicProps {
  readonly env: AwsEnvironment;
  /** Topic name; FIFO topics get the `.fifo` suffix added. A literal name keeps the topic policy known at plan time. */
  readonly topicName: string;
  /** FIFO topic. Default false. */
  readonly fifo?: boolean;
  /** Key for messages at rest. Default: a new KmsKey. */
  readonly kmsKey?: EncryptionKey;
  readonly tags?: Record<string, string>;
}

/** An SNS topic encrypted with a customer-managed key whose policy refuses publishing without TLS. */
export class EncryptedTopic extends Construct {
  readonly topic: SnsTopic;
  readonly topicName: string;
  /** Built from the name: known at plan time, for policies. */
  readonly topicArn: string;
  readonly kmsKey: EncryptionKey;
  private readonly extraStatements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: EncryptedTopicProps) {
    super(scope, id);
    validateEnvironment(props.env);
    const fifo = props.fifo ?? false;
    const topicName = fifo && !props.topicName.endsWith('.fifo') ? `${props.topicName}.fifo` : props.topicName;
    if (!/^[a-zA-Z0-9_-]{1,251}(\.fifo)?$/.test(topicName)) {
      throw new Error(`EncryptedTopic ${id}: topic name "${topicName}" must be letters, digits, "-" or "_"`);
    }
    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env: props.env,
      alias: `sns/${topicName.replace('.fifo', '')}`,
      description: `Encrypts SNS topic ${topicName}`,
      tags: props.tags,
    });
    this.topicName = topicName;
    this.topicArn = arnFor(props.env, 'sns', topicName);
    this.topic = new SnsTopic(this, 'topic', {
      name: topicName,
      fifoTopic: fifo || undefined,
      kmsMasterKeyId: this.kmsKey.keyArn,
      tags: props.tags,
    });
    new SnsTopicPolicy(this, 'policy', {
      arn: this.topic.arn,
      // Publish is the action that carries data in; AWS's enforce-TLS example for SNS denies exactly it.
      policy: Lazy.stringValue({
        produce: () => renderPolicy([denyInsecureTransport('sns:Publish', [this.topicArn]), ...this.extraStatements]),
      }),
    });
  }

  /** Adds a statement to the topic policy (e.g. a service that may publish); public Allows are refused. */
  addToPolicy(statement: PolicyStatement): void {
    assertNotPublic(statement, `topic ${this.topicName} policy`);
    this.extraStatements.push(statement);
  }
}
