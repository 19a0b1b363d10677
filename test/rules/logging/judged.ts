/**
 * For the logging tests: which instances a rule actually judged and passed. The rule tester
 * sees findings only, so a "valid" case cannot tell a pass from a skip (e.g. "not a log
 * bucket"); these helpers read the evaluation's check records, which skipped instances lack.
 */
import * as fs from 'node:fs';
import { defaultSettings } from '../../../policies/engine/check';
import { phiScopeFrom } from '../../../policies/engine/config/scope';
import { evaluateGraph, type PhiScope } from '../../../policies/engine/evaluate';
import { buildGraph } from '../../../policies/engine/graph';
import { loadBytes } from '../../../policies/engine/load';
import type { JsonValue, Rule } from '../../../policies/engine/types';

export const FIXTURES = `${__dirname}/../../fixtures/plans`;

/** PHI scope narrowed to DataClassification = PHI, as the logging fixtures tag their PHI buckets. */
export const PHI_TAGGED: PhiScope = phiScopeFrom({ all: false, tags: { DataClassification: ['PHI'] }, modules: [] });

/** Addresses the rule judged with the given result in a fixture plan. */
export function judged(rule: Rule, file: string, result: 'pass' | 'fail' | 'unknown', params: Record<string, JsonValue> = {}, phiScope?: PhiScope): string[] {
  const loaded = loadBytes(fs.readFileSync(file), file, 0);
  const base = defaultSettings(rule);
  const { checks } = evaluateGraph(buildGraph(loaded, 0), [rule], file, {
    unknownPolicy: 'warn',
    changedOnly: false,
    settingsFor: () => ({ ...base, params: { ...base.params, ...params } }),
    ...(phiScope ? { phiScope } : {}),
  });
  return checks.filter((c) => c.result === result).map((c) => c.address).sort();
}
