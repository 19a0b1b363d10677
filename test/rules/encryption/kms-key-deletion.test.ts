import { kmsKeyDeletion } from '../../../policies/rules/encryption/kms-key-deletion';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { COMPUTE, PLAN_ACTIONS, STORAGE_SOURCES } from './fixtures';

const K = 'aws_kms_key';
const ARN = 'arn:aws:kms:us-east-1:111122223333:key/11111111-1111-4111-8111-111111111111';

ruleTester(kmsKeyDeletion, {
  valid: [
    { name: 'window omitted (KMS uses 30 days)', plan: plan().resource(K, 'k', { values: { deletion_window_in_days: null } }) },
    { name: '30-day window', plan: plan().resource(K, 'k', { values: { deletion_window_in_days: 30 } }) },
    { name: 'a shorter minimum set by config', params: { minDeletionWindowDays: 7 }, plan: plan().resource('aws_kms_replica_key', 'r', { values: { deletion_window_in_days: 7 } }) },
    { name: 'a plan that deletes no key says nothing about other resources', plan: plan().resource('aws_sqs_queue', 'q', { values: { kms_master_key_id: ARN } }) },
    { name: 'a resource naming a live key', plan: plan().resource(K, 'k', { action: 'no-op', values: { arn: ARN, deletion_window_in_days: 30 } }).resource('aws_sqs_queue', 'q', { values: { kms_master_key_id: ARN } }) },
    { name: 'real plan: 30-day key', plan: COMPUTE, addresses: [`${K}.rotation_enabled_ok`] },
  ],
  invalid: [
    { name: 'seven-day window', plan: plan().resource(K, 'k', { values: { deletion_window_in_days: 7 } }), findings: [{ address: `${K}.k`, attribute: 'deletion_window_in_days', message: 'set it to 30 or more' }] },
    { name: 'window known only after apply', plan: plan().resource(K, 'k', { unknown: ['deletion_window_in_days'], refs: { deletion_window_in_days: ['var.window'] } }), findings: [{ address: `${K}.k`, status: 'unknown' }] },
    {
      name: 'a key replaced by the plan',
      plan: plan().resource(K, 'k', { action: 'replace', values: { deletion_window_in_days: 30, customer_master_key_spec: 'RSA_2048' }, before: { deletion_window_in_days: 30, customer_master_key_spec: 'SYMMETRIC_DEFAULT', arn: ARN } }),
      findings: [{ address: `${K}.k`, message: 'scheduled for deletion, and everything encrypted under it becomes unreadable in 30 days' }],
    },
    {
      name: 'a resource in a module still naming a key the plan deletes',
      plan: plan()
        .resource(K, 'old', { action: 'delete', before: { arn: ARN, key_id: '11111111-1111-4111-8111-111111111111', deletion_window_in_days: 7 } })
        .resource('aws_db_instance', 'db', { module: 'module.db["a"]', action: 'no-op', values: { storage_encrypted: true, kms_key_id: ARN } }),
      findings: [{ address: 'module.db["a"].aws_db_instance.db', attribute: 'kms_key_id', related: `${K}.old`, via: 'value' }],
    },
    { name: 'real plan: seven-day window', plan: COMPUTE, findings: [{ address: `${K}.rotation_omitted_bad`, message: 'deletion_window_in_days = 7' }] },
    {
      name: 'real plan: for_each module keys with seven-day windows',
      plan: STORAGE_SOURCES,
      findings: [
        { address: `module.tenant_db["alpha"].${K}.short_window` },
        { address: `module.tenant_db["beta"].${K}.short_window` },
      ],
    },
    { name: 'real plan: a queue still using a key the plan deletes', plan: PLAN_ACTIONS, findings: [{ address: 'aws_sqs_queue.phi_queue', attribute: 'kms_master_key_id', related: `${K}.phi_queue_key` }] },
  ],
});
