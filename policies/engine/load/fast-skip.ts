/**
 * skipValue for objects and lists at native speed: skip.wat, a SIMD WebAssembly loop over the
 * plan's bytes in WebAssembly memory. The JavaScript scan of a 200 MB plan took about 0.5 s
 * (issue 10); this takes about 0.15 s. It answers only where a value ends: on any problem it
 * returns undefined and the JavaScript scanner runs, so errors are reported exactly as before,
 * and a Node.js without WebAssembly SIMD just scans more slowly.
 *
 * Only bytes that readScannable read into WebAssembly memory are scanned there. Others (standard
 * input, UTF-16 files once converted, a worker thread's transferred copy) are scanned in
 * JavaScript: copying them in would hold the plan twice.
 */
import * as fs from 'node:fs';
import { SKIP_WASM_BASE64 } from './skip-wasm';

/** Below this, the JavaScript scan costs less than setting up WebAssembly memory. */
const MIN_BYTES = 1024 * 1024;
/** The scan may read one 16-byte vector past the input's end (see skip.wat). */
const PADDING = 16;
const PAGE = 65536;
/** WebAssembly memory (32-bit) holds at most 4 GiB. */
const MAX_PAGES = 65536;
/** Larger files are left to fs.readFileSync, which refuses them as before (ERR_FS_FILE_TOO_LARGE). */
const MAX_READ = 2 ** 31 - 1;

type SkipFunction = (start: number, end: number) => number;

/** The part of the WebAssembly API used here (TypeScript declares it only with the DOM library). */
type WasmModule = object;
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
  Instance: new (module: WasmModule, imports: Record<string, Record<string, unknown>>) => { readonly exports: Record<string, unknown> };
}
const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

let compiled: WasmModule | null | undefined;

function skipModule(): WasmModule | null {
  if (compiled !== undefined) return compiled;
  if (wasm === undefined) return (compiled = null);
  try {
    // One long call scans a whole section, and V8 does not move a running WebAssembly call to
    // optimized code: without this the scan stays in the baseline tier, at half the speed.
    // The flag only changes how WebAssembly compiles (optimized at once, not on demand).
    (require('node:v8') as typeof import('node:v8')).setFlagsFromString('--no-liftoff');
    compiled = new wasm.Module(Buffer.from(SKIP_WASM_BASE64, 'base64'));
  } catch {
    // No WebAssembly or no SIMD here: the JavaScript scanner does the work.
    compiled = null;
  }
  return compiled;
}

/** A memory of at least `bytes` plus padding and the scanner over it, or undefined if unavailable. */
function scannerMemory(bytes: number): { memory: WasmMemory; skip: SkipFunction } | undefined {
  const module = skipModule();
  const pages = Math.ceil((bytes + PADDING) / PAGE);
  if (module === null || wasm === undefined || pages > MAX_PAGES) return undefined;
  try {
    const memory = new wasm.Memory({ initial: pages, maximum: pages });
    const instance = new wasm.Instance(module, { env: { memory } });
    return { memory, skip: instance.exports.skip as SkipFunction };
  } catch {
    return undefined; // memory refused (address space): scan in JavaScript
  }
}

/** Scanners of the memories readScannable read files into, by their ArrayBuffer. */
const byMemory = new WeakMap<ArrayBufferLike, SkipFunction>();

/**
 * The index just after the object or list starting at `buf[i]`, or undefined when the fast scan
 * is unavailable or found a problem (the caller then scans in JavaScript, which says what).
 */
export function fastSkip(buf: Buffer, i: number): number | undefined {
  const skip = byMemory.get(buf.buffer);
  if (skip === undefined) return undefined;
  const base = buf.byteOffset;
  const end = skip(base + i, base + buf.length);
  return end < 0 ? undefined : end - base;
}

/**
 * skip.wat's raw answer for `bytes` from `start` (the end, -1 or -2), with the memory after the
 * input filled with `fill`; undefined without WebAssembly SIMD. For tests that hold the two
 * scanners to the same answers.
 */
export function skipInWasm(bytes: Uint8Array, start: number, fill = 0): number | undefined {
  const made = scannerMemory(bytes.length);
  if (made === undefined) return undefined;
  const memory = new Uint8Array(made.memory.buffer);
  memory.set(bytes);
  memory.fill(fill, bytes.length);
  return made.skip(start, bytes.length);
}

/**
 * Reads a whole regular file into WebAssembly memory, so the scan needs no copy of it; other
 * files (pipes, devices), small files and a Node.js without WebAssembly get fs.readFileSync.
 * Errors are fs errors, as from fs.readFileSync.
 */
export function readScannable(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const stat = fs.fstatSync(fd);
    const made = stat.isFile() && stat.size >= MIN_BYTES && stat.size <= MAX_READ ? scannerMemory(stat.size) : undefined;
    if (made === undefined) return fs.readFileSync(fd);
    const buf = Buffer.from(made.memory.buffer, 0, stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = fs.readSync(fd, buf, read, stat.size - read, read);
      if (n === 0) break; // the file shrank while being read
      read += n;
    }
    byMemory.set(made.memory.buffer, made.skip);
    return read === stat.size ? buf : buf.subarray(0, read);
  } finally {
    fs.closeSync(fd);
  }
}
