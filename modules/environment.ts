import { Token } from 'cdktf';

/**
 * The account and region a stack deploys into.
 *
 * The constructs build ARNs from these literal values (not from `aws_caller_identity` /
 * `aws_region` data sources) for two reasons: a data source that calls AWS breaks an
 * offline `terraform plan`, and a policy whose ARNs are literals is a *known* JSON string in
 * the plan, so the planwarden rules can read it instead of reporting "known after apply".
 */
export interface AwsEnvironment {
  /** The 12-digit AWS account id. */
  readonly accountId: string;
  /** The region, e.g. `us-east-1`. */
  readonly region: string;
  /** The ARN partition. Default `aws`. */
  readonly partition?: 'aws' | 'aws-us-gov' | 'aws-cn';
}

const ACCOUNT_ID = /^\d{12}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

/** Throws when the account id or region is malformed (tokens are accepted as they are). */
export function validateEnvironment(env: AwsEnvironment): void {
  if (!Token.isUnresolved(env.accountId) && !ACCOUNT_ID.test(env.accountId)) {
    throw new Error(`accountId must be 12 digits, got "${env.accountId}"`);
  }
  if (!Token.isUnresolved(env.region) && !REGION.test(env.region)) {
    throw new Error(`region must look like "us-east-1", got "${env.region}"`);
  }
}

export function partitionOf(env: AwsEnvironment): string {
  return env.partition ?? 'aws';
}

/** `arn:<partition>:<service>:<region>:<account>:<resource>`; pass '' to leave region or account out (S3, IAM). */
export function arnFor(
  env: AwsEnvironment,
  service: string,
  resource: string,
  scope: { region?: string; accountId?: string } = {},
): string {
  const region = scope.region ?? env.region;
  const accountId = scope.accountId ?? env.accountId;
  return `arn:${partitionOf(env)}:${service}:${region}:${accountId}:${resource}`;
}

/** The account's root principal: in a resource policy it delegates to the account's own IAM policies. */
export function accountRootArn(env: AwsEnvironment): string {
  return arnFor(env, 'iam', 'root', { region: '' });
}

export function s3BucketArn(env: AwsEnvironment, bucketName: string): string {
  return arnFor(env, 's3', bucketName, { region: '', accountId: '' });
}

export function logGroupArn(env: AwsEnvironment, logGroupName: string): string {
  return arnFor(env, 'logs', `log-group:${logGroupName}`);
}

export function cloudTrailArn(env: AwsEnvironment, trailName: string): string {
  return arnFor(env, 'cloudtrail', `trail/${trailName}`);
}
