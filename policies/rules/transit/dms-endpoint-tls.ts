/**
 * TLS-015: DMS endpoints connect to their databases over TLS. Database engines use ssl_mode
 * (AWS default "none"); Kafka and Redis endpoints have their own security protocol settings;
 * endpoints that reach AWS services through their HTTPS APIs (S3, DynamoDB, Kinesis,
 * OpenSearch, Neptune) have no cleartext option and are not checked.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';
import { fromWhat, setting, setString } from './shared/setting';

const SSL_MODES = ['require', 'verify-ca', 'verify-full'];
const API_ENGINES = new Set(['s3', 'dynamodb', 'kinesis', 'elasticsearch', 'opensearch', 'neptune', 'timestream']);
const KAFKA_TLS = new Set(['ssl-authentication', 'ssl-encryption', 'sasl-ssl']);

function judgeSslMode(endpoint: ResourceInstance, allowed: readonly string[]): Outcome {
  const mode = setting(endpoint, 'ssl_mode');
  if (mode.kind === 'unknown') return unknown('ssl_mode', `${endpoint.address}: ssl_mode is known only after apply${fromWhat(mode)}`);
  const value = setString(mode) ?? 'none';
  if (allowed.includes(value)) return pass('ssl_mode', `${endpoint.address} connects with ssl_mode = "${value}"`);
  const why = mode.kind === 'omitted' ? 'omits ssl_mode, so DMS connects without TLS ("none")' : `sets ssl_mode = "${value}"`;
  return fail('ssl_mode', `${endpoint.address} ${why}; set ssl_mode = "verify-full" with certificate_arn (or "require")`);
}

function judgeKafka(endpoint: ResourceInstance): Outcome {
  const attribute = 'kafka_settings.security_protocol';
  const protocol = setting(endpoint, attribute);
  if (protocol.kind === 'unknown') return unknown(attribute, `${endpoint.address}: security_protocol is known only after apply${fromWhat(protocol)}`);
  const value = setString(protocol) ?? 'plaintext';
  if (KAFKA_TLS.has(value)) return pass(attribute, `${endpoint.address} uses ${value}`);
  return fail(attribute, `${endpoint.address} uses Kafka security_protocol "${value}" (no TLS); set kafka_settings.security_protocol = "ssl-encryption" (or "sasl-ssl")`);
}

function judgeRedis(endpoint: ResourceInstance): Outcome {
  const attribute = 'redis_settings.ssl_security_protocol';
  const protocol = setting(endpoint, attribute);
  if (protocol.kind === 'unknown') return unknown(attribute, `${endpoint.address}: ssl_security_protocol is known only after apply${fromWhat(protocol)}`);
  // Omitted: the provider and AWS default is "ssl-encryption".
  const value = setString(protocol) ?? 'ssl-encryption';
  if (value === 'ssl-encryption') return pass(attribute, `${endpoint.address} uses TLS to Redis`);
  return fail(attribute, `${endpoint.address} sets redis_settings.ssl_security_protocol = "${value}"; set it to "ssl-encryption"`);
}

export const dmsEndpointTls: Rule = {
  id: 'TLS-015',
  title: 'DMS endpoints connect to databases over TLS',
  family: 'transit',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  resourceTypes: ['aws_dms_endpoint'],
  rationale:
    'A migration copies whole tables of ePHI; an endpoint with ssl_mode "none" reads or writes them in cleartext, often across networks (164.312(e)(1), (e)(2)(ii)). Relies on: provider 5.x shows an omitted ssl_mode as unknown and DMS then uses "none"; Kafka endpoints default to plaintext; Redis endpoints default to ssl-encryption.',
  remediation: 'Set ssl_mode = "verify-full" (with certificate_arn) or "require" on database endpoints; kafka_settings.security_protocol = "ssl-encryption" or "sasl-ssl"; redis_settings.ssl_security_protocol = "ssl-encryption".',
  params: {
    allowedSslModes: {
      description: 'ssl_mode values accepted for database endpoints (narrow to ["verify-full"] to require certificate checks).',
      default: [...SSL_MODES],
      allowed: SSL_MODES,
    },
  },
  docs: {
    defaults: 'ssl_mode omitted: unknown in the plan, "none" at AWS. kafka_settings.security_protocol omitted: plaintext. redis_settings.ssl_security_protocol omitted: ssl-encryption. aws_dms_s3_endpoint and API-backed engines are not checked.',
    anchors: ['Checkov CKV2_AWS_49'],
    example: {
      fail: 'resource "aws_dms_endpoint" "source" {\n  endpoint_id   = "records-source"\n  endpoint_type = "source"\n  engine_name   = "postgres"\n  # ssl_mode omitted: "none"\n}',
      pass: 'resource "aws_dms_endpoint" "source" {\n  endpoint_id     = "records-source"\n  endpoint_type   = "source"\n  engine_name     = "postgres"\n  ssl_mode        = "verify-full"\n  certificate_arn = aws_dms_certificate.rds.certificate_arn\n}',
    },
  },
  check(endpoint: ResourceInstance, ctx: RuleContext): Outcome {
    const engine = setting(endpoint, 'engine_name');
    if (engine.kind === 'unknown') return unknown('engine_name', `${endpoint.address}: engine_name is known only after apply${fromWhat(engine)}`);
    const name = (setString(engine) ?? '').toLowerCase();
    if (name === 'kafka') return judgeKafka(endpoint);
    if (name === 'redis') return judgeRedis(endpoint);
    if (API_ENGINES.has(name)) return skip(`${endpoint.address} reaches ${name} through its HTTPS API`);
    const allowed = Array.isArray(ctx.params.allowedSslModes) ? ctx.params.allowedSslModes.filter((m): m is string => typeof m === 'string') : SSL_MODES;
    return judgeSslMode(endpoint, allowed);
  },
};
