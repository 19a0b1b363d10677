import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey as KmsKeyResource } from '@cdktf/provider-aws/lib/kms-key';
import { AwsEnvironment, accountRootArn, cloudTrailArn, logGroupArn, validateEnvironment } from './environment';
import { PolicyStatement, renderPolicy } from './policy-document';
import { validateWholeDays } from './retention';

/**
 * A service principal that may use the key, and how narrowly. Every grant is conditioned on
 * this account (or on the named resource), so the key policy never trusts a service wholesale.
 */
export type KmsServiceGrant =
  /** CloudWatch Logs encrypting one log group (encryption-context condition on its ARN). */
  | { readonly kind: 'cloudwatch-logs'; readonly logGroupName: string }
  /** CloudTrail encrypting the log files of one trail in this account. */
  | { readonly kind: 'cloudtrail'; readonly trailName: string }
  /** S3 server access log delivery writing into an SSE-KMS log bucket of this account. */
  | { readonly kind: 's3-server-access-logs' }
  /** Any other service principal, limited to `actions` on behalf of this account. */
  | { readonly kind: 'service'; readonly servicePrincipal: string; readonly actions: readonly string[] };

/** What the constructs need from a key: its ARN, and a way to let a service use it. */
export interface EncryptionKey {
  readonly keyArn: string;
  /** Adds `grant` to the key policy. */
  allow(grant: KmsServiceGrant): void;
}

/**
 * A customer-managed key created outside this stack. Its key policy is yours: grants the
 * constructs would add (e.g. CloudWatch Logs for a log group) must already be in it.
 */
export function existingKmsKey(keyArn: string): EncryptionKey {
  return { keyArn, allow: () => undefined };
}

export interface KmsKeyProps {
  readonly env: AwsEnvironment;
  /** Alias name without the `alias/` prefix, e.g. `phi-records`. Required: people find keys by alias. */
  readonly alias: string;
  /** What the key protects; shown in the console and in the plan. Default `Customer-managed key <alias>`. */
  readonly description?: string;
  /**
   * Days between automatic rotations, 90–365. Default 365: rotation is what ENC-025
   * checks and a year is its ceiling; shorter is allowed.
   */
  readonly rotationPeriodInDays?: number;
  /** Services allowed to use the key from the start; constructs add their own with `allow()`. */
  readonly serviceGrants?: readonly KmsServiceGrant[];
  readonly tags?: Record<string, string>;
}

const LOGS_ACTIONS = ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'];

/**
 * A symmetric customer-managed KMS key with yearly (or faster) rotation, the longest
 * deletion window (30 days, so a mistaken deletion can be cancelled), an alias, and a key
 * policy a reviewer can read: the account administers the key through IAM, and each service
 * that encrypts on the account's behalf is named with a condition that pins it to this account
 * or to the resource it writes.
 */
export class KmsKey extends Construct implements EncryptionKey {
  readonly keyArn: string;
  readonly keyId: string;
  readonly aliasName: string;
  readonly resource: KmsKeyResource;

  private readonly env: AwsEnvironment;
  private readonly logGroupNames = new Set<string>();
  private readonly trailNames = new Set<string>();
  private s3AccessLogs = false;
  private readonly otherServices = new Map<string, Set<string>>();

