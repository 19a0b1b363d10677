import type { Rule } from '../../engine/types';

export const transitRules: readonly Rule[] = [];
