/**
 * The loaded form of one input, the same whether it came from a plan or from CDKTF synth:
 * resource instances with their after/before values and marks, and the configuration facts
 * (expression references, module calls, outputs, providers) the graph resolves joins from.
 */
import type { ModuleStep } from '../address';
import type { InputSummary, JsonValue, PlanAction } from '../types';
import type { ExpressionIndex } from '../values';

export interface RawInstance {
  address: string;
  modules: ModuleStep[];
  moduleAddress: string;
  configAddress: string;
  /** Key of the resource inside its module's configuration: 'aws_s3_bucket.b' or 'data.aws_iam_policy_document.p'. */
  resourceKey: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index: string | number | undefined;
  providerName: string;
  action: PlanAction;
  after: JsonValue | undefined;
  afterUnknown: JsonValue | undefined;
  afterSensitive: JsonValue | undefined;
  before: JsonValue | undefined;
  beforeSensitive: JsonValue | undefined;
  constructPath?: string;
  /**
   * Where the plan says this instance was before a `moved` block (or a module rename) moved it:
   * `resource_changes[].previous_address`. Baselines use it so a move is not a new finding.
   */
  previousAddress?: string;
}

export interface ConfigResource {
  expressions: ExpressionIndex;
  /** References of the for_each / count expression: a companion iterating over another resource. */
  iterationRefs: readonly string[];
  providerConfigKey: string | undefined;
}

export interface ModuleCall {
  source: string | undefined;
  /** Input variable name → references of the expression the caller passes. */
  inputs: ExpressionIndex;
  iterationRefs: readonly string[];
}

export interface ConfigModule {
  resources: Map<string, ConfigResource>;
  calls: Map<string, ModuleCall>;
  /** Output name → references of its expression. */
  outputs: Map<string, readonly string[]>;
}

export interface ProviderFacts {
  region: string | undefined;
  defaultTags: Record<string, string> | undefined;
}

export interface LoadedInput {
  summary: InputSummary;
  instances: RawInstance[];
  /** Keyed by module configuration path: '' for root, 'module.a.module.b'. */
  modules: Map<string, ConfigModule>;
  providers: Map<string, ProviderFacts>;
}

export function emptyModule(): ConfigModule {
  return { resources: new Map(), calls: new Map(), outputs: new Map() };
}
