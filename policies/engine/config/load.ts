/** Finds and parses planwarden.config.json / .yaml / .yml (or the file --config names). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { locate } from '../load/decode';
import { InputError, type Rule } from '../types';
import { emptyConfig } from './model';
import { loadPlugins, type PluginRequest } from './plugins';
import { validateConfig, type ValidatedConfig } from './validate';

export const CONFIG_NAMES = ['planwarden.config.json', 'planwarden.config.yaml', 'planwarden.config.yml'];
const MAX_CONFIG_BYTES = 1024 * 1024;

export function findConfigFile(cwd: string): string | undefined {
  const present = CONFIG_NAMES.filter((n) => fs.existsSync(path.join(cwd, n)));
  if (present.length > 1) throw new InputError(`${present.join(' and ')} are both present; keep one config file or name it with --config`);
  return present.length === 1 ? path.join(cwd, present[0]) : undefined;
}

export function parseConfigText(text: string, file: string): unknown {
  if (/\.ya?ml$/i.test(file)) {
    try {
      // Lazy: the YAML parser is 70 modules, loaded only when a YAML config exists.
      const { parse: parseYaml } = require('yaml') as typeof import('yaml');
      return parseYaml(text, { uniqueKeys: true, maxAliasCount: 100 });
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      throw new InputError(`${file}: invalid YAML: ${message}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file}: invalid JSON ${locate(text, err instanceof Error ? err.message : String(err))}`);
  }
}

/**
 * Reads and validates the config, loading the rule plugins it names and those `plugins.cli`
 * names (--plugin); no file found is the empty config (every default) with the --plugin ones.
 */
export function loadConfig(explicit: string | undefined, cwd: string, rules: readonly Rule[], plugins: PluginRequest = {}): ValidatedConfig {
  const request: PluginRequest = { ...plugins, cwd: plugins.cwd ?? cwd };
  const file = explicit ?? findConfigFile(cwd);
  if (file === undefined) {
    const config = emptyConfig();
    config.plugins = loadPlugins({ declared: [], request, taken: rules });
    return { config, weakened: [] };
  }
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) throw new InputError(`${file}: is a directory; --config names a planwarden.config.json or .yaml file`);
    if (stat.size > MAX_CONFIG_BYTES) throw new InputError(`${file}: larger than 1 MiB; a config file should be small`);
    bytes = fs.readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read the config file (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const doc = parseConfigText(text, file);
  return validateConfig(doc ?? {}, file, rules, request);
}
