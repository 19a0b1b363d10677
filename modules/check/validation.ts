/**
 * The synth-time check: one line on a stack, and `cdktf synth` fails with the rule id, the
 * construct path and the fix for every blocking finding. Built on CDKTF's construct
 * validations, which `app.synth()` runs before writing any output. Suppressions are set on a
 * construct with a reason and cover it and everything inside it.
 */
import { Annotations, TerraformStack } from 'cdktf';
import type { Finding } from '../../policies/engine/types';
import { evaluateSynth, type SynthCheckOptions } from './evaluate-synth';
import { SUPPRESSION_KEY, type Suppression } from './suppress';

export { suppressRule, type Suppression } from './suppress';

/** Suppressions by construct path, for every construct under `stack`. */
function suppressionsOf(stack: TerraformStack): Map<string, Suppression[]> {
  const out = new Map<string, Suppression[]>();
  for (const node of stack.node.findAll()) {
    const list = node.node.metadata.filter((m) => m.type === SUPPRESSION_KEY).map((m) => m.data as Suppression);
    if (list.length > 0) out.set(node.node.path, list);
  }
  return out;
}

/** The suppression covering a finding: one set on its construct or on any construct above it. */
function suppressionFor(finding: Finding, suppressions: Map<string, Suppression[]>): Suppression | undefined {
  const path = finding.constructPath;
  if (path === undefined) return undefined;
  for (const [owner, list] of suppressions) {
    if (path !== owner && !path.startsWith(`${owner}/`)) continue;
    const hit = list.find((s) => s.ruleId === finding.ruleId);
    if (hit) return hit;
  }
  return undefined;
}

function describe(f: Finding): string {
  return `[${f.ruleId}] ${f.constructPath ?? f.address}: ${f.message} Fix: ${f.remediation}`;
}

export interface PlanwardenCheckResult {
  errors: string[];
  suppressed: Array<{ finding: Finding; suppression: Suppression }>;
}

/** Evaluates a stack now and sorts its findings into errors and suppressed ones. */
export function checkStack(stack: TerraformStack, options: SynthCheckOptions = {}): PlanwardenCheckResult {
  const report = evaluateSynth(stack.toTerraform() as object, { label: stack.node.id, ...options });
  const suppressions = suppressionsOf(stack);
  const errors: string[] = [];
  const suppressed: PlanwardenCheckResult['suppressed'] = [];
  for (const finding of report.findings) {
    const suppression = suppressionFor(finding, suppressions);
    if (suppression) suppressed.push({ finding, suppression });
    else if (finding.blocking) errors.push(describe(finding));
  }
  return { errors, suppressed };
}

/**
 * Opts a stack into the check at synth: `enablePlanwarden(stack)`. Blocking findings become
 * synth errors; suppressed ones are reported as info annotations with their reason.
 */
export function enablePlanwarden(stack: TerraformStack, options: SynthCheckOptions = {}): void {
  stack.node.addValidation({
    validate: () => {
      const result = checkStack(stack, options);
      for (const { finding, suppression } of result.suppressed) {
        Annotations.of(stack).addInfo(`planwarden: ${finding.ruleId} suppressed on ${finding.constructPath}: ${suppression.reason}`);
      }
      return result.errors;
    },
  });
}
