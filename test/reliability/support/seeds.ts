/**
 * Where the reliability tests get real plans from: the repository's fixture plans and, when it
 * is present next to the checkout, the shared corpus of real `terraform show -json` output
 * (../shared/corpus/plans). Tests that need the corpus skip cleanly without it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonObject, JsonValue } from '../../../policies/engine/types';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const DIST = path.join(ROOT, 'dist');
export const FIXTURE_PLANS = path.join(ROOT, 'test', 'fixtures', 'plans');
export const CORPUS_PLANS = path.resolve(ROOT, '..', 'shared', 'corpus', 'plans');

export interface SeedPlan {
  /** File name, for messages. */
  name: string;
  file: string;
  bytes: Buffer;
}

function listJson(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((f) => path.join(dir, f)) : [];
}

export const fixturePlanFiles = (): string[] => listJson(FIXTURE_PLANS);
export const corpusPlanFiles = (): string[] => listJson(CORPUS_PLANS);

export function readSeed(file: string): SeedPlan {
  return { name: path.basename(file), file, bytes: fs.readFileSync(file) };
}

/** A plan's text as a JSON value whatever its encoding (some corpus plans are UTF-16LE with a BOM). */
export function parsePlanBytes(bytes: Buffer): JsonValue {
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = bytes.subarray(3).toString('utf8');
  else text = bytes.toString('utf8');
  return JSON.parse(text) as JsonValue;
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The built CLI and engine must exist: `npm test` builds first; running jest alone needs `npm run build`. */
export function requireBuilt(): void {
  if (!fs.existsSync(path.join(DIST, 'cli', 'main.js'))) throw new Error(`${DIST} is missing: run \`npm run build\` first (npm test does)`);
}
