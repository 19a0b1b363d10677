/**
 * skip.wat, the WebAssembly scan of objects and lists, must give the same answer as
 * scanContainer, its JavaScript reference, on any bytes: where a value ends, that the input
 * ends too soon, that nesting is too deep. The loader trusts its answer for the ranges it parses
 * and for the sections it never parses.
 */
import fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatePlanFile } from '../../../bench/generate-plan';
import { loadSource } from '../../../policies/engine/load';
import { fastSkip, readScannable, skipInWasm } from '../../../policies/engine/load/fast-skip';
import { MAX_DEPTH, scanContainer, ScanError, scanTopLevel } from '../../../policies/engine/load/sections';

const { assemble, render } = require('../../../scripts/build-wasm.js') as {
  assemble(): Promise<string>;
  render(base64: string): string;
};

type Answer = number | 'syntax' | 'too-deep';

function inJs(bytes: Buffer, start: number): Answer {
  try {
    return scanContainer(bytes, start);
  } catch (err) {
    if (err instanceof ScanError) return err.problem === 'too-deep' ? 'too-deep' : 'syntax';
    throw err;
  }
}

function inWasm(bytes: Buffer, start: number, fill = 0): Answer {
  const raw = skipInWasm(bytes, start, fill);
  if (raw === undefined) throw new Error('WebAssembly SIMD is unavailable on this Node.js');
  return raw === -1 ? 'syntax' : raw === -2 ? 'too-deep' : raw;
}

/** Pieces that matter to the scan (escaped quotes, runs of closers), and others, so random texts hit every branch. */
const scanBytes = fc
  .array(fc.constantFrom('{', '}', '[', ']', ']]]', '"', '\\', '\\"', '"\\\\"', ',', ':', 'ab', ' \n', 'é', 'abcdefghijklmnopq'), { maxLength: 60, size: 'medium' })
  .map((cs) => cs.join(''));
/** JSON strings with quotes, backslashes, escapes, non-ASCII and lengths around 16 (the vector width). */
const awkwardString = fc.array(fc.constantFrom('"', '\\', '\\\\', 'x', 'é', '{', ']', '\u2028', 'abcdefghijklmnop'), { maxLength: 24 }).map((p) => p.join(''));
const jsonWithAwkwardStrings = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    awkwardString,
    fc.integer(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(awkwardString, tie('value'), { maxKeys: 5 }),
  ),
})).value;

describe('skip.wat', () => {
  it('is what skip-wasm.ts holds (run `npm run build:wasm` after editing it)', async () => {
    const generated = fs.readFileSync(path.join(__dirname, '../../../policies/engine/load/skip-wasm.ts'), 'utf8');
    expect(generated).toBe(render(await assemble()));
  });

  it('ends every JSON object and list where the JavaScript scan does, whatever follows in memory', () => {
    fc.assert(
      fc.property(jsonWithAwkwardStrings, fc.string({ maxLength: 20 }), fc.constantFrom(0, 0x22, 0x5c, 0x7d, 0x5d), (value, tail, fill) => {
        const text = JSON.stringify([value]) + tail;
        const bytes = Buffer.from(text);
        const expected = Buffer.byteLength(JSON.stringify([value]));
        expect(inJs(bytes, 0)).toBe(expected);
        expect(inWasm(bytes, 0, fill)).toBe(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('agrees with the JavaScript scan on arbitrary bytes, cut anywhere', () => {
    fc.assert(
      fc.property(scanBytes, fc.nat(), fc.constantFrom(0, 0x22, 0x5c, 0x7d), (body, cutAt, fill) => {
        const whole = Buffer.from('[' + body);
        const bytes = whole.subarray(0, 1 + (cutAt % whole.length));
        expect(inWasm(bytes, 0, fill)).toEqual(inJs(bytes, 0));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses nesting deeper than MAX_DEPTH the way the JavaScript scan does', () => {
    const deep = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n));
    expect(inWasm(deep(MAX_DEPTH), 0)).toBe(2 * MAX_DEPTH);
    expect(inJs(deep(MAX_DEPTH + 1), 0)).toBe('too-deep');
    expect(inWasm(deep(MAX_DEPTH + 1), 0)).toBe('too-deep');
    // Too deep before too short, in both.
    const cut = Buffer.from('{"a":' + '['.repeat(MAX_DEPTH + 3));
    expect(inJs(cut, 0)).toBe('too-deep');
    expect(inWasm(cut, 0)).toBe('too-deep');
  });

  it('handles escapes at every position of a 16-byte vector, and a backslash as the last byte', () => {
    for (let pad = 0; pad < 40; pad++) {
      const text = `["${'a'.repeat(pad)}\\"\\\\"]`;
      const bytes = Buffer.from(text + ' trailing');
      expect(inWasm(bytes, 0)).toBe(Buffer.byteLength(text));
      const unclosed = Buffer.from(`["${'a'.repeat(pad)}\\`);
      expect(inWasm(unclosed, 0, 0x22)).toBe('syntax');
      expect(inJs(unclosed, 0)).toBe('syntax');
    }
  });
});

describe('plans read into WebAssembly memory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pw-fast-skip-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are the bytes of the file, and scan into the sections the JavaScript scan finds', async () => {
    const file = path.join(dir, 'plan.json');
    await generatePlanFile({ resources: 1500, seed: 3, out: file });
    const plain = fs.readFileSync(file);
    expect(plain.length).toBeGreaterThan(1024 * 1024); // large enough for the WebAssembly path
    const scannable = readScannable(file);
    expect(scannable.equals(plain)).toBe(true);
    const sections = scanTopLevel(scannable)!;
    expect([...sections.keys()]).toEqual(expect.arrayContaining(['planned_values', 'resource_changes', 'configuration']));
    for (const range of sections.values()) {
      const first = plain[range.start];
      if (first === 0x7b || first === 0x5b) expect(scanContainer(plain, range.start)).toBe(range.end);
    }
    // Only memory readScannable filled is scanned in WebAssembly; an ordinary buffer is not copied in.
    const planned = sections.get('planned_values')!;
    expect(fastSkip(scannable, planned.start)).toBe(planned.end);
    expect(fastSkip(plain, planned.start)).toBeUndefined();
  }, 60_000);

  it('load the same with a BOM (a view into the memory) and as UTF-16 (converted, scanned in JavaScript)', async () => {
    const file = path.join(dir, 'utf8.json');
    await generatePlanFile({ resources: 1500, seed: 4, out: file });
    const text = fs.readFileSync(file, 'utf8');
    const variants: Array<[string, Buffer]> = [
      ['bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
      ['utf16le.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
    ];
    const summaryOf = (source: string) => {
      const loaded = loadSource({ label: 'plan', bytes: () => readScannable(source) }, 0);
      return { summary: loaded.summary, instances: loaded.instances.map((i) => [i.address, i.action, JSON.stringify(i.after)]) };
    };
    const expected = summaryOf(file);
    expect(expected.instances.length).toBeGreaterThan(1000);
    for (const [name, bytes] of variants) {
      fs.writeFileSync(path.join(dir, name), bytes);
      expect(summaryOf(path.join(dir, name))).toEqual(expected);
    }
  }, 60_000);

  it('keep small files and non-regular files on the plain read', () => {
    const small = path.join(dir, 'small.json');
    fs.writeFileSync(small, '{"format_version":"1.2"}');
    expect(readScannable(small).toString()).toBe('{"format_version":"1.2"}');
    expect(() => readScannable(path.join(dir, 'missing.json'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    expect(() => readScannable(dir)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});
