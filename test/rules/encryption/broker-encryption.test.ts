import { brokerEncryption } from '../../../policies/rules/encryption/broker-encryption';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { MANAGED, MESSAGING } from './fixtures';

const MSK = 'aws_msk_cluster';
const MQ = 'aws_mq_broker';

ruleTester(brokerEncryption, {
  valid: [
    { name: 'MSK with a CMK', plan: plan().resource(MSK, 'm', { values: { encryption_info: [{}] }, unknown: ['encryption_info.0.encryption_at_rest_kms_key_arn'], refs: { 'encryption_info.encryption_at_rest_kms_key_arn': ['aws_kms_key.k.arn'] } }) },
    { name: 'MSK on aws/kafka when requireCustomerManagedKey is false', params: { requireCustomerManagedKey: false }, plan: plan().resource(MSK, 'm', { unknown: ['encryption_info'] }) },
    { name: 'RabbitMQ (no key choice)', plan: plan().resource(MQ, 'b', { values: { engine_type: 'RabbitMQ', encryption_options: [{ use_aws_owned_key: true }] } }) },
    { name: 'ActiveMQ with a CMK', plan: plan().resource(MQ, 'b', { values: { engine_type: 'ActiveMQ', encryption_options: [{ use_aws_owned_key: false, kms_key_id: 'alias/mq' }] } }) },
    { name: 'real plan: MSK with a CMK', plan: MESSAGING, addresses: [`${MSK}.tls_cmk_ok`] },
    { name: 'real plan: RabbitMQ, ActiveMQ with a CMK', plan: MANAGED, addresses: [`${MQ}.rabbitmq_ok`, `${MQ}.activemq_cmk_ok`] },
  ],
  invalid: [
    { name: 'MSK without encryption_info (aws/kafka)', plan: plan().resource(MSK, 'm', { unknown: ['encryption_info'] }), findings: [{ address: `${MSK}.m`, attribute: 'encryption_info.encryption_at_rest_kms_key_arn', message: 'aws/kafka' }] },
    { name: 'ActiveMQ on the AWS-owned key in a module', plan: plan().resource(MQ, 'b', { module: 'module.mq["orders"]', values: { engine_type: 'ActiveMQ', encryption_options: [] } }), findings: [{ address: `module.mq["orders"].${MQ}.b`, attribute: 'encryption_options.use_aws_owned_key' }] },
    { name: 'ActiveMQ off the AWS-owned key but on aws/mq', plan: plan().resource(MQ, 'b', { values: { engine_type: 'ActiveMQ', encryption_options: [{ use_aws_owned_key: false }] }, unknown: ['encryption_options.0.kms_key_id'] }), findings: [{ address: `${MQ}.b`, attribute: 'encryption_options.kms_key_id' }] },
    { name: 'real plan: MSK on aws/kafka', plan: MESSAGING, findings: [{ address: `${MSK}.plaintext_bad` }] },
    { name: 'real plan: ActiveMQ default', plan: MANAGED, findings: [{ address: `${MQ}.activemq_default_bad` }] },
  ],
});
