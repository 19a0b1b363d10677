/**
 * The verdict of a resource policy on non-TLS requests, shared by the bucket, queue and topic
 * rules: find the policies that apply to the resource (companion resources first, then the
 * resource's own `policy`), read each, and ask whether it denies aws:SecureTransport = false.
 */
import type { Evidence, Join, Outcome, PlanGraph, ResourceInstance } from '../../../engine/types';
import { evidenceOf, fail, pass, unknown } from '../../support';
import { secureTransportDeny, type SecureTransportQuery } from './policy-document';
import { readPolicy, type PolicyReading } from './policy-source';

export interface PolicyHolder {
  readonly holder: ResourceInstance;
  readonly reading: PolicyReading;
  readonly evidence: readonly Evidence[];
}

/** Companion policy resources if any (AWS keeps one policy; every companion must comply), else the inline `policy`. */
export function policiesOf(graph: PlanGraph, target: ResourceInstance, companions: readonly Join[]): PolicyHolder[] {
  if (companions.length > 0) {
    return companions.map((join) => {
      const reading = readPolicy(graph, join.instance);
      const evidence = [evidenceOf(join), ...(reading.kind === 'statements' ? reading.evidence.filter((e) => e.related !== undefined) : [])];
      return { holder: join.instance, reading, evidence };
    });
  }
  const reading = readPolicy(graph, target);
  return [{ holder: target, reading, evidence: reading.kind === 'statements' ? reading.evidence : [{ attribute: 'policy' }] }];
}

export interface JudgeOptions {
  /** What the resource is, for messages: "bucket", "queue", "topic". */
  readonly noun: string;
  readonly query: SecureTransportQuery;
  /** What to do when there is no policy at all: the sentence after "has no policy". */
  readonly whenNone: string;
  /** The statement to add, for messages. */
  readonly statementHint: string;
  readonly scope?: string;
}

export function judgeSecureTransport(target: ResourceInstance, holders: readonly PolicyHolder[], options: JudgeOptions): Outcome[] {
  const extra = (evidence: readonly Evidence[]) => ({ evidence, ...(options.scope ? { scope: options.scope } : {}) });
  return holders.map(({ holder, reading, evidence }) => {
    const where = holder === target ? target.address : `${holder.address} (the policy of ${target.address})`;
    switch (reading.kind) {
      case 'none':
        return fail('policy', `${target.address} has no ${options.noun} policy${options.whenNone}; add ${options.statementHint}`, extra(evidence));
      case 'unknown':
        return unknown('policy', `${where}: ${reading.reason}, so planwarden cannot tell whether it denies requests without TLS`, extra(evidence));
      case 'unreadable':
        return unknown('policy', `${where}: ${reading.reason}`, extra(evidence));
      case 'statements': {
        const verdict = secureTransportDeny(reading.statements, options.query);
        if (verdict.denying.length === 0) {
          return reading.complete
            ? fail('policy', `${where} has no statement denying requests made without TLS; add ${options.statementHint}`, extra(evidence))
            : unknown('policy', `${where}: part of the policy is known only after apply and the known part does not deny requests without TLS`, extra(evidence));
        }
        if (reading.overridable) {
          return unknown('policy', `${where}: its policy document merges an override document known only after apply, which could replace the statement denying requests without TLS`, extra(evidence));
        }
        if (verdict.uncoveredActions.length > 0) {
          return fail('policy', `${where} denies requests without TLS only for some actions (not ${verdict.uncoveredActions.join(', ')}); deny every action: ${options.statementHint}`, extra(evidence));
        }
        if (verdict.uncoveredResources.length > 0) {
          return fail('policy', `${where} denies requests without TLS but not on ${verdict.uncoveredResources.join(' and ')}; list both the ${options.noun} ARN and its objects in Resource`, extra(evidence));
        }
        return pass('policy', `${where} denies requests without TLS`, extra(evidence));
      }
    }
  });
}
