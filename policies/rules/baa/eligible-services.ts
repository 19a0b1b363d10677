/**
 * BAA-001: resources in PHI scope use only services on AWS's HIPAA Eligible Services Reference.
 * Runs on every managed resource, so the per-instance path is a map lookup and, only for the few
 * resources that could fail, one PHI-scope decision.
 */
import type { ServiceFacts } from '../../data/classify';
import type { Outcome, ResourceInstance, Rule, RuleContext, ScopeDecision } from '../../engine/types';
import { skip } from '../support';
import { LIST_DATE, LIST_NAME, LIST_TAKEN_ON, LIST_URL, NOT_ELIGIBLE_IDS, PROVIDER, alternativeOf, alternativesText } from './list';
import { serviceOf, type ServiceOf } from './service-of';
import { verdict } from './verdict';

const DATA_README = 'policies/data/README.md';

function accepted(ctx: RuleContext, serviceId: string): boolean {
  const allow = ctx.params.allowServices;
  return Array.isArray(allow) && allow.includes(serviceId);
}

/** Names what was classified when it is not simply the resource type (type_name, an awscc type). */
function subjectNote(instance: ResourceInstance, service: ServiceOf): string {
  return service.subject === `resource type ${instance.type}` ? '' : ` (${service.subject})`;
}

function notEligible(instance: ResourceInstance, service: ServiceOf & { state: 'classified' }, scope: ScopeDecision): Outcome {
  const { facts } = service;
  const message =
    `${instance.address} uses ${facts.serviceName}${subjectNote(instance, service)}, which is not on ${LIST_NAME}: ` +
    `it may not create, receive, maintain or transmit ePHI under the AWS BAA.${alternativeOf(facts)} PHI scope: ${scope.reason}.`;
  const instead = facts.alternative !== undefined ? `Move the workload to ${facts.alternative}` : `Move the workload to a service on AWS's list`;
  return verdict('fail', service.attribute, message, {
    scope: scope.reason,
    remediation:
      `${instead}, keeping ePHI out of ${facts.serviceName}. If this resource never handles ePHI, take it out of PHI scope (phiScope tags or modules). ` +
      `If your organisation has its own agreement with AWS covering ${facts.serviceName}, accept it with the BAA-001 param allowServices: ["${facts.serviceId}"].`,
  });
}

function undecided(instance: ResourceInstance, service: ServiceOf & { state: 'unclassified' | 'unknown' }, scope: ScopeDecision): Outcome {
  if (service.state === 'unknown') {
    return verdict(
      'unknown',
      service.attribute,
      `${instance.address}: ${service.attribute} is known only after apply, so planwarden cannot tell which service this resource creates or whether it is on ${LIST_NAME}. PHI scope: ${scope.reason}.`,
      { scope: scope.reason, remediation: `Write ${service.attribute} as a literal CloudFormation type name (e.g. "AWS::S3::Bucket") so the plan shows which service it creates.` },
    );
  }
  return verdict(
    'unknown',
    service.attribute,
    `${instance.address}: ${service.subject} is not in planwarden's service map (${PROVIDER}, list of ${LIST_DATE}), ` +
      `so planwarden cannot tell whether its service is on AWS's HIPAA Eligible Services list; it is not passed unchecked. PHI scope: ${scope.reason}.`,
    {
      scope: scope.reason,
      remediation:
        `Look the service up on ${LIST_URL}. If it is listed, add the type (or its CloudFormation namespace) to its service in policies/data/aws-services.json (see ${DATA_README}, "When the provider adds types"); ` +
        'if it is not, keep ePHI out of it (move the resource out of PHI scope) or replace it with an eligible service.',
    },
  );
}

function eligibleMessage(instance: ResourceInstance, facts: ServiceFacts): string {
  if (facts.eligibility === 'control-plane') return `${instance.address} is ${facts.serviceName} configuration, which stores and processes no ePHI`;
  return `${instance.address} uses ${facts.serviceName}, listed as "${facts.hipaaListName ?? facts.serviceName}"`;
}

