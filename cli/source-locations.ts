/**
 * Where a resource block is declared in the Terraform source, so CI annotations and SARIF
 * results can point at a `.tf` file and line instead of only naming an address.
 *
 * The plan names resources by address (module.a["x"].aws_s3_bucket.phi[0]); the source
 * declares them once per module directory (`resource "aws_s3_bucket" "phi" {`). We strip the
 * instance keys, follow the module calls from the root directory through their local
 * `source` paths, and scan that directory's `.tf` files with a small lexer that understands
 * just enough HCL (strings, template interpolation, comments, heredocs, braces) to find
 * top-level block headers and never be fooled by text that merely looks like one.
 *
 * Work is bounded: every directory is listed and every file read at most once per locator,
 * files above a size limit are skipped, and nothing here throws — an unreadable tree only
 * means "location unknown".
 */
import * as fs from 'fs';
import * as path from 'path';
import type { JsonValue } from '../policies/engine/types';

export interface SourceLocation {
  /** Path relative to the root directory (the repository root / cwd), with forward slashes. */
  file: string;
  /** 1-based line of the block's `resource` keyword. */
  line: number;
}

/** What reporters need: a lookup from a finding's resource address to its declaration. */
export interface SourceLocator {
  locate(address: string): SourceLocation | undefined;
}