  constructor(scope: Construct, id: string, props: KmsKeyProps) {
    super(scope, id);
    validateEnvironment(props.env);
    if (props.alias.startsWith('alias/') || props.alias.startsWith('aws/') || !/^[a-zA-Z0-9/_-]+$/.test(props.alias)) {
      throw new Error(`KmsKey ${id}: alias "${props.alias}" must be letters, digits, "/", "_" or "-", without the "alias/" prefix, not under "aws/"`);
    }
    const rotationPeriodInDays = props.rotationPeriodInDays ?? 365;
    validateWholeDays(rotationPeriodInDays, 90, 365, `KmsKey ${id}: rotationPeriodInDays`);
    this.env = props.env;
    for (const grant of props.serviceGrants ?? []) this.allow(grant);

    this.resource = new KmsKeyResource(this, 'key', {
      description: props.description ?? `Customer-managed key ${props.alias}`,
      keyUsage: 'ENCRYPT_DECRYPT',
      customerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      isEnabled: true,
      enableKeyRotation: true,
      rotationPeriodInDays,
      deletionWindowInDays: 30,
      // Rendered at synth time so constructs created later can still add their grants.
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.policyStatements()) }),
      tags: props.tags,
    });
    this.aliasName = `alias/${props.alias}`;
    new KmsAlias(this, 'alias', { name: this.aliasName, targetKeyId: this.resource.keyId });
    this.keyArn = this.resource.arn;
    this.keyId = this.resource.keyId;
  }

  allow(grant: KmsServiceGrant): void {
    switch (grant.kind) {
      case 'cloudwatch-logs':
        this.logGroupNames.add(grant.logGroupName);
        return;
      case 'cloudtrail':
        this.trailNames.add(grant.trailName);
        return;
      case 's3-server-access-logs':
        this.s3AccessLogs = true;
        return;
      case 'service': {
        const actions = this.otherServices.get(grant.servicePrincipal) ?? new Set<string>();
        grant.actions.forEach((action) => actions.add(action));
        this.otherServices.set(grant.servicePrincipal, actions);
        return;
      }
    }
  }

  private policyStatements(): PolicyStatement[] {
    const env = this.env;
    const sourceAccount = { StringEquals: { 'aws:SourceAccount': env.accountId } };
    const statements: PolicyStatement[] = [
      {
        // Without this statement IAM policies cannot grant use of the key, and nobody could
        // ever change the key policy again.
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(env) },
        Action: 'kms:*',
        Resource: '*',
      },
    ];
    if (this.logGroupNames.size > 0) {
      statements.push({
        Sid: 'CloudWatchLogsEncryptsNamedLogGroups',
        Effect: 'Allow',
        Principal: { Service: `logs.${env.region}.amazonaws.com` },
        Action: LOGS_ACTIONS,
        Resource: '*',
        Condition: {
          ArnLike: { 'kms:EncryptionContext:aws:logs:arn': [...this.logGroupNames].sort().map((name) => logGroupArn(env, name)) },
        },
      });
    }
    if (this.trailNames.size > 0) {
      const trailArns = [...this.trailNames].sort().map((name) => cloudTrailArn(env, name));
      statements.push(
        {
          Sid: 'CloudTrailEncryptsLogFilesOfNamedTrails',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:GenerateDataKey*',
          Resource: '*',
          Condition: {
            StringEquals: { 'aws:SourceArn': trailArns },
            StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${env.partition ?? 'aws'}:cloudtrail:*:${env.accountId}:trail/*` },
          },
        },
        {
          Sid: 'CloudTrailDescribesKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudtrail.amazonaws.com' },
          Action: 'kms:DescribeKey',
          Resource: '*',
          Condition: { StringEquals: { 'aws:SourceArn': trailArns } },
        },
      );
    }
    if (this.s3AccessLogs) {
      statements.push({
        Sid: 'S3ServerAccessLogDeliveryEncrypts',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        Resource: '*',
        Condition: sourceAccount,
      });
    }
    for (const [servicePrincipal, actions] of [...this.otherServices].sort(([a], [b]) => a.localeCompare(b))) {
      statements.push({
        Sid: `ServiceUsesKey${servicePrincipal.replace(/[^a-zA-Z0-9]/g, '')}`,
        Effect: 'Allow',
        Principal: { Service: servicePrincipal },
        Action: [...actions].sort(),
        Resource: '*',
        Condition: sourceAccount,
      });
    }
    return statements;
  }
}

/** The key a construct was given, or a new dedicated KmsKey when it was given none. */
export function keyOrNew(
  scope: Construct,
  given: EncryptionKey | undefined,
  props: Pick<KmsKeyProps, 'env' | 'alias' | 'description' | 'tags'>,
): EncryptionKey {
  return given ?? new KmsKey(scope, 'kms', props);
}
