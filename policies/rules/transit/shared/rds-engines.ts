/**
 * Which setting forces TLS on each RDS/Aurora engine, and what AWS's default parameter group
 * sets it to. Sources (read 2026-11): RDS User Guide "Using SSL with a PostgreSQL DB instance"
 * (rds.force_ssl defaults to 1 from PostgreSQL 15, 0 before), "Requiring SSL/TLS for all
 * connections to a MySQL DB instance" (require_secure_transport defaults to OFF), the MariaDB page
 * (OFF up to 11.4, ON from 11.8), "Using SSL with a Microsoft SQL Server DB instance"
 * (rds.force_ssl defaults to 0), Aurora PostgreSQL (rds.force_ssl defaults to 0), Db2 (db2comm
 * defaults to TCPIP), Oracle "Native network encryption" / "Oracle Secure Sockets Layer".
 */
import { atLeast } from './parameter-group';

export interface ParameterRule {
  readonly kind: 'parameter';
  readonly parameter: string;
  /** Whether a parameter value forces TLS. */
  readonly forces: (value: string) => boolean;
  /** The value findings tell you to set. */
  readonly setTo: string;
  /** Whether AWS's default for this engine version forces TLS (undefined version: AWS's default version). */
  readonly defaultForces: (version: readonly number[] | undefined) => boolean;
}

export interface OptionRule {
  readonly kind: 'option';
}

export type EngineTls = ParameterRule | OptionRule;

const on = (v: string) => ['1', 'on', 'true'].includes(v.trim().toLowerCase());
const never = () => false;

const FORCE_SSL: Omit<ParameterRule, 'defaultForces'> = { kind: 'parameter', parameter: 'rds.force_ssl', forces: on, setTo: '1' };
const SECURE_TRANSPORT: Omit<ParameterRule, 'defaultForces'> = { kind: 'parameter', parameter: 'require_secure_transport', forces: on, setTo: 'ON' };

/** TLS settings by engine name; sqlserver-*, oracle-*, db2-* and custom-* are matched by prefix. */
export function engineTls(engine: string): EngineTls | undefined {
  if (engine === 'postgres') {
    // AWS's default major version for new instances has been 15 or later since 2023.
    return { ...FORCE_SSL, defaultForces: (v) => v === undefined || atLeast(v, [15]) };
  }
  if (engine === 'aurora-postgresql') return { ...FORCE_SSL, defaultForces: never };
  if (engine === 'mysql' || engine === 'aurora-mysql' || engine === 'aurora') return { ...SECURE_TRANSPORT, defaultForces: never };
  if (engine === 'mariadb') return { ...SECURE_TRANSPORT, defaultForces: (v) => v !== undefined && atLeast(v, [11, 8]) };
  if (engine.startsWith('sqlserver-')) return { ...FORCE_SSL, defaultForces: never };
  if (engine.startsWith('db2-')) return { kind: 'parameter', parameter: 'db2comm', forces: (v) => v.trim().toUpperCase() === 'SSL', setTo: 'SSL', defaultForces: never };
  if (engine.startsWith('oracle-')) return { kind: 'option' };
  return undefined;
}
