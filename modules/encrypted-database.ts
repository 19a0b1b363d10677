import { ITerraformDependable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbOptionGroup } from '@cdktf/provider-aws/lib/db-option-group';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { RdsCluster } from '@cdktf/provider-aws/lib/rds-cluster';
import { RdsClusterInstance } from '@cdktf/provider-aws/lib/rds-cluster-instance';
import { RdsClusterParameterGroup } from '@cdktf/provider-aws/lib/rds-cluster-parameter-group';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { DatabaseEngine, ENGINE_FACTS, EngineFacts, MYSQL_AUDIT_PLUGIN, mysqlMajorVersion } from './database-engines';
import { EncryptedLogGroup } from './encrypted-log-group';
import { AwsEnvironment, partitionOf, validateEnvironment } from './environment';
import { EncryptionKey, keyOrNew } from './kms-key';
import { SIX_YEARS_IN_DAYS, validateWholeDays } from './retention';
import { ServiceRole } from './service-role';

/** Where the database lives and who may reach it. */
export interface DatabaseNetwork {
  readonly vpcId: string;
  /** Private subnets in at least two Availability Zones (RDS requires two for a subnet group). */
  readonly subnetIds: string[];
  /** IPv4 CIDR blocks allowed to connect on the engine port. `0.0.0.0/0` is refused. Default: none. */
  readonly allowedCidrBlocks?: readonly string[];
  /** Security groups (e.g. the application's) allowed to connect on the engine port. Default: none. */
  readonly allowedSecurityGroupIds?: readonly string[];
}

export interface EncryptedDatabaseProps {
  readonly env: AwsEnvironment;
  /** DB instance or cluster identifier; also names the log groups `/aws/rds/{instance|cluster}/<identifier>/<log>`. */
  readonly identifier: string;
  /** `postgres`, `mysql` (RDS instances) or `aurora-postgresql`, `aurora-mysql` (Aurora clusters). */
  readonly engine: DatabaseEngine;
  /** Engine version to pin, e.g. `16.6`, `8.0.40`, `8.0.mysql_aurora.3.08.0`. Required: defaults go stale. */
  readonly engineVersion: string;
  /** Parameter group family. Default: derived from the engine version (`postgres16`, `mysql8.0`, …). */
  readonly parameterGroupFamily?: string;
  /** Instance class. Default `db.t4g.medium`. */
  readonly instanceClass?: string;
  /** RDS instances only: initial storage in GiB. Default 20. */
  readonly allocatedStorageGb?: number;
  /** RDS instances only: storage autoscaling ceiling in GiB. Default 100. */
  readonly maxAllocatedStorageGb?: number;
  /** RDS instances only: standby in a second AZ. Default true (cdk-nag RDSMultiAZSupport; HIPAA contingency planning). */
  readonly multiAz?: boolean;
  /** Aurora only: number of instances, 1–15. Default 2 (a writer and a reader in another AZ). */
  readonly instanceCount?: number;
  /** Name of the initial database. Default: none. */
  readonly databaseName?: string;
  /** Master user name. Default `dbadmin`. Its password is generated and kept by RDS in Secrets Manager, never in Terraform state. */
  readonly masterUsername?: string;
  readonly network: DatabaseNetwork;
  /** Key for storage, snapshots, the master-user secret and the log groups. Default: a new KmsKey. */
  readonly kmsKey?: EncryptionKey;
  /** Days of automated backups, 7–35. Default 14. */
  readonly backupRetentionDays?: number;
  /** Days the exported logs are kept. Default 2192 (six years). */
  readonly logRetentionDays?: number;
  /** Enhanced monitoring interval in seconds: 1, 5, 10, 15, 30 or 60. Default 60 (cdk-nag RDSEnhancedMonitoringEnabled). */
  readonly monitoringIntervalSeconds?: number;
  /**
   * More engine parameters (e.g. `general_log: '1'`). Applied after a reboot. The TLS
   * parameters cannot be overridden here.
   */
  readonly extraParameters?: Readonly<Record<string, string>>;
  readonly tags?: Record<string, string>;
}

const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];
const IDENTIFIER = /^[a-z](?!.*--)[a-z0-9-]{0,61}[a-z0-9]$/;
// The current RSA-2048 RDS CA; clients verifying the server certificate trust it.
const CA_CERTIFICATE = 'rds-ca-rsa2048-g1';

/**
 * A PostgreSQL or MySQL database (RDS instance or Aurora cluster) for PHI: storage,
 * snapshots and the RDS-managed master password encrypted with a customer-managed key; a
 * custom parameter group that refuses connections without TLS; every log type exported to a
 * six-year, KMS-encrypted log group created before the database; IAM database
 * authentication; backups; deletion protection; no public endpoint; and a security group that
 * admits only the callers you name.
 */
