/** One `planwarden check`: load each input, build its graph, evaluate, assemble the report. */
import { evaluateGraph, type EvaluationOptions, type InputResult, type RuleSettings } from './evaluate';
import { buildGraph, type Graph } from './graph';
import { loadSource, type InputSource, type LoadedInput } from './load';
import { buildReport, ruleSummary } from './report';
import type { InputSummary, Report, Rule } from './types';

export interface CheckRequest {
  sources: readonly InputSource[];
  rules: readonly Rule[];
  options: EvaluationOptions;
  extras?: Parameters<typeof buildReport>[4];
  /** Loads input `index` (default: read and parse the source); lets callers hand in a parsed document. */
  load?: (source: InputSource, index: number) => LoadedInput;
  /** Called with each input's graph, e.g. to collect module sources for locating declarations. */
  onGraph?: (graph: Graph) => void;
}

export function defaultSettings(rule: Rule): RuleSettings {
  const params: Record<string, RuleSettings['params'][string]> = {};
  for (const [name, spec] of Object.entries(rule.params)) params[name] = spec.default;
  return { severity: rule.severity, enforcement: rule.enforcement, params };
}

export function runCheck(request: CheckRequest): Report {
  const inputs: InputSummary[] = [];
  const results: InputResult[] = [];
  request.sources.forEach((source, index) => {
    const loaded = request.load ? request.load(source, index) : loadSource(source, index);
    const graph = buildGraph(loaded, index);
    request.onGraph?.(graph);
    inputs.push(loaded.summary);
    results.push(evaluateGraph(graph, request.rules, loaded.summary.path, request.options));
  });
  return assembleReport(inputs, results, request);
}

/** The report of evaluated inputs (also used when workers did the evaluating). */
export function assembleReport(
  inputs: readonly InputSummary[],
  results: readonly InputResult[],
  request: Pick<CheckRequest, 'rules' | 'options' | 'extras'>,
): Report {
  const summaries = request.rules.map((r) => ruleSummary(r, request.options.settingsFor(r)));
  return buildReport(inputs, results, summaries, request.options.unknownPolicy, request.extras);
}