export const eligibleServices: Rule = {
  id: 'BAA-001',
  title: 'Resources in PHI scope use only HIPAA-eligible AWS services',
  family: 'baa',
  severity: 'critical',
  enforcement: 'hard-mandatory',
  hipaa: ['164.308(b)(1)', '164.314(a)(1)'],
  resourceTypes: ['*'],
  rationale:
    'Under a business associate addendum (BAA) with AWS, ePHI may be created, received, maintained or transmitted only by the services AWS names on its HIPAA Eligible Services Reference ' +
    `(${LIST_URL}; planwarden's copy is the list last updated ${LIST_DATE}, taken ${LIST_TAKEN_ON}: check the live page before a release). ` +
    'The BAA is the satisfactory assurance 164.308(b)(1) and 164.314(a) require, and AWS gives it service by service. A service that is not on the list — ' +
    'one too new to be listed, a separately named product next to a listed one (Lightsail beside EC2, App Runner beside ECS), or one AWS has not added (GameLift, SimpleDB) — carries no assurance at all, ' +
    'and no encryption or logging setting makes up for that. planwarden maps every hashicorp/aws resource type to its service (policies/data/aws-services.json) and compares it with the list: ' +
    'control-plane resources (IAM, tags, routing, billing) store no ePHI and pass; a type the data does not know is reported unknown, never passed; aws_cloudcontrolapi_resource is judged by the ' +
    'CloudFormation type in its type_name, and awscc_* types by theirs. Only resources in PHI scope (config phiScope; every resource by default) are judged. ' +
    'Severity critical: a finding means ePHI would sit where AWS has given no BAA assurance, a disclosure to a party with no business associate contract, which no other control compensates for.',
  remediation:
    'Keep ePHI in services on the list. Not-eligible services and their eligible alternatives: ' +
    `${alternativesText()}. ` +
    `If AWS has listed a service since ${LIST_DATE}, update policies/data (see ${DATA_README}); if your organisation has its own agreement with AWS covering a service, accept it with the allowServices param; ` +
    'resources that never handle ePHI leave PHI scope through the phiScope tags or modules of the config.',
  params: {
    allowServices: {
      description:
        "Service ids (from policies/data/aws-services.json) to accept although they are not on AWS's list, for a service your organisation has its own written agreement with AWS for.",
      default: [],
      allowed: NOT_ELIGIBLE_IDS,
    },
  },
  docs: {
    defaults:
      'Every managed resource of an AWS provider is judged: hashicorp/aws (aws_*) by type, hashicorp/awscc (awscc_*) by its CloudFormation type; resources of other providers (random, null, tls, ...) are skipped, data sources and resources being deleted are not checked. ' +
      'PHI scope defaults to every resource; a config phiScope narrows it to resources tagged (tags_all, else tags over the provider default_tags) or in named modules.',
    anchors: [
      `AWS HIPAA Eligible Services Reference (last updated ${LIST_DATE})`,
      'AWS Landing Zone Accelerator for Healthcare sample SCP scp-hcl-hipaa-service.json (Sid HIPAAEligibleServices20250617: Deny with a NotAction allow-list of eligible IAM prefixes)',
      'no peer rule: cdk-nag, AWS Config, Checkov, Prowler and Steampipe have no eligible-services check',
    ],
    example: {
      fail: 'resource "aws_lightsail_instance" "portal" {\n  name              = "patient-portal"\n  availability_zone = "us-east-1a"\n  blueprint_id      = "amazon_linux_2023"\n  bundle_id         = "small_3_0"\n  tags              = { DataClassification = "PHI" }\n}',
      pass: 'resource "aws_instance" "portal" {\n  ami           = data.aws_ami.al2023.id\n  instance_type = "t3.small"\n  tags          = { DataClassification = "PHI" }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome {
    const service = serviceOf(instance);
    if (service === undefined) return skip(`${instance.type} is not a resource of an AWS provider`);
    if (service.state === 'classified') {
      const { facts } = service;
      if (facts.eligibility !== 'not-eligible') return verdict('pass', service.attribute, eligibleMessage(instance, facts));
      if (accepted(ctx, facts.serviceId)) return verdict('pass', service.attribute, `${instance.address} uses ${facts.serviceName}, accepted by allowServices`);
    }
    // Only a resource that could fail pays for the scope decision (tags, module paths).
    const scope = ctx.phiScope(instance);
    if (!scope.inScope) return verdict('pass', service.attribute, `${instance.address} is not in PHI scope (${scope.reason})`, { scope: scope.reason });
    return service.state === 'classified' ? notEligible(instance, service, scope) : undecided(instance, service, scope);
  },
};
