/**
 * Whether a database, volume or snapshot will be encrypted, following the places its
 * encryption can come from: its own flag, the read-replica source, the snapshot it is restored
 * from, the global cluster it joins, the volume a snapshot is taken of. Each step names the
 * resource it rests on, so a finding can say "a read replica of aws_db_instance.main, which does
 * not set storage_encrypted". Sources outside the plan make the answer unknown, never a pass.
 */
import type { Evidence, Join, PlanGraph, ResourceInstance } from '../../engine/types';
import { ebsAccountDefault } from './ebs-account-default';
import { isSet, readKey, readSwitch, unresolvedVariables } from './read';

export interface StorageState {
  state: 'encrypted' | 'unencrypted' | 'unknown';
  /** Completes "<address> …", e.g. 'sets storage_encrypted = true'. */
  reason: string;
  /** The attribute the verdict rests on, on the resource judged. */
  attribute: string;
  evidence: Evidence[];
  /** Whether the resource's own setting decided it (so its own key attribute is the key in use). */
  own: boolean;
}

/** Sources can chain (replica of a restore of a snapshot of …); real chains are short. */
const MAX_DEPTH = 6;

function own(state: StorageState['state'], attribute: string, reason: string): StorageState {
  return { state, attribute, reason, evidence: [], own: true };
}

function unknownSource(attribute: string, what: string): StorageState {
  return { state: 'unknown', attribute, reason: `takes its encryption from ${what} that this plan does not show`, evidence: [], own: false };
}

/** A source attribute wired only to module variables that lead nowhere in the plan: probably null, but not provably. */
function unresolvedSource(instance: ResourceInstance, attribute: string, graph: PlanGraph, flagReason: string): StorageState | undefined {
  const variables = unresolvedVariables(instance, attribute, graph);
  if (!variables) return undefined;
  return {
    state: 'unknown',
    attribute,
    reason: `${flagReason}, and its ${attribute} comes from ${variables.join(', ')}, which leads to nothing in this plan: if it is null the storage is unencrypted, if it names an encrypted source it is not`,
    evidence: [],
    own: false,
  };
}

function inherited(attribute: string, join: Join, relation: string, source: StorageState): StorageState {
  return {
    state: source.state,
    attribute,
    reason: `is ${relation} ${join.instance.address}, which ${source.reason}`,
    evidence: [{ attribute: join.attribute, related: join.instance.address, via: join.via }, ...source.evidence],
    own: false,
  };
}

function follow(graph: PlanGraph, instance: ResourceInstance, attribute: string, types: readonly string[], matchValues: readonly string[]): Join | undefined {
  return graph.referencesOf(instance, attribute, { types, matchValues })[0];
}

/** A computed boolean the plan knows (an existing snapshot's `encrypted`), or undefined. */
function knownBoolean(instance: ResourceInstance, attribute: string): boolean | undefined {
  const v = instance.attr(attribute);
  return v.state === 'known' && typeof v.value === 'boolean' ? v.value : undefined;
}

const DB_SNAPSHOT_TYPES = ['aws_db_snapshot', 'aws_db_snapshot_copy'];
const CLUSTER_SNAPSHOT_TYPES = ['aws_db_cluster_snapshot', 'aws_rds_cluster_snapshot_copy', 'aws_docdb_cluster_snapshot', 'aws_neptune_cluster_snapshot'];
const CLUSTER_TYPES = ['aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'];
const GLOBAL_TYPES = ['aws_rds_global_cluster', 'aws_docdb_global_cluster', 'aws_neptune_global_cluster'];

export function storageState(instance: ResourceInstance, graph: PlanGraph, depth = 0): StorageState {
  if (depth > MAX_DEPTH) return unknownSource('', 'a chain of sources too long to follow');
  switch (instance.type) {
    case 'aws_db_instance':
      return dbInstanceState(instance, graph, depth);
    case 'aws_rds_cluster':
    case 'aws_docdb_cluster':
    case 'aws_neptune_cluster':
      return clusterState(instance, graph, depth);
    case 'aws_rds_global_cluster':
    case 'aws_docdb_global_cluster':
    case 'aws_neptune_global_cluster':
      return globalClusterState(instance, graph, depth);
    case 'aws_ebs_volume':
      return ebsVolumeState(instance, graph);
    case 'aws_ebs_snapshot':
      return ebsSnapshotState(instance, graph, depth);
    default:
      return snapshotState(instance, graph, depth);
  }
}

