import { dmsEndpointTls } from '../../../policies/rules/transit/dms-endpoint-tls';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { TRANSIT_DATA } from './fixtures';

const E = 'aws_dms_endpoint';

ruleTester(dmsEndpointTls, {
  valid: [
    { name: 'PostgreSQL source with verify-full', plan: plan().resource(E, 'src', { values: { engine_name: 'postgres', ssl_mode: 'verify-full' } }) },
    { name: 'MySQL target with require, in a module', plan: plan().resource(E, 'this', { module: 'module.migration', values: { engine_name: 'mysql', ssl_mode: 'require' } }) },
    { name: 'S3 target reaches S3 over HTTPS', plan: plan().resource(E, 's3', { values: { engine_name: 's3' }, unknown: ['ssl_mode'] }) },
    { name: 'Kafka with sasl-ssl', plan: plan().resource(E, 'kafka', { values: { engine_name: 'kafka', kafka_settings: [{ security_protocol: 'sasl-ssl' }] } }) },
    { name: 'Redis with the default ssl-encryption', plan: plan().resource(E, 'redis', { values: { engine_name: 'redis', redis_settings: [{ server_name: 'cache' }] } }) },
    { name: 'real plan: verify-full and an S3 target', plan: TRANSIT_DATA, addresses: [`${E}.postgres_verify_full_ok`, `${E}.s3_target`] },
  ],
  invalid: [
    { name: 'ssl_mode omitted (plan: unknown, DMS: none)', plan: plan().resource(E, 'src', { values: { engine_name: 'postgres' }, unknown: ['ssl_mode'] }), findings: [{ address: `${E}.src`, attribute: 'ssl_mode', message: 'omits ssl_mode' }] },
    { name: 'ssl_mode = none', plan: plan().resource(E, 'src', { values: { engine_name: 'sqlserver', ssl_mode: 'none' } }), findings: [{ address: `${E}.src`, message: 'ssl_mode = "none"' }] },
    {
      name: 'require, when the config narrows to verify-full',
      params: { allowedSslModes: ['verify-full'] },
      plan: plan().resource(E, 'src', { values: { engine_name: 'postgres', ssl_mode: 'require' } }),
      findings: [{ address: `${E}.src`, message: 'ssl_mode = "require"' }],
    },
    { name: 'ssl_mode from a variable', plan: plan().resource(E, 'src', { values: { engine_name: 'oracle' }, unknown: ['ssl_mode'], refs: { ssl_mode: ['var.ssl_mode'] } }), findings: [{ address: `${E}.src`, status: 'unknown' }] },
    { name: 'Redis plaintext', plan: plan().resource(E, 'redis', { values: { engine_name: 'redis', redis_settings: [{ ssl_security_protocol: 'plaintext' }] } }), findings: [{ address: `${E}.redis`, attribute: 'redis_settings.ssl_security_protocol' }] },
    {
      name: 'real plan: ssl_mode omitted, Kafka plaintext',
      plan: TRANSIT_DATA,
      findings: [
        { address: `${E}.postgres_no_ssl_bad`, attribute: 'ssl_mode' },
        { address: `${E}.kafka_plaintext_bad`, attribute: 'kafka_settings.security_protocol' },
      ],
    },
  ],
});
