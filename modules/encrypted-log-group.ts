import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { AwsEnvironment, logGroupArn, validateEnvironment } from './environment';
import { EncryptionKey, keyOrNew } from './kms-key';
import { SIX_YEARS_IN_DAYS, validateLogRetentionDays } from './retention';

export interface EncryptedLogGroupProps {
  readonly env: AwsEnvironment;
  /** The log group name, e.g. `/aws/vpc/flow-logs/main`. Services that create their own group expect a fixed name. */
  readonly logGroupName: string;
  /**
   * Days to keep events. Default 2192 (six years, HIPAA 164.316(b)(2)(i)). Only CloudWatch's
   * allowed values of six years or more are accepted: 2192, 2557, 2922, 3288, 3653.
   */
  readonly retentionDays?: number;
  /** Key for the events (the key policy gets a CloudWatch Logs grant for this group). Default: a new KmsKey. */
  readonly kmsKey?: EncryptionKey;
  /**
   * Keep the log group (and its events) when the stack is destroyed. Default true: an audit
   * log that disappears with `terraform destroy` has not been retained.
   */
  readonly retainOnDestroy?: boolean;
  readonly tags?: Record<string, string>;
}

/** A CloudWatch log group encrypted with a customer-managed key and kept for at least six years. */
export class EncryptedLogGroup extends Construct {
  readonly logGroup: CloudwatchLogGroup;
  readonly logGroupName: string;
  /** The ARN built from the name: known at plan time, for policies. */
  readonly logGroupArn: string;
  /** The resource's `arn` attribute: a reference, for wiring (creates the dependency). */
  readonly arnReference: string;
  readonly kmsKey: EncryptionKey;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    validateEnvironment(props.env);
    const retentionDays = props.retentionDays ?? SIX_YEARS_IN_DAYS;
    validateLogRetentionDays(retentionDays, `EncryptedLogGroup ${props.logGroupName}`);

    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env: props.env,
      alias: `logs/${props.logGroupName.replace(/^\/+/, '').replace(/[^a-zA-Z0-9/_-]/g, '-')}`,
      description: `Encrypts CloudWatch log group ${props.logGroupName}`,
      tags: props.tags,
    });
    this.kmsKey.allow({ kind: 'cloudwatch-logs', logGroupName: props.logGroupName });

    this.logGroup = new CloudwatchLogGroup(this, 'log-group', {
      name: props.logGroupName,
      retentionInDays: retentionDays,
      kmsKeyId: this.kmsKey.keyArn,
      skipDestroy: props.retainOnDestroy ?? true,
      tags: props.tags,
    });
    this.logGroupName = props.logGroupName;
    this.logGroupArn = logGroupArn(props.env, props.logGroupName);
    this.arnReference = this.logGroup.arn;
  }
}
