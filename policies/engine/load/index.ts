/**
 * Reads the inputs a user names: plan JSON files, CDKTF synth files or `cdktf.out` folders,
 * or `-` for standard input. Anything else is refused with one line that says what to pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, type JsonObject, type JsonValue } from '../types';
import { isTerraformJsonConfig, loadCdktf } from './cdktf';
import { decodeText, parseJson } from './decode';
import type { LoadedInput } from './model';
import { loadPlan } from './plan';
import { isObject, ownValue } from './shape';

export type { LoadedInput } from './model';

const SHOW_JSON_HINT = 'run `terraform show -json plan.out > plan.json` and pass plan.json';

/** Classifies a parsed document and builds the model, or explains what it is instead. */
export function loadDocument(doc: JsonValue, label: string, inputIndex: number, stack?: string): LoadedInput {
  if (!isObject(doc)) {
    throw new InputError(`${label}: expected a JSON object (Terraform plan JSON), found ${Array.isArray(doc) ? 'a list' : typeof doc}; ${SHOW_JSON_HINT}`);
  }
  if (isStateFile(doc)) {
    throw new InputError(`${label}: this is a Terraform state file, not a plan; run \`terraform plan -out plan.out && terraform show -json plan.out > plan.json\` and pass plan.json`);
  }
  if (ownValue(doc, 'resource_changes') !== undefined || ownValue(doc, 'planned_values') !== undefined) {
    return loadPlan(doc, label, inputIndex);
  }
  if (ownValue(doc, 'format_version') !== undefined && ownValue(doc, 'values') !== undefined) {
    throw new InputError(`${label}: this is \`terraform show -json\` of state (no planned changes), not of a plan; ${SHOW_JSON_HINT}`);
  }
  if (isTerraformJsonConfig(doc)) return loadCdktf(doc, label, stack);
  if (ownValue(doc, 'format_version') !== undefined && ownValue(doc, 'configuration') !== undefined) {
    // A plan with no resources at all has neither resource_changes nor planned_values resources.
    return loadPlan(doc, label, inputIndex);
  }
  if (isObject(ownValue(doc, 'stacks')) && ownValue(doc, 'version') !== undefined) {
    throw new InputError(`${label}: this is a CDKTF manifest; pass the cdktf.out folder that holds it`);
  }
  throw new InputError(`${label}: not a Terraform plan (no resource_changes or planned_values) nor CDKTF synth output; ${SHOW_JSON_HINT}`);
}

function isStateFile(doc: JsonObject): boolean {
  return (
    ownValue(doc, 'lineage') !== undefined ||
    (ownValue(doc, 'serial') !== undefined && ownValue(doc, 'resources') !== undefined && ownValue(doc, 'version') !== undefined)
  );
}

export function loadBytes(bytes: Buffer, label: string, inputIndex: number, stack?: string): LoadedInput {
  return loadDocument(parseJson(decodeText(bytes, label), label), label, inputIndex, stack);
}

function readFile(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file; pass the path of a plan JSON file (${SHOW_JSON_HINT})`);
    if (code === 'EACCES') throw new InputError(`${file}: permission denied; make the file readable`);
    if (code === 'EISDIR') throw new InputError(`${file}: is a directory; pass a plan JSON file or a cdktf.out folder`);
    if (code === 'ERR_FS_FILE_TOO_LARGE' || (err instanceof RangeError)) {
      throw new InputError(`${file}: the file is larger than this Node.js can read at once (2 GiB); split the plan`);
    }
    throw new InputError(`${file}: cannot read (${code ?? 'error'})`);
  }
}

/** A `cdktf.out` folder (manifest.json naming the stacks) or a folder holding one cdk.tf.json. */
export function stackFilesOf(dir: string): Array<{ file: string; stack?: string }> {
  const manifestPath = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestPath)) {
    const manifest = parseJson(decodeText(readFile(manifestPath), manifestPath), manifestPath);
    const stacks = isObject(manifest) ? ownValue(manifest, 'stacks') : undefined;
    if (!isObject(stacks)) throw new InputError(`${manifestPath}: not a CDKTF manifest (no stacks); run \`cdktf synth\` again`);
    const out: Array<{ file: string; stack?: string }> = [];
    for (const name of Object.keys(stacks).sort()) {
      const entry = stacks[name];
      const rel = isObject(entry) ? ownValue(entry, 'synthesizedStackPath') : undefined;
      if (typeof rel !== 'string') throw new InputError(`${manifestPath}: stack ${name} has no synthesizedStackPath; run \`cdktf synth\` again`);
      out.push({ file: path.join(dir, rel), stack: name });
    }
    if (out.length === 0) throw new InputError(`${manifestPath}: the manifest lists no stacks`);
    return out;
  }
  const single = path.join(dir, 'cdk.tf.json');
  if (fs.existsSync(single)) return [{ file: single }];
  throw new InputError(`${dir}: is a directory without a CDKTF manifest.json or cdk.tf.json; pass a plan JSON file or a cdktf.out folder`);
}

export interface InputSource {
  /** What to call it in messages and reports. */
  label: string;
  bytes: () => Buffer;
  stack?: string;
}

/** Expands the user's arguments into input sources (directories into their stacks). */
export function resolveSources(args: readonly string[], readStdin: () => Buffer): InputSource[] {
  if (args.length === 0) throw new InputError('no input given; pass plan JSON files (or - for standard input)');
  if (args.filter((a) => a === '-').length > 1) throw new InputError('standard input (-) can be named only once');
  const sources: InputSource[] = [];
  for (const arg of args) {
    if (arg === '-') {
      sources.push({ label: '<stdin>', bytes: readStdin });
      continue;
    }
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(arg);
    } catch {
      stat = undefined;
    }
    if (stat?.isDirectory()) {
      for (const s of stackFilesOf(arg)) sources.push({ label: s.file, bytes: () => readFile(s.file), stack: s.stack });
    } else {
      sources.push({ label: arg, bytes: () => readFile(arg) });
    }
  }
  return sources;
}

export function loadSource(source: InputSource, inputIndex: number): LoadedInput {
  return loadBytes(source.bytes(), source.label, inputIndex, source.stack);
}
