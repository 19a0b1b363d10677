/**
 * The index from a CloudFormation resource type (AWS::Service::Resource) to its service.
 *
 * aws_cloudcontrolapi_resource can create any CloudFormation type, named by its type_name
 * attribute; this is how a rule finds out which service that really is. Classification is at
 * service level: the control-plane split of Terraform types is not repeated here.
 */
import type { ServiceEntry } from './catalog';
import { serviceFacts, type ServiceFacts } from './type-index';

export interface CloudFormationClassification extends ServiceFacts {
  readonly matchedBy: 'cloudformation-type' | 'cloudformation-namespace';
}

export interface CloudFormationIndex {
  classify(typeName: string): CloudFormationClassification | undefined;
}

const CLOUDFORMATION_TYPE_NAME = /^AWS::([A-Za-z0-9]+)::[A-Za-z0-9]+$/i;

/** Keys are lower-cased: CloudFormation type names are documented in one casing, but users retype them. */
export function buildCloudFormationIndex(services: readonly ServiceEntry[]): CloudFormationIndex {
  const byType = new Map<string, CloudFormationClassification>();
  const byNamespace = new Map<string, CloudFormationClassification>();
  const owners = new Map<string, string>();

  const claim = (key: string, owner: string): void => {
    const previous = owners.get(key);
    if (previous !== undefined) throw new Error(`CloudFormation ${key} is claimed by both ${previous} and ${owner}`);
    owners.set(key, owner);
  };

  for (const service of services) {
    const facts = serviceFacts(service, 'service');
    const byTypeClassification = Object.freeze({ ...facts, matchedBy: 'cloudformation-type' as const });
    const byNamespaceClassification = Object.freeze({ ...facts, matchedBy: 'cloudformation-namespace' as const });
    for (const typeName of service.cloudFormationTypes) {
      claim(`type ${typeName.toLowerCase()}`, service.id);
      byType.set(typeName.toLowerCase(), byTypeClassification);
    }
    for (const namespace of service.cloudFormationNamespaces) {
      claim(`namespace ${namespace.toLowerCase()}`, service.id);
      byNamespace.set(namespace.toLowerCase(), byNamespaceClassification);
    }
  }

  return {
    classify(typeName: string): CloudFormationClassification | undefined {
      const match = CLOUDFORMATION_TYPE_NAME.exec(typeName);
      if (match === null) return undefined;
      return byType.get(typeName.toLowerCase()) ?? byNamespace.get(match[1].toLowerCase());
    },
  };
}