/** A resource address split into its configuration parts; instance keys are dropped. */
export interface ConfigResourceAddress {
  /** Module call names from the root, e.g. ['data', 'bucket'] for module.data["a"].module.bucket. */
  modules: string[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
}

/** The little file-system surface the locator uses; injectable so tests can count reads. */
export interface SourceFileSystem {
  /** Names of the regular files directly inside `dir`, or undefined if it cannot be listed. */
  listFiles(dir: string): string[] | undefined;
  /** File text, or undefined when unreadable or larger than `maxBytes`. */
  readText(file: string, maxBytes: number): string | undefined;
}

export interface SourceLocatorOptions {
  /** Directory of the root module (the `--source-dir` option). */
  sourceDir: string;
  /**
   * Module call `source` strings keyed by the call's configuration path without instance keys,
   * e.g. 'module.data' and 'module.data.module.bucket' (see collectModuleSources).
   */
  moduleSources: ReadonlyMap<string, string>;
  /** Reported file paths are relative to this directory; defaults to the working directory. */
  rootDir?: string;
  /** Files larger than this are not scanned (generated or vendored code). */
  maxFileBytes?: number;
  fileSystem?: SourceFileSystem;
}

const DEFAULT_MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Terraform treats only paths starting with ./ or ../ as local module sources. */
export function isLocalModuleSource(source: string): boolean {
  return /^\.\.?[\\/]/.test(source);
}

/**
 * Module call sources from a plan's `configuration.root_module`, keyed by configuration path
 * ('module.a', 'module.a.module.b'). Calls without a string `source` are left out.
 */
export function collectModuleSources(rootModule: JsonValue | undefined): Map<string, string> {
  const sources = new Map<string, string>();
  const visit = (module: JsonValue | undefined, prefix: string): void => {
    const calls = isObject(module) ? module['module_calls'] : undefined;
    if (!isObject(calls)) return;
    for (const name of Object.keys(calls).sort()) {
      const call = calls[name];
      if (!isObject(call)) continue;
      const key = prefix === '' ? `module.${name}` : `${prefix}.module.${name}`;
      const source = call['source'];
      if (typeof source === 'string') sources.set(key, source);
      visit(call['module'], key);
    }
  };
  visit(rootModule, '');
  return sources;
}

export function createSourceLocator(options: SourceLocatorOptions): SourceLocator {
  const fileSystem = options.fileSystem ?? nodeFileSystem;
  const rootDir = path.resolve(options.rootDir ?? process.cwd());
  const sourceDir = path.resolve(rootDir, options.sourceDir);
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const blocksByFile = new Map<string, Map<string, number>>();
  const tfFilesByDir = new Map<string, string[]>();
  const answers = new Map<string, SourceLocation | undefined>();

  const tfFilesIn = (dir: string): string[] => {
    let files = tfFilesByDir.get(dir);
    if (files === undefined) {
      // Sorted so that a block declared twice (a Terraform error anyway) resolves the same way every run.
      files = (fileSystem.listFiles(dir) ?? []).filter((name) => name.endsWith('.tf')).sort();
      tfFilesByDir.set(dir, files);
    }
    return files;
  };

  const blocksIn = (file: string): Map<string, number> => {
    let blocks = blocksByFile.get(file);
    if (blocks === undefined) {
      const text = fileSystem.readText(file, maxFileBytes);
      blocks = text === undefined ? new Map() : indexBlockHeaders(text);
      blocksByFile.set(file, blocks);
    }
    return blocks;
  };

  const moduleDirectory = (modules: readonly string[]): string | undefined => {
    let dir = sourceDir;
    let callPath = '';
    for (const call of modules) {
      callPath = callPath === '' ? `module.${call}` : `${callPath}.module.${call}`;
      const source = options.moduleSources.get(callPath);
      // Registry, git and archive sources live outside the tree we were given.
      if (source === undefined || !isLocalModuleSource(source)) return undefined;
      dir = path.resolve(dir, source);
    }
    return dir;
  };

  const find = (parts: ConfigResourceAddress): SourceLocation | undefined => {
    const dir = moduleDirectory(parts.modules);
    if (dir === undefined) return undefined;
    const key = blockKey(parts.mode === 'data' ? 'data' : 'resource', parts.type, parts.name);
    for (const name of tfFilesIn(dir)) {
      const file = path.join(dir, name);
      const line = blocksIn(file).get(key);
      if (line !== undefined) return { file: toForwardSlashes(path.relative(rootDir, file)), line };
    }
    return undefined;
  };

  return {
    locate(address: string): SourceLocation | undefined {
      const parts = parseResourceAddress(address);
      if (parts === undefined) return undefined;
      // Every instance of a resource shares one declaration: answer per configuration address.
      const configKey = `${parts.modules.join('\u0000')}\u0001${parts.mode}\u0001${parts.type}\u0001${parts.name}`;
      if (!answers.has(configKey)) answers.set(configKey, find(parts));
      return answers.get(configKey);
    },
  };
}

/**
 * Split an instance address into module calls, mode, type and name, dropping instance keys.
 * Keys may be numbers or quoted strings holding any character, including `.`, `]` and `\"`.
 * Returns undefined for anything that is not a resource address.
 */
export function parseResourceAddress(address: string): ConfigResourceAddress | undefined {
  const segments = splitAddressSegments(address);
  if (segments === undefined) return undefined;
  const modules: string[] = [];
  let i = 0;
  while (i < segments.length && segments[i].name === 'module' && !segments[i].keyed) {
    const call = segments[i + 1];
    if (call === undefined) return undefined;
    modules.push(call.name);
    i += 2;
  }
  let mode: 'managed' | 'data' = 'managed';
  if (segments[i]?.name === 'data' && !segments[i].keyed && segments.length - i === 3) {
    mode = 'data';
    i += 1;
  }
  const typeSegment = segments[i];
  const nameSegment = segments[i + 1];
  if (typeSegment === undefined || nameSegment === undefined || segments.length !== i + 2) return undefined;
  if (typeSegment.keyed) return undefined;
  return { modules, mode, type: typeSegment.name, name: nameSegment.name };
}

interface AddressSegment {
  name: string;
  keyed: boolean;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_-]*/y;

function splitAddressSegments(address: string): AddressSegment[] | undefined {
  const segments: AddressSegment[] = [];
  let i = 0;
  while (i < address.length) {
    IDENTIFIER.lastIndex = i;
    const match = IDENTIFIER.exec(address);
    if (match === null) return undefined;
    i += match[0].length;
    let keyed = false;
    if (address[i] === '[') {
      const end = skipInstanceKey(address, i);
      if (end === undefined) return undefined;
      i = end;
      keyed = true;
    }
    segments.push({ name: match[0], keyed });
    if (i === address.length) break;
    if (address[i] !== '.') return undefined;
    i += 1;
    if (i === address.length) return undefined;
  }
  return segments.length > 0 ? segments : undefined;
}

/** Index just past the `]` closing the key that opens at `start`, or undefined if malformed. */
function skipInstanceKey(address: string, start: number): number | undefined {
  let i = start + 1;
  if (address[i] === '"') {
    i += 1;
    while (i < address.length && address[i] !== '"') i += address[i] === '\\' ? 2 : 1;
    if (i >= address.length) return undefined;
    i += 1;
  } else {
    const digits = /[0-9]+/y;
    digits.lastIndex = i;
    const match = digits.exec(address);
    if (match === null) return undefined;
    i += match[0].length;
  }
  return address[i] === ']' ? i + 1 : undefined;
}

function blockKey(keyword: string, type: string, name: string): string {
  return `${keyword}\u0000${type}\u0000${name}`;
}

type HeaderToken =
  | { kind: 'word'; text: string; line: number }
  | { kind: 'label'; text: string; line: number }
  | { kind: 'other' };

/**
 * The `resource` and `data` block headers at the top level of one `.tf` file, keyed by
 * blockKey, with the 1-based line of the keyword. HCL needs the labels and `{` on the
 * keyword's line, so a header is the run of tokens on one line before a top-level `{`.
 */
export function indexBlockHeaders(source: string): Map<string, number> {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source;
  const scanner = new HclScanner(text);
  const headers = new Map<string, number>();
  let depth = 0;
  let header: HeaderToken[] = [];

  while (!scanner.done()) {
    const char = scanner.peek();
    if (char === '\n') {
      scanner.advance();
      header = [];
    } else if (char === ' ' || char === '\t' || char === '\r') {
      scanner.advance();
    } else if (scanner.skipComment()) {
      // A line comment stops before its newline, so the header still resets there.
    } else if (char === '"') {
      const line = scanner.line;
      const literal = scanner.readQuotedString();
      if (depth === 0) header.push(literal === undefined ? { kind: 'other' } : { kind: 'label', text: literal, line });
    } else if (scanner.skipHeredoc()) {
      header = [];
    } else if (char === '{') {
      if (depth === 0) recordHeader(header, headers);
      scanner.advance();
      depth += 1;
      header = [];
    } else if (char === '}') {
      scanner.advance();
      depth = Math.max(0, depth - 1);
      header = [];
    } else {
      const line = scanner.line;
      const word = scanner.readIdentifier();
      if (word !== undefined) {
        if (depth === 0) header.push({ kind: 'word', text: word, line });
      } else {
        scanner.advance();
        if (depth === 0) header.push({ kind: 'other' });
      }
    }
  }
  return headers;
}

function recordHeader(header: readonly HeaderToken[], headers: Map<string, number>): void {
  if (header.length !== 3) return;
  const [keyword, type, name] = header;
  if (keyword.kind !== 'word' || (keyword.text !== 'resource' && keyword.text !== 'data')) return;
  // HCL accepts a block label as a quoted string or a bare identifier.
  if (type.kind === 'other' || name.kind === 'other') return;
  const key = blockKey(keyword.text, type.text, name.text);
  if (!headers.has(key)) headers.set(key, keyword.line);
}

/** A cursor over HCL text that skips the constructs that can hide braces or fake headers. */
class HclScanner {
  private index = 0;
  line = 1;

