/**
 * A jest matcher for platform teams' own tests:
 *   expect.extend(planwardenMatchers);
 *   expect(Testing.synth(stack)).toPassPlanwarden();   // the synth output, as the CLI sees it
 *   expect(stack).toPassPlanwarden();                  // the stack, honouring suppressRule()
 * Passes when there is no blocking finding; the failure message lists them. Synth output
 * carries no construct metadata, so only the stack form can honour suppressions.
 */
import { TerraformStack } from 'cdktf';
import type { Finding } from '../../policies/engine/types';
import { evaluateSynth, type SynthCheckOptions } from './evaluate-synth';
import { checkStack } from './validation';

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function line(f: Finding): string {
  return `  ${f.ruleId} ${f.address}${f.constructPath ? ` (${f.constructPath})` : ''}: ${f.message}`;
}

function plural(count: number): string {
  return `${count} blocking finding${count === 1 ? '' : 's'}`;
}

function stackResult(stack: TerraformStack, options: SynthCheckOptions): MatcherResult {
  const { errors, suppressed } = checkStack(stack, options);
  const note = suppressed.length > 0 ? ` (${suppressed.length} suppressed with a reason)` : '';
  return {
    pass: errors.length === 0,
    message: () =>
      errors.length === 0
        ? `expected planwarden to find blocking findings in stack ${stack.node.id}, but found none${note}`
        : `expected stack ${stack.node.id} to pass planwarden, but ${plural(errors.length)}${note}:\n${errors.map((e) => `  ${e}`).join('\n')}`,
  };
}

export function toPassPlanwarden(received: unknown, options: SynthCheckOptions = {}): MatcherResult {
  if (TerraformStack.isStack(received)) return stackResult(received, options);
  if (typeof received !== 'string' && (typeof received !== 'object' || received === null)) {
    return { pass: false, message: () => 'toPassPlanwarden expects Testing.synth(stack) output (a JSON string), a synthesized object or a TerraformStack' };
  }
  const report = evaluateSynth(received, options);
  const blocking = report.findings.filter((f) => f.blocking);
  return {
    pass: blocking.length === 0,
    message: () =>
      blocking.length === 0
        ? `expected planwarden to find blocking findings, but ${report.summary.checks} checks passed`
        : `expected the stack to pass planwarden, but ${plural(blocking.length)}:\n${blocking.map(line).join('\n')}`,
  };
}

export const planwardenMatchers = { toPassPlanwarden };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toPassPlanwarden(options?: SynthCheckOptions): R;
    }
  }
}
