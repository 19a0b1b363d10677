/**
 * Helpers for running the full planwarden pack on constructs: a stack to put them in, the
 * address a finding names for a construct's resource, and (rule, address) views of a report.
 */
import { TerraformResource, TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { checkStack, evaluateSynth } from '../../modules/check';
import type { Report } from '../../policies/engine/types';
import { ENV } from './synth';

/** A fresh stack with an AWS provider in ENV's region, holding what `build` adds. */
export function stackOf(build: (scope: Construct) => void, id = 'pack'): TerraformStack {
  const stack = new TerraformStack(Testing.app(), id);
  new AwsProvider(stack, 'aws', { region: ENV.region });
  build(stack);
  return stack;
}

/** The full pack, no config, on the stack's synth output: what `planwarden check` sees in cdk.tf.json. */
export function checkSynth(stack: TerraformStack): Report {
  return evaluateSynth(Testing.synth(stack), { label: stack.node.id });
}

/** `type.logicalId`: the address the pack gives a resource of the stack. */
export function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}

/** The single resource of class `kind` under `scope` (a construct's resources are its descendants). */
export function resourceIn<T extends TerraformResource>(scope: Construct, kind: abstract new (...args: never[]) => T): T {
  const found = scope.node.findAll().filter((c): c is T => c instanceof kind);
  if (found.length !== 1) throw new Error(`expected one ${kind.name} under ${scope.node.path}, found ${found.length}`);
  return found[0];
}

export type RuleAt = readonly [ruleId: string, address: string];

/** [rule, address] of the findings with `status`, sorted. */
export function findingsWith(report: Report, status: 'fail' | 'unknown' | 'waived'): RuleAt[] {
  return report.findings
    .filter((f) => f.status === status)
    .map((f): RuleAt => [f.ruleId, f.address])
    .sort(compare);
}

/** [rule, address] of the checks that passed, sorted. */
export function passes(report: Report): RuleAt[] {
  return report.checks
    .filter((c) => c.result === 'pass')
    .map((c): RuleAt => [c.ruleId, c.address])
    .sort(compare);
}

/** [rule, address, reason] of the findings a stack's suppressRule() calls cover, sorted. */
export function suppressedIn(stack: TerraformStack): Array<readonly [string, string, string]> {
  return checkStack(stack)
    .suppressed.map(({ finding, suppression }) => [finding.ruleId, finding.address, suppression.reason] as const)
    .sort(compare);
}

function compare(a: readonly string[], b: readonly string[]): number {
  const [x, y] = [a.join('\n'), b.join('\n')];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A sorted copy, in the order the helpers above return. */
export function sorted<T extends readonly string[]>(list: readonly T[]): T[] {
  return [...list].sort(compare);
}

/** Builds a stack; returns the failures `build` expects, those the pack finds in its synth output, and the blocking ones. */
export function failuresOf(build: (scope: Construct) => RuleAt[]): { expected: RuleAt[]; failed: RuleAt[]; blocking: RuleAt[] } {
  let expected: RuleAt[] = [];
  const stack: TerraformStack = stackOf((scope) => {
    expected = build(scope);
  });
  const report = checkSynth(stack);
  return {
    expected: sorted(expected),
    failed: findingsWith(report, 'fail'),
    blocking: report.findings.filter((f) => f.blocking).map((f): RuleAt => [f.ruleId, f.address]),
  };
}

/** The pack fails exactly the (rule, address) pairs `build` returns, and at least one blocks. */
export function expectExactly(build: (scope: Construct) => RuleAt[]): void {
  const { expected, failed, blocking } = failuresOf(build);
  expect(failed).toEqual(expected);
  expect(blocking.length).toBeGreaterThan(0);
}
