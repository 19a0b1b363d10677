/**
 * Supply chain, offline. `npm audit --omit=dev` needs the network, so it is a release step in
 * SECURITY.md, not a test; what can be checked without it is checked here: the lockfile pins
 * every dependency by content hash, agrees with package.json, and names no source other than
 * the registry; and the published package holds only dist/, docs/, README, LICENSE and
 * package.json (`npm pack --dry-run`, which builds nothing and contacts nothing).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './support/seeds';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  inBundle?: boolean;
  dev?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
interface Lockfile {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
}
interface PackageJson {
  name: string;
  version: string;
  bin: Record<string, string>;
  files: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;

describe('the lockfile pins every dependency', () => {
  const entries = Object.entries(lock.packages).filter(([key]) => key !== '');

  it('is a v2/v3 lockfile in step with package.json', () => {
    expect(lock.lockfileVersion).toBeGreaterThanOrEqual(2);
    const root = lock.packages[''];
    expect(root.dependencies ?? {}).toEqual(pkg.dependencies ?? {});
    expect(root.devDependencies ?? {}).toEqual(pkg.devDependencies ?? {});
    for (const name of [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]) {
      expect(`${name}: ${lock.packages[`node_modules/${name}`]?.version ?? 'missing'}`).toMatch(/: \d+\.\d+\.\d+/);
    }
  });

  it('every installed package has a version and a sha512 integrity hash (bundled ones through their parent)', () => {
    const unpinned: string[] = [];
    for (const [key, entry] of entries) {
      if (entry.link) continue;
      if (!entry.version) unpinned.push(`${key}: no version`);
      if (entry.inBundle) {
        // Shipped inside the tarball of the package that bundles it, whose hash covers it: the
        // nearest ancestor that is not itself bundled.
        let parent = key;
        do parent = parent.slice(0, parent.lastIndexOf('/node_modules/'));
        while (lock.packages[parent]?.inBundle);
        if (!/^sha512-/.test(lock.packages[parent]?.integrity ?? '')) unpinned.push(`${key}: bundled in ${parent}, which has no sha512 integrity`);
        continue;
      }
      if (!/^sha512-[A-Za-z0-9+/]+=*$/.test(entry.integrity ?? '')) unpinned.push(`${key}: integrity ${entry.integrity ?? 'missing'}`);
    }
    expect(unpinned).toEqual([]);
  });

  it('nothing comes from git, a URL, a tarball or the file system', () => {
    const specs = { ...(pkg.dependencies ?? {}), ...(pkg.devDependencies ?? {}) };
    for (const [name, spec] of Object.entries(specs)) expect(`${name}@${spec}`).toMatch(/@[~^]?\d+\.\d+\.\d+$/);
    const foreign = entries.filter(([, e]) => e.resolved !== undefined && !e.resolved.startsWith('https://registry.npmjs.org/')).map(([k, e]) => `${k}: ${e.resolved}`);
    expect(foreign).toEqual([]);
  });

  it('the runtime dependencies are few and known (each one earns its place: DESIGN.md)', () => {
    expect(Object.keys(pkg.dependencies ?? {}).sort()).toEqual(['jsonpath-plus', 'yaml', 'yargs']);
  });
});

describe('npm pack --dry-run', () => {
  interface PackResult {
    files: Array<{ path: string; size: number }>;
    entryCount: number;
  }
  let packed: PackResult;
  beforeAll(() => {
    if (!fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
      const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
      if (build.status !== 0 && !fs.existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error(`npm run build failed: ${build.stderr.slice(0, 2000)}`);
    }
    // --ignore-scripts: a dry run must not run lifecycle scripts; --offline: it needs no network.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (r.status !== 0) throw new Error(`npm pack --dry-run failed (${r.status}): ${r.stderr.slice(0, 2000)}`);
    packed = (JSON.parse(r.stdout) as PackResult[])[0];
  });

  it('lists only dist/, docs/, README.md, LICENSE and package.json', () => {
    const outside = packed.files.map((f) => f.path).filter((p) => !/^(dist\/|docs\/)/.test(p) && !['README.md', 'LICENSE', 'package.json'].includes(p));
    expect(outside).toEqual([]);
    expect([...pkg.files].sort()).toEqual(['LICENSE', 'README.md', 'dist/bundle/', 'dist/cli/', 'dist/modules/', 'dist/package.json', 'dist/policies/', 'docs/']);
    // The benchmark and its generator are development tools, not part of the package.
    expect(packed.files.some((f) => f.path.startsWith('dist/bench/'))).toBe(false);
  });

  it('holds what a user runs and reads: the CLI with its shebang, the report schema, the rules reference', () => {
    const paths = new Set(packed.files.map((f) => f.path));
    for (const required of ['package.json', 'README.md', 'LICENSE', pkg.bin.planwarden, 'docs/report.schema.json', 'docs/rules.md']) expect(paths).toContain(required);
    expect(fs.readFileSync(path.join(ROOT, pkg.bin.planwarden), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('ships no source maps, TypeScript sources, tests, fixtures, keys or environment files', () => {
    const suspicious = packed.files.map((f) => f.path).filter((p) => /\.(map|tsbuildinfo|pem|key|p12|env)$|(^|\/)\.env|(^|\/)(test|tests|fixtures|__tests__)\//.test(p) || (/\.ts$/.test(p) && !/\.d\.ts$/.test(p)));
    expect(suspicious).toEqual([]);
  });
});
