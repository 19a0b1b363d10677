/**
 * Which rule plugins a run loads, and how their problems read. The config's `plugins` (paths
 * relative to the config file's folder) and `--plugin FILE` (relative to the working directory)
 * are loaded in that order; the same file named twice runs once. Under `--no-plugins` the
 * config's plugins are not executed (a pull request can edit the config, and a plugin is code);
 * they are recorded as not loaded, and the report says so, because their rules did not run.
 * Loading itself (run, validate, guard) is policies/engine/plugins.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extensionProblem, loadPluginFile, PluginProblem } from '../plugins';
import { InputError, type Rule } from '../types';
import { HIPAA_CITATION, RESOURCE_TYPE } from './custom-rules';
import type { PlanwardenConfig, PluginRecord, PluginSet } from './model';
import type { Validator } from './validate';

const MAX_PLUGINS = 50;

/** What the command line says about plugins. */
export interface PluginRequest {
  /** `--plugin FILE` values, as given. */
  cli?: readonly string[];
  /** `--no-plugins`: do not execute the plugins the config names. */
  skipConfigPlugins?: boolean;
  /** What `--plugin` paths (and a relative config path) are relative to; default process.cwd(). */
  cwd?: string;
}

export function noPlugins(): PluginSet {
  return { records: [], rules: [] };
}

/** The `plugins` key: a path or a list of paths (an empty list is fine: `plugins: []`). */
export function validatePluginList(v: Validator, raw: unknown): string[] {
  const list = typeof raw === 'string' ? [raw] : raw;
  if (!Array.isArray(list)) return v.fail('plugins', 'expected a list of plugin file paths (.js, .cjs, .ts or .cts), relative to the config file');
  if (list.length > MAX_PLUGINS) v.fail('plugins', `expected at most ${MAX_PLUGINS} plugin files`);
  return list.map((item: unknown, i: number) => {
    const file = v.text(item, `plugins[${i}]`);
    const problem = extensionProblem(file);
    if (problem) v.fail(`plugins[${i}]`, `${file}: ${problem}`);
    return file;
  });
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** A path short enough to read in a CI log: relative to the working directory when inside it. */
function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

interface Named {
  declared: string;
  absolute: string;
  declaredBy: string;
  /** Throws the one-line error for this entry. */
  fail(detail: string): never;
  /** Said after "does not exist": where relative paths start. */
  base: string;
}

/**
 * Loads the plugins of a run. `taken` is every rule already known (the pack and the config's
 * custom rules): a plugin rule may not take one of their ids, nor another plugin's.
 */
export function loadPlugins(args: { v?: Validator; configFile?: string; declared: readonly string[]; request: PluginRequest; taken: readonly Rule[] }): PluginSet {
  const cwd = args.request.cwd ?? process.cwd();
  const configDir = args.configFile === undefined ? cwd : path.dirname(path.resolve(cwd, args.configFile));
  const named: Named[] = args.declared.map((declared, i) => ({
    declared,
    absolute: path.resolve(configDir, declared),
    declaredBy: `plugins[${i}]`,
    fail: (detail) => {
      if (args.v) return args.v.fail(`plugins[${i}]`, `${declared}: ${detail}`);
      throw new InputError(`${args.configFile ?? 'the config'}: plugins[${i}]: ${declared}: ${detail}`);
    },
    base: `plugins are relative to the config file's folder, ${configDir}`,
  }));
  const fromCli: Named[] = (args.request.cli ?? []).map((declared) => ({
    declared,
    absolute: path.resolve(cwd, declared),
    declaredBy: '--plugin',
    fail: (detail) => failCli(declared, detail),
    base: `--plugin is relative to the working directory, ${cwd}`,
  }));
  if (named.length + fromCli.length > MAX_PLUGINS) throw new InputError(`more than ${MAX_PLUGINS} rule plugins; combine them into fewer files`);
  for (const n of fromCli) {
    if (n.declared.trim() === '') throw new InputError('--plugin needs a plugin file name, e.g. --plugin ./planwarden/rules.ts');
    const problem = extensionProblem(n.declared);
    if (problem) n.fail(problem);
  }

  const owners = new Map<string, string>();
  for (const r of args.taken) owners.set(r.id, r.id.startsWith('CUSTOM-') ? 'a customRules id in the config' : 'a built-in rule id');
  const records: PluginRecord[] = [];
  const rules: Rule[] = [];
  const loadedFiles = new Set<string>();

  const load = (n: Named, real: string) => {
    let file;
    try {
      file = loadPluginFile(real, { hipaaCitation: HIPAA_CITATION, resourceType: RESOURCE_TYPE }, shown(n.absolute, cwd), (id) => owners.get(id));
    } catch (err) {
      if (!(err instanceof PluginProblem)) throw err;
      n.fail(err.message === 'does not exist' ? `does not exist (${n.base})` : err.message);
    }
    for (const rule of file.rules) owners.set(rule.id, `also defined by ${n.declaredBy === '--plugin' ? `--plugin ${n.declared}` : `${n.declaredBy} (${n.declared})`}`);
    records.push({ path: n.absolute, declaredBy: n.declaredBy, loaded: true, sha256: file.sha256, bytes: file.bytes, ruleIds: file.rules.map((r) => r.id) });
    rules.push(...file.rules);
    loadedFiles.add(real);
  };

  const cliFiles = new Set(fromCli.map((n) => realPath(n.absolute)));
  const configFiles = new Map<string, string>();
  for (const n of named) {
    const real = realPath(n.absolute);
    const earlier = configFiles.get(real);
    if (earlier !== undefined) n.fail(`names the same file as ${earlier}`);
    configFiles.set(real, n.declaredBy);
    if (args.request.skipConfigPlugins) {
      // Named again with --plugin: the person running the command vouches for it, so it runs below.
      if (!cliFiles.has(real)) records.push({ path: n.absolute, declaredBy: n.declaredBy, loaded: false, sha256: null, bytes: null, ruleIds: [] });
      continue;
    }
    load(n, real);
  }
  for (const n of fromCli) {
    const real = realPath(n.absolute);
    // Repeating a file the config (or an earlier --plugin) names insists on it; it runs once.
    if (!loadedFiles.has(real)) load(n, real);
  }
  return { records, rules };
}

function failCli(declared: string, detail: string): never {
  throw new InputError(`--plugin ${declared}: ${detail}`);
}

/** Report notices for the config's plugins that --no-plugins kept from running. */
export function pluginNotices(config: PlanwardenConfig): string[] {
  return (config.plugins?.records ?? [])
    .filter((r) => !r.loaded)
    .map((r) => `plugin ${r.path} (${r.declaredBy} in ${config.file ?? 'the config'}) was not loaded (--no-plugins): its rules did not run, so this report does not cover them`);
}

/** Whether some rules of this run are unknown because --no-plugins skipped the plugins defining them. */
export function pluginsSkipped(config: PlanwardenConfig): boolean {
  return (config.plugins?.records ?? []).some((r) => !r.loaded);
}
