/** planwarden's library entry: load plans, evaluate the pack, build reports. */
export * from './engine/types';
export { runCheck, defaultSettings, type CheckRequest } from './engine/check';
export { evaluateGraph, type EvaluationOptions, type RuleSettings, type WaiverLookup, type PhiScope } from './engine/evaluate';
export { buildGraph, Graph } from './engine/graph';
export { loadBytes, loadDocument, resolveSources, loadSource, type InputSource } from './engine/load';
export { ALL_RULES, findRule } from './rules';
