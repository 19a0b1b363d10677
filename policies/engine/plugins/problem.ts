/**
 * A plugin file that cannot become rules: missing, not CommonJS, a syntax error, a throw at load,
 * a bad export. The message is the detail only ("has a syntax error at 3:7: ..."); the caller
 * prefixes where the plugin was named (config key or --plugin) and turns it into an InputError.
 */
export class PluginProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PluginProblem';
  }
}

/**
 * The message of anything a plugin threw, on one line, without a stack. Plugin code may throw a
 * non-Error, or an object whose `message` getter itself throws; neither may crash the loader.
 */
export function thrownMessage(err: unknown): string {
  let text: string;
  try {
    text = err instanceof Error ? err.message : String(err);
  } catch {
    return 'an exception that cannot be printed';
  }
  if (typeof text !== 'string') return 'an exception that cannot be printed';
  // Node appends the chain of requiring files to MODULE_NOT_FOUND; the first line is the point.
  const firstPart = text.split('\nRequire stack:')[0];
  return firstPart.replace(/\s*[\r\n]+\s*/g, ' ').trim().slice(0, 500) || '(no message)';
}
