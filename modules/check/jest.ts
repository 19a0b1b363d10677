/**
 * A jest matcher for platform teams' own tests:
 *   expect.extend(planwardenMatchers);
 *   expect(Testing.synth(stack)).toPassPlanwarden();
 * Passes when the synthesized stack has no blocking finding; the failure message lists them.
 */
import type { Finding } from '../../policies/engine/types';
import { evaluateSynth, type SynthCheckOptions } from './evaluate-synth';

export interface MatcherResult {
  pass: boolean;
  message: () => string;
}

function line(f: Finding): string {
  return `  ${f.ruleId} ${f.address}${f.constructPath ? ` (${f.constructPath})` : ''}: ${f.message}`;
}

export function toPassPlanwarden(received: unknown, options: SynthCheckOptions = {}): MatcherResult {
  if (typeof received !== 'string' && (typeof received !== 'object' || received === null)) {
    return { pass: false, message: () => 'toPassPlanwarden expects Testing.synth(stack) output (a JSON string) or a synthesized object' };
  }
  const report = evaluateSynth(received, options);
  const blocking = report.findings.filter((f) => f.blocking);
  return {
    pass: blocking.length === 0,
    message: () =>
      blocking.length === 0
        ? `expected planwarden to find blocking findings, but ${report.summary.checks} checks passed`
        : `expected the stack to pass planwarden, but ${blocking.length} blocking finding${blocking.length === 1 ? '' : 's'}:\n${blocking.map(line).join('\n')}`,
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
