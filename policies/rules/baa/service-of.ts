/**
 * Which AWS service a resource instance really is, for the BAA rules.
 *
 * - `aws_*` types (hashicorp/aws) are classified by type. A generic type
 *   (aws_cloudcontrolapi_resource) is classified by the CloudFormation type its
 *   `genericTypeAttribute` names: otherwise a Lightsail instance created through Cloud Control
 *   would pass as "Cloud Control API, control-plane".
 * - `awscc_*` types (hashicorp/awscc) are CloudFormation types under another spelling:
 *   awscc_lightsail_instance is AWS::Lightsail::Instance. They are AWS services too, so they are
 *   classified through the CloudFormation index rather than skipped.
 * - Anything else (random_*, null_*, tls_*, ...) is not an AWS service: undefined.
 *
 * Every answer is O(1) in the size of the data: the indexes behind classify.ts are built once
 * and answer from a map; awscc spellings are remembered per type.
 */
import { classifyCloudFormationType, classifyResourceType, type ServiceFacts } from '../../data/classify';
import type { ResourceInstance } from '../../engine/types';
import { show } from '../support';

export type ServiceOf =
  /** `subject` says what was classified, for messages: 'resource type aws_x', 'type_name "AWS::X::Y"'. */
  | { readonly state: 'classified'; readonly facts: ServiceFacts; readonly subject: string; readonly attribute?: string }
  /** The data does not know it (a newer provider type, an unmapped CloudFormation type). */
  | { readonly state: 'unclassified'; readonly subject: string; readonly attribute?: string }
  /** The attribute that names what is created is known only after apply. */
  | { readonly state: 'unknown'; readonly subject: string; readonly attribute: string };

const AWSCC_PREFIX = 'awscc_';
const awsccAnswers = new Map<string, { typeName: string; facts: ServiceFacts | undefined }>();

/** awscc_directoryservice_simple_ad → AWS::directoryservice::simplead (the index ignores case). */
function awsccTypeName(type: string): string | undefined {
  const rest = type.slice(AWSCC_PREFIX.length);
  const cut = rest.indexOf('_');
  if (cut <= 0 || cut === rest.length - 1) return undefined;
  return `AWS::${rest.slice(0, cut)}::${rest.slice(cut + 1).replace(/_/g, '')}`;
}

function awsccService(type: string): ServiceOf {
  let answer = awsccAnswers.get(type);
  if (answer === undefined) {
    const typeName = awsccTypeName(type);
    answer = { typeName: typeName ?? type, facts: typeName === undefined ? undefined : classifyCloudFormationType(typeName) };
    awsccAnswers.set(type, answer);
  }
  const subject = `resource type ${type} (CloudFormation ${answer.typeName})`;
  return answer.facts === undefined ? { state: 'unclassified', subject } : { state: 'classified', facts: answer.facts, subject };
}

function genericService(instance: ResourceInstance, attribute: string): ServiceOf {
  const value = instance.attr(attribute);
  const subject = `${attribute} ${show(value)}`;
  if (value.state === 'unknown') return { state: 'unknown', subject, attribute };
  if (value.state !== 'known' || typeof value.value !== 'string' || value.value === '') return { state: 'unclassified', subject, attribute };
  const facts = classifyCloudFormationType(value.value);
  // A CloudFormation type that is itself generic would need another hop the data does not model.
  if (facts === undefined || facts.genericTypeAttribute !== undefined) return { state: 'unclassified', subject, attribute };
  return { state: 'classified', facts, subject, attribute };
}

/** The service of an instance, or undefined when it is not a resource of an AWS provider. */
export function serviceOf(instance: ResourceInstance): ServiceOf | undefined {
  const type = instance.type;
  if (type.startsWith('aws_')) {
    const facts = classifyResourceType(type);
    if (facts === undefined) return { state: 'unclassified', subject: `resource type ${type}` };
    if (facts.genericTypeAttribute !== undefined) return genericService(instance, facts.genericTypeAttribute);
    return { state: 'classified', facts, subject: `resource type ${type}` };
  }
  if (type.startsWith(AWSCC_PREFIX)) return awsccService(type);
  return undefined;
}
