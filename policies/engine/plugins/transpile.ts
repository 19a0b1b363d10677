/**
 * TypeScript plugins are compiled in memory with the `typescript` package of the plugin's own
 * project (resolved from the plugin's folder), never one of planwarden's: the CLI ships as plain
 * JavaScript with no compiler at run time (DESIGN.md). Only syntax is checked here; types are
 * the plugin project's business (`tsc --noEmit` in its CI).
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { PluginProblem } from './problem';

// Node's own require, also under a test runner that replaces the module system.
const nodeRequire = createRequire(__filename);

/** The part of the TypeScript API used here, so any TypeScript 4.7+ with a JS API will do. */
interface Diagnostic {
  file?: { getLineAndCharacterOfPosition(pos: number): { line: number; character: number } };
  start?: number;
  category: number;
  messageText: unknown;
}
interface TypeScriptApi {
  version: string;
  transpileModule(
    input: string,
    options: { compilerOptions: Record<string, unknown>; fileName: string; reportDiagnostics: boolean },
  ): { outputText: string; diagnostics?: Diagnostic[] };
  flattenDiagnosticMessageText(text: unknown, newLine: string): string;
  ModuleKind: { CommonJS: number };
  ScriptTarget: { ES2022: number };
  DiagnosticCategory: { Error: number };
}

export type Transpile = (source: string, file: string) => string;

const NO_COMPILER =
  'is TypeScript, and no `typescript` package can be found from its folder; install typescript in your project (npm install --save-dev typescript) or compile the plugin to .js';

/** The compiler for a plugin in `dir` (Node caches the package, so this is cheap after the first). */
export function typeScriptFor(dir: string): Transpile {
  let resolved: string;
  try {
    resolved = nodeRequire.resolve('typescript', { paths: [dir] });
  } catch {
    throw new PluginProblem(NO_COMPILER);
  }
  let ts: TypeScriptApi;
  try {
    ts = nodeRequire(resolved) as TypeScriptApi;
  } catch {
    throw new PluginProblem(`${NO_COMPILER} (the one at ${path.dirname(resolved)} does not load)`);
  }
  if (typeof ts.transpileModule !== 'function' || !ts.ModuleKind || !ts.ScriptTarget) {
    throw new PluginProblem(`is TypeScript, and typescript ${String(ts.version)} (from ${path.dirname(resolved)}) has no transpileModule API; compile the plugin to .js with tsc`);
  }
  return (source, file) => {
    const out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false, inlineSourceMap: false },
      fileName: file,
      reportDiagnostics: true,
    });
    // Only the file's own syntax errors: option deprecations of a newer compiler are not the plugin's fault.
    const error = (out.diagnostics ?? []).find((d) => d.file && d.category === ts.DiagnosticCategory.Error);
    if (error) {
      const at = error.file && error.start !== undefined ? error.file.getLineAndCharacterOfPosition(error.start) : undefined;
      const where = at ? ` at ${at.line + 1}:${at.character + 1}` : '';
      throw new PluginProblem(`has a TypeScript syntax error${where}: ${ts.flattenDiagnosticMessageText(error.messageText, ' ')}`);
    }
    return out.outputText;
  };
}
