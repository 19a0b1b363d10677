/**
 * Which AWS account(s) a plan is for, from the known values it holds: account IDs in ARNs and
 * SQS queue URLs. Terraform plans do not carry the caller's account, so this is evidence, not
 * fact; a configured accountId always wins.
 */
import type { JsonValue, PlanGraph, ResourceInstance } from '../../../engine/types';

const ARN_ACCOUNT = /\barn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12}):/g;
const SQS_URL_ACCOUNT = /\bsqs[.-][a-z0-9.-]*amazonaws\.com(?:\.cn)?\/(\d{12})\//g;
const MAX_DEPTH = 8;
const MAX_STRINGS_PER_INSTANCE = 2000;

/** Account IDs named in a string (ARNs and SQS URLs). */
export function accountsIn(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(ARN_ACCOUNT)) out.push(m[1]);
  for (const m of text.matchAll(SQS_URL_ACCOUNT)) out.push(m[1]);
  return out;
}

function collect(value: JsonValue, depth: number, into: Set<string>, budget: { left: number }): void {
  if (budget.left <= 0 || depth > MAX_DEPTH) return;
  if (typeof value === 'string') {
    budget.left--;
    for (const a of accountsIn(value)) into.add(a);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, depth + 1, into, budget);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) collect(v, depth + 1, into, budget);
  }
}

const planAccountsCache = new WeakMap<PlanGraph, ReadonlySet<string>>();

/** Topic rules name the destinations being judged; they must not vote for themselves. */
const NOT_EVIDENCE = new Set(['aws_iot_topic_rule']);

/** Accounts named by known values of the plan's live managed resources. Sensitive values are never read. */
export function planAccounts(graph: PlanGraph): ReadonlySet<string> {
  const cached = planAccountsCache.get(graph);
  if (cached !== undefined) return cached;
  const accounts = new Set<string>();
  for (const instance of graph.instances) {
    if (instance.mode !== 'managed' || instance.action === 'delete' || NOT_EVIDENCE.has(instance.type)) continue;
    const whole = instance.attr([]);
    if (whole.state !== 'known' || whole.sensitive) {
      collectTopLevel(instance, accounts);
      continue;
    }
    collect(whole.value, 0, accounts, { left: MAX_STRINGS_PER_INSTANCE });
  }
  planAccountsCache.set(graph, accounts);
  return accounts;
}

/** When some attribute is sensitive, read the others one by one. */
function collectTopLevel(instance: ResourceInstance, into: Set<string>): void {
  const whole = instance.attr([]);
  if (whole.state !== 'known' || whole.value === null || typeof whole.value !== 'object' || Array.isArray(whole.value)) return;
  for (const key of Object.keys(whole.value)) {
    const v = instance.attr([key]);
    if (v.state === 'known' && !v.sensitive) collect(v.value, 1, into, { left: MAX_STRINGS_PER_INSTANCE });
  }
}
