/**
 * Every real plan in ../shared/corpus/plans evaluates without an error, and every finding names
 * an address that exists in that plan. Skipped where the corpus is absent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultSettings, runCheck } from '../../policies/engine/check';
import { loadBytes, resolveSources } from '../../policies/engine/load';
import { ALL_RULES } from '../../policies/rules';

const CORPUS = path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'plans');
const files = fs.existsSync(CORPUS) ? fs.readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort() : [];
const maybe = files.length > 0 ? describe : describe.skip;

maybe('real plans from ../shared/corpus/plans', () => {
  it.each(files)('%s', (file) => {
    const full = path.join(CORPUS, file);
    const report = runCheck({
      sources: resolveSources([full], () => Buffer.alloc(0)),
      rules: ALL_RULES,
      options: { unknownPolicy: 'warn', changedOnly: false, settingsFor: defaultSettings },
    });
    const addresses = new Set(loadBytes(fs.readFileSync(full), full, 0).instances.map((i) => i.address));
    for (const finding of report.findings) expect(addresses.has(finding.address)).toBe(true);
    expect(report.summary.checks).toBeGreaterThanOrEqual(report.summary.failed);
  });
});

if (files.length === 0) {
  it('corpus absent: nothing to check', () => expect(fs.existsSync(CORPUS)).toBe(false));
}
