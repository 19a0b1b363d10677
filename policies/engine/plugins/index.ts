/**
 * TypeScript/JavaScript rule plugins: one file in, validated Rules out. Which files a run loads,
 * and how problems are named (config key or --plugin), is config/plugins.ts.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import type { Rule } from '../types';
import { executePlugin } from './module';
import { PluginProblem } from './problem';
import { rulesFromExports, type IdOwner, type RulePatterns } from './rule-shape';

export { extensionProblem, PLUGIN_EXTENSIONS } from './module';
export { PluginProblem } from './problem';
export { PLUGIN_RULE_ID, RESERVED_PREFIXES, type IdOwner, type RulePatterns } from './rule-shape';

/** A plugin is code, not a data file: anything this large is a mistake (a bundle with a model in it?). */
const MAX_PLUGIN_BYTES = 10 * 1024 * 1024;

export interface LoadedPluginFile {
  rules: Rule[];
  /** SHA-256 (hex) of the file's bytes as read for loading, and their length. */
  sha256: string;
  bytes: number;
}

function readPlugin(file: string): Buffer {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new PluginProblem(code === 'ENOENT' || code === 'ENOTDIR' ? 'does not exist' : `cannot be read (${code ?? 'error'})`);
  }
  if (stat.isDirectory()) throw new PluginProblem('is a directory; name the plugin file inside it');
  if (!stat.isFile()) throw new PluginProblem('is not a regular file');
  if (stat.size > MAX_PLUGIN_BYTES) throw new PluginProblem(`is larger than ${MAX_PLUGIN_BYTES / 1024 / 1024} MiB; a rule plugin should be small`);
  try {
    return fs.readFileSync(file);
  } catch (err) {
    throw new PluginProblem(`cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Reads, hashes, runs and validates one plugin file (an absolute, real path). `label` names the
 * plugin in crash messages of its rules; `ownerOf` says which rule ids are taken. Throws
 * PluginProblem with the detail of what is wrong.
 */
export function loadPluginFile(file: string, patterns: RulePatterns, label: string, ownerOf: IdOwner): LoadedPluginFile {
  const bytes = readPlugin(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { rules: rulesFromExports(executePlugin(file, bytes), patterns, label, ownerOf), sha256, bytes: bytes.length };
}
