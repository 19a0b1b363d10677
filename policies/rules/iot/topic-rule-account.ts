/**
 * IOT-009: IoT topic rules keep device data in their own AWS account. An action whose target
 * ARN (SNS topic, Lambda function, Kafka destination, SQS queue URL, role) names another
 * account sends every matching device message out of the account — and out of the controls,
 * logging and BAA coverage set up for it. The rule's own account comes from the accountId
 * param, else from the account of the rule's own role_arn values (IoT can only pass a role of
 * its own account), else from the account IDs the rest of the plan names.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, unknown } from '../support';
import { accountsIn, planAccounts } from './shared/accounts';
import { stringList } from './shared/params';
import { actionAttribute, topicRuleActions, type RuleAction } from './shared/topic-rule-actions';

/** Attributes of rule actions that hold an ARN or URL with an account ID. */
const ACCOUNT_LEAVES = ['target_arn', 'function_arn', 'destination_arn', 'queue_url', 'role_arn'] as const;
const ACCOUNT_ID = /^\d{12}$/;

interface Named {
  readonly action: RuleAction;
  readonly attribute: string;
  readonly value: string;
  readonly account: string;
}

function namedAccounts(rule: ResourceInstance): Named[] {
  const out: Named[] = [];
  for (const action of topicRuleActions(rule)) {
    for (const leaf of ACCOUNT_LEAVES) {
      const attribute = actionAttribute(action, [leaf]);
      const v = rule.attr(attribute);
      // Unknown values come from resources of this plan (same account); sensitive ones are not read.
      if (v.state !== 'known' || v.sensitive || typeof v.value !== 'string') continue;
      const account = accountsIn(v.value)[0];
      if (account !== undefined) out.push({ action, attribute, value: v.value, account });
    }
  }
  return out;
}

type OwnAccount = { readonly account: string; readonly how: string } | { readonly candidates: ReadonlySet<string> };

function ownAccount(named: readonly Named[], ctx: RuleContext): OwnAccount {
  const configured = ctx.params.accountId;
  if (typeof configured === 'string' && ACCOUNT_ID.test(configured)) return { account: configured, how: 'the accountId param' };
  const roleAccounts = new Set(named.filter((n) => n.attribute.endsWith('role_arn')).map((n) => n.account));
  if (roleAccounts.size === 1) return { account: [...roleAccounts][0], how: "the account of the rule's own role_arn" };
  const plan = planAccounts(ctx.graph);
  if (plan.size === 1) return { account: [...plan][0], how: 'the only account the rest of the plan names' };
  return { candidates: plan };
}

export const topicRuleAccount: Rule = {
  id: 'IOT-009',
  title: 'IoT topic rules send device data only to destinations in their own account',
  family: 'iot',
  severity: 'high',
  enforcement: 'soft-mandatory',
  hipaa: ['164.312(e)(1)', '164.308(a)(4)(ii)(B)'],
  resourceTypes: ['aws_iot_topic_rule'],
  rationale:
    'A topic rule action may name a resource in another AWS account (an SNS topic, a Lambda function, a Kafka destination, an SQS queue). Device messages then leave the account whose access controls, CloudTrail, encryption keys and business associate coverage were set up for them — a transmission of ePHI the account owner does not control (164.312(e)(1)), and access granted outside the authorization process (164.308(a)(4)(ii)(B)). Deliberate cross-account delivery (a central data account) is accepted through trustedAccountIds.',
  remediation:
    'Deliver to a destination in the rule\'s own account (and replicate from there under that account\'s controls), or list the receiving account in trustedAccountIds after confirming it is covered by the same BAA and controls.',
  params: {
    accountId: {
      description: 'The 12-digit AWS account the plan deploys into. Without it the account is inferred from the rule\'s role_arn or from the account IDs the plan names.',
      default: '',
    },
    trustedAccountIds: {
      description: 'Other 12-digit account IDs that may receive device data (e.g. a central data account under the same BAA).',
      default: [],
    },
  },
  docs: {
    defaults:
      'Terraform plans do not record the caller\'s account; planwarden reads account IDs from known ARNs and SQS URLs. Destinations written as references to resources of this plan are assumed to be in the plan\'s account (an aliased provider that assumes a role elsewhere is not detected).',
    anchors: ['AWS IoT rule actions: cross-account SNS / Lambda / SQS targets', 'AWS Config HIPAA conformance pack: no direct anchor (static extension)'],
    example: {
      fail: 'sns {\n  target_arn = "arn:aws:sns:us-east-1:999999999999:partner-alerts"\n  role_arn   = aws_iam_role.rules.arn\n}',
      pass: 'sns {\n  target_arn = aws_sns_topic.alerts.arn\n  role_arn   = aws_iam_role.rules.arn\n}',
    },
  },
  check(rule: ResourceInstance, ctx: RuleContext): Outcome[] {
    const named = namedAccounts(rule);
    if (named.length === 0) return [pass('sql', `${rule.address} names no destination in another account (its targets are resources of this plan or carry no account)`)];
    const trusted = new Set(stringList(ctx.params.trustedAccountIds).filter((a) => ACCOUNT_ID.test(a)));
    const own = ownAccount(named, ctx);
    const outcomes: Outcome[] = [];
    for (const n of named) {
      const lead = `${rule.address} (${n.action.label}) names ${n.value} in account ${n.account}`;
      if (trusted.has(n.account)) {
        outcomes.push(pass(n.attribute, `${lead}, a trusted account`));
      } else if ('account' in own) {
        if (n.account === own.account) outcomes.push(pass(n.attribute, `${lead}, the rule's own account`));
        else outcomes.push(fail(n.attribute, `${lead}, not the rule's own account ${own.account} (${own.how}): device data leaves the account; deliver to a destination in ${own.account} or list ${n.account} in trustedAccountIds`));
      } else if (own.candidates.size > 0 && !own.candidates.has(n.account)) {
        outcomes.push(fail(n.attribute, `${lead}, which is none of the accounts this plan names (${[...own.candidates].join(', ')}): device data leaves them; set accountId, or list ${n.account} in trustedAccountIds`));
      } else {
        const why = own.candidates.size > 1 ? `the plan names several accounts (${[...own.candidates].join(', ')})` : 'nothing else in the plan names the account it deploys into';
        outcomes.push(unknown(n.attribute, `${lead}; planwarden cannot tell whether that is the rule's own account because ${why}; set the accountId param`));
      }
    }
    return outcomes;
  },
};
