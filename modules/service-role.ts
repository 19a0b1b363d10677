import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PolicyConditions, PolicyStatement, renderPolicy, serviceTrustPolicy } from './policy-document';

export interface ServiceRoleProps {
  /** IAM role name (≤ 64 characters); the permissions policy is named after it. */
  readonly roleName: string;
  readonly description: string;
  /** The service that assumes the role, e.g. `vpc-flow-logs.amazonaws.com`. */
  readonly servicePrincipal: string;
  /** Conditions on the trust policy (aws:SourceAccount / aws:SourceArn against confused deputies). */
  readonly trustConditions?: PolicyConditions;
  /** The role's own permissions, kept in a customer-managed policy rather than inline. */
  readonly statements?: readonly PolicyStatement[];
  /** AWS-managed policies to attach, e.g. the RDS enhanced-monitoring policy. */
  readonly managedPolicyArns?: readonly string[];
  readonly tags?: Record<string, string>;
}

/**
 * An IAM role one AWS service assumes to write on our behalf (logs, telemetry). Permissions
 * live in a customer-managed policy attached to the role, not an inline policy, so they can be
 * reviewed and reused like any other policy.
 */
export class ServiceRole extends Construct {
  readonly role: IamRole;
  readonly roleArn: string;
  /** Resources to depend on before the service first uses the role (the attachments). */
  readonly grants: ITerraformDependable[] = [];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    if (props.roleName.length > 64) {
      throw new Error(`ServiceRole ${id}: role name "${props.roleName}" is longer than 64 characters`);
    }
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: props.description,
      assumeRolePolicy: serviceTrustPolicy(props.servicePrincipal, props.trustConditions),
      tags: props.tags,
    });
    this.roleArn = this.role.arn;
    if (props.statements && props.statements.length > 0) {
      const policy = new IamPolicy(this, 'policy', {
        name: props.roleName,
        description: props.description,
        policy: renderPolicy(props.statements),
        tags: props.tags,
      });
      this.grants.push(new IamRolePolicyAttachment(this, 'policy-attachment', { role: this.role.name, policyArn: policy.arn }));
    }
    (props.managedPolicyArns ?? []).forEach((policyArn, index) => {
      this.grants.push(new IamRolePolicyAttachment(this, `managed-policy-${index}`, { role: this.role.name, policyArn }));
    });
  }
}
