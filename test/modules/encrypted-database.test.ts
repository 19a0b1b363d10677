import { EncryptedDatabase, EncryptedDatabaseProps } from '../../modules/encrypted-database';
import { ENV, SynthOutput, policyOf, synth } from './synth';

const network = { vpcId: 'vpc-0abc', subnetIds: ['subnet-a', 'subnet-b'], allowedSecurityGroupIds: ['sg-app'] };
const postgres: EncryptedDatabaseProps = { env: ENV, identifier: 'patients', engine: 'postgres', engineVersion: '16.6', network };

function synthDb(props: Partial<EncryptedDatabaseProps> = {}): SynthOutput {
  return synth((scope) => new EncryptedDatabase(scope, 'db', { ...postgres, ...props }));
}

const parameterMap = (parameters: unknown) =>
  Object.fromEntries((parameters as Array<{ name: string; value: string }>).map((p) => [p.name, p.value]));

describe('EncryptedDatabase: RDS for PostgreSQL', () => {
  const out = synthDb();
  const db = out.one('aws_db_instance');
  const key = out.one('aws_kms_key');

  it('encrypts storage and the RDS-managed master secret with the customer-managed key', () => {
    expect(db.config).toMatchObject({
      identifier: 'patients',
      engine: 'postgres',
      engine_version: '16.6',
      storage_encrypted: true,
      kms_key_id: key.ref('arn'),
      manage_master_user_password: true,
      master_user_secret_kms_key_id: key.ref('arn'),
    });
    expect(db.config.password).toBeUndefined();
  });

  it('is private, IAM-authenticated, backed up, deletion-protected, Multi-AZ and monitored', () => {
    const monitoringRole = out.one('aws_iam_role');
    expect(db.config).toMatchObject({
      publicly_accessible: false,
      iam_database_authentication_enabled: true,
      backup_retention_period: 14,
      deletion_protection: true,
      skip_final_snapshot: false,
      final_snapshot_identifier: 'patients-final',
      copy_tags_to_snapshot: true,
      multi_az: true,
      auto_minor_version_upgrade: true,
      ca_cert_identifier: 'rds-ca-rsa2048-g1',
      monitoring_interval: 60,
      monitoring_role_arn: monitoringRole.ref('arn'),
    });
    expect(policyOf(monitoringRole, 'assume_role_policy').Statement[0].Principal).toEqual({ Service: 'monitoring.rds.amazonaws.com' });
    expect(out.one('aws_iam_role_policy_attachment').config.policy_arn).toBe('arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole');
  });

  it('attaches its own parameter group that forces TLS 1.2+', () => {
    const group = out.one('aws_db_parameter_group');
    expect(db.config.parameter_group_name).toBe(group.ref('name'));
    expect(group.config.family).toBe('postgres16');
    expect(parameterMap(group.config.parameter)).toMatchObject({ 'rds.force_ssl': '1', ssl_min_protocol_version: 'TLSv1.2', log_connections: '1' });
  });

  it('exports every PostgreSQL log type into six-year encrypted log groups created first', () => {
    expect(db.config.enabled_cloudwatch_logs_exports).toEqual(['postgresql', 'upgrade']);
    const groups = out.all('aws_cloudwatch_log_group');
    expect(groups.map((g) => g.config.name)).toEqual(['/aws/rds/instance/patients/postgresql', '/aws/rds/instance/patients/upgrade']);
    for (const group of groups) {
      expect(group.config).toMatchObject({ retention_in_days: 2192, kms_key_id: key.ref('arn') });
    }
    expect(db.config.depends_on).toEqual(expect.arrayContaining(groups.map((g) => g.address)));
  });

  it('admits only the named callers on the engine port, in private subnets', () => {
    const sg = out.one('aws_security_group');
    expect(db.config.vpc_security_group_ids).toEqual([sg.ref('id')]);
    expect(sg.config.vpc_id).toBe('vpc-0abc');
    expect(sg.config.ingress).toBeUndefined();
    expect(out.one('aws_vpc_security_group_ingress_rule').config).toMatchObject({
      security_group_id: sg.ref('id'),
      referenced_security_group_id: 'sg-app',
      ip_protocol: 'tcp',
      from_port: 5432,
      to_port: 5432,
    });
    expect(out.one('aws_db_subnet_group').config.subnet_ids).toEqual(['subnet-a', 'subnet-b']);
    expect(db.config.db_subnet_group_name).toBe(out.one('aws_db_subnet_group').ref('name'));
  });

  it('has no option group (PostgreSQL does not need one)', () => {
    expect(out.count('aws_db_option_group')).toBe(0);
  });
});

