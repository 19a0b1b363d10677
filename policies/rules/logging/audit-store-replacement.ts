/**
 * LOG-025: a plan does not destroy stored audit logs by replacing their store. Replacing a
 * CloudWatch log group deletes every event in it; replacing a log bucket that has
 * force_destroy = true empties it first. Both are planned as a "replace" that is easy to miss
 * in a long plan (a renamed log group is enough).
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { fail, pass, skip } from '../support';
import { describeSinks, logSinksOf } from './shared/log-sinks';
import { setting } from './shared/read';

export const auditStoreReplacement: Rule = {
  id: 'LOG-025',
  title: 'Plans do not destroy stored audit logs by replacing their store',
  family: 'logging',
  severity: 'high',
  enforcement: 'soft-mandatory',
  hipaa: ['164.316(b)(2)(i)', '164.312(b)', '164.312(c)(1)'],
  resourceTypes: ['aws_cloudwatch_log_group', 'aws_s3_bucket'],
  rationale:
    'Retention (164.316(b)(2)(i)) and integrity (164.312(c)(1)) of audit records are lost at once when the store holding them is destroyed. Terraform replaces a log group when its name or another force-new argument changes, and CloudWatch deletes the events with it; a log bucket replaced with force_destroy = true is emptied first. The plan says "replace" in one line among hundreds. Relies on: the provider deletes a log group and its events unless skip_destroy = true, and S3 refuses to delete a non-empty bucket unless force_destroy = true.',
  remediation:
    'Avoid the replacement (revert the force-new change, or move the resource with a moved block), export the stored logs first, or for log groups set skip_destroy = true so the old group and its events are kept; never combine force_destroy = true with a log bucket.',
  params: {},
  docs: {
    defaults:
      'Provider 5.x deletes a log group and its events on destroy unless skip_destroy = true; an S3 bucket is destroyed only when empty unless force_destroy = true. Only replacements are judged: planwarden does not check resources the plan deletes outright.',
    anchors: ['none: no anchor judges plan actions; planwarden\'s own'],
    example: {
      fail: '# terraform plan: aws_cloudwatch_log_group.audit must be replaced\n#   ~ name = "/phi/audit" -> "/phi/audit-v2" # forces replacement',
      pass: 'resource "aws_cloudwatch_log_group" "audit" {\n  name         = "/phi/audit-v2"\n  skip_destroy = true\n}',
    },
  },
  check(store: ResourceInstance, ctx: RuleContext): Outcome {
    if (store.action !== 'replace') return skip(`${store.address} is not replaced`);
    if (store.type === 'aws_cloudwatch_log_group') {
      const keep = store.before('skip_destroy');
      if (keep.state === 'known' && keep.value === true) return pass('skip_destroy', `${store.address} is replaced but skip_destroy keeps the old group and its events`);
      return fail('name', `${store.address} is replaced, which deletes every event it holds; keep the old group (skip_destroy = true) or avoid the force-new change`);
    }
    const sinks = logSinksOf(ctx.graph, store);
    if (sinks.length === 0) return skip(`${store.address} receives no logs in this plan`);
    const force = setting(store.before('force_destroy'), 'off');
    if (force !== 'on') return pass('force_destroy', `${store.address} is replaced but force_destroy is off, so AWS refuses to delete it while it holds logs`);
    return fail('force_destroy', `${store.address} holds ${describeSinks(sinks)} and is replaced with force_destroy = true, which deletes every log object in it; set force_destroy = false and avoid the replacement`);
  },
};