export class EncryptedDatabase extends Construct {
  /** The RDS instance, or the Aurora cluster. */
  readonly database: DbInstance | RdsCluster;
  readonly clusterInstances: RdsClusterInstance[] = [];
  readonly securityGroup: SecurityGroup;
  readonly logGroups: EncryptedLogGroup[];
  readonly kmsKey: EncryptionKey;
  readonly port: number;

  constructor(scope: Construct, id: string, props: EncryptedDatabaseProps) {
    super(scope, id);
    validateEnvironment(props.env);
    const facts = ENGINE_FACTS[props.engine];
    validateProps(props, facts);
    const identifier = props.identifier;
    this.port = facts.port;

    this.kmsKey = keyOrNew(this, props.kmsKey, {
      env: props.env,
      alias: `rds/${identifier}`,
      description: `Encrypts database ${identifier}: storage, snapshots, master secret, logs`,
      tags: props.tags,
    });
    // Created first, so RDS finds them and does not create its own never-expiring, unencrypted groups.
    const logKind = facts.isAurora ? 'cluster' : 'instance';
    this.logGroups = facts.logExports.map(
      (logType) =>
        new EncryptedLogGroup(this, `log-${logType}`, {
          env: props.env,
          logGroupName: `/aws/rds/${logKind}/${identifier}/${logType}`,
          retentionDays: props.logRetentionDays ?? SIX_YEARS_IN_DAYS,
          kmsKey: this.kmsKey,
          tags: props.tags,
        }),
    );

    const subnetGroup = new DbSubnetGroup(this, 'subnet-group', {
      name: `${identifier}-subnets`,
      description: `Private subnets for ${identifier}`,
      subnetIds: props.network.subnetIds,
      tags: props.tags,
    });
    this.securityGroup = this.createSecurityGroup(props, facts.port);
    const monitoringRole = new ServiceRole(this, 'monitoring', {
      roleName: `${identifier}-rds-monitoring`,
      description: `Enhanced monitoring for ${identifier}`,
      servicePrincipal: 'monitoring.rds.amazonaws.com',
      managedPolicyArns: [`arn:${partitionOf(props.env)}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole`],
      tags: props.tags,
    });

    const family = props.parameterGroupFamily ?? facts.familyFor(props.engineVersion);
    const parameters = toParameters({ ...facts.auditParameters, ...props.extraParameters, ...facts.tlsParameters });
    const shared = {
      engineVersion: props.engineVersion,
      masterUserSecretKmsKeyId: this.kmsKey.keyArn,
      manageMasterUserPassword: true,
      storageEncrypted: true,
      kmsKeyId: this.kmsKey.keyArn,
      iamDatabaseAuthenticationEnabled: true,
      backupRetentionPeriod: props.backupRetentionDays ?? 14,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      enabledCloudwatchLogsExports: [...facts.logExports],
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [this.securityGroup.id],
      port: facts.port,
      tags: props.tags,
      dependsOn: this.logGroups.map((group): ITerraformDependable => group.logGroup),
    };
    const perInstance = {
      instanceClass: props.instanceClass ?? 'db.t4g.medium',
      publiclyAccessible: false,
      autoMinorVersionUpgrade: true,
      caCertIdentifier: CA_CERTIFICATE,
      monitoringInterval: props.monitoringIntervalSeconds ?? 60,
      monitoringRoleArn: monitoringRole.roleArn,
    };

    if (facts.isAurora) {
      const clusterParameters = new RdsClusterParameterGroup(this, 'cluster-parameters', {
        name: `${identifier}-cluster-params`,
        family,
        description: `TLS-only and audit settings for ${identifier}`,
        parameter: parameters,
        tags: props.tags,
      });
      // Instances get their own (empty) group so none of them runs on a default parameter group.
      const instanceParameters = new DbParameterGroup(this, 'instance-parameters', {
        name: `${identifier}-instance-params`,
        family,
        description: `Instance settings for ${identifier}`,
        tags: props.tags,
      });
      const cluster = new RdsCluster(this, 'cluster', {
        ...shared,
        clusterIdentifier: identifier,
        engine: props.engine,
        databaseName: props.databaseName,
        masterUsername: props.masterUsername ?? 'dbadmin',
        dbClusterParameterGroupName: clusterParameters.name,
        finalSnapshotIdentifier: `${identifier}-final`,
      });
      this.database = cluster;
      for (let index = 1; index <= (props.instanceCount ?? 2); index++) {
        this.clusterInstances.push(
          new RdsClusterInstance(this, `instance-${index}`, {
            ...perInstance,
            identifier: `${identifier}-${index}`,
            clusterIdentifier: cluster.id,
            engine: props.engine,
            engineVersion: props.engineVersion,
            dbSubnetGroupName: subnetGroup.name,
            dbParameterGroupName: instanceParameters.name,
            copyTagsToSnapshot: true,
            tags: props.tags,
            dependsOn: [...monitoringRole.grants],
          }),
        );
      }
    } else {
      const parameterGroup = new DbParameterGroup(this, 'parameters', {
        name: `${identifier}-params`,
        family,
        description: `TLS-only and audit settings for ${identifier}`,
        parameter: parameters,
        tags: props.tags,
      });
      const optionGroup =
        props.engine === 'mysql'
          ? new DbOptionGroup(this, 'options', {
              name: `${identifier}-options`,
              optionGroupDescription: `Audit plugin for ${identifier}`,
              engineName: 'mysql',
              majorEngineVersion: mysqlMajorVersion(props.engineVersion),
              option: [
                {
                  optionName: MYSQL_AUDIT_PLUGIN.optionName,
                  optionSettings: Object.entries(MYSQL_AUDIT_PLUGIN.settings).map(([name, value]) => ({ name, value })),
                },
              ],
              tags: props.tags,
            })
          : undefined;
      this.database = new DbInstance(this, 'instance', {
        ...shared,
        ...perInstance,
        identifier,
        engine: props.engine,
        dbName: props.databaseName,
        username: props.masterUsername ?? 'dbadmin',
        allocatedStorage: props.allocatedStorageGb ?? 20,
        maxAllocatedStorage: props.maxAllocatedStorageGb ?? 100,
        storageType: 'gp3',
        multiAz: props.multiAz ?? true,
        parameterGroupName: parameterGroup.name,
        optionGroupName: optionGroup?.name,
        finalSnapshotIdentifier: `${identifier}-final`,
        dependsOn: [...shared.dependsOn, ...monitoringRole.grants],
      });
    }
  }

