/** The rule pack: every family's rules, in id order. Each family owns its own index. */
import type { Rule } from '../engine/types';
import { baaRules } from './baa';
import { encryptionRules } from './encryption';
import { iotRules } from './iot';
import { loggingRules } from './logging';
import { transitRules } from './transit';

export const ALL_RULES: readonly Rule[] = [...encryptionRules, ...transitRules, ...loggingRules, ...baaRules, ...iotRules].sort((a, b) =>
  a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
);

export function findRule(id: string): Rule | undefined {
  const wanted = id.toUpperCase();
  return ALL_RULES.find((r) => r.id === wanted);
}
