// @ts-check
/**
 * Runs the built CLI's own `main()` for many argument lists in one Node process, capturing what
 * each writes and the exit code it sets: the same code path as `node dist/cli/main.js ARGS`
 * without a second of start-up per case, so hundreds of broken inputs fit in a test's budget.
 * (broken-inputs.test.ts also spawns the real CLI for a sample, for what only a process shows.)
 *
 *   node cli-batch.js DIST CASES.json RESULTS.jsonl
 *
 * CASES.json: [{ "name", "args", "cwd"? }]. Each result is appended to RESULTS.jsonl as soon as
 * the case ends, so a case that hangs is the one after the last line.
 * Only synchronous commands (check, rules, explain...) and only arguments that pass yargs'
 * validation: a usage error calls process.exit, which is stubbed to throw and reported as such.
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const [dist, casesFile, resultsFile] = process.argv.slice(2);
const { main } = require(path.join(dist, 'cli', 'main.js'));
const cases = JSON.parse(fs.readFileSync(casesFile, 'utf8'));

class ExitCalled extends Error {
  /** @param {number | undefined} code */
  constructor(code) {
    super(`process.exit(${code})`);
    this.code = code;
  }
}

const baseline = new Set(Reflect.ownKeys(Object.prototype).map(String));
const realExit = process.exit;
const realOut = process.stdout.write;
const realErr = process.stderr.write;
const home = process.cwd();
fs.writeFileSync(resultsFile, '');

for (const c of cases) {
  let stdout = '';
  let stderr = '';
  let exitCalled;
  process.exitCode = undefined;
  // @ts-ignore -- capture instead of writing
  process.stdout.write = (chunk) => ((stdout += String(chunk)), true);
  // @ts-ignore -- capture instead of writing
  process.stderr.write = (chunk) => ((stderr += String(chunk)), true);
  // @ts-ignore -- a usage error would end the batch
  process.exit = (code) => {
    throw new ExitCalled(code);
  };
  const started = Date.now();
  let escaped;
  try {
    if (c.cwd) process.chdir(c.cwd);
    main(c.args);
  } catch (err) {
    if (err instanceof ExitCalled) exitCalled = err.code;
    else escaped = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  } finally {
    process.stdout.write = realOut;
    process.stderr.write = realErr;
    process.exit = realExit;
    process.chdir(home);
  }
  const pollution = Reflect.ownKeys(Object.prototype).map(String).filter((k) => !baseline.has(k));
  // @ts-ignore -- the property a pollution would set
  if (({}).polluted !== undefined) pollution.push('({}).polluted');
  const code = exitCalled ?? (typeof process.exitCode === 'number' ? process.exitCode : 0);
  fs.appendFileSync(resultsFile, JSON.stringify({ name: c.name, code, stdout, stderr, escaped, exitCalled: exitCalled !== undefined, pollution, millis: Date.now() - started }) + '\n');
}
process.exitCode = 0;
