/** Turns a StorageState into the rule's outcomes, adding the key check when the resource's own setting encrypts it. */
import type { Outcome, ResourceInstance, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { judgeKey, requiresCustomerKey } from './key-requirement';
import type { StorageState } from './storage-state';

export interface StorageJudgement {
  instance: ResourceInstance;
  ctx: RuleContext;
  state: StorageState;
  /** What to set to encrypt it, e.g. 'storage_encrypted = true'. */
  fix: string;
  /** What to do when the encryption is inherited from a source (default: encrypt the source). */
  inheritedFix?: string;
  /** The resource's key attribute, when it has one, and the service default for messages. */
  keyAttribute?: string;
  serviceDefault?: string;
}

export function storageOutcome(j: StorageJudgement): Outcome {
  const { instance, state } = j;
  const attribute = state.attribute || j.fix.split(' ')[0];
  const extra = { evidence: state.evidence };
  if (state.state === 'encrypted') {
    if (state.own && j.keyAttribute && requiresCustomerKey(j.ctx.params)) {
      return judgeKey({
        instance,
        path: j.keyAttribute,
        serviceDefault: j.serviceDefault ?? 'the AWS-managed key',
        defaultEncrypts: true,
        requireCustomerManagedKey: true,
        graph: j.ctx.graph,
      });
    }
    return pass(attribute, `${instance.address} ${state.reason}`, extra);
  }
  if (state.state === 'unknown') {
    return unknown(attribute, `${instance.address} ${state.reason}; planwarden cannot confirm it is encrypted (set ${j.fix} to make it explicit)`, {
      ...extra,
      remediation: `Set ${j.fix}.`,
    });
  }
  if (!state.own) {
    const todo = j.inheritedFix ?? `encrypt that source (${j.fix} there)`;
    return fail(attribute, `${instance.address} ${state.reason}; ${todo}`, { ...extra, remediation: `${todo.charAt(0).toUpperCase()}${todo.slice(1)}.` });
  }
  return fail(attribute, `${instance.address} ${state.reason}; set ${j.fix}`, { ...extra, remediation: `Set ${j.fix}.` });
}