function dbInstanceState(db: ResourceInstance, graph: PlanGraph, depth: number): StorageState {
  const flag = readSwitch(db.attr('storage_encrypted'), false);
  if (flag === 'on') return own('encrypted', 'storage_encrypted', 'sets storage_encrypted = true');
  if (flag === 'unknown') return own('unknown', 'storage_encrypted', 'has storage_encrypted known only after apply');
  if (isSet(db.attr('replicate_source_db'), false)) {
    // A cross-region replica of an encrypted source names its key in the destination region.
    if (readKey(db.attr('kms_key_id')) !== 'default') return own('encrypted', 'kms_key_id', 'is a read replica encrypted with the kms_key_id it names');
    const source = follow(graph, db, 'replicate_source_db', ['aws_db_instance'], ['identifier', 'arn', 'id']);
    if (!source) return unknownSource('replicate_source_db', 'a source DB instance');
    return inherited('replicate_source_db', source, 'a read replica of', storageState(source.instance, graph, depth + 1));
  }
  if (isSet(db.attr('snapshot_identifier'))) {
    const viaVariable = unresolvedSource(db, 'snapshot_identifier', graph, flag === 'off' ? 'has storage_encrypted = false' : 'does not set storage_encrypted');
    if (viaVariable) return viaVariable;
    const snapshot = follow(graph, db, 'snapshot_identifier', DB_SNAPSHOT_TYPES, ['db_snapshot_identifier', 'target_db_snapshot_identifier', 'db_snapshot_arn', 'id']);
    if (!snapshot) return unknownSource('snapshot_identifier', 'a DB snapshot');
    return inherited('snapshot_identifier', snapshot, 'restored from', storageState(snapshot.instance, graph, depth + 1));
  }
  if (db.blocks('restore_to_point_in_time').length > 0) {
    const source = follow(graph, db, 'restore_to_point_in_time.source_db_instance_identifier', ['aws_db_instance'], ['identifier', 'id']);
    if (!source) return unknownSource('restore_to_point_in_time', 'a source DB instance');
    return inherited('restore_to_point_in_time', source, 'a point-in-time restore of', storageState(source.instance, graph, depth + 1));
  }
  if (flag === 'off') return own('unencrypted', 'storage_encrypted', 'has storage_encrypted = false');
  return own('unencrypted', 'storage_encrypted', 'does not set storage_encrypted (RDS default: unencrypted)');
}

function clusterState(cluster: ResourceInstance, graph: PlanGraph, depth: number): StorageState {
  // aws_rds_cluster computes storage_encrypted; DocumentDB and Neptune do not.
  const flag = readSwitch(cluster.attr('storage_encrypted'), cluster.type === 'aws_rds_cluster');
  if (flag === 'on') return own('encrypted', 'storage_encrypted', 'sets storage_encrypted = true');
  if (flag === 'unknown') return own('unknown', 'storage_encrypted', 'has storage_encrypted known only after apply');
  const keyAttribute = cluster.type === 'aws_neptune_cluster' ? 'kms_key_arn' : 'kms_key_id';
  const engineMode = cluster.attr('engine_mode');
  if (engineMode.state === 'known' && engineMode.value === 'serverless') {
    return own('encrypted', 'engine_mode', 'is Aurora Serverless v1, which is always encrypted');
  }
  if (isSet(cluster.attr('global_cluster_identifier'), false)) {
    const global = follow(graph, cluster, 'global_cluster_identifier', GLOBAL_TYPES, ['global_cluster_identifier', 'id']);
    if (!global) return unknownSource('global_cluster_identifier', 'a global cluster');
    return inherited('global_cluster_identifier', global, 'a member of', storageState(global.instance, graph, depth + 1));
  }
  if (isSet(cluster.attr('replication_source_identifier'), false)) {
    if (readKey(cluster.attr(keyAttribute)) !== 'default') return own('encrypted', keyAttribute, `is a replica encrypted with the ${keyAttribute} it names`);
    const source = follow(graph, cluster, 'replication_source_identifier', [...CLUSTER_TYPES, 'aws_db_instance'], ['arn', 'id']);
    if (!source) return unknownSource('replication_source_identifier', 'a source cluster');
    return inherited('replication_source_identifier', source, 'a replica of', storageState(source.instance, graph, depth + 1));
  }
  if (isSet(cluster.attr('snapshot_identifier'), false)) {
    // Aurora encrypts a restore from an unencrypted snapshot when a key is given.
    if (cluster.type === 'aws_rds_cluster' && readKey(cluster.attr(keyAttribute)) !== 'default') {
      return own('encrypted', keyAttribute, `is restored with the ${keyAttribute} it names`);
    }
    const snapshot = follow(graph, cluster, 'snapshot_identifier', [...CLUSTER_SNAPSHOT_TYPES, ...DB_SNAPSHOT_TYPES], [
      'db_cluster_snapshot_identifier',
      'target_db_cluster_snapshot_identifier',
      'db_cluster_snapshot_arn',
      'db_snapshot_identifier',
      'db_snapshot_arn',
      'id',
    ]);
    if (!snapshot) return unknownSource('snapshot_identifier', 'a snapshot');
    return inherited('snapshot_identifier', snapshot, 'restored from', storageState(snapshot.instance, graph, depth + 1));
  }
  if (cluster.blocks('restore_to_point_in_time').length > 0) {
    const source = follow(graph, cluster, 'restore_to_point_in_time.source_cluster_identifier', CLUSTER_TYPES, ['cluster_identifier', 'id', 'arn']);
    if (!source) return unknownSource('restore_to_point_in_time', 'a source cluster');
    return inherited('restore_to_point_in_time', source, 'a point-in-time restore of', storageState(source.instance, graph, depth + 1));
  }
  if (flag === 'off') return own('unencrypted', 'storage_encrypted', 'has storage_encrypted = false');
  return own('unencrypted', 'storage_encrypted', 'does not set storage_encrypted (default: unencrypted)');
}

