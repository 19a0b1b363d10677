/**
 * `check --evidence FILE [--evidence-key KEY.pem]`: the file side of evidence. The key is read
 * and checked before anything is evaluated (a bad key is exit 2 before work is done); inputs are
 * hashed as the loader reads them; the record is written at the end, then `FILE.sig`.
 */
import * as fs from 'node:fs';
import type { KeyObject } from 'node:crypto';
import type { PluginRecord } from '../config/model';
import type { InputSource } from '../load';
import { InputError, type Report, type Rule } from '../types';
import { InputDigests, sha256Hex } from './digest';
import { buildEvidence, serializeEvidence } from './record';
import { keyId, privateKeyFromPem, signBytes } from './signing';

export const EVIDENCE_KEY_ENV = 'PLANWARDEN_EVIDENCE_KEY';
const MAX_KEY_BYTES = 16 * 1024;

export interface EvidenceRequest {
  /** --evidence FILE */
  evidence?: string;
  /** --evidence-key FILE (wins over the environment variable) */
  evidenceKey?: string;
}

export interface EvidenceRun {
  report: Report;
  configFile: string | undefined;
  pack: readonly Rule[];
  /** Rule plugins of the run: their hashes are recorded like the config's. */
  plugins?: readonly PluginRecord[];
  options: { changedOnly: boolean; overrideSoft?: string; only: readonly string[]; skip: readonly string[] };
  exitCode: number;
}

function readSmall(file: string, what: string, max: number): Buffer {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new InputError(`${file}: not a file; ${what}`);
    if (stat.size > max) throw new InputError(`${file}: larger than ${max} bytes; ${what}`);
    return fs.readFileSync(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'}); ${what}`);
  }
}

function write(file: string, bytes: Buffer): void {
  try {
    fs.writeFileSync(file, bytes);
  } catch (err) {
    throw new InputError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}; check the path and permissions`);
  }
}

export class EvidenceSession {
  private readonly digests = new InputDigests();

  constructor(
    private readonly file: string,
    private readonly key: KeyObject | undefined,
    private readonly now: Date,
  ) {}

  /** Sources whose bytes are hashed as they are read. */
  track(sources: readonly InputSource[]): InputSource[] {
    return this.digests.track(sources);
  }

  /** Writes FILE (and FILE.sig when signing); returns the bytes written. */
  write(run: EvidenceRun): Buffer {
    // The config was validated from its own read; hashing a second read is exact unless the
    // file is rewritten during the run, which a CI job does not do.
    const config = run.configFile === undefined ? null : { path: run.configFile, sha256: sha256Hex(readSmall(run.configFile, 'the config file', 1024 * 1024)) };
    const record = buildEvidence({
      report: run.report,
      now: this.now,
      pack: run.pack,
      inputs: run.report.inputs.map((_, i) => this.digests.of(i)),
      config,
      plugins: run.plugins ?? [],
      options: run.options,
      exitCode: run.exitCode,
      signingKey: this.key ? keyId(this.key) : null,
    });
    const bytes = serializeEvidence(record);
    write(this.file, bytes);
    if (this.key) write(`${this.file}.sig`, signBytes(bytes, this.key));
    return bytes;
  }
}

/**
 * The session for this run, or undefined without --evidence. `env` is where
 * PLANWARDEN_EVIDENCE_KEY is read (process.env in the CLI); it is ignored without --evidence,
 * so a CI-wide secret does not force evidence on every job.
 */
export function evidenceSession(request: EvidenceRequest, env: Readonly<Record<string, string | undefined>>, now: Date): EvidenceSession | undefined {
  if (request.evidence === undefined) {
    if (request.evidenceKey !== undefined) throw new InputError('--evidence-key signs the evidence file; name that file with --evidence FILE');
    return undefined;
  }
  if (request.evidence.trim() === '' || request.evidence === '-') throw new InputError('--evidence needs a file name (standard output is for reports)');
  let key: KeyObject | undefined;
  if (request.evidenceKey !== undefined) {
    key = privateKeyFromPem(readSmall(request.evidenceKey, 'give an Ed25519 private key in PEM', MAX_KEY_BYTES), request.evidenceKey);
  } else if (env[EVIDENCE_KEY_ENV] !== undefined && env[EVIDENCE_KEY_ENV]!.trim() !== '') {
    key = privateKeyFromPem(env[EVIDENCE_KEY_ENV]!, `$${EVIDENCE_KEY_ENV}`);
  }
  return new EvidenceSession(request.evidence, key, now);
}
