/** Exit codes of the CLI contract (DESIGN.md): a crash never exits 0. */
import { InputError } from '../policies/engine/types';

export const EXIT = { pass: 0, blocking: 1, usage: 2, internal: 3 } as const;

/** Prints one line for the user and returns the exit code; stack traces only with PLANWARDEN_DEBUG=1. */
export function reportError(err: unknown): number {
  if (err instanceof InputError) {
    process.stderr.write(`planwarden: ${oneLine(err.message)}\n`);
    return EXIT.usage;
  }
  const message = err instanceof Error ? err.message : String(err);
  // A rule plugin's check() that threw or returned garbage (policies/engine/plugins/outcomes.ts): still exit 3, but the bug is the plugin's.
  const hint = /: plugin .+?: check\(\) (threw|returned)/.test(message) ? 'a bug in that rule plugin, not in planwarden' : 'this is a bug; rerun with PLANWARDEN_DEBUG=1 and report it';
  process.stderr.write(`planwarden: internal error: ${oneLine(message)} (${hint})\n`);
  if (process.env.PLANWARDEN_DEBUG === '1' && err instanceof Error && err.stack) process.stderr.write(err.stack + '\n');
  return EXIT.internal;
}

function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '?').slice(0, 2000);
}
