/**
 * ENC-026: KMS keys are hard to destroy by accident. Deleting a key makes everything encrypted
 * under it unreadable for good — every database, backup and object — so a key keeps a long
 * deletion window, and a plan that replaces or deletes a key says so loudly.
 *
 * The evaluation loop does not run rules on instances being deleted, so a deleted key is
 * reported on the live resources in the plan that still name it (by its ARN or id): the rule
 * also runs on every other resource type and stays silent unless the plan deletes a key.
 */
import type { JsonValue, Outcome, PlanGraph, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip, unknown } from '../support';

const KEY_TYPES = ['aws_kms_key', 'aws_kms_external_key', 'aws_kms_replica_key'];

export const KMS_DELETION_WINDOW_MIN = 7;
export const KMS_DELETION_WINDOW_MAX = 30;

function windowOf(value: ReturnType<ResourceInstance['attr']>): number | 'unknown' {
  if (value.state === 'unknown') return 'unknown';
  // Unset: KMS uses its maximum, 30 days.
  return value.state === 'known' && typeof value.value === 'number' ? value.value : KMS_DELETION_WINDOW_MAX;
}

/** Identifiers (ARN, key id) of the keys this plan deletes or replaces, per graph: built once. */
const retiredKeysByGraph = new WeakMap<PlanGraph, Map<string, ResourceInstance>>();

function retiredKeys(graph: PlanGraph): Map<string, ResourceInstance> {
  let keys = retiredKeysByGraph.get(graph);
  if (keys) return keys;
  keys = new Map();
  for (const type of KEY_TYPES) {
    for (const key of graph.byType(type)) {
      if (key.mode !== 'managed' || (key.action !== 'delete' && key.action !== 'replace')) continue;
      for (const attribute of ['arn', 'key_id', 'id']) {
        const v = key.before(attribute);
        if (v.state === 'known' && typeof v.value === 'string' && v.value !== '') keys.set(v.value, key);
      }
    }
  }
  retiredKeysByGraph.set(graph, keys);
  return keys;
}

/** Attribute paths whose known string value names a retired key. */
function namesOf(value: JsonValue, keys: Map<string, ResourceInstance>, path: string, out: Array<{ attribute: string; key: ResourceInstance }>, depth = 0): void {
  if (depth > 16 || value === null) return;
  if (typeof value === 'string') {
    const key = keys.get(value);
    if (key) out.push({ attribute: path, key });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => namesOf(v, keys, value.length === 1 ? path : `${path}[${i}]`, out, depth + 1));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) namesOf(v, keys, path === '' ? k : `${path}.${k}`, out, depth + 1);
  }
}

function usesRetiredKey(instance: ResourceInstance, graph: PlanGraph): Outcome[] {
  const keys = retiredKeys(graph);
  if (keys.size === 0) return [skip('this plan deletes no KMS key')];
  const whole = instance.attr([]);
  const found: Array<{ attribute: string; key: ResourceInstance }> = [];
  if (whole.state === 'known') namesOf(whole.value, keys, '', found);
  if (found.length === 0) return [skip(`${instance.address} names no KMS key this plan deletes`)];
  return found.map(({ attribute, key }) => {
    const what = key.action === 'replace' ? 'replaces (the current key is scheduled for deletion)' : 'deletes';
    return fail(attribute, `${instance.address} still uses ${key.address} (${attribute} names it), which this plan ${what}; what it encrypted becomes unreadable once the key is gone`, {
      evidence: [{ attribute, related: key.address, via: 'value' }],
      remediation: `Keep ${key.address}, or move ${instance.address} to another key (and re-encrypt its data) before the key is deleted.`,
    });
  });
}

export const kmsKeyDeletion: Rule = {
  id: 'ENC-026',
  title: 'KMS keys keep a long deletion window and are not destroyed by a plan',
  family: 'encryption',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.312(c)(1)'],
  // '*': a deleted key is reported on the live resources still using it (see the file comment).
  resourceTypes: [...KEY_TYPES, '*'],
  rationale:
    'Once a KMS key is deleted, every copy of ePHI encrypted under it — databases, snapshots, backups, objects — can never be decrypted again: an availability and integrity loss (164.308(a)(7)(ii)(A), 164.312(c)(1)). KMS waits deletion_window_in_days (7–30, 30 when unset) before deleting, the only time to notice and cancel. planwarden asks for the longest window by default, fails a plan that replaces a key (the old key is scheduled for deletion), and fails every resource in the plan that still names a key the plan deletes.',
  remediation: 'Set deletion_window_in_days = 30; add lifecycle { prevent_destroy = true } to keys that protect ePHI, and re-encrypt data under a new key before retiring an old one.',
  params: {
    minDeletionWindowDays: {
      description: 'Shortest deletion_window_in_days accepted (KMS allows 7 to 30).',
      default: 30,
      min: KMS_DELETION_WINDOW_MIN,
      max: KMS_DELETION_WINDOW_MAX,
    },
  },
  docs: {
    defaults: 'Provider 5.x: deletion_window_in_days is optional and null when omitted; KMS then uses 30 days. Destroying or replacing the resource schedules the key for deletion after that window.',
    anchors: ['AWS Config kms-cmk-not-scheduled-for-deletion'],
    example: {
      fail: 'resource "aws_kms_key" "phi" {\n  enable_key_rotation     = true\n  deletion_window_in_days = 7\n}',
      pass: 'resource "aws_kms_key" "phi" {\n  enable_key_rotation     = true\n  deletion_window_in_days = 30\n  lifecycle {\n    prevent_destroy = true\n  }\n}',
    },
  },
  check(key: ResourceInstance, ctx: RuleContext): Outcome[] {
    if (!KEY_TYPES.includes(key.type)) return usesRetiredKey(key, ctx.graph);
    const minimum = Number(ctx.params.minDeletionWindowDays);
    const outcomes: Outcome[] = [];
    if (key.action === 'replace' || key.action === 'delete') {
      const oldWindow = windowOf(key.before('deletion_window_in_days'));
      const when = oldWindow === 'unknown' ? 'after its deletion window' : `in ${oldWindow} days`;
      const what = key.action === 'replace' ? 'replaces this key: the current key is scheduled for deletion' : 'deletes this key';
      outcomes.push(
        fail('deletion_window_in_days', `This plan ${what}, and everything encrypted under it becomes unreadable ${when}; ${key.address} must not be destroyed while data depends on it`, {
          remediation: 'Keep the key (add lifecycle { prevent_destroy = true }), or re-encrypt every dependent store and backup under a new key before it goes.',
        }),
      );
      if (key.action === 'delete') return outcomes;
    }
    const window = windowOf(key.attr('deletion_window_in_days'));
    if (window === 'unknown') {
      outcomes.push(unknown('deletion_window_in_days', `${key.address}: deletion_window_in_days is known only after apply`));
    } else if (window < minimum) {
      outcomes.push(
        fail('deletion_window_in_days', `${key.address} sets deletion_window_in_days = ${window}; set it to ${minimum} or more`, { remediation: `Set deletion_window_in_days to ${minimum} or more (KMS allows up to ${KMS_DELETION_WINDOW_MAX}).` }),
      );
    } else {
      outcomes.push(pass('deletion_window_in_days', `${key.address} keeps a ${window}-day deletion window`));
    }
    return outcomes;
  },
};