  constructor(private readonly text: string) {}

  done(): boolean {
    return this.index >= this.text.length;
  }

  peek(offset = 0): string {
    return this.text.charAt(this.index + offset);
  }

  advance(count = 1): void {
    for (let n = 0; n < count && this.index < this.text.length; n += 1) {
      if (this.text[this.index] === '\n') this.line += 1;
      this.index += 1;
    }
  }

  readIdentifier(): string | undefined {
    IDENTIFIER.lastIndex = this.index;
    const match = IDENTIFIER.exec(this.text);
    if (match === null) return undefined;
    this.index += match[0].length;
    return match[0];
  }

  /** `#` and `//` comments up to (not including) the newline; `/* … *\/` comments whole. */
  skipComment(): boolean {
    const char = this.peek();
    if (char === '#' || (char === '/' && this.peek(1) === '/')) {
      const end = this.text.indexOf('\n', this.index);
      this.index = end === -1 ? this.text.length : end;
      return true;
    }
    if (char === '/' && this.peek(1) === '*') {
      const end = this.text.indexOf('*/', this.index + 2);
      this.advance((end === -1 ? this.text.length : end + 2) - this.index);
      return true;
    }
    return false;
  }

  /**
   * A quoted string starting at the cursor. Returns its literal text when it has no template
   * sequences (so it can serve as a block label), otherwise undefined. Interpolations are
   * skipped with their nested strings and braces. HCL strings cannot span lines, so an
   * unterminated one ends at the newline rather than swallowing the rest of the file.
   */
  readQuotedString(): string | undefined {
    this.advance();
    let literal = '';
    let templated = false;
    while (!this.done()) {
      const char = this.peek();
      if (char === '"') {
        this.advance();
        return templated ? undefined : literal;
      }
      if (char === '\n') return undefined;
      if (char === '\\') {
        literal += unescapeHclCharacter(this.peek(1));
        this.advance(2);
      } else if ((char === '$' || char === '%') && this.peek(1) === char && this.peek(2) === '{') {
        // `$${` and `%%{` are escapes for a literal `${` / `%{`.
        literal += `${char}{`;
        this.advance(3);
      } else if ((char === '$' || char === '%') && this.peek(1) === '{') {
        templated = true;
        this.advance(2);
        this.skipTemplateExpression();
      } else {
        literal += char;
        this.advance();
      }
    }
    return undefined;
  }

