/**
 * Bundles the compiled CLI (dist/cli/main.js) and its worker into dist/bundle/, one file each.
 * Why: `planwarden check` loads ~230 modules; resolving and compiling them one by one is a third
 * of its start-up on a small plan (issue 10). Lazily required modules (reporters, the YAML
 * parser, integrations) stay lazy: esbuild wraps each CommonJS module and runs it on first
 * require. Plugins named by a config are loaded at run time with Node's own require, not bundled.
 *
 * `bin` runs planwarden.js (scripts/bundle-loader.js), which compiles cli.js with the V8 code
 * cache recorded here by one check of the example plan. The plan must stay small: a plan of
 * 1 MB or more switches V8 flags (load/fast-skip.ts), and a cache made under other flags is refused.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');
const out = path.join(root, 'dist/bundle');

async function bundle() {
  await esbuild.build({
    entryPoints: {
      cli: path.join(root, 'dist/cli/main.js'),
      // parallel.js starts `worker.js` next to itself: in the bundle, next to cli.js.
      worker: path.join(root, 'dist/policies/engine/worker.js'),
    },
    outdir: out,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Peer dependencies for the CDKTF modules; `check` never loads them.
    external: ['cdktf', '@cdktf/provider-aws', 'constructs', 'typescript'],
    logLevel: 'warning',
    legalComments: 'none',
  });
  // cli.js is compiled by the loader as a function body, where main.ts's shebang is a syntax error.
  const cli = path.join(out, 'cli.js');
  fs.writeFileSync(cli, fs.readFileSync(cli, 'utf8').replace(/^#!.*/, ''));
  fs.chmodSync(cli, 0o644);
  const loader = path.join(out, 'planwarden.js');
  fs.copyFileSync(path.join(__dirname, 'bundle-loader.js'), loader);
  fs.chmodSync(loader, 0o755);
  fs.rmSync(path.join(out, 'cli.js.cache'), { force: true });
  const example = path.join(root, 'examples/plans/phi-platform.json');
  const run = spawnSync(process.execPath, [loader, 'check', example, '--format', 'json', '--output', path.join(out, '.cache-run.json')], {
    env: { ...process.env, PLANWARDEN_CODE_CACHE: 'write' },
    encoding: 'utf8',
  });
  fs.rmSync(path.join(out, '.cache-run.json'), { force: true });
  // The example plan has blocking findings by design: exit 1 is the expected, complete run.
  if (run.status !== 1 || !fs.existsSync(path.join(out, 'cli.js.cache'))) {
    throw new Error(`recording the code cache failed (exit ${run.status}): ${run.stderr}`);
  }
}

bundle().catch((err) => {
  console.error(err.message);
  process.exit(1);
});
