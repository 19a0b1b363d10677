/** `--only` / `--skip`: rule ids or family names, comma-separated or repeated. */
import { FAMILIES, InputError, type Family, type Rule } from './types';

export function parseSelectors(values: readonly string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
}

function matches(rule: Rule, selector: string): boolean {
  const s = selector.toLowerCase();
  return rule.id.toLowerCase() === s || rule.family === s;
}

export function selectRules(rules: readonly Rule[], only: readonly string[], skip: readonly string[]): Rule[] {
  for (const selector of [...only, ...skip]) {
    if (!FAMILIES.includes(selector.toLowerCase() as Family) && !rules.some((r) => r.id.toLowerCase() === selector.toLowerCase())) {
      throw new InputError(`unknown rule or family "${selector}"; run \`planwarden rules\` to list them (families: ${FAMILIES.join(', ')})`);
    }
  }
  return rules.filter((r) => (only.length === 0 || only.some((s) => matches(r, s))) && !skip.some((s) => matches(r, s)));
}
