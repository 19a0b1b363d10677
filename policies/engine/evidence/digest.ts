/** SHA-256 of what was read: plan inputs as their bytes came in, before any parsing. */
import { createHash } from 'node:crypto';
import type { InputSource } from '../load';

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface InputDigest {
  sha256: string;
  bytes: number;
}

/**
 * Wraps input sources so each one's bytes are hashed when the loader reads them: the hash is
 * of exactly what was evaluated (standard input included, which cannot be read twice).
 */
export class InputDigests {
  private readonly digests: Array<InputDigest | undefined> = [];

  track(sources: readonly InputSource[]): InputSource[] {
    return sources.map((source, index) => ({
      ...source,
      bytes: (options) => {
        const bytes = source.bytes(options);
        this.digests[index] = { sha256: sha256Hex(bytes), bytes: bytes.length };
        return bytes;
      },
    }));
  }

  /** The digest of input `index`; an input never read is a bug in the caller, not a missing hash. */
  of(index: number): InputDigest {
    const digest = this.digests[index];
    if (!digest) throw new Error(`evidence: input ${index} was never read`);
    return digest;
  }
}
