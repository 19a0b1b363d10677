/**
 * BAA-002: eligible services are used within the qualifiers AWS's list puts on them: features it
 * excludes (Simple AD, voice messages, public and vendor workforces) and the RDS engines it names.
 */
import type { Outcome, ResourceInstance, Rule, RuleContext } from '../../engine/types';
import { hipaaEligibleList } from '../../data/catalog';
import { LIST_DATE, LIST_URL } from './list';
import { featureExclusions } from './qualifiers/feature-exclusions';
import type { QualifierCheck } from './qualifiers/qualifier';
import { rdsEngines } from './qualifiers/rds-engines';
import { workforce } from './qualifiers/workforce';
import { scoped } from './verdict';

const CHECKS: readonly QualifierCheck[] = [featureExclusions, rdsEngines, workforce];

/** Resource type → the checks that read it, built once. */
const CHECKS_BY_TYPE: ReadonlyMap<string, readonly QualifierCheck[]> = (() => {
  const byType = new Map<string, QualifierCheck[]>();
  for (const check of CHECKS) {
    for (const type of check.resourceTypes) byType.set(type, [...(byType.get(type) ?? []), check]);
  }
  return byType;
})();

/** Every qualifier of the list, verbatim: "AWS Directory Service: excludes Simple AD; ...". */
const QUALIFIERS_TEXT = hipaaEligibleList.services
  .filter((s) => s.qualifiers.length > 0)
  .map((s) => `${s.name}: ${s.qualifiers.join(', ')}`)
  .join('; ');

export const listQualifiers: Rule = {
  id: 'BAA-002',
  title: "Eligible services are used within the HIPAA list's qualifiers (excluded features, covered engines)",
  family: 'baa',
  severity: 'high',
  enforcement: 'hard-mandatory',
  hipaa: ['164.308(b)(1)', '164.314(a)(1)'],
  resourceTypes: [...CHECKS_BY_TYPE.keys()].sort(),
  rationale:
    `AWS's HIPAA Eligible Services Reference (${LIST_URL}, last updated ${LIST_DATE}) covers the generally available features of each listed service "unless specifically excluded", ` +
    `and it qualifies some entries: ${QUALIFIERS_TEXT}. A resource of an eligible service that uses an excluded feature is as uncovered by the BAA as a not-eligible service (164.308(b)(1)). ` +
    'planwarden checks the qualifiers a plan shows: Simple AD directories, VOICE-capable End User Messaging phone numbers (both from the data\'s featureExclusions), Augmented AI flow definitions ' +
    'that use the public or a vendor workforce, and RDS engines; every RDS engine offered today is covered, so that check answers unknown only for an engine it cannot place under the list\'s words. ' +
    'Qualifiers no plan attribute shows (CloudFront Embedded POPs, SageMaker Studio Lab and Ground Truth Plus, the WhatsApp channel, AWS Managed Services Operations on Demand, the WorkDocs feature, ' +
    'Fargate outside ECS and EKS, Alexa skills) are not checked. The list has no Region qualifiers, only feature ones, so there is no Region rule: a listed service is eligible in every commercial ' +
    'Region that offers it (the data holds the aws partition\'s list only). Severity high rather than critical: the service itself is covered and one setting takes the resource back inside it.',
  remediation:
    'Directory Service: type = "MicrosoftAD" (or "ADConnector") instead of Simple AD. End User Messaging phone numbers: no VOICE capability for numbers that carry ePHI (Amazon Connect for calls). ' +
    'Augmented AI flow definitions: a private work team, no public_workforce_task_price. RDS: an engine the list names.',
  params: {},
  docs: {
    defaults:
      'hashicorp/aws 5.x: aws_directory_service_directory.type defaults to "SimpleAD", so a directory without type is Simple AD. An RDS engine known only after apply passes when the resource takes it from a source ' +
      '(replicate_source_db, snapshot_identifier, replication_source_identifier, global_cluster_identifier, source_db_cluster_identifier); that source is judged where it is defined.',
    anchors: [`AWS HIPAA Eligible Services Reference qualifiers (last updated ${LIST_DATE})`, 'no peer rule: cdk-nag, AWS Config, Checkov, Prowler and Steampipe have none'],
    example: {
      fail: 'resource "aws_directory_service_directory" "corp" {\n  name     = "corp.example.com"\n  password = var.directory_password\n  size     = "Small"\n  # type omitted: the provider default is "SimpleAD"\n  vpc_settings {\n    vpc_id     = aws_vpc.main.id\n    subnet_ids = aws_subnet.private[*].id\n  }\n}',
      pass: 'resource "aws_directory_service_directory" "corp" {\n  name     = "corp.example.com"\n  password = var.directory_password\n  type     = "MicrosoftAD"\n  edition  = "Standard"\n  vpc_settings {\n    vpc_id     = aws_vpc.main.id\n    subnet_ids = aws_subnet.private[*].id\n  }\n}',
    },
  },
  check(instance: ResourceInstance, ctx: RuleContext): Outcome[] {
    const outcomes = (CHECKS_BY_TYPE.get(instance.type) ?? []).flatMap((c) => c.check(instance, ctx));
    return scoped(instance.address, outcomes, () => ctx.phiScope(instance));
  },
};
