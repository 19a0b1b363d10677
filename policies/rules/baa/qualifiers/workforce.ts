/**
 * Amazon Augmented AI (and SageMaker AI) on the list "excludes Public Workforce and Vendor
 * Workforce for all features": a human review workflow may send ePHI only to a private work team.
 * In Terraform that is the work team of aws_sagemaker_flow_definition.human_loop_config:
 *   arn:aws:sagemaker:<region>:394669845002:workteam/public-crowd/default   (Amazon Mechanical Turk)
 *   arn:aws:sagemaker:<region>:<vendor>:workteam/vendor-crowd/<team>        (AWS Marketplace vendor)
 *   arn:aws:sagemaker:<region>:<account>:workteam/private-crowd/<team>      (your own workers)
 * and a public_workforce_task_price block, which only the public workforce uses.
 *
 * The data's featureExclusions compare one top-level attribute with fixed values; a nested ARN
 * pattern does not fit them, so the check lives here and takes its wording from the list.
 */
import { classifyResourceType } from '../../../data/classify';
import type { Outcome, ResourceInstance, RuleContext } from '../../../engine/types';
import { dotted, knownValue } from '../../support';
import { LIST_NAME } from '../list';
import { verdict } from '../verdict';
import { listQualifiers, type QualifierCheck } from './qualifier';

const FLOW_DEFINITION = 'aws_sagemaker_flow_definition';
const LIST_ENTRY = classifyResourceType(FLOW_DEFINITION)?.hipaaListName ?? 'Amazon Augmented AI';
const QUALIFIER = listQualifiers(LIST_ENTRY).find((q) => /workforce/i.test(q));
const EXCLUDES_PUBLIC = QUALIFIER !== undefined && /public workforce/i.test(QUALIFIER);
const EXCLUDES_VENDOR = QUALIFIER !== undefined && /vendor workforce/i.test(QUALIFIER);

const REMEDIATION =
  'Send human reviews of ePHI to a private work team (aws_sagemaker_workteam on your own Cognito or OIDC workforce) and drop public_workforce_task_price.';

function workforceOf(arn: string): 'public' | 'vendor' | 'private' {
  if (/:workteam\/public-crowd\//.test(arn)) return 'public';
  if (/:workteam\/vendor-crowd\//.test(arn)) return 'vendor';
  return 'private';
}

function excluded(instance: ResourceInstance, attribute: string, workforce: 'Public Workforce (Amazon Mechanical Turk)' | 'Vendor Workforce'): Outcome {
  return verdict(
    'fail',
    attribute,
    `${instance.address} sends human review tasks to the ${workforce}: ${LIST_ENTRY} is on ${LIST_NAME}, but the list qualifies it: "${QUALIFIER}"`,
    { remediation: REMEDIATION },
  );
}

function judgeLoop(instance: ResourceInstance, ctx: RuleContext, loop: ReadonlyArray<string | number>): Outcome {
  const arnPath = [...loop, 'workteam_arn'];
  const attribute = dotted(arnPath);
  const price = instance.blocks([...loop, 'public_workforce_task_price']);
  if (EXCLUDES_PUBLIC && price.length > 0) return excluded(instance, dotted([...loop, 'public_workforce_task_price']), 'Public Workforce (Amazon Mechanical Turk)');
  const arn = instance.attr(arnPath);
  const value = knownValue(arn);
  if (typeof value === 'string') {
    const workforce = workforceOf(value);
    if (workforce === 'public' && EXCLUDES_PUBLIC) return excluded(instance, attribute, 'Public Workforce (Amazon Mechanical Turk)');
    if (workforce === 'vendor' && EXCLUDES_VENDOR) return excluded(instance, attribute, 'Vendor Workforce');
    return verdict('pass', attribute, `${instance.address} sends human review tasks to a private work team`);
  }
  // A work team created in the same plan is a private one: only private teams can be created.
  const teams = ctx.graph.referencesOf(instance, attribute, { types: ['aws_sagemaker_workteam'] });
  if (teams.length > 0) return verdict('pass', attribute, `${instance.address} sends human review tasks to ${teams[0].instance.address}, a private work team`);
  return verdict('unknown', attribute, `${instance.address}: ${attribute} is known only after apply, so planwarden cannot tell whether the work team is private`, {
    remediation: REMEDIATION,
  });
}

export const workforce: QualifierCheck = {
  resourceTypes: EXCLUDES_PUBLIC || EXCLUDES_VENDOR ? [FLOW_DEFINITION] : [],
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    return instance.blocks('human_loop_config').map((loop) => judgeLoop(instance, ctx, loop));
  },
};
