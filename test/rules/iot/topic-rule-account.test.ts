import { topicRuleAccount } from '../../../policies/rules/iot/topic-rule-account';
import { plan } from '../../support/plan-builder';
import { ruleTester } from '../../support/rule-tester';
import { IOT_POLICIES, IOT_SCOPE } from './support';

const R = 'aws_iot_topic_rule';
const OWN = '123456789012';
const OTHER = '999999999999';
const sns = (account: string, role?: string) => ({ name: 'r', sns: [{ target_arn: `arn:aws:sns:us-east-1:${account}:alerts`, ...(role ? { role_arn: `arn:aws:iam::${role}:role/rules` } : {}) }] });
/** Something else in the plan that names the account. */
const evidence = (account: string) => ({ values: { function_name: 'f', role: `arn:aws:iam::${account}:role/lambda` } });

ruleTester(topicRuleAccount, {
  valid: [
    { name: 'destinations are references to this plan', plan: plan().resource(R, 'r', { values: { name: 'r', sns: [{}] }, unknown: ['sns.0.target_arn'], refs: { 'sns.target_arn': ['aws_sns_topic.t.arn'] } }) },
    { name: 'same account as the accountId param', params: { accountId: OWN }, plan: plan().resource(R, 'r', { values: sns(OWN) }) },
    { name: 'same account as the rule\'s own role', plan: plan().resource(R, 'r', { values: sns(OWN, OWN) }) },
    { name: 'same account as the rest of the plan', plan: plan().resource(R, 'r', { values: sns(OWN) }).resource('aws_lambda_function', 'f', evidence(OWN)) },
    { name: 'another account that is trusted', params: { accountId: OWN, trustedAccountIds: [OTHER] }, plan: plan().resource(R, 'r', { values: sns(OTHER) }) },
    { name: 'an SQS URL of the own account', params: { accountId: OWN }, plan: plan().resource(R, 'r', { values: { name: 'r', sqs: [{ queue_url: `https://sqs.us-east-1.amazonaws.com/${OWN}/q` }] } }) },
    { name: 'module instance', params: { accountId: OWN }, plan: plan().resource(R, 'r', { module: 'module.m', values: sns(OWN) }) },
    { name: 'real plan: destinations are references', plan: IOT_POLICIES },
    { name: 'real plan (iot-scope): Lambda in the account the plan names', plan: IOT_SCOPE, addresses: [`${R}.same_account_lambda_ok`, `${R}.to_plain_sqs_bad`] },
  ],
  invalid: [
    {
      name: 'an SNS topic in another account (account from the param)',
      params: { accountId: OWN },
      plan: plan().resource(R, 'r', { values: sns(OTHER) }),
      findings: [{ address: `${R}.r`, attribute: 'sns[0].target_arn', message: `names arn:aws:sns:us-east-1:${OTHER}:alerts in account ${OTHER}, not the rule's own account ${OWN} (the accountId param)` }],
    },
    { name: 'own account from the rule\'s role_arn', plan: plan().resource(R, 'r', { values: sns(OTHER, OWN) }), findings: [{ address: `${R}.r`, message: "the account of the rule's own role_arn" }] },
    { name: 'own account from the rest of the plan', plan: plan().resource(R, 'r', { values: sns(OTHER) }).resource('aws_lambda_function', 'f', evidence(OWN)), findings: [{ address: `${R}.r`, message: 'the only account the rest of the plan names' }] },
    { name: 'an SQS queue URL in another account', params: { accountId: OWN }, plan: plan().resource(R, 'r', { values: { name: 'r', sqs: [{ queue_url: `https://sqs.us-east-1.amazonaws.com/${OTHER}/q` }] } }), findings: [{ address: `${R}.r`, attribute: 'sqs[0].queue_url' }] },
    { name: 'a Lambda in another account, in an error action', params: { accountId: OWN }, plan: plan().resource(R, 'r', { values: { name: 'r', error_action: [{ lambda: [{ function_arn: `arn:aws:lambda:us-east-1:${OTHER}:function:f` }] }] } }), findings: [{ address: `${R}.r`, message: 'error action lambda' }] },
    {
      name: 'the plan names several accounts, the destination is one of them',
      plan: plan().resource(R, 'r', { values: sns(OTHER) }).resource('aws_lambda_function', 'f', evidence(OWN)).resource('aws_lambda_function', 'g', evidence(OTHER)),
      findings: [{ address: `${R}.r`, status: 'unknown', message: 'set the accountId param' }],
    },
    {
      name: 'the plan names several accounts, the destination is none of them',
      plan: plan().resource(R, 'r', { values: sns('555555555555') }).resource('aws_lambda_function', 'f', evidence(OWN)).resource('aws_lambda_function', 'g', evidence(OTHER)),
      findings: [{ address: `${R}.r`, message: 'none of the accounts this plan names' }],
    },
    { name: 'nothing names the account', plan: plan().resource(R, 'r', { values: sns(OTHER) }), findings: [{ address: `${R}.r`, status: 'unknown' }] },
    { name: 'module instance', params: { accountId: OWN }, plan: plan().resource(R, 'r', { module: 'module.m["x"]', values: sns(OTHER) }), findings: [{ address: `module.m["x"].${R}.r` }] },
    { name: 'real plan (iot-scope): SNS topic in 999999999999', plan: IOT_SCOPE, findings: [{ address: `${R}.cross_account_sns_bad`, message: 'not the rule\'s own account 123456789012' }] },
  ],
});
