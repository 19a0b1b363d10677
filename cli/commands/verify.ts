/**
 * `planwarden verify <evidence.json> --public-key KEY.pem [--signature FILE.sig]`: checks the
 * detached Ed25519 signature of an evidence file. Exit 0 valid, 1 invalid signature (changed
 * after signing, or signed with another key), 2 usage or unreadable / malformed files.
 */
import * as fs from 'node:fs';
import { publicKeyFromPem, verifyEvidence, SIGNATURE_BYTES } from '../../policies/engine/evidence';
import { InputError } from '../../policies/engine/types';
import { EXIT } from '../errors';

const MAX_EVIDENCE_BYTES = 1024 * 1024 * 1024;

export interface VerifyArgs {
  evidence: string;
  signature?: string;
  publicKey: string;
}

function read(file: string, what: string, max: number): Buffer {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new InputError(`${file}: not a file; pass ${what}`);
    if (stat.size > max) throw new InputError(`${file}: larger than ${max} bytes; pass ${what}`);
    return fs.readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? 'error'})`}; pass ${what}`);
  }
}

export function runVerifyCommand(args: VerifyArgs): number {
  const signatureFile = args.signature ?? `${args.evidence}.sig`;
  const bytes = read(args.evidence, 'the evidence file written by check --evidence', MAX_EVIDENCE_BYTES);
  const signature = read(signatureFile, 'the signature written beside it (FILE.sig)', 4096);
  if (signature.length !== SIGNATURE_BYTES) throw new InputError(`${signatureFile}: ${signature.length} bytes, not a raw ${SIGNATURE_BYTES}-byte Ed25519 signature`);
  const key = publicKeyFromPem(read(args.publicKey, 'the Ed25519 public key in PEM', 16 * 1024), args.publicKey);
  const result = verifyEvidence(bytes, signature, key);
  if (result.status === 'invalid') {
    process.stdout.write(`INVALID: ${args.evidence} does not match ${signatureFile} under key ${result.keyId}: changed after signing, or signed with another key\n`);
    return EXIT.blocking;
  }
  if (result.status === 'not-evidence') throw new InputError(`${args.evidence}: the signature is valid but ${result.reason}`);
  const { record } = result;
  const inputs = Array.isArray(record.inputs) ? record.inputs.length : 0;
  process.stdout.write(`valid: ${args.evidence} signed by ${result.keyId}; generated ${String(record.generatedAt)}; ${inputs} input${inputs === 1 ? '' : 's'}\n`);
  return EXIT.pass;
}
