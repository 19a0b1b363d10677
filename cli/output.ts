/** `--format name[=file]` (repeatable) and `--output FILE`: where each report goes. */
import * as fs from 'node:fs';
import { InputError } from '../policies/engine/types';

export interface OutputTarget {
  format: string;
  /** undefined = standard output. */
  file: string | undefined;
}

export function parseOutputs(formats: readonly string[], output: string | undefined, known: readonly string[]): OutputTarget[] {
  const targets: OutputTarget[] = (formats.length === 0 ? ['text'] : formats).map((spec) => {
    const eq = spec.indexOf('=');
    const format = (eq < 0 ? spec : spec.slice(0, eq)).trim().toLowerCase();
    const file = eq < 0 ? undefined : spec.slice(eq + 1);
    if (!known.includes(format)) throw new InputError(`unknown format "${format}"; use one of ${known.join(', ')}`);
    if (file === '') throw new InputError(`--format ${format}= needs a file name after "="`);
    return { format, file };
  });
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) {
    throw new InputError('only one --format can go to standard output; write the others to files with --format NAME=FILE');
  }
  if (output !== undefined) {
    if (toStdout.length === 0) throw new InputError('--output names the file for the one --format without "=FILE"; there is none');
    toStdout[0].file = output;
  }
  return targets;
}

export function writeOutput(file: string | undefined, text: string): void {
  if (file === undefined) {
    process.stdout.write(text);
    return;
  }
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new InputError(`cannot write ${file}: ${(err as NodeJS.ErrnoException).code ?? 'error'}; check the path and permissions`);
  }
}
