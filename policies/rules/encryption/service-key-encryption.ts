/**
 * ENC-024: services that always encrypt at rest, with keys AWS owns or manages unless told
 * otherwise, use a customer-managed key. One concern — whose key protects data the service
 * encrypts anyway — over a table of services, each with its own attribute and default.
 */
import type { AttributePath, Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { customerKeyParam, judgeKey, type KeyContext, keyContext } from './key-requirement';
import { inBlock, knownString, readKey } from './read';

/**
 * What a resource says before its key attribute is read: `decided` settles it whatever the
 * parameter (no key choice exists, or a setting turns encryption off); `awsKey` names an
 * explicit choice of AWS's key, which fails only when a customer-managed key is required.
 */
type Precheck = { decided: Outcome } | { awsKey: { attribute: string; setting: string } } | undefined;

interface ServiceKey {
  service: string;
  path: AttributePath;
  serviceDefault: string;
  /** false when the provider does not compute the key attribute (an unknown value then proves a key is set). */
  computed?: boolean;
  precheck?: (instance: ResourceInstance) => Precheck;
}

const FSX = (service: string): ServiceKey => ({ service, path: ['kms_key_id'], serviceDefault: 'the AWS-managed aws/fsx key' });

const SERVICES: Readonly<Record<string, ServiceKey>> = {
  aws_timestreamwrite_database: { service: 'Timestream', path: ['kms_key_id'], serviceDefault: 'the AWS-managed aws/timestream key' },
  aws_qldb_ledger: {
    service: 'QLDB',
    path: ['kms_key'],
    serviceDefault: 'an AWS-owned key',
    precheck: (ledger) => (knownString(ledger.attr('kms_key')) === 'AWS_OWNED_KMS_KEY' ? { awsKey: { attribute: 'kms_key', setting: 'kms_key = "AWS_OWNED_KMS_KEY"' } } : undefined),
  },
  aws_kinesis_video_stream: { service: 'Kinesis Video Streams', path: ['kms_key_id'], serviceDefault: 'the AWS-managed aws/kinesisvideo key' },
  aws_keyspaces_table: {
    service: 'Keyspaces',
    path: inBlock('encryption_specification', 'kms_key_identifier'),
    serviceDefault: 'an AWS-owned key',
    computed: false,
    precheck: (table) => {
      const type = knownString(table.attr(inBlock('encryption_specification', 'type')));
      return type === 'CUSTOMER_MANAGED_KMS_KEY' || type === undefined
        ? undefined
        : { awsKey: { attribute: 'encryption_specification.type', setting: `encryption_specification.type = ${JSON.stringify(type)}` } };
    },
  },
  aws_docdbelastic_cluster: { service: 'DocumentDB Elastic', path: ['kms_key_id'], serviceDefault: 'an AWS-owned key' },
  aws_neptunegraph_graph: { service: 'Neptune Analytics', path: ['kms_key_identifier'], serviceDefault: 'an AWS-owned key' },
  aws_dms_replication_instance: { service: 'DMS', path: ['kms_key_arn'], serviceDefault: 'the AWS-managed aws/dms key' },
  aws_fsx_windows_file_system: FSX('FSx for Windows'),
  aws_fsx_ontap_file_system: FSX('FSx for ONTAP'),
  aws_fsx_openzfs_file_system: FSX('FSx for OpenZFS'),
  aws_fsx_lustre_file_system: {
    ...FSX('FSx for Lustre'),
    precheck: (fs) => {
      const type = knownString(fs.attr('deployment_type')) ?? 'SCRATCH_1';
      return type.startsWith('SCRATCH') ? { decided: pass('deployment_type', `${fs.address} is a ${type} file system, which FSx encrypts with its own key and which takes no kms_key_id`) } : undefined;
    },
  },
  aws_lambda_function: {
    service: 'Lambda environment variables',
    path: ['kms_key_arn'],
    serviceDefault: 'the AWS-managed aws/lambda key',
    computed: false,
    precheck: (fn) => {
      const variables = fn.attr(inBlock('environment', 'variables'));
      const has = variables.state === 'unknown' || (variables.state === 'known' && variables.value !== null && typeof variables.value === 'object' && Object.keys(variables.value).length > 0);
      return has ? undefined : { decided: skip(`${fn.address} has no environment variables`) };
    },
  },
  aws_codebuild_project: {
    service: 'CodeBuild artifacts',
    path: ['encryption_key'],
    serviceDefault: 'the AWS-managed aws/s3 key',
    precheck: (project) => {
      for (const path of [inBlock('artifacts', 'encryption_disabled'), inBlock('logs_config.s3_logs', 'encryption_disabled')]) {
        const v = project.attr(path);
        if (v.state === 'known' && v.value === true) {
          const attribute = path.filter((p) => typeof p === 'string').join('.');
          return { decided: fail(attribute, `${project.address} sets ${attribute} = true, so its output is written unencrypted; remove it`) };
        }
      }
      return undefined;
    },
  },
};

/** OpenSearch Serverless encryption policies are JSON: {"Rules": [...], "AWSOwnedKey": true} or {"KmsARN": "..."}. */
function judgeServerlessPolicy(policy: ResourceInstance, keys: KeyContext): Outcome {
  if (knownString(policy.attr('type')) !== 'encryption') return skip(`${policy.address} is not an encryption policy`);
  const text = policy.attr('policy');
  if (text.state === 'unknown') return unknown('policy', `${policy.address}: the encryption policy is known only after apply`);
  let document: unknown;
  try {
    document = JSON.parse(knownString(text) ?? '');
  } catch {
    return unknown('policy', `${policy.address}: the encryption policy is not valid JSON`);
  }
  const body = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
  if (typeof body.KmsARN === 'string' && body.KmsARN !== '' && body.AWSOwnedKey !== true) {
    const owner = readKey({ state: 'known', value: body.KmsARN, sensitive: false, references: [] });
    if (owner === 'customer' || !keys.requireCustomerManagedKey) return pass('policy', `${policy.address} encrypts its collections with a KMS key it names`);
  }
  if (!keys.requireCustomerManagedKey) return pass('policy', `${policy.address} encrypts its collections with an AWS-owned key (allowed)`);
  return fail('policy', `${policy.address} encrypts its collections with an AWS-owned key ("AWSOwnedKey": true); set "AWSOwnedKey": false and "KmsARN" to a customer-managed aws_kms_key`, {
    remediation: 'In the encryption policy JSON set "AWSOwnedKey": false and "KmsARN": "<customer-managed key ARN>".',
  });
}

export const SERVICE_KEY_TYPES: readonly string[] = [...Object.keys(SERVICES), 'aws_opensearchserverless_security_policy'];

export const serviceKeyEncryption: Rule = {
  id: 'ENC-024',
  title: 'Always-encrypted data services use a customer-managed KMS key',
  family: 'encryption',
  severity: 'medium',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  resourceTypes: SERVICE_KEY_TYPES,
  rationale:
    'Timestream, QLDB, Kinesis Video Streams, Keyspaces, DocumentDB Elastic, Neptune Analytics, DMS, FSx, OpenSearch Serverless, Lambda environment variables and CodeBuild artifacts always encrypt at rest, but by default with keys AWS owns or manages, whose policy you cannot change and whose use you cannot fully audit. HIPAA\'s encryption spec (164.312(a)(2)(iv)) is met either way; a customer-managed key adds control over who can decrypt ePHI and a CloudTrail record of every use, so planwarden asks for one by default and requireCustomerManagedKey = false accepts the AWS keys. Resources with no key choice (FSx Lustre scratch file systems) pass.',
  remediation: 'Set the service\'s key attribute (kms_key_id, kms_key, kms_key_arn, kms_key_identifier, encryption_key, or "KmsARN" in an OpenSearch Serverless encryption policy) to a customer-managed aws_kms_key.',
  params: customerKeyParam(true, "each service's AWS-owned or AWS-managed key"),
  docs: {
    defaults:
      'Provider 5.x: the key attributes are computed or optional and empty when omitted (AWS then uses its own key); aws_qldb_ledger.kms_key may be the literal "AWS_OWNED_KMS_KEY"; aws_keyspaces_table.encryption_specification.type defaults to AWS_OWNED_KMS_KEY; FSx Lustre SCRATCH deployments take no key; CodeBuild encryption_disabled = true turns artifact encryption off.',
    anchors: [
      'cdk-nag AwsSolutions-TS3, AwsSolutions-CB4',
      'Checkov CKV_AWS_160, CKV_AWS_177, CKV_AWS_178, CKV_AWS_179, CKV_AWS_190 (Lustre CMK: persistent only here), CKV_AWS_203, CKV_AWS_212, CKV_AWS_173, CKV_AWS_147, CKV_AWS_78',
    ],
    example: {
      fail: 'resource "aws_timestreamwrite_database" "vitals" {\n  database_name = "vitals"\n}',
      pass: 'resource "aws_timestreamwrite_database" "vitals" {\n  database_name = "vitals"\n  kms_key_id    = aws_kms_key.timeseries.arn\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    const keys = keyContext(ctx);
    if (instance.type === 'aws_opensearchserverless_security_policy') return judgeServerlessPolicy(instance, keys);
    const service = SERVICES[instance.type];
    const early = service.precheck?.(instance);
    if (early && 'decided' in early) return early.decided;
    if (early) {
      const { attribute, setting } = early.awsKey;
      if (!keys.requireCustomerManagedKey) return pass(attribute, `${instance.address} uses ${service.serviceDefault} (allowed)`);
      return fail(attribute, `${instance.address} sets ${setting}, ${service.serviceDefault}; set ${service.path.filter((p) => typeof p === 'string').join('.')} to a customer-managed aws_kms_key`);
    }
    return judgeKey({ instance, path: service.path, serviceDefault: service.serviceDefault, defaultEncrypts: true, ...keys, computed: service.computed });
  },
};
