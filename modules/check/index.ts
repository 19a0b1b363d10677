/** Checking CDKTF apps with the planwarden pack: at synth, in tests, or on synth output. */
export { evaluateSynth, type SynthCheckOptions } from './evaluate-synth';
export { checkStack, enablePlanwarden, suppressRule, type PlanwardenCheckResult, type Suppression } from './validation';
export { planwardenMatchers, toPassPlanwarden } from './jest';
