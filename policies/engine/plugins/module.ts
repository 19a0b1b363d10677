/**
 * Runs a plugin file and returns its exports. `.js`/`.cjs` go through Node's CommonJS require;
 * `.ts`/`.cts` are compiled in memory (transpile.ts) and run the way require runs a module,
 * including the `.ts` files they import by relative path (a plugin with a helpers file works as
 * it would under ts-node). The evaluation is synchronous, so an ES module (`.mjs`, or `.js` in a
 * `"type": "module"` package) loads only where Node's require() can load ES modules (20.19+,
 * 22.12+: `process.features.require_module`); elsewhere it is refused with what to do instead.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { PluginProblem, thrownMessage } from './problem';
import { typeScriptFor, type Transpile } from './transpile';

export const PLUGIN_EXTENSIONS = ['.js', '.cjs', '.ts', '.cts'] as const;
const TYPESCRIPT = new Set(['.ts', '.cts']);
const ESM_NEEDS = 'which this Node.js cannot load synchronously (require() of ES modules needs Node 20.19+ or 22.12+)';
const ESM_INSTEAD = 'write the plugin as CommonJS (.js or .cjs with module.exports) or as .ts';

function nodeRequiresEsm(): boolean {
  return (process.features as unknown as Record<string, unknown>).require_module === true;
}

/** What is wrong with a plugin file name, or undefined when planwarden can load it. */
export function extensionProblem(file: string): string | undefined {
  const lower = file.toLowerCase();
  if (lower.endsWith('.d.ts') || lower.endsWith('.d.cts') || lower.endsWith('.d.mts')) return 'is a declaration file (no code); name the .ts file that defines the rules';
  const ext = path.extname(lower);
  if (ext === '.mts') return `is an ES module in TypeScript, which is not compiled in memory; ${ESM_INSTEAD}`;
  if (ext === '.mjs') return nodeRequiresEsm() ? undefined : `is an ES module, ${ESM_NEEDS}; ${ESM_INSTEAD}`;
  if (!(PLUGIN_EXTENSIONS as readonly string[]).includes(ext)) return `expected a plugin file ending .js, .cjs, .ts or .cts${nodeRequiresEsm() ? ' (or .mjs)' : ''}`;
  return undefined;
}

/** Runs `file` (whose bytes are `source`) once and returns its module.exports. */
export function executePlugin(file: string, source: Buffer): unknown {
  if (TYPESCRIPT.has(path.extname(file).toLowerCase())) return new TypeScriptModules(typeScriptFor(path.dirname(file))).run(file, source.toString('utf8'));
  return requireCommonJs(file);
}

function requireCommonJs(file: string): unknown {
  try {
    return createRequire(file)(file);
  } catch (err) {
    throw loadProblem(err, file);
  }
}

/** Explains why running a module failed, ES-module syntax and syntax errors apart from throws. */
function loadProblem(err: unknown, file: string): PluginProblem {
  if (err instanceof PluginProblem) return err;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  if (code === 'ERR_REQUIRE_ESM') return new PluginProblem(`is an ES module, ${ESM_NEEDS}; ${ESM_INSTEAD}`);
  if (code === 'ERR_REQUIRE_ASYNC_MODULE') return new PluginProblem(`uses top-level await, so it cannot be loaded synchronously; move the await into the rule or ${ESM_INSTEAD}`);
  const compiledAt = isSyntaxError(err) ? compileErrorAt(err) : undefined;
  if (compiledAt) {
    const message = thrownMessage(err);
    if (/Cannot use import statement|Unexpected token 'export'|import\.meta/.test(message)) {
      return new PluginProblem('uses ES module syntax (import/export), which a .js plugin cannot; use require and module.exports, or name it .ts');
    }
    const where = `a syntax error at line ${compiledAt.line}: ${message}`;
    return new PluginProblem(compiledAt.file === file ? `has ${where}` : `imports ${compiledAt.file}, which has ${where}`);
  }
  // Anything else, a SyntaxError the plugin's own code raised (JSON.parse) included.
  return new PluginProblem(`threw while loading: ${thrownMessage(err)}`);
}

