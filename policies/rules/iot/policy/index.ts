/**
 * AWS IoT Core policy understanding, for the IOT- rules: parse a policy document, evaluate
 * requests against it, and analyse it the way Device Defender's audit checks do.
 */
export { parsePolicyDocument, PARSE_LIMITS } from './document';
export type {
  ActionElement,
  ConditionEntry,
  Effect,
  ParseOptions,
  ParseProblem,
  ParseProblemCode,
  ParseResult,
  PolicyDocument,
  PolicyStatement,
  ResourceElement,
} from './document';
export { IOT_RESOURCE_TYPES, formatIotArn, namePatternsFor, parseIotArn, resourceNamePatterns, resourceTypeOf } from './arn';
export type { ArnPrefix, IotArn } from './arn';
export { describeVariable, namesDevice, renderTerraformLiteral, scanTemplate, variableValues, variablesIn } from './variables';
export type { Dialect, PolicyVariable, RequestContext, VariableBinding, VariableKind } from './variables';
export { ADMIN_ACTIONS, DATA_PLANE_ACTIONS, actionPatternMatches, coversAllIotActions, findDataPlaneAction } from './actions';
export type { DataPlaneAction, DataPlaneGroup, DataPlaneResourceType } from './actions';
export { actionGrants, evaluate, isAllowed, resourceMatches, statementApplies, statementCoversAction, statementCoversResource } from './match';
export type { Applicability, Decision, EvaluateOptions } from './match';
export { evaluateCondition, evaluateConditions, requiresIsAttached } from './conditions';
export type { Truth } from './conditions';
export { classifyName } from './scope';
export type { Breadth, ClientIdTrust, NameScope, NameType } from './scope';
export { OTHER_DEVICE, PROBLEM_KINDS, SELF_DEVICE, analyzePolicy, mqttFilterMatches, policyProblems } from './analyze';
export type { AnalyzeOptions, DeviceDefenderReason, PolicyAnalysis, PolicyProblem, ProblemKind } from './analyze';
