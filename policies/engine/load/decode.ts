/**
 * Bytes → JSON value, with the one-line errors a CI user needs: binary plan files, UTF-16
 * (PowerShell's `>` writes UTF-16LE with a BOM), invalid UTF-8 and JSON syntax errors with
 * line and column.
 */
import { isUtf8 } from 'node:buffer';
import { InputError, type JsonValue } from '../types';
import { jsonErrorOffset } from './json-error';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const UTF32LE_BOM = Buffer.from([0xff, 0xfe, 0x00, 0x00]);
const UTF32BE_BOM = Buffer.from([0x00, 0x00, 0xfe, 0xff]);

const SHOW_JSON_HINT = 'run `terraform show -json plan.out > plan.json` and pass plan.json';

/** The input as UTF-8 bytes (UTF-16 converted, BOM dropped), refusing what cannot be a JSON plan. */
export function toUtf8(bytes: Buffer, label: string): Buffer {
  if (bytes.length === 0) throw new InputError(`${label}: the file is empty; ${SHOW_JSON_HINT}`);
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new InputError(`${label}: this is a binary Terraform plan file, not JSON; ${SHOW_JSON_HINT}`);
  }
  // Checked before UTF-16: a UTF-32LE BOM starts with the UTF-16LE one.
  if (bytes.subarray(0, 4).equals(UTF32LE_BOM) || bytes.subarray(0, 4).equals(UTF32BE_BOM)) {
    throw new InputError(`${label}: the file is UTF-32 text, which planwarden does not read; save it as UTF-8 (${SHOW_JSON_HINT})`);
  }
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes.length >= 2 && (bytes[0] === 0) !== (bytes[1] === 0));
  if (utf16) return Buffer.from(decodeText(bytes, label), 'utf8');
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.includes(0)) throw new InputError(`${label}: the file is binary, not JSON; ${SHOW_JSON_HINT}`);
  if (!isUtf8(body)) throw new InputError(`${label}: the file is not valid UTF-8 text; ${SHOW_JSON_HINT}`);
  return body;
}

/** Decodes the text of an input file, refusing what cannot be a JSON plan. */
export function decodeText(bytes: Buffer, label: string): string {
  if (bytes.length === 0) throw new InputError(`${label}: the file is empty; ${SHOW_JSON_HINT}`);
  if (bytes.subarray(0, 4).equals(ZIP_MAGIC)) {
    throw new InputError(`${label}: this is a binary Terraform plan file, not JSON; ${SHOW_JSON_HINT}`);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return swapBytes(bytes.subarray(2)).toString('utf16le');
  // UTF-16 without a BOM: JSON starts with an ASCII character, so the second byte is NUL.
  if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) return bytes.toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0 && bytes[1] !== 0) return swapBytes(bytes).toString('utf16le');
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.includes(0)) throw new InputError(`${label}: the file is binary, not JSON; ${SHOW_JSON_HINT}`);
  if (!isUtf8(body)) throw new InputError(`${label}: the file is not valid UTF-8 text; ${SHOW_JSON_HINT}`);
  return body.toString('utf8');
}

function swapBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

export function parseJson(text: string, label: string): JsonValue {
  if (text.trim() === '') throw new InputError(`${label}: the file is empty; ${SHOW_JSON_HINT}`);
  try {
    return JSON.parse(text) as JsonValue;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(`${label}: invalid JSON ${locate(text, message)}; ${SHOW_JSON_HINT}`);
  }
}

/** "at line L, column C" of the first syntax error (V8's own position when it gives one). */
export function locate(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  let position = m ? Number(m[1]) : jsonErrorOffset(text);
  if (position < 0) return '(' + message.split('\n')[0].slice(0, 120) + ')';
  position = Math.min(position, text.length);
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `at line ${line}, column ${position - lineStart + 1}`;
}
