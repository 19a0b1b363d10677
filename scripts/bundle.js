/**
 * Bundles the compiled CLI (dist/cli/main.js) and its worker into dist/bundle/, one file each.
 * Why: `planwarden check` loads ~230 modules; resolving and compiling them one by one is a third
 * of its start-up on a small plan (issue 10). Lazily required modules (reporters, the YAML
 * parser, integrations) stay lazy: esbuild wraps each CommonJS module and runs it on first
 * require. Plugins named by a config are loaded at run time with Node's own require, not bundled.
 */
const path = require('node:path');
const esbuild = require('esbuild');

const root = path.join(__dirname, '..');

esbuild
  .build({
    entryPoints: {
      planwarden: path.join(root, 'dist/cli/main.js'),
      // parallel.js starts `worker.js` next to itself: in the bundle, next to planwarden.js.
      worker: path.join(root, 'dist/policies/engine/worker.js'),
    },
    outdir: path.join(root, 'dist/bundle'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Peer dependencies for the CDKTF modules; `check` never loads them.
    external: ['cdktf', '@cdktf/provider-aws', 'constructs', 'typescript'],
    logLevel: 'warning',
    legalComments: 'none',
  })
  .catch(() => process.exit(1));
