import type { Rule } from '../../engine/types';
import { logGroupRetention } from './log-group-retention';

export const loggingRules: readonly Rule[] = [logGroupRetention];