  /** From just inside `${` or `%{` to just past its matching `}`. */
  private skipTemplateExpression(): void {
    let depth = 1;
    while (!this.done() && depth > 0) {
      const char = this.peek();
      if (char === '"') {
        this.readQuotedString();
      } else {
        if (char === '{') depth += 1;
        if (char === '}') depth -= 1;
        this.advance();
      }
    }
  }

  /**
   * `<<MARKER` or `<<-MARKER` at the cursor: skip through the line whose trimmed text is the
   * marker. Whatever the body says — even a whole resource block — is not configuration.
   */
  skipHeredoc(): boolean {
    if (this.peek() !== '<' || this.peek(1) !== '<') return false;
    const opener = /<<-?([A-Za-z_][A-Za-z0-9_-]*)[ \t]*\r?(?=\n)/y;
    opener.lastIndex = this.index;
    const match = opener.exec(this.text);
    if (match === null) return false;
    const marker = match[1];
    this.advance(match[0].length);
    while (!this.done()) {
      this.advance(); // the newline ending the previous line
      const end = this.text.indexOf('\n', this.index);
      const lineEnd = end === -1 ? this.text.length : end;
      const isMarkerLine = this.text.slice(this.index, lineEnd).trim() === marker;
      this.advance(lineEnd - this.index);
      if (isMarkerLine) return true;
    }
    return true;
  }
}

function unescapeHclCharacter(char: string): string {
  switch (char) {
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return char;
  }
}

function toForwardSlashes(file: string): string {
  return file.split(path.sep).join('/');
}

function isObject(value: JsonValue | undefined): value is { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const nodeFileSystem: SourceFileSystem = {
  listFiles(dir: string): string[] | undefined {
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
    } catch {
      return undefined;
    }
  },
  readText(file: string, maxBytes: number): string | undefined {
    try {
      if (fs.statSync(file).size > maxBytes) return undefined;
      return fs.readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  },
};
