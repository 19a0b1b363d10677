import type { Rule } from '../../engine/types';

export const iotRules: readonly Rule[] = [];