function globalClusterState(global: ResourceInstance, graph: PlanGraph, depth: number): StorageState {
  const flag = readSwitch(global.attr('storage_encrypted'));
  if (flag === 'on') return own('encrypted', 'storage_encrypted', 'sets storage_encrypted = true');
  if (flag === 'unknown') return own('unknown', 'storage_encrypted', 'has storage_encrypted known only after apply');
  if (isSet(global.attr('source_db_cluster_identifier'))) {
    const source = follow(graph, global, 'source_db_cluster_identifier', CLUSTER_TYPES, ['arn', 'id']);
    if (!source) return unknownSource('source_db_cluster_identifier', 'a source cluster');
    return inherited('source_db_cluster_identifier', source, 'created from', storageState(source.instance, graph, depth + 1));
  }
  if (flag === 'off') return own('unencrypted', 'storage_encrypted', 'has storage_encrypted = false');
  return own('unencrypted', 'storage_encrypted', 'does not set storage_encrypted (default: unencrypted)');
}

function ebsVolumeState(volume: ResourceInstance, graph: PlanGraph): StorageState {
  const flag = readSwitch(volume.attr('encrypted'));
  if (flag === 'on') return own('encrypted', 'encrypted', 'sets encrypted = true');
  if (flag === 'off') return own('unencrypted', 'encrypted', 'has encrypted = false');
  const accountDefault = ebsAccountDefault(volume, graph);
  if (accountDefault) {
    return { state: 'encrypted', attribute: 'encrypted', reason: `is encrypted by the account default (${accountDefault.setting.address})`, evidence: [accountDefault.evidence], own: false };
  }
  if (flag === 'unknown') return own('unknown', 'encrypted', 'has encrypted known only after apply');
  if (isSet(volume.attr('snapshot_id'))) return unknownSource('snapshot_id', 'a snapshot');
  return own('unencrypted', 'encrypted', 'does not set encrypted (EBS default: unencrypted)');
}

function ebsSnapshotState(snapshot: ResourceInstance, graph: PlanGraph, depth: number): StorageState {
  const known = knownBoolean(snapshot, 'encrypted');
  if (known !== undefined) return own(known ? 'encrypted' : 'unencrypted', 'encrypted', `is ${known ? '' : 'not '}encrypted`);
  const volume = follow(graph, snapshot, 'volume_id', ['aws_ebs_volume'], ['id']);
  if (!volume) return unknownSource('volume_id', 'a volume');
  return inherited('volume_id', volume, 'a snapshot of', storageState(volume.instance, graph, depth + 1));
}

/** Snapshots and copies whose encryption comes from a source resource, or from a key the copy names. */
interface SnapshotShape {
  /** The computed flag an existing snapshot reports. */
  flag: string;
  /** The key a copy can name to encrypt it. */
  key?: string;
  source: string;
  sourceTypes: readonly string[];
  matchValues: readonly string[];
  relation: string;
  what: string;
}

