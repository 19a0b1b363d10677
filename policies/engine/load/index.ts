/**
 * Reads the inputs a user names: plan JSON files, CDKTF synth files or `cdktf.out` folders,
 * or `-` for standard input. Anything else is refused with one line that says what to pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError, type JsonObject, type JsonValue } from '../types';
import { isTerraformJsonConfig, loadCdktf } from './cdktf';
import { decodeText, locate, parseJson, toUtf8 } from './decode';
import { readScannable } from './fast-skip';
import type { LoadedInput } from './model';
import { loadPlan, type DocumentSource } from './plan';
import { LazyDocument, MAX_DEPTH, scanTopLevel, ScanError } from './sections';
import { isObject, ownValue } from './shape';

export type { LoadedInput } from './model';

const SHOW_JSON_HINT = 'run `terraform show -json plan.out > plan.json` and pass plan.json';

/** An already-parsed document, seen through the same interface as a lazily parsed file. */
class ParsedDocument implements DocumentSource {
  constructor(private readonly doc: JsonObject) {}
  has(key: string): boolean {
    return ownValue(this.doc, key) !== undefined;
  }
  get(key: string): JsonValue | undefined {
    return ownValue(this.doc, key);
  }
  toObject(): JsonObject {
    return this.doc;
  }
}

/** Classifies a document and builds the model, or explains what it is instead. */
function loadSource_(doc: DocumentSource, label: string, inputIndex: number, stack?: string): LoadedInput {
  const has = (key: string) => doc.has(key);
  if (has('lineage') || (has('serial') && has('resources') && has('version'))) {
    throw new InputError(`${label}: this is a Terraform state file, not a plan; run \`terraform plan -out plan.out && terraform show -json plan.out > plan.json\` and pass plan.json`);
  }
  if (has('resource_changes') || has('planned_values')) return loadPlan(doc, label, inputIndex);
  if (has('format_version') && has('values')) {
    throw new InputError(`${label}: this is \`terraform show -json\` of state (no planned changes), not of a plan; ${SHOW_JSON_HINT}`);
  }
  if (has('resource') || (has('//') && has('terraform'))) {
    const whole = doc.toObject();
    if (isTerraformJsonConfig(whole)) return loadCdktf(whole, label, stack);
  }
  // A plan with no resources at all has neither resource_changes nor planned_values resources.
  if (has('format_version') && has('configuration')) return loadPlan(doc, label, inputIndex);
  if (has('stacks') && has('version') && isObject(doc.get('stacks'))) {
    throw new InputError(`${label}: this is a CDKTF manifest; pass the cdktf.out folder that holds it`);
  }
  throw new InputError(`${label}: not a Terraform plan (no resource_changes or planned_values) nor CDKTF synth output; ${SHOW_JSON_HINT}`);
}

export function loadDocument(doc: JsonValue, label: string, inputIndex: number, stack?: string): LoadedInput {
  if (!isObject(doc)) {
    throw new InputError(`${label}: expected a JSON object (Terraform plan JSON), found ${Array.isArray(doc) ? 'a list' : typeof doc}; ${SHOW_JSON_HINT}`);
  }
  return loadSource_(new ParsedDocument(doc), label, inputIndex, stack);
}

/** "at line L, column C" of a byte offset. */
function lineColumnOf(utf8: Buffer, offset: number): string {
  const text = utf8.toString('utf8', 0, Math.min(utf8.length, offset + 1));
  return locate(text, `position ${text.length - 1}`);
}

/** Explains why bytes that failed the structural scan or a section parse cannot be evaluated. */
function scanRefusal(utf8: Buffer, label: string, err: ScanError): InputError {
  // Valid JSON, but deeper than any plan (and than what the rules can safely walk): say that,
  // not "invalid JSON", which would send the user looking for a syntax error that is not there.
  if (err.problem === 'too-deep') {
    return new InputError(`${label}: values are nested more than ${MAX_DEPTH} levels deep ${lineColumnOf(utf8, err.offset)}; Terraform plans nest about 20 levels deep, so this file was not written by \`terraform show -json\``);
  }
  if (err.problem === 'too-large') {
    return new InputError(`${label}: a top-level section starting ${lineColumnOf(utf8, err.offset)} is larger than Node.js can parse as one string (only resource lists are read piece by piece); split the plan`);
  }
  return syntaxError(utf8, label, err.offset);
}

/** Explains why bytes that failed the structural scan or a section parse are not valid JSON. */
function syntaxError(utf8: Buffer, label: string, fallbackOffset: number): InputError {
  if (utf8.length < 256 * 1024 * 1024) {
    try {
      parseJson(utf8.toString('utf8'), label);
    } catch (err) {
      if (err instanceof InputError) return err;
    }
  }
  const text = utf8.toString('utf8', 0, Math.min(utf8.length, fallbackOffset + 1));
  return new InputError(`${label}: invalid JSON ${locate(text, `position ${text.length - 1}`)}; ${SHOW_JSON_HINT}`);
}

export function loadBytes(bytes: Buffer, label: string, inputIndex: number, stack?: string): LoadedInput {
  const utf8 = toUtf8(bytes, label);
  let members;
  try {
    members = scanTopLevel(utf8);
  } catch (err) {
    if (err instanceof ScanError) throw scanRefusal(utf8, label, err);
    throw err;
  }
  if (!members) {
    // Not an object: parse it (small in practice) so the message can say what it is.
    if (utf8.length > 64 * 1024 * 1024) throw new InputError(`${label}: expected a JSON object (Terraform plan JSON); ${SHOW_JSON_HINT}`);
    // `utf8` is already decoded: decoding it again read decoded text with NULs (UTF-32) as UTF-16BE.
    return loadDocument(parseJson(utf8.toString('utf8'), label), label, inputIndex, stack);
  }
  try {
    return loadSource_(new LazyDocument(utf8, members), label, inputIndex, stack);
  } catch (err) {
    if (err instanceof SyntaxError) throw syntaxError(utf8, label, 0);
    if (err instanceof ScanError) throw scanRefusal(utf8, label, err);
    throw err;
  }
}

function readFile(file: string, options: ReadOptions = {}): Buffer {
  try {
    return options.forTransfer ? fs.readFileSync(file) : readScannable(file);
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

export interface ReadOptions {
  /**
   * The bytes will move to a worker thread: read them into ordinary memory, which can be
   * transferred, not into WebAssembly memory, which cannot (and would be copied, then held).
   */
  forTransfer?: boolean;
}

export interface InputSource {
  /** What to call it in messages and reports. */
  label: string;
  bytes: (options?: ReadOptions) => Buffer;
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
      for (const s of stackFilesOf(arg)) sources.push({ label: s.file, bytes: (options) => readFile(s.file, options), stack: s.stack });
    } else {
      sources.push({ label: arg, bytes: (options) => readFile(arg, options) });
    }
  }
  return sources;
}

export function loadSource(source: InputSource, inputIndex: number): LoadedInput {
  return loadBytes(source.bytes(), source.label, inputIndex, source.stack);
}
