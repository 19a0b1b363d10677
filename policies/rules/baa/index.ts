import type { Rule } from '../../engine/types';
import { dataFlows } from './data-flows';
import { eligibleServices } from './eligible-services';
import { listQualifiers } from './list-qualifiers';

export const baaRules: readonly Rule[] = [eligibleServices, listQualifiers, dataFlows];
