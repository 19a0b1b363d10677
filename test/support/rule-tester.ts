/**
 * RuleTester, in the spirit of ESLint's: one table of valid and invalid cases per rule. A case
 * is a plan (built with PlanBuilder, a JSON object, or a fixture file); invalid cases list the
 * exact findings expected. Adding a rule is one file plus one table.
 */
import * as fs from 'node:fs';
import { evaluateGraph, type EvaluationOptions } from '../../policies/engine/evaluate';
import { buildGraph } from '../../policies/engine/graph';
import { loadBytes, loadDocument } from '../../policies/engine/load';
import { defaultSettings } from '../../policies/engine/check';
import type { Finding, JsonObject, JsonValue, Rule, UnknownPolicy } from '../../policies/engine/types';
import { PlanBuilder } from './plan-builder';

export type PlanInput = PlanBuilder | JsonObject | { file: string };

export interface ExpectedFinding {
  address: string;
  status?: 'fail' | 'unknown' | 'waived';
  attribute?: string;
  /** Substring or pattern the message must contain. */
  message?: string | RegExp;
  /** Evidence entry the finding must carry (partial match). */
  related?: string;
  via?: 'reference' | 'instance-key' | 'value';
}

export interface RuleCase {
  name: string;
  plan: PlanInput;
  params?: Record<string, JsonValue>;
  options?: Partial<EvaluationOptions>;
}

export interface InvalidCase extends RuleCase {
  findings: ExpectedFinding[];
}

export interface ValidCase extends RuleCase {
  /** Only these addresses must be clean (others in a shared fixture may fail). Default: every address. */
  addresses?: string[];
}

export function runRule(rule: Rule, input: PlanInput, params: Record<string, JsonValue> = {}, options: Partial<EvaluationOptions> = {}): Finding[] {
  let loaded;
  if (input instanceof PlanBuilder) loaded = loadDocument(input.build(), 'test-plan.json', 0);
  else if ('file' in input && typeof input.file === 'string') loaded = loadBytes(fs.readFileSync(input.file), input.file, 0);
  else loaded = loadDocument(input as JsonObject, 'test-plan.json', 0);
  const graph = buildGraph(loaded, 0);
  const base = defaultSettings(rule);
  const unknownPolicy: UnknownPolicy = options.unknownPolicy ?? 'warn';
  return evaluateGraph(graph, [rule], loaded.summary.path, {
    unknownPolicy,
    changedOnly: false,
    settingsFor: () => ({ ...base, params: { ...base.params, ...params } }),
    ...options,
  }).findings;
}

function matches(f: Finding, e: ExpectedFinding): boolean {
  if (f.address !== e.address) return false;
  if ((e.status ?? 'fail') !== f.status) return false;
  if (e.attribute !== undefined && f.attribute !== e.attribute) return false;
  if (e.message !== undefined) {
    if (typeof e.message === 'string' ? !f.message.includes(e.message) : !e.message.test(f.message)) return false;
  }
  if (e.related !== undefined && !f.evidence.some((ev) => ev.related === e.related && (e.via === undefined || ev.via === e.via))) return false;
  return true;
}

function describeFindings(findings: Finding[]): string {
  return findings.map((f) => `  ${f.status} ${f.address} [${f.attribute}] ${f.message} ${JSON.stringify(f.evidence)}`).join('\n') || '  (none)';
}

export function ruleTester(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(`${rule.id} ${rule.title}`, () => {
    it('has complete metadata', () => {
      expect(rule.id).toMatch(/^(ENC|TLS|LOG|BAA|IOT)-\d{3}$/);
      for (const field of [rule.title, rule.rationale, rule.remediation]) expect(field.length).toBeGreaterThan(10);
      expect(rule.hipaa.length).toBeGreaterThan(0);
      for (const c of rule.hipaa) expect(c).toMatch(/^16\d\.\d{3}\([a-z]\)/);
      expect(rule.resourceTypes.length).toBeGreaterThan(0);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const findings = runRule(rule, c.plan, c.params, c.options).filter((f) => !c.addresses || c.addresses.includes(f.address));
        if (findings.length > 0) throw new Error(`expected no findings, got:\n${describeFindings(findings)}`);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const findings = runRule(rule, c.plan, c.params, c.options);
        const unmatched = [...findings];
        for (const expected of c.findings) {
          const i = unmatched.findIndex((f) => matches(f, expected));
          if (i < 0) throw new Error(`expected finding ${JSON.stringify(expected)}, got:\n${describeFindings(findings)}`);
          unmatched.splice(i, 1);
        }
        if (unmatched.length > 0) throw new Error(`unexpected findings:\n${describeFindings(unmatched)}`);
      });
    }
  });
}
