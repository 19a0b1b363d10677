/** Small, total readers over untrusted JSON: every accessor checks the type and own-ness. */
import { InputError, type JsonObject, type JsonValue } from '../types';

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function ownValue(obj: JsonObject, key: string): JsonValue | undefined {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

export function optString(obj: JsonObject, key: string): string | undefined {
  const v = ownValue(obj, key);
  return typeof v === 'string' ? v : undefined;
}

/** Reads a field that the plan format requires; a wrong shape is bad input (exit 2). */
export class ShapeReader {
  constructor(private readonly label: string) {}

  fail(where: string, expected: string): never {
    throw new InputError(
      `${this.label}: ${where} is not ${expected}; the file does not have the shape of \`terraform show -json\` output (was it edited by hand?)`,
    );
  }

  object(v: unknown, where: string): JsonObject {
    if (!isObject(v)) this.fail(where, 'an object');
    return v;
  }

  array(v: unknown, where: string): JsonValue[] {
    if (!Array.isArray(v)) this.fail(where, 'a list');
    return v;
  }

  string(v: unknown, where: string): string {
    if (typeof v !== 'string' || v === '') this.fail(where, 'a non-empty string');
    return v;
  }
}
