import { s3BucketEncryption } from '../../../policies/rules/encryption/s3-bucket-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';

const SSE = 'aws_s3_bucket_server_side_encryption_configuration';
const FIXTURE = { file: `${__dirname}/../../fixtures/plans/s3-encryption.json` };
const kmsRule = (algorithm: string, key?: string) => ({
  rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: algorithm, kms_master_key_id: key ?? '' }], bucket_key_enabled: true }],
});

ruleTester(s3BucketEncryption, {
  valid: [
    {
      name: 'companion with aws:kms and a key known only after apply',
      plan: plan()
        .resource('aws_kms_key', 'phi', { unknown: ['arn'] })
        .resource('aws_s3_bucket', 'phi', { values: { bucket: 'phi' }, unknown: ['id', 'server_side_encryption_configuration'] })
        .resource(SSE, 'phi', {
          values: kmsRule('aws:kms'),
          unknown: ['bucket', 'rule.0.apply_server_side_encryption_by_default.0.kms_master_key_id'],
          refs: { bucket: ['aws_s3_bucket.phi.id', 'aws_s3_bucket.phi'], 'rule.apply_server_side_encryption_by_default.kms_master_key_id': ['aws_kms_key.phi.arn'] },
        }),
    },
    {
      name: 'for_each buckets with for_each companions joined by instance key',
      plan: plan()
        .resource('aws_s3_bucket', 'tenant', { index: 'a', unknown: ['id'] })
        .resource('aws_s3_bucket', 'tenant', { index: 'b', unknown: ['id'] })
        .resource(SSE, 'tenant', { index: 'a', values: kmsRule('aws:kms', 'arn:aws:kms:us-east-1:111122223333:key/1'), unknown: ['bucket'], refs: { bucket: ['aws_s3_bucket.tenant', 'each.key'] } })
        .resource(SSE, 'tenant', { index: 'b', values: kmsRule('aws:kms:dsse', 'arn:aws:kms:us-east-1:111122223333:key/1'), unknown: ['bucket'], refs: { bucket: ['aws_s3_bucket.tenant', 'each.key'] } }),
    },
    {
      name: 'bucket in a module, encryption in another module wired through an output and a variable',
      plan: plan()
        .resource('aws_s3_bucket', 'this', { module: 'module.store', unknown: ['id'] })
        .output('module.store', 'bucket_id', ['aws_s3_bucket.this.id', 'aws_s3_bucket.this'])
        .moduleCall('module.enc', { inputs: { bucket: ['module.store.bucket_id', 'module.store'] } })
        .resource(SSE, 'this', { module: 'module.enc', values: kmsRule('aws:kms', 'alias/phi'), unknown: ['bucket'], refs: { bucket: ['var.bucket'] } }),
    },
    {
      name: 'legacy inline configuration with aws:kms',
      plan: plan().resource('aws_s3_bucket', 'legacy', {
        values: { bucket: 'legacy', server_side_encryption_configuration: [{ rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/phi' }] }] }] },
      }),
    },
    {
      name: 'companion matched by a literal bucket name',
      plan: plan()
        .resource('aws_s3_bucket', 'named', { values: { bucket: 'records-prod' }, unknown: ['id'] })
        .resource(SSE, 'named', { values: { bucket: 'records-prod', ...kmsRule('aws:kms', 'alias/phi') } }),
    },
    {
      name: 'aws:kms with the AWS-managed key when requireCustomerManagedKey is false',
      params: { requireCustomerManagedKey: false },
      plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id'] }).resource(SSE, 'b', { values: kmsRule('aws:kms', ''), refs: { bucket: ['aws_s3_bucket.b.id'] } }),
    },
    {
      name: 'bucket key required and enabled',
      params: { requireBucketKey: true },
      plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id'] }).resource(SSE, 'b', { values: kmsRule('aws:kms', 'alias/phi'), refs: { bucket: ['aws_s3_bucket.b.id'] } }),
    },
    {
      name: 'CDKTF-style single blocks as objects, key known only after apply',
      plan: plan()
        .resource('aws_s3_bucket', 'b', { unknown: ['id'] })
        .resource(SSE, 'b', {
          values: { rule: { apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' } } },
          unknown: ['rule.apply_server_side_encryption_by_default.kms_master_key_id'],
          refs: { bucket: ['aws_s3_bucket.b.id'], 'rule.apply_server_side_encryption_by_default.kms_master_key_id': ['aws_kms_key.k.arn'] },
        }),
    },
    { name: 'SSE-S3 companion when allowSseS3', params: { allowSseS3: true }, plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id'] }).resource(SSE, 'b', { values: kmsRule('AES256'), refs: { bucket: ['aws_s3_bucket.b.id'] } }) },
    { name: 'no configuration (S3 default SSE-S3) when allowSseS3', params: { allowSseS3: true }, plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id', 'server_side_encryption_configuration'] }) },
    { name: 'a bucket being deleted is not checked', plan: plan().resource('aws_s3_bucket', 'gone', { action: 'delete', before: { bucket: 'gone' } }) },
    {
      name: 'real plan: KMS, DSSE, bucket key, count, module and for_each buckets',
      plan: FIXTURE,
      addresses: ['aws_s3_bucket.phi_kms_ok', 'aws_s3_bucket.dsse_kms_ok', 'aws_s3_bucket.phi_kms_bucket_key_ok', 'aws_s3_bucket.archive[0]', 'aws_s3_bucket.archive[1]', 'aws_s3_bucket.tenant["alpha"]', 'module.phi_store.aws_s3_bucket.this', 'aws_s3_bucket.legacy_inline_sse'],
    },
  ],
  invalid: [
    {
      name: 'no encryption configuration at all',
      plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id', 'server_side_encryption_configuration'] }),
      findings: [{ address: 'aws_s3_bucket.b', attribute: 'server_side_encryption_configuration', message: 'has no server-side encryption configuration' }],
    },
    {
      name: 'SSE-S3 companion',
      plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id'] }).resource(SSE, 'b', { values: kmsRule('AES256'), unknown: ['bucket'], refs: { bucket: ['aws_s3_bucket.b.id', 'aws_s3_bucket.b'] } }),
      findings: [{ address: 'aws_s3_bucket.b', message: 'SSE-S3 (AES256)', related: `${SSE}.b`, via: 'reference' }],
    },
    {
      name: 'one for_each instance uses SSE-S3, the other is fine',
      plan: plan()
        .resource('aws_s3_bucket', 't', { index: 'a', unknown: ['id'] })
        .resource('aws_s3_bucket', 't', { index: 'b', unknown: ['id'] })
        .resource(SSE, 't', { index: 'a', values: kmsRule('aws:kms', 'alias/x'), refs: { bucket: ['aws_s3_bucket.t', 'each.key'] } })
        .resource(SSE, 't', { index: 'b', values: kmsRule('AES256'), refs: { bucket: ['aws_s3_bucket.t', 'each.key'] } }),
      findings: [{ address: 'aws_s3_bucket.t["b"]', related: `${SSE}.t["b"]`, via: 'instance-key' }],
    },
    {
      name: 'aws:kms without a key id uses aws/s3',
      plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id'] }).resource(SSE, 'b', { values: kmsRule('aws:kms', ''), refs: { bucket: ['aws_s3_bucket.b.id'] } }),
      findings: [{ address: 'aws_s3_bucket.b', attribute: 'rule.apply_server_side_encryption_by_default.kms_master_key_id', message: 'the AWS-managed aws/s3 key', related: `${SSE}.b` }],
    },
    {
      name: 'alias/aws/s3 named explicitly',
      plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id'] }).resource(SSE, 'b', { values: kmsRule('aws:kms', 'alias/aws/s3'), refs: { bucket: ['aws_s3_bucket.b.id'] } }),
      findings: [{ address: 'aws_s3_bucket.b', message: 'is an AWS-managed key' }],
    },
    {
      name: 'bucket key required but off',
      params: { requireBucketKey: true },
      plan: plan()
        .resource('aws_s3_bucket', 'b', { unknown: ['id'] })
        .resource(SSE, 'b', { values: { rule: [{ apply_server_side_encryption_by_default: [{ sse_algorithm: 'aws:kms', kms_master_key_id: 'alias/phi' }], bucket_key_enabled: false }] }, refs: { bucket: ['aws_s3_bucket.b.id'] } }),
      findings: [{ address: 'aws_s3_bucket.b', attribute: 'rule.bucket_key_enabled', message: 'set bucket_key_enabled = true' }],
    },
    {
      name: 'sse_algorithm known only after apply',
      plan: plan().resource('aws_s3_bucket', 'b', { unknown: ['id'] }).resource(SSE, 'b', { values: { rule: [{ apply_server_side_encryption_by_default: [{}] }] }, unknown: ['rule.0.apply_server_side_encryption_by_default.0.sse_algorithm'], refs: { bucket: ['aws_s3_bucket.b.id'] } }),
      findings: [{ address: 'aws_s3_bucket.b', status: 'unknown', message: 'known only after apply' }],
    },
    {
      name: 'the companion is being deleted',
      plan: plan().resource('aws_s3_bucket', 'b', { action: 'no-op', values: { bucket: 'b', id: 'b' } }).resource(SSE, 'b', { action: 'delete', before: { bucket: 'b', ...kmsRule('aws:kms') }, refs: { bucket: ['aws_s3_bucket.b.id'] } }),
      findings: [{ address: 'aws_s3_bucket.b', message: 'has no server-side encryption configuration' }],
    },
    {
      name: 'real plan: missing, SSE-S3 and mixed for_each',
      plan: FIXTURE,
      findings: [
        { address: 'aws_s3_bucket.no_sse_config_bad', message: 'no server-side encryption configuration' },
        { address: 'aws_s3_bucket.sse_s3_aes256', message: 'SSE-S3' },
        { address: 'aws_s3_bucket.access_logs', message: 'SSE-S3' },
        { address: 'aws_s3_bucket.short_retention_logs', message: 'SSE-S3' },
        { address: 'aws_s3_bucket.tenant["beta"]', message: 'SSE-S3', via: 'instance-key', related: `${SSE}.tenant["beta"]` },
        { address: 'aws_s3_bucket.kms_aws_managed_key', attribute: 'rule.apply_server_side_encryption_by_default.kms_master_key_id', message: 'the AWS-managed aws/s3 key' },
      ],
    },
  ],
});
