/** Audit evidence of a check run: canonical JSON record, input hashes, Ed25519 signatures. */
export { canonicalJson } from './canonical';
export { sha256Hex, InputDigests, type InputDigest } from './digest';
export { buildEvidence, serializeEvidence, rulePackDigest, EVIDENCE_SCHEMA, type EvidenceInput } from './record';
export { evidenceSession, EvidenceSession, EVIDENCE_KEY_ENV, type EvidenceRequest, type EvidenceRun } from './session';
export { privateKeyFromPem, publicKeyFromPem, keyId, signBytes, verifyBytes, SIGNATURE_BYTES } from './signing';
export { verifyEvidence, type Verification } from './verify';
