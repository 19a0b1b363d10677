/**
 * The actions of an aws_iot_topic_rule — top-level and inside error_action — with the
 * attributes that say where each delivers device messages.
 */
import type { AttributePath, ResourceInstance } from '../../../engine/types';
import { dotted } from '../../support';

export const ACTION_KINDS = [
  'cloudwatch_alarm',
  'cloudwatch_logs',
  'cloudwatch_metric',
  'dynamodb',
  'dynamodbv2',
  'elasticsearch',
  'firehose',
  'http',
  'iot_analytics',
  'iot_events',
  'kafka',
  'kinesis',
  'lambda',
  'republish',
  's3',
  'sns',
  'sqs',
  'step_functions',
  'timestream',
] as const;

export type ActionKind = (typeof ACTION_KINDS)[number];

export interface RuleAction {
  readonly kind: ActionKind;
  readonly block: AttributePath;
  /** "action sns" or "error action sns". */
  readonly label: string;
}

export function topicRuleActions(rule: ResourceInstance): RuleAction[] {
  const out: RuleAction[] = [];
  const collect = (prefix: AttributePath, error: boolean): void => {
    for (const kind of ACTION_KINDS) {
      for (const block of rule.blocks([...prefix, kind])) out.push({ kind, block, label: `${error ? 'error action' : 'action'} ${kind}` });
    }
  };
  collect([], false);
  for (const errorBlock of rule.blocks('error_action')) collect(errorBlock, true);
  return out;
}

/** Dotted attribute path of a leaf under an action block: `sns[0].target_arn`, `error_action[0].s3[0].bucket_name`. */
export function actionAttribute(action: RuleAction, leaf: readonly (string | number)[]): string {
  return dotted([...action.block, ...leaf]);
}
