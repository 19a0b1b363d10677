/** Builders shared by the IOT- rule tests (not a test file itself). */
import type { JsonObject } from '../../../policies/engine/types';
import { PlanBuilder, plan, type ResourceSpec } from '../../support/plan-builder';

export const ARN = 'arn:aws:iot:us-east-1:123456789012:';
export const THING = '${iot:Connection.Thing.ThingName}';
export const CLIENT = '${iot:ClientId}';
export const IS_ATTACHED = { Condition: { Bool: { 'iot:Connection.Thing.IsAttached': 'true' } } };
export const IOT_POLICIES = { file: `${__dirname}/../../fixtures/plans/iot-policies.json` };
export const IOT_SCOPE = { file: `${__dirname}/../../fixtures/plans/iot-scope.json` };

export type Statement = Record<string, unknown>;

export const allow = (action: string | string[], resource: string | string[], extra: Statement = {}): Statement => ({ Effect: 'Allow', Action: action, Resource: resource, ...extra });
export const deny = (action: string | string[], resource: string | string[], extra: Statement = {}): Statement => ({ Effect: 'Deny', Action: action, Resource: resource, ...extra });

/** A policy document as Terraform plans carry it (JSON text). */
export function doc(...statements: Statement[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}

/** The least-privilege device policy of AWS's examples: own client ID, own topics. */
export const SCOPED = [
  allow('iot:Connect', `${ARN}client/${THING}`, IS_ATTACHED),
  allow(['iot:Publish', 'iot:Receive'], `${ARN}topic/devices/${THING}/*`),
  allow('iot:Subscribe', `${ARN}topicfilter/devices/${THING}/*`),
];

/** A plan with one aws_iot_policy named `name` holding the statements. */
export function policyPlan(statements: Statement[], spec: ResourceSpec = {}, name = 'device'): PlanBuilder {
  return plan().resource('aws_iot_policy', name, { ...spec, values: { name, policy: doc(...statements), ...(spec.values ?? {}) } });
}

/** A policy whose document is known only after apply, built from a thing's ARN. */
export function unknownPolicyPlan(): PlanBuilder {
  return plan()
    .resource('aws_iot_thing', 'sensor', { values: { name: 'sensor' }, unknown: ['arn'] })
    .resource('aws_iot_policy', 'device', { values: { name: 'device' }, unknown: ['policy'], refs: { policy: ['aws_iot_thing.sensor.arn', 'aws_iot_thing.sensor'] } });
}

/** An aws_iam_policy_document statement block as plan JSON writes it. */
export function dataStatement(actions: string[], resources: string[], condition?: { test: string; variable: string; values: string[] }): JsonObject {
  return {
    actions,
    resources,
    effect: null,
    sid: null,
    not_actions: null,
    not_resources: null,
    principals: [],
    not_principals: [],
    condition: condition === undefined ? [] : [condition],
  };
}

/**
 * A policy from a data.aws_iam_policy_document read at apply time (json unknown), whose
 * statement blocks are in the plan unless `statementsUnknown`.
 */
export function dataDocumentPlan(statements: JsonObject[], options: { statementsUnknown?: boolean; json?: string } = {}): PlanBuilder {
  const known = options.json !== undefined;
  return plan()
    .resource('aws_iam_policy_document', 'device', {
      mode: 'data',
      action: 'read',
      values: { statement: statements, ...(known ? { json: options.json as string } : {}) },
      unknown: [...(known ? [] : ['json']), ...(options.statementsUnknown ? ['statement'] : [])],
    })
    .resource('aws_iot_policy', 'device', {
      values: { name: 'device' },
      unknown: ['policy'],
      refs: { policy: ['data.aws_iam_policy_document.device.json', 'data.aws_iam_policy_document.device'] },
    });
}

/** CDKTF's escape for a literal `${`: `$${` (a function replacement: in a replacement string `$$` means `$`). */
export function cdktfEscape(text: string): string {
  return text.replace(/\$\{/g, () => '$${');
}

/**
 * A CDKTF synth document (`cdk.tf.json`) with one aws_iot_policy whose policy is the JSON text
 * CDKTF writes: policy variables escaped as `$${…}`.
 */
export function cdktfPolicy(statements: Statement[]): JsonObject {
  const escaped = cdktfEscape(doc(...statements));
  return {
    '//': { metadata: { backend: 'local', stackName: 'devices', version: '0.21.0' } },
    provider: { aws: [{ region: 'us-east-1' }] },
    terraform: { required_providers: { aws: { source: 'aws', version: '5.100.0' } } },
    resource: { aws_iot_policy: { device: { '//': { metadata: { path: 'devices/device', uniqueId: 'device' } }, name: 'device', policy: escaped } } },
  };
}

/** CDKTF synth with the policy taken from a DataAwsIamPolicyDocument (json only known after apply; statements literal). */
export function cdktfDataDocument(statements: JsonObject[]): JsonObject {
  const escape = (v: unknown): unknown => (typeof v === 'string' ? cdktfEscape(v) : Array.isArray(v) ? v.map(escape) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, escape(x)])) : v);
  return {
    '//': { metadata: { backend: 'local', stackName: 'devices', version: '0.21.0' } },
    provider: { aws: [{ region: 'us-east-1' }] },
    data: { aws_iam_policy_document: { device: { statement: escape(statements) as JsonObject[] } } },
    resource: { aws_iot_policy: { device: { name: 'device', policy: '${data.aws_iam_policy_document.device.json}' } } },
  };
}
