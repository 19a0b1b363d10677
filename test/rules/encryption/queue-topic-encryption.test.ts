import { queueTopicEncryption } from '../../../policies/rules/encryption/queue-topic-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MANAGED, MESSAGING } from './fixtures';

const Q = 'aws_sqs_queue';
const T = 'aws_sns_topic';

ruleTester(queueTopicEncryption, {
  valid: [
    { name: 'queue with a CMK from the same plan', plan: plan().resource(Q, 'q', { unknown: ['kms_master_key_id'], refs: { kms_master_key_id: ['aws_kms_key.k.id', 'aws_kms_key.k'] } }) },
    { name: 'topic with a CMK alias', plan: plan().resource(T, 't', { values: { kms_master_key_id: 'alias/phi-messaging' } }) },
    { name: 'SSE-SQS accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(Q, 'q', { values: { kms_master_key_id: null, sqs_managed_sse_enabled: true } }) },
    { name: 'SSE-SQS by default accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(Q, 'q', { values: { kms_master_key_id: null }, unknown: ['sqs_managed_sse_enabled'] }) },
    { name: 'alias/aws/sns accepted when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(T, 't', { values: { kms_master_key_id: 'alias/aws/sns' } }) },
    {
      name: 'topic in a for_each module, key through a variable',
      plan: plan()
        .resource('aws_kms_key', 'k', { unknown: ['arn'] })
        .moduleCall('module.alerts', { inputs: { key: ['aws_kms_key.k.arn', 'aws_kms_key.k'] }, iterate: ['local.teams'] })
        .resource(T, 't', { module: 'module.alerts["oncall"]', unknown: ['kms_master_key_id'], refs: { kms_master_key_id: ['var.key'] } }),
    },
    { name: 'real plan: CMK queue and topic', plan: MESSAGING, addresses: [`${Q}.kms_cmk_ok`, `${T}.kms_cmk_ok`] },
    { name: 'real plan: for_each module given a key', plan: MANAGED, addresses: [`module.messaging["orders"].${Q}.this`, `module.messaging["claims"].${Q}.this`] },
  ],
  invalid: [
    { name: 'topic without a key', plan: plan().resource(T, 't', { values: { kms_master_key_id: null } }), findings: [{ address: `${T}.t`, attribute: 'kms_master_key_id', message: 'not encrypted at rest' }] },
    { name: 'topic without a key stays a fail when AWS keys are allowed', params: { requireCustomerManagedKey: false }, plan: plan().resource(T, 't', { values: {} }), findings: [{ address: `${T}.t`, message: 'not encrypted at rest' }] },
    { name: 'queue with SSE-SQS switched off', params: { requireCustomerManagedKey: false }, plan: plan().resource(Q, 'q', { values: { kms_master_key_id: null, sqs_managed_sse_enabled: false } }), findings: [{ address: `${Q}.q`, attribute: 'sqs_managed_sse_enabled' }] },
    { name: 'queue key known only after apply without reference is still a key (non-computed attribute)', plan: plan().resource(Q, 'q', { values: {}, unknown: ['kms_master_key_id', 'sqs_managed_sse_enabled'] }).resource(T, 'plain', { values: {} }), findings: [{ address: `${T}.plain` }] },
    {
      name: 'real plan: AWS-managed keys, SSE-SQS, omitted, disabled, unencrypted topic',
      plan: MESSAGING,
      findings: [
        { address: `${Q}.kms_aws_managed_key`, message: 'alias/aws/sqs' },
        { address: `${Q}.sqs_managed_sse_ok`, message: 'SSE-SQS' },
        { address: `${Q}.sse_omitted`, message: 'SSE-SQS default' },
        { address: `${Q}.sse_disabled_bad`, attribute: 'sqs_managed_sse_enabled' },
        { address: `${T}.kms_aws_managed_key`, message: 'alias/aws/sns' },
        { address: `${T}.unencrypted_bad`, message: 'not encrypted at rest' },
      ],
    },
    { name: 'real plan: module left with the variable\'s null default', plan: MANAGED, findings: [{ address: `module.messaging_default.${Q}.this`, attribute: 'kms_master_key_id' }] },
  ],
});
