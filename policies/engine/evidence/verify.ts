/**
 * Checking evidence: the detached signature over the exact bytes, then that the bytes are
 * canonical planwarden evidence (a valid signature over something else is not evidence).
 */
import type { KeyObject } from 'node:crypto';
import type { JsonObject, JsonValue } from '../types';
import { canonicalJson } from './canonical';
import { EVIDENCE_SCHEMA } from './record';
import { keyId, verifyBytes } from './signing';

export type Verification =
  | { status: 'valid'; keyId: string; record: JsonObject }
  | { status: 'invalid'; keyId: string }
  | { status: 'not-evidence'; keyId: string; reason: string };

function isObject(v: JsonValue): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function verifyEvidence(bytes: Buffer, signature: Buffer, key: KeyObject): Verification {
  const id = keyId(key);
  if (!verifyBytes(bytes, signature, key)) return { status: 'invalid', keyId: id };
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(bytes.toString('utf8')) as JsonValue;
  } catch {
    return { status: 'not-evidence', keyId: id, reason: 'the signed file is not JSON' };
  }
  if (!isObject(parsed) || parsed.schema !== EVIDENCE_SCHEMA) return { status: 'not-evidence', keyId: id, reason: `the signed file is not ${EVIDENCE_SCHEMA}` };
  if (canonicalJson(parsed) !== bytes.toString('utf8')) return { status: 'not-evidence', keyId: id, reason: 'the signed file is not in canonical form' };
  return { status: 'valid', keyId: id, record: parsed };
}
