/** Custom declarative rules from the config: safe JSONPath, linear-time patterns, one predicate. */
export { compileCustomRule, CUSTOM_RULE_PREFIX, type CustomRuleDefinition } from './rule';
export { parseSafePath, PathError, MAX_PATH_LENGTH } from './jsonpath';
export { compileSafePattern, PatternError, MAX_PATTERN_LENGTH } from './regex';
export { predicateKind, type PredicateSpec, type Scalar } from './predicate';