describe('EncryptedDatabase: RDS for MySQL', () => {
  const out = synthDb({ identifier: 'billing', engine: 'mysql', engineVersion: '8.0.40', network: { ...network, allowedCidrBlocks: ['10.0.0.0/16'] } });
  const db = out.one('aws_db_instance');

  it('requires secure transport and exports audit, error, general and slow-query logs', () => {
    const group = out.one('aws_db_parameter_group');
    expect(group.config.family).toBe('mysql8.0');
    expect(parameterMap(group.config.parameter)).toMatchObject({ require_secure_transport: 'ON', slow_query_log: '1', log_output: 'FILE' });
    expect(db.config.enabled_cloudwatch_logs_exports).toEqual(['audit', 'error', 'general', 'slowquery']);
    expect(out.all('aws_cloudwatch_log_group').map((g) => g.config.name)).toContain('/aws/rds/instance/billing/audit');
  });

  it('audits through the MariaDB audit plugin in its own option group', () => {
    const options = out.one('aws_db_option_group');
    expect(db.config.option_group_name).toBe(options.ref('name'));
    expect(options.config).toMatchObject({
      engine_name: 'mysql',
      major_engine_version: '8.0',
      option: [{ option_name: 'MARIADB_AUDIT_PLUGIN', option_settings: [{ name: 'SERVER_AUDIT_EVENTS', value: 'CONNECT,QUERY_DCL,QUERY_DDL' }] }],
    });
  });

  it('admits the named CIDR on 3306', () => {
    expect(out.all('aws_vpc_security_group_ingress_rule').map((r) => r.config)).toContainEqual(
      expect.objectContaining({ cidr_ipv4: '10.0.0.0/16', from_port: 3306, to_port: 3306 }),
    );
  });
});

describe('EncryptedDatabase: Aurora', () => {
  const out = synthDb({ identifier: 'claims', engine: 'aurora-postgresql', engineVersion: '16.6' });
  const cluster = out.one('aws_rds_cluster');
  const key = out.one('aws_kms_key');

  it('encrypts the cluster and keeps the master secret in Secrets Manager under the key', () => {
    expect(cluster.config).toMatchObject({
      cluster_identifier: 'claims',
      engine: 'aurora-postgresql',
      storage_encrypted: true,
      kms_key_id: key.ref('arn'),
      manage_master_user_password: true,
      master_user_secret_kms_key_id: key.ref('arn'),
      iam_database_authentication_enabled: true,
      deletion_protection: true,
      backup_retention_period: 14,
      enabled_cloudwatch_logs_exports: ['postgresql'],
    });
    expect(out.count('aws_db_instance')).toBe(0);
  });

  it('forces TLS in the cluster parameter group and keeps instances off default groups', () => {
    const clusterGroup = out.one('aws_rds_cluster_parameter_group');
    expect(cluster.config.db_cluster_parameter_group_name).toBe(clusterGroup.ref('name'));
    expect(clusterGroup.config.family).toBe('aurora-postgresql16');
    expect(parameterMap(clusterGroup.config.parameter)).toMatchObject({ 'rds.force_ssl': '1' });
    const instanceGroup = out.one('aws_db_parameter_group');
    const instances = out.all('aws_rds_cluster_instance');
    expect(instances.map((i) => i.config.identifier)).toEqual(['claims-1', 'claims-2']);
    for (const instance of instances) {
      expect(instance.config).toMatchObject({
        cluster_identifier: cluster.ref('id'),
        publicly_accessible: false,
        db_parameter_group_name: instanceGroup.ref('name'),
        monitoring_interval: 60,
      });
    }
  });

  it('creates the cluster log groups under /aws/rds/cluster/', () => {
    expect(out.one('aws_cloudwatch_log_group').config.name).toBe('/aws/rds/cluster/claims/postgresql');
  });

  it('uses require_secure_transport and server audit logging for Aurora MySQL', () => {
    const mysql = synthDb({ identifier: 'orders', engine: 'aurora-mysql', engineVersion: '8.0.mysql_aurora.3.08.0', instanceCount: 1 });
    const group = mysql.one('aws_rds_cluster_parameter_group');
    expect(group.config.family).toBe('aurora-mysql8.0');
    expect(parameterMap(group.config.parameter)).toMatchObject({ require_secure_transport: 'ON', server_audit_logging: '1' });
    expect(mysql.count('aws_rds_cluster_instance')).toBe(1);
  });
});

describe('EncryptedDatabase escape hatches', () => {
  it('applies sizes, backup retention, monitoring interval and extra parameters', () => {
    const out = synthDb({
      instanceClass: 'db.r6g.large',
      allocatedStorageGb: 100,
      maxAllocatedStorageGb: 500,
      backupRetentionDays: 35,
      monitoringIntervalSeconds: 15,
      multiAz: false,
      extraParameters: { log_min_duration_statement: '1000' },
      parameterGroupFamily: 'postgres16',
    });
    expect(out.one('aws_db_instance').config).toMatchObject({
      instance_class: 'db.r6g.large',
      allocated_storage: 100,
      max_allocated_storage: 500,
      backup_retention_period: 35,
      monitoring_interval: 15,
      multi_az: false,
    });
    expect(parameterMap(out.one('aws_db_parameter_group').config.parameter)).toMatchObject({ log_min_duration_statement: '1000', 'rds.force_ssl': '1' });
  });

  it.each([
    ['backups shorter than 7 days', { backupRetentionDays: 3 }, /backupRetentionDays/],
    ['a TLS parameter override', { extraParameters: { 'rds.force_ssl': '0' } }, /cannot override the TLS parameter/],
    ['the whole internet', { network: { ...network, allowedCidrBlocks: ['0.0.0.0/0'] } }, /whole internet/],
    ['a single subnet', { network: { ...network, subnetIds: ['subnet-a'] } }, /two Availability Zones/],
    ['an unsupported monitoring interval', { monitoringIntervalSeconds: 0 }, /monitoringIntervalSeconds/],
    ['an upper-case identifier', { identifier: 'Patients' }, /identifier/],
    ['an engine version without a family', { engineVersion: 'latest' }, /parameterGroupFamily/],
  ])('refuses %s', (_what, props, message) => {
    expect(() => synthDb(props)).toThrow(message);
  });
});
