/**
 * The benchmark's floor: read a plan file and JSON.parse it, nothing else. Whatever
 * `planwarden check` costs beyond this is the price of loading, indexing and evaluating.
 *
 *   node dist/bench/baseline-parse.js plan.json
 */
import { readFileSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: baseline-parse FILE\n');
  process.exit(2);
}
const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
// Keep the parsed value observable, so the parse cannot be treated as dead code.
if (parsed === null) process.exitCode = 1;
