/**
 * The report formats `--format` accepts, each a pure function of the report. Each reporter
 * module is loaded only when its format is asked for, to keep `check` quick to start.
 */
import type { Report } from '../../policies/engine/types';
import type { SourceLocator } from '../source-locations';

export interface RenderContext {
  /** Colour for terminal output (text format only). */
  color: boolean;
  /** Finds `.tf` declarations when --source-dir is given (SARIF and GitHub annotations). */
  sourceLocations?: SourceLocator;
}

export type Renderer = (report: Report, context: RenderContext) => string;

export const REPORTERS: Readonly<Record<string, Renderer>> = {
  text: (report, context) => (require('./text') as typeof import('./text')).renderText(report, { color: context.color }),
  json: (report) => (require('./json') as typeof import('./json')).renderJson(report),
  sarif: (report, context) => (require('./sarif') as typeof import('./sarif')).renderSarif(report, { sourceLocations: context.sourceLocations }),
  junit: (report) => (require('./junit') as typeof import('./junit')).renderJunit(report),
  markdown: (report) => (require('./markdown') as typeof import('./markdown')).renderMarkdown(report),
  github: (report, context) => (require('./github') as typeof import('./github')).renderGithubAnnotations(report, { sourceLocations: context.sourceLocations }),
};

export const FORMAT_NAMES = Object.keys(REPORTERS);
