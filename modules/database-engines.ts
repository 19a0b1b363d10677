/**
 * What differs between the database engines EncryptedDatabase supports: ports, which logs
 * exist to export, and which parameters force TLS and turn on audit logging.
 */

/** Engines on AWS's HIPAA-eligible list (RDS for PostgreSQL and MySQL, and Aurora). */
export type DatabaseEngine = 'postgres' | 'mysql' | 'aurora-postgresql' | 'aurora-mysql';

export interface EngineFacts {
  readonly isAurora: boolean;
  readonly port: number;
  /** Every log type the engine can export; the set cdk-nag's RDSLoggingEnabled and LOG-015 expect. */
  readonly logExports: readonly string[];
  /** Parameters that refuse unencrypted connections (TLS-009). Callers cannot override these. */
  readonly tlsParameters: Readonly<Record<string, string>>;
  /** Parameters that make the exported logs worth having. */
  readonly auditParameters: Readonly<Record<string, string>>;
  /** The parameter group family for an engine version, e.g. `16.6` → `postgres16`. */
  familyFor(engineVersion: string): string;
}

/** `16.6` → `16`; `8.0.40` → `8.0`; `8.0.mysql_aurora.3.08.0` → `8.0`. */
function majorVersion(engineVersion: string, parts: 1 | 2): string {
  const numbers = engineVersion.split('.').slice(0, parts);
  if (numbers.length < parts || numbers.some((n) => !/^\d+$/.test(n))) {
    throw new Error(`cannot derive a parameter group family from engine version "${engineVersion}"; pass parameterGroupFamily`);
  }
  return numbers.join('.');
}

// Audit events that record who connected and what they changed in schema and grants, without
// the row values that QUERY_DML would copy into the logs.
const MYSQL_AUDIT_EVENTS = 'CONNECT,QUERY_DCL,QUERY_DDL';

const POSTGRES_AUDIT = { log_connections: '1', log_disconnections: '1' };
// The slow-query log needs log_output=FILE to reach CloudWatch. The general log (every
// statement with its literal values, i.e. PHI) stays off unless a caller turns it on.
const MYSQL_AUDIT = { slow_query_log: '1', log_output: 'FILE' };

export const ENGINE_FACTS: Readonly<Record<DatabaseEngine, EngineFacts>> = {
  postgres: {
    isAurora: false,
    port: 5432,
    logExports: ['postgresql', 'upgrade'],
    tlsParameters: { 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2' },
    auditParameters: POSTGRES_AUDIT,
    familyFor: (v) => `postgres${majorVersion(v, 1)}`,
  },
  mysql: {
    isAurora: false,
    port: 3306,
    logExports: ['audit', 'error', 'general', 'slowquery'],
    tlsParameters: { require_secure_transport: 'ON' },
    auditParameters: MYSQL_AUDIT,
    familyFor: (v) => `mysql${majorVersion(v, 2)}`,
  },
  'aurora-postgresql': {
    isAurora: true,
    port: 5432,
    logExports: ['postgresql'],
    tlsParameters: { 'rds.force_ssl': '1' },
    auditParameters: POSTGRES_AUDIT,
    familyFor: (v) => `aurora-postgresql${majorVersion(v, 1)}`,
  },
  'aurora-mysql': {
    isAurora: true,
    port: 3306,
    logExports: ['audit', 'error', 'general', 'slowquery'],
    tlsParameters: { require_secure_transport: 'ON' },
    auditParameters: { ...MYSQL_AUDIT, server_audit_logging: '1', server_audit_events: MYSQL_AUDIT_EVENTS },
    familyFor: (v) => `aurora-mysql${majorVersion(v, 2)}`,
  },
};

/** RDS for MySQL audits through the MariaDB audit plugin, which lives in an option group. */
export const MYSQL_AUDIT_PLUGIN = {
  optionName: 'MARIADB_AUDIT_PLUGIN',
  settings: { SERVER_AUDIT_EVENTS: MYSQL_AUDIT_EVENTS },
} as const;

export function mysqlMajorVersion(engineVersion: string): string {
  return majorVersion(engineVersion, 2);
}
