/**
 * Ed25519 detached signatures over the exact evidence bytes. The signature file holds the raw
 * 64-byte signature, the form `openssl pkeyutl -sign -rawin` writes and `-verify -sigfile`
 * reads, so an auditor can check it without planwarden. A key is named by the SHA-256 of its
 * public key (SubjectPublicKeyInfo DER), as `openssl pkey -pubin -outform DER | sha256sum` prints.
 */
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { InputError } from '../types';
import { sha256Hex } from './digest';

export const SIGNATURE_BYTES = 64;

/** `label` names where the PEM came from (a file, or the environment variable), never its content. */
export function privateKeyFromPem(pem: string | Buffer, label: string): KeyObject {
  // OpenSSL 3 reports a missing passphrase as "interrupted or cancelled"; the PEM header is plainer.
  // Checked first, so no passphrase is ever asked for.
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(pem.toString());
  const encryptedKey = new InputError(`${label}: the private key is encrypted; give an unencrypted Ed25519 key (keep it in a secret store)`);
  if (encrypted) throw encryptedKey;
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MISSING_PASSPHRASE') throw encryptedKey;
    throw new InputError(`${label}: not a PEM private key; create one with \`openssl genpkey -algorithm ed25519 -out evidence-key.pem\``);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError(`${label}: an ${key.asymmetricKeyType ?? 'unknown'} key; evidence is signed with Ed25519 keys only`);
  return key;
}

export function publicKeyFromPem(pem: string | Buffer, label: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new InputError(`${label}: not a PEM public key; derive it with \`openssl pkey -in evidence-key.pem -pubout -out evidence-key.pub.pem\``);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new InputError(`${label}: an ${key.asymmetricKeyType ?? 'unknown'} key; evidence is signed with Ed25519 keys only`);
  return key;
}

/** `sha256:<hex>` of the public key's SubjectPublicKeyInfo DER. */
export function keyId(key: KeyObject): string {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  return `sha256:${sha256Hex(publicKey.export({ type: 'spki', format: 'der' }))}`;
}

export function signBytes(bytes: Buffer, key: KeyObject): Buffer {
  return sign(null, bytes, key);
}

export function verifyBytes(bytes: Buffer, signature: Buffer, key: KeyObject): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  return verify(null, bytes, key, signature);
}
