/**
 * ENC-021: Glue encrypts what it writes — security configurations encrypt job output in S3,
 * CloudWatch logs and job bookmarks; the Data Catalog encrypts metadata and connection passwords.
 */
import type { AttributePath, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext } from './key-requirement';
import { attributeName, inBlock, knownString, readSwitch } from './read';

interface Setting {
  /** Block under encryption_configuration, its mode attribute and the modes that use KMS. */
  block: string;
  mode: string;
  kmsModes: readonly string[];
  /** A mode that encrypts without KMS (accepted only when a customer-managed key is not required). */
  nonKmsMode?: string;
  what: string;
}

const SECURITY_SETTINGS: readonly Setting[] = [
  { block: 's3_encryption', mode: 's3_encryption_mode', kmsModes: ['SSE-KMS'], nonKmsMode: 'SSE-S3', what: 'job output in S3' },
  { block: 'cloudwatch_encryption', mode: 'cloudwatch_encryption_mode', kmsModes: ['SSE-KMS'], what: 'CloudWatch logs' },
  { block: 'job_bookmarks_encryption', mode: 'job_bookmarks_encryption_mode', kmsModes: ['CSE-KMS'], what: 'job bookmarks' },
];

function judgeSecuritySetting(config: ResourceInstance, setting: Setting, keys: KeyContext): Outcome {
  const base = inBlock(`encryption_configuration.${setting.block}`, setting.mode);
  const attribute = attributeName(base);
  const mode = config.attr(base);
  if (mode.state === 'unknown') return unknown(attribute, `${config.address}: ${attribute} is known only after apply`);
  const value = knownString(mode) ?? 'DISABLED';
  if (setting.kmsModes.includes(value)) {
    const keyPath: AttributePath = [...base.slice(0, -1), 'kms_key_arn'];
    return judgeKey({ instance: config, path: keyPath, serviceDefault: 'no key', defaultEncrypts: false, ...keys, subject: setting.what, computed: false });
  }
  if (value === setting.nonKmsMode && !keys.requireCustomerManagedKey) return pass(attribute, `${config.address} encrypts ${setting.what} with ${value} (allowed)`);
  return fail(attribute, `${config.address} sets ${attribute} = ${JSON.stringify(value)}, which ${value === 'DISABLED' ? `leaves ${setting.what} unencrypted` : `does not encrypt ${setting.what} with a KMS key`}; set it to ${JSON.stringify(setting.kmsModes[0])} with kms_key_arn`, {
    remediation: `Set ${attribute} = "${setting.kmsModes[0]}" and kms_key_arn to a customer-managed aws_kms_key.`,
  });
}

function judgeCatalog(settings: ResourceInstance, keys: KeyContext): Outcome[] {
  const root = 'data_catalog_encryption_settings';
  const modePath = inBlock(`${root}.encryption_at_rest`, 'catalog_encryption_mode');
  const mode = settings.attr(modePath);
  const outcomes: Outcome[] = [];
  const modeValue = knownString(mode);
  if (mode.state === 'unknown') {
    outcomes.push(unknown(attributeName(modePath), `${settings.address}: catalog_encryption_mode is known only after apply`));
  } else if (modeValue === undefined || modeValue === 'DISABLED') {
    outcomes.push(fail(attributeName(modePath), `${settings.address} leaves the Data Catalog unencrypted; set catalog_encryption_mode = "SSE-KMS" with sse_aws_kms_key_id`));
  } else {
    outcomes.push(
      judgeKey({ instance: settings, path: inBlock(`${root}.encryption_at_rest`, 'sse_aws_kms_key_id'), serviceDefault: 'the AWS-managed aws/glue key', defaultEncrypts: true, ...keys, subject: 'Data Catalog', computed: false }),
    );
  }
  const passwordsPath = inBlock(`${root}.connection_password_encryption`, 'return_connection_password_encrypted');
  const passwords = readSwitch(settings.attr(passwordsPath), false);
  if (passwords === 'unknown') {
    outcomes.push(unknown(attributeName(passwordsPath), `${settings.address}: return_connection_password_encrypted is known only after apply`));
  } else if (passwords !== 'on') {
    outcomes.push(fail(attributeName(passwordsPath), `${settings.address} stores connection passwords unencrypted; set return_connection_password_encrypted = true with aws_kms_key_id`));
  } else {
    outcomes.push(
      judgeKey({ instance: settings, path: inBlock(`${root}.connection_password_encryption`, 'aws_kms_key_id'), serviceDefault: 'the AWS-managed aws/glue key', defaultEncrypts: true, ...keys, subject: 'connection passwords', computed: false }),
    );
  }
  return outcomes;
}

export const glueEncryption: Rule = {
  id: 'ENC-021',
  title: 'Glue security configurations and the Data Catalog encrypt with KMS',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_glue_security_configuration', 'aws_glue_data_catalog_encryption_settings'],
  rationale:
    'ETL jobs write ePHI to S3, to their logs and to job bookmarks, and the Data Catalog describes it and holds database passwords (164.312(a)(2)(iv)). Each Glue encryption setting is DISABLED unless chosen; CloudWatch and bookmark encryption exist only with KMS. planwarden asks for KMS with a customer-managed key on all of them by default; requireCustomerManagedKey = false accepts SSE-S3 for job output and the AWS-managed aws/glue key for the catalog.',
  remediation: 'In aws_glue_security_configuration set s3_encryption_mode = "SSE-KMS", cloudwatch_encryption_mode = "SSE-KMS", job_bookmarks_encryption_mode = "CSE-KMS", each with kms_key_arn; in aws_glue_data_catalog_encryption_settings set catalog_encryption_mode = "SSE-KMS" and return_connection_password_encrypted = true with keys.',
  params: customerKeyParam(true, 'SSE-S3 for job output and the AWS-managed aws/glue key'),
  docs: {
    defaults: 'Provider 5.x: every mode is optional; an omitted mode is DISABLED. catalog_encryption_mode is required; sse_aws_kms_key_id unset means aws/glue.',
    anchors: ['cdk-nag AwsSolutions-GL1, AwsSolutions-GL3', 'Checkov CKV_AWS_99, CKV_AWS_94'],
    example: {
      fail: 'resource "aws_glue_security_configuration" "etl" {\n  name = "etl"\n  encryption_configuration {\n    cloudwatch_encryption { cloudwatch_encryption_mode = "DISABLED" }\n    job_bookmarks_encryption { job_bookmarks_encryption_mode = "DISABLED" }\n    s3_encryption { s3_encryption_mode = "DISABLED" }\n  }\n}',
      pass: 'resource "aws_glue_security_configuration" "etl" {\n  name = "etl"\n  encryption_configuration {\n    cloudwatch_encryption {\n      cloudwatch_encryption_mode = "SSE-KMS"\n      kms_key_arn                = aws_kms_key.etl.arn\n    }\n    job_bookmarks_encryption {\n      job_bookmarks_encryption_mode = "CSE-KMS"\n      kms_key_arn                   = aws_kms_key.etl.arn\n    }\n    s3_encryption {\n      s3_encryption_mode = "SSE-KMS"\n      kms_key_arn        = aws_kms_key.etl.arn\n    }\n  }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const keys = keyContext(ctx);
    if (instance.type === 'aws_glue_data_catalog_encryption_settings') return judgeCatalog(instance, keys);
    return SECURITY_SETTINGS.map((s) => judgeSecuritySetting(instance, s, keys));
  },
};