/** By name, not instanceof: an error from another realm (vm, a test runner) is still one. */
function isSyntaxError(err: unknown): boolean {
  try {
    return typeof err === 'object' && err !== null && (err as { name?: unknown }).name === 'SyntaxError';
  } catch {
    return false;
  }
}

/**
 * Where a compile error is: V8 starts its stack with "FILE:LINE" (then a source excerpt, which is
 * not repeated: it could be anything). Undefined for a SyntaxError thrown at run time.
 */
function compileErrorAt(err: unknown): { file: string; line: number } | undefined {
  let stack: unknown;
  try {
    stack = (err as { stack?: unknown }).stack;
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return undefined;
  const m = /^(.+):(\d+)$/.exec(stack.split('\n', 1)[0]);
  return m && path.isAbsolute(m[1]) ? { file: m[1], line: Number(m[2]) } : undefined;
}

interface LoadedModule {
  exports: unknown;
}

/** The `.ts` files of one plugin, compiled and run as CommonJS modules; each once, cycles as Node allows. */
class TypeScriptModules {
  private readonly modules = new Map<string, LoadedModule>();

  constructor(private readonly transpile: Transpile) {}

  run(file: string, source?: string): unknown {
    const cached = this.modules.get(file);
    if (cached) return cached.exports;
    const text = source ?? this.read(file);
    let code: string;
    try {
      code = this.transpile(text, file);
    } catch (err) {
      // An imported file's problem names that file; the plugin's own is named by the caller.
      if (source === undefined && err instanceof PluginProblem) throw new PluginProblem(`imports ${file}, which ${err.message}`);
      throw err;
    }
    const module: LoadedModule = { exports: {} };
    this.modules.set(file, module);
    const dir = path.dirname(file);
    let wrapper: unknown;
    try {
      // The same wrapper Node puts around a CommonJS module, on the first line so line numbers hold.
      wrapper = vm.runInThisContext(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: file });
    } catch (err) {
      this.modules.delete(file);
      throw loadProblem(err, file);
    }
    try {
      (wrapper as (...args: unknown[]) => void).call(module.exports, module.exports, this.requireFor(file), module, file, dir);
    } catch (err) {
      this.modules.delete(file);
      throw loadProblem(err, file);
    }
    return module.exports;
  }

  private read(file: string): string {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new PluginProblem(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  /** `require` inside a compiled module: relative `.ts` imports are compiled here, the rest is Node's. */
  private requireFor(file: string): NodeJS.Require {
    const native = createRequire(file);
    const local = (specifier: string): unknown => {
      const tsFile = localTypeScript(specifier, path.dirname(file));
      return tsFile === undefined ? native(specifier) : this.run(tsFile);
    };
    return Object.assign(local, { resolve: native.resolve, cache: native.cache, extensions: native.extensions, main: native.main }) as NodeJS.Require;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The `.ts`/`.cts` file a relative import means, as TypeScript resolves it: `./x` is x.ts (or
 * x.cts, x/index.ts), and `./x.js` is x.ts when no x.js exists (the NodeNext spelling). Package
 * imports and real JavaScript files are left to Node.
 */
function localTypeScript(specifier: string, dir: string): string | undefined {
  if (!specifier.startsWith('./') && !specifier.startsWith('../') && !path.isAbsolute(specifier)) return undefined;
  const base = path.resolve(dir, specifier);
  const ext = path.extname(base).toLowerCase();
  let candidates: string[];
  if (TYPESCRIPT.has(ext)) candidates = [base];
  else if (ext === '.js' || ext === '.cjs') candidates = isFile(base) ? [] : [base.slice(0, -ext.length) + (ext === '.js' ? '.ts' : '.cts')];
  else candidates = [`${base}.ts`, `${base}.cts`, path.join(base, 'index.ts')];
  return candidates.find(isFile);
}
