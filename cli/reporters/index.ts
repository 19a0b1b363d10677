/** The report formats `--format` accepts, each a pure function of the report. */
import type { Report } from '../../policies/engine/types';
import type { SourceLocator } from '../source-locations';
import { renderGithubAnnotations } from './github';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

export interface RenderContext {
  /** Colour for terminal output (text format only). */
  color: boolean;
  /** Finds `.tf` declarations when --source-dir is given (SARIF and GitHub annotations). */
  sourceLocations?: SourceLocator;
}

export type Renderer = (report: Report, context: RenderContext) => string;

export const REPORTERS: Readonly<Record<string, Renderer>> = {
  text: (report, context) => renderText(report, { color: context.color }),
  json: (report) => renderJson(report),
  sarif: (report, context) => renderSarif(report, { sourceLocations: context.sourceLocations }),
  junit: (report) => renderJunit(report),
  markdown: (report) => renderMarkdown(report),
  github: (report, context) => renderGithubAnnotations(report, { sourceLocations: context.sourceLocations }),
};

export const FORMAT_NAMES = Object.keys(REPORTERS);
