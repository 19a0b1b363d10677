import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { AwsEnvironment, arnFor, validateEnvironment } from './environment';
import { EncryptionKey, keyOrNew } from './kms-key';
import { PolicyStatement, assertNotPublic, denyInsecureTransport, renderPolicy } from './policy-document';
import { validateWholeDays } from './retention';

export interface EncryptedQueueProps {
  readonly env: AwsEnvironment;
  /** Queue name; FIFO queues get the `.fifo` suffix added. A literal name keeps the queue policy known at plan time. */
  readonly queueName: string;
  /** FIFO (exactly-once, ordered) instead of standard. Default false. */
  readonly fifo?: boolean;
  /** Key for messages at rest. Default: a new KmsKey. */
  readonly kmsKey?: EncryptionKey;
  /** Seconds a message is kept, 60–1209600. Default 345600 (4 days, the SQS default). */
  readonly messageRetentionSeconds?: number;
  /** Seconds a received message stays hidden, 0–43200. Default 30. */
  readonly visibilityTimeoutSeconds?: number;
  readonly tags?: Record<string, string>;
}

/** An SQS queue encrypted with a customer-managed key whose policy refuses requests without TLS. */
export class EncryptedQueue extends Construct {
  readonly queue: SqsQueue;
  readonly queueName: string;
  /** Built from the name: known at plan time, for policies. */
  readonly queueArn: string;
  readonly kmsKey: EncryptionKey;
  private readonly extraStatements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: EncryptedQueueProps) {
    super(scope, id);
    validateEnvironment(props.env);
    const fifo = props.fifo ?? false;
    const queueName = fifo && !props.queueName.endsWith('.fifo') ? `${props.queueName}.fifo` : props.queueName;
    if (!/^[a-zA-Z0-9_-]{1,75}(\.fifo)?$/.test(queueName)) {
      throw new Error(`EncryptedQueue ${id}: queue name "${queueName}" must be letters, digits, "-" or "_" (max 80 with .fifo)`);
    }
    const messageRetentionSeconds = props.messageRetentionSeconds ?? 345_600;
    validateWholeDays(messageRetentionSeconds, 60, 1_209_600, `EncryptedQueue ${queueName}: messageRetentionSeconds`);
    const visibilityTimeoutSeconds = props.visibilityTimeoutSeconds ?? 30;
    validateWholeDays(visibilityTimeoutSeconds, 0, 43_200, `EncryptedQueue ${queueName}: visibilityTimeoutSeconds`);

    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env: props.env,
      alias: `sqs/${queueName.replace('.fifo', '')}`,
      description: `Encrypts SQS queue ${queueName}`,
      tags: props.tags,
    });
    this.queueName = queueName;
    this.queueArn = arnFor(props.env, 'sqs', queueName);
    this.queue = new SqsQueue(this, 'queue', {
      name: queueName,
      fifoQueue: fifo || undefined,
      kmsMasterKeyId: this.kmsKey.keyArn,
      // SQS reuses a data key for this long before asking KMS again: 5 minutes is the SQS default.
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds,
      visibilityTimeoutSeconds,
      tags: props.tags,
    });
    new SqsQueuePolicy(this, 'policy', {
      queueUrl: this.queue.url,
      policy: Lazy.stringValue({
        produce: () => renderPolicy([denyInsecureTransport('sqs:*', [this.queueArn]), ...this.extraStatements]),
      }),
    });
  }

  /** Adds a statement to the queue policy (e.g. an SNS topic that may send); public Allows are refused. */
  addToPolicy(statement: PolicyStatement): void {
    assertNotPublic(statement, `queue ${this.queueName} policy`);
    this.extraStatements.push(statement);
  }
}
