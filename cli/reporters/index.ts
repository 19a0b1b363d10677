/** The report formats `--format` accepts, each a pure function of the report. */
import type { Report } from '../../policies/engine/types';
import { renderJson } from './json';
import { renderText } from './text';

export interface RenderContext {
  /** Colour for terminal output (text format only). */
  color: boolean;
}

export type Renderer = (report: Report, context: RenderContext) => string;

export const REPORTERS: Readonly<Record<string, Renderer>> = {
  text: (report, context) => renderText(report, { color: context.color }),
  json: (report) => renderJson(report),
};

export const FORMAT_NAMES = Object.keys(REPORTERS);