const SNAPSHOT_SHAPES: Readonly<Record<string, SnapshotShape>> = {
  aws_db_snapshot: { flag: 'encrypted', source: 'db_instance_identifier', sourceTypes: ['aws_db_instance'], matchValues: ['identifier', 'id'], relation: 'a snapshot of', what: 'a DB instance' },
  aws_db_snapshot_copy: {
    flag: 'encrypted',
    key: 'kms_key_id',
    source: 'source_db_snapshot_identifier',
    sourceTypes: DB_SNAPSHOT_TYPES,
    matchValues: ['db_snapshot_arn', 'db_snapshot_identifier', 'id'],
    relation: 'a copy of',
    what: 'a DB snapshot',
  },
  aws_db_cluster_snapshot: { flag: 'storage_encrypted', source: 'db_cluster_identifier', sourceTypes: ['aws_rds_cluster'], matchValues: ['cluster_identifier', 'id'], relation: 'a snapshot of', what: 'a cluster' },
  aws_docdb_cluster_snapshot: { flag: 'storage_encrypted', source: 'db_cluster_identifier', sourceTypes: ['aws_docdb_cluster'], matchValues: ['cluster_identifier', 'id'], relation: 'a snapshot of', what: 'a cluster' },
  aws_neptune_cluster_snapshot: { flag: 'storage_encrypted', source: 'db_cluster_identifier', sourceTypes: ['aws_neptune_cluster'], matchValues: ['cluster_identifier', 'id'], relation: 'a snapshot of', what: 'a cluster' },
  aws_rds_cluster_snapshot_copy: {
    flag: 'storage_encrypted',
    key: 'kms_key_id',
    source: 'source_db_cluster_snapshot_identifier',
    sourceTypes: CLUSTER_SNAPSHOT_TYPES,
    matchValues: ['db_cluster_snapshot_arn', 'db_cluster_snapshot_identifier', 'id'],
    relation: 'a copy of',
    what: 'a cluster snapshot',
  },
  aws_db_instance_automated_backups_replication: {
    flag: '',
    key: 'kms_key_id',
    source: 'source_db_instance_arn',
    sourceTypes: ['aws_db_instance'],
    matchValues: ['arn'],
    relation: 'replicated backups of',
    what: 'a DB instance',
  },
  aws_ebs_snapshot_copy: {
    flag: 'encrypted',
    key: 'kms_key_id',
    source: 'source_snapshot_id',
    sourceTypes: ['aws_ebs_snapshot', 'aws_ebs_snapshot_copy'],
    matchValues: ['id'],
    relation: 'a copy of',
    what: 'an EBS snapshot',
  },
  aws_ami_copy: { flag: 'encrypted', key: 'kms_key_id', source: 'source_ami_id', sourceTypes: ['aws_ami', 'aws_ami_copy'], matchValues: ['id'], relation: 'a copy of', what: 'an AMI' },
};

export const SNAPSHOT_TYPES: readonly string[] = [...Object.keys(SNAPSHOT_SHAPES), 'aws_ebs_snapshot'];

/** The key attribute a snapshot or copy can name, if its schema has one. */
export function snapshotKeyAttribute(type: string): string | undefined {
  return SNAPSHOT_SHAPES[type]?.key;
}

function snapshotState(snapshot: ResourceInstance, graph: PlanGraph, depth: number): StorageState {
  const shape = SNAPSHOT_SHAPES[snapshot.type];
  if (!shape) return unknownSource('', 'a resource type planwarden does not model');
  // EBS snapshot and AMI copies ask for encryption with `encrypted`; the account default also encrypts them.
  const isEbsCopy = snapshot.type === 'aws_ebs_snapshot_copy' || snapshot.type === 'aws_ami_copy';
  if (isEbsCopy && readSwitch(snapshot.attr('encrypted'), false) === 'on') return own('encrypted', 'encrypted', 'sets encrypted = true');
  if (shape.key && readKey(snapshot.attr(shape.key), snapshot.type === 'aws_ami_copy' || snapshot.type === 'aws_db_instance_automated_backups_replication') !== 'default') return own('encrypted', shape.key, `is encrypted with the ${shape.key} it names`);
  if (isEbsCopy) {
    const accountDefault = ebsAccountDefault(snapshot, graph);
    if (accountDefault) {
      return { state: 'encrypted', attribute: 'encrypted', reason: `is encrypted by the account default (${accountDefault.setting.address})`, evidence: [accountDefault.evidence], own: false };
    }
  } else if (shape.flag !== '') {
    const known = knownBoolean(snapshot, shape.flag);
    if (known !== undefined) return own(known ? 'encrypted' : 'unencrypted', shape.flag, known ? `reports ${shape.flag} = true` : `reports ${shape.flag} = false`);
  }
  const source = follow(graph, snapshot, shape.source, shape.sourceTypes, shape.matchValues);
  if (!source) return unknownSource(shape.source, shape.what);
  return inherited(shape.source, source, shape.relation, storageState(source.instance, graph, depth + 1));
}