  private createSecurityGroup(props: EncryptedDatabaseProps, port: number): SecurityGroup {
    // A new group has no rules once Terraform has removed AWS's default allow-all egress: a
    // database answers connections and does not need to start its own.
    const group = new SecurityGroup(this, 'security-group', {
      name: `${props.identifier}-db`,
      description: `Connections to database ${props.identifier}`,
      vpcId: props.network.vpcId,
      tags: props.tags,
    });
    (props.network.allowedCidrBlocks ?? []).forEach((cidrIpv4, index) => {
      new VpcSecurityGroupIngressRule(this, `ingress-cidr-${index}`, {
        securityGroupId: group.id,
        description: `Database port from ${cidrIpv4}`,
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        cidrIpv4,
      });
    });
    (props.network.allowedSecurityGroupIds ?? []).forEach((referencedSecurityGroupId, index) => {
      new VpcSecurityGroupIngressRule(this, `ingress-sg-${index}`, {
        securityGroupId: group.id,
        description: 'Database port from an allowed security group',
        ipProtocol: 'tcp',
        fromPort: port,
        toPort: port,
        referencedSecurityGroupId,
      });
    });
    return group;
  }
}

function toParameters(values: Record<string, string>): Array<{ name: string; value: string; applyMethod: string }> {
  // pending-reboot is accepted for static and dynamic parameters alike; a new database starts with them.
  return Object.entries(values)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name, value, applyMethod: 'pending-reboot' }));
}

function validateProps(props: EncryptedDatabaseProps, facts: EngineFacts): void {
  const where = `EncryptedDatabase ${props.identifier}`;
  if (!IDENTIFIER.test(props.identifier)) {
    throw new Error(`${where}: identifier must be 2-63 lower-case letters, digits and single hyphens, starting with a letter`);
  }
  validateWholeDays(props.backupRetentionDays ?? 14, 7, 35, `${where}: backupRetentionDays`);
  const interval = props.monitoringIntervalSeconds ?? 60;
  if (!MONITORING_INTERVALS.includes(interval)) {
    throw new Error(`${where}: monitoringIntervalSeconds must be one of ${MONITORING_INTERVALS.join(', ')}`);
  }
  if (facts.isAurora) validateWholeDays(props.instanceCount ?? 2, 1, 15, `${where}: instanceCount`);
  if (!Token.isUnresolved(props.network.subnetIds) && props.network.subnetIds.length < 2) {
    throw new Error(`${where}: network.subnetIds needs subnets in at least two Availability Zones`);
  }
  for (const cidr of props.network.allowedCidrBlocks ?? []) {
    if (/\/0$/.test(cidr)) throw new Error(`${where}: allowedCidrBlocks must not include ${cidr} (the whole internet)`);
  }
  for (const name of Object.keys(props.extraParameters ?? {})) {
    if (name in facts.tlsParameters) throw new Error(`${where}: extraParameters cannot override the TLS parameter ${name}`);
  }
}
