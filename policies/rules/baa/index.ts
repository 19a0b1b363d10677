import type { Rule } from '../../engine/types';

export const baaRules: readonly Rule[] = [];
