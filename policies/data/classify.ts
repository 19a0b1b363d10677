/**
 * Which AWS service a Terraform resource type belongs to, and whether that service may store or
 * process ePHI under AWS's business associate addendum (45 CFR 164.308(b)(1)).
 *
 * The indexes are built once, when this module is first loaded. No cdktf import here or below:
 * the CLI loads this module and must stay fast.
 */
import { awsServiceCatalog } from './catalog';
import { buildCloudFormationIndex, type CloudFormationClassification } from './cloudformation-index';
import { buildTypeIndex, type ServiceClassification } from './type-index';

export type { Eligibility, FeatureExclusion } from './catalog';
export type { ServiceClassification, ServiceFacts } from './type-index';
export type { CloudFormationClassification } from './cloudformation-index';

const terraformTypes = buildTypeIndex(awsServiceCatalog.services);
const cloudFormationTypes = buildCloudFormationIndex(awsServiceCatalog.services);

/**
 * Classifies a resource or data-source type such as `aws_s3_bucket`: exact types first, then the
 * longest prefix on whole '_'-separated segments. `undefined` means unclassified, typically a type
 * added to the provider after the data was written; callers should report it, not assume a verdict.
 */
export function classifyResourceType(type: string): ServiceClassification | undefined {
  return terraformTypes.classify(type);
}

/**
 * Classifies a CloudFormation type name such as `AWS::Lightsail::Instance`, as found in the
 * `type_name` of aws_cloudcontrolapi_resource. `undefined` for malformed or unmapped names.
 */
export function classifyCloudFormationType(typeName: string): CloudFormationClassification | undefined {
  return cloudFormationTypes.classify(typeName);
}
