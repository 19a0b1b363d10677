/**
 * Finding the parameter group (or option group) a database names, and reading one parameter
 * from it. Databases name groups by `name`, so the join is a configuration reference
 * (`parameter_group_name = aws_db_parameter_group.tls.name`, through modules too) or the known
 * name itself. AWS's own groups are named "default.<family>" and never appear in a plan.
 */
import type { Evidence, PlanGraph, ResourceInstance } from '../../../engine/types';
import { evidenceOf } from '../../support';
import { setting, setString, type Setting } from './setting';

export type GroupReading =
  /** AWS's default group: the attribute is omitted, or names a "default." group. */
  | { readonly kind: 'default'; readonly name?: string }
  /** A group defined in this plan. */
  | { readonly kind: 'group'; readonly group: ResourceInstance; readonly name: string; readonly evidence: readonly Evidence[] }
  /** A custom group named by a known name but not defined in this plan (managed elsewhere). */
  | { readonly kind: 'external'; readonly name: string }
  /** The name is known only after apply and the configuration does not lead to a group here. */
  | { readonly kind: 'unknown'; readonly references: readonly string[] };

export function groupOf(graph: PlanGraph, db: ResourceInstance, attribute: string, groupTypes: readonly string[]): GroupReading {
  const named = setting(db, attribute);
  if (named.kind === 'omitted') return { kind: 'default' };
  const name = setString(named);
  if (name !== undefined && name.startsWith('default.')) return { kind: 'default', name };
  const joins = graph.referencesOf(db, attribute, { types: groupTypes, matchValues: ['name', 'id'] });
  if (joins.length > 0) {
    const group = joins[0].instance;
    return { kind: 'group', group, name: setString(setting(group, 'name')) ?? name ?? group.address, evidence: [evidenceOf(joins[0])] };
  }
  if (name !== undefined) return { kind: 'external', name };
  return { kind: 'unknown', references: named.kind === 'unknown' ? named.references : [] };
}

/** The value a group sets for `parameter` (names compare case-insensitively, as AWS does). */
export function parameterOf(group: ResourceInstance, parameter: string, blockName = 'parameter'): Setting {
  const wanted = parameter.toLowerCase();
  const whole = group.attr(blockName);
  if (whole.state === 'unknown') return { kind: 'unknown', references: whole.references };
  for (const path of group.blocks(blockName)) {
    const name = setString(setting(group, [...path, 'name']));
    if (name?.toLowerCase() === wanted) return setting(group, [...path, 'value']);
  }
  return { kind: 'omitted' };
}

/** Major (and minor) version numbers from "15.7", "8.0.35", "postgres16", "mariadb11.8", "default.postgres14". */
export function versionOf(text: string | undefined): readonly number[] | undefined {
  const m = text === undefined ? null : /(\d+)(?:\.(\d+))?/.exec(text);
  if (!m) return undefined;
  return m[2] === undefined ? [Number(m[1])] : [Number(m[1]), Number(m[2])];
}

/** Whether `version` is at least `minimum`, comparing as many parts as both have. */
export function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
  for (let i = 0; i < minimum.length; i++) {
    const v = version[i] ?? 0;
    if (v !== minimum[i]) return v > minimum[i];
  }
  return true;
}
