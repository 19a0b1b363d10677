/**
 * The CLI users install is the bundle (package.json `bin` → dist/bundle/planwarden.js, built by
 * scripts/bundle.js for start-up time). It must behave exactly like the compiled modules the
 * other CLI tests run, and `check` must not load the CDKTF packages or the YAML parser.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, ROOT } from './helpers';

const BUNDLE = path.join(ROOT, 'dist', 'bundle', 'planwarden.js');
const PLANS = ['examples/plans/phi-platform.json', 'test/fixtures/plans/s3-encryption.json', 'test/fixtures/plans/iot-policies.json'];

function run(cli: string, args: string[], nodeArgs: string[] = []) {
  const r = spawnSync(process.execPath, [...nodeArgs, cli, ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` (npm test does)`);
});

describe('the bundled CLI', () => {
  it('is what `bin` installs, and starts with a shebang', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: { planwarden: string } };
    expect(path.join(ROOT, pkg.bin.planwarden)).toBe(BUNDLE);
    expect(fs.readFileSync(BUNDLE, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('compiles with the code cache the build recorded, and without it when the cache is refused', () => {
    const report = (cli: string) => {
      const r = spawnSync(process.execPath, [cli, '--version'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PLANWARDEN_CODE_CACHE: 'report' } });
      return { code: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
    };
    expect(report(BUNDLE)).toEqual({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+$/), stderr: 'code cache: used' });
    // A cache from another build (here: damaged) is refused by V8 and the CLI still runs.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-cache-'));
    for (const name of ['planwarden.js', 'cli.js', 'worker.js']) fs.copyFileSync(path.join(path.dirname(BUNDLE), name), path.join(dir, name));
    const cache = fs.readFileSync(path.join(path.dirname(BUNDLE), 'cli.js.cache'));
    cache.fill(7, 0, 64);
    fs.writeFileSync(path.join(dir, 'cli.js.cache'), cache);
    expect(report(path.join(dir, 'planwarden.js'))).toEqual({ ...report(BUNDLE), stderr: 'code cache: rejected' });
    fs.rmSync(path.join(dir, 'cli.js.cache'));
    expect(report(path.join(dir, 'planwarden.js'))).toEqual({ ...report(BUNDLE), stderr: 'code cache: absent' });
    const check = spawnSync(process.execPath, [path.join(dir, 'planwarden.js'), 'check', PLANS[1], '--format', 'json'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.status).toBe(1);
    expect(check.stdout).toBe(run(BUNDLE, ['check', PLANS[1], '--format', 'json']).stdout);
  });

  it.each(['json', 'sarif', 'junit', 'markdown', 'text', 'github'])('writes the same %s report and exit code as the compiled modules', (format) => {
    const bundled = run(BUNDLE, ['check', ...PLANS, '--format', format]);
    const modular = run(CLI, ['check', ...PLANS, '--format', format]);
    expect(bundled.code).toBe(1);
    expect(bundled).toEqual(modular);
  });

  it('evaluates one plan the same as several (its worker is bundled too)', () => {
    const several = JSON.parse(run(BUNDLE, ['check', ...PLANS, '--format', 'json']).stdout) as { findings: Array<{ input: string }> };
    const one = JSON.parse(run(BUNDLE, ['check', PLANS[1], '--format', 'json']).stdout) as { findings: Array<{ input: string }> };
    expect(several.findings.filter((f) => f.input === PLANS[1])).toEqual(one.findings);
  });

  it('refuses bad input the same way: one line, exit 2', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-bundle-'));
    const file = path.join(dir, 'plan.out');
    fs.writeFileSync(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff]));
    const bundled = run(BUNDLE, ['check', file]);
    expect(bundled.code).toBe(2);
    expect(bundled.stderr.trim().split('\n')).toHaveLength(1);
    expect(bundled).toEqual(run(CLI, ['check', file]));
  });

  it.each([
    ['bundle', BUNDLE],
    ['compiled modules', CLI],
  ])('`check` (%s) never loads the CDKTF packages or the YAML parser', (_label, cli) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-loads-'));
    const log = path.join(dir, 'required.txt');
    const hook = path.join(dir, 'hook.js');
    // Records every module id passed to require, including the bundle's runtime requires.
    fs.writeFileSync(
      hook,
      `const Module = require('module'); const fs = require('fs'); const seen = [];
       const load = Module._load; Module._load = function (id, ...rest) { seen.push(id); return load.call(this, id, ...rest); };
       process.on('exit', () => fs.writeFileSync(${JSON.stringify(log)}, seen.join('\\n')));`,
    );
    const r = run(cli, ['check', PLANS[0], '--format', 'json'], ['-r', hook]);
    expect(r.code).toBe(1);
    const required = fs.readFileSync(log, 'utf8').split('\n');
    expect(required.length).toBeGreaterThan(0);
    // Package ids as written in require calls (the loader's own ./cdktf module reads synth JSON and is expected).
    expect(required.filter((id) => /^(cdktf|@cdktf\/.*|constructs|yaml)(\/.*)?$/.test(id))).toEqual([]);
  });
});
