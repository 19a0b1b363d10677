import { formatTable, type BenchReport, type Comparison, type SeriesSummary } from '../../bench/report';
import { median, minimum, ratio } from '../../bench/stats';

describe('bench statistics', () => {
  test('median of odd and even counts, independent of order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(minimum([4, 1, 3])).toBe(1);
    expect(() => median([])).toThrow();
  });

  test('a ratio against a missing measurement is missing, not zero or infinite', () => {
    expect(ratio(300, 100)).toBe(3);
    expect(ratio(null, 100)).toBeNull();
    expect(ratio(300, null)).toBeNull();
    expect(ratio(300, 0)).toBeNull();
  });
});

function series(medianWallMs: number | null, medianMaxRssMb: number | null, error: string | null = null): SeriesSummary {
  return {
    command: 'node x',
    wallMs: medianWallMs === null ? [] : [medianWallMs],
    maxRssMb: medianMaxRssMb === null ? [] : [medianMaxRssMb],
    exitCodes: medianWallMs === null ? [] : [0],
    medianWallMs,
    minWallMs: medianWallMs,
    medianMaxRssMb,
    error,
  };
}

function report(comparisons: Comparison[]): BenchReport {
  return {
    mode: 'sizes',
    baselineMeaning: 'read the plan file and JSON.parse it',
    environment: { node: 'v20', platform: 'linux-x64', cpus: 2, loadAverage: [0, 0, 0] },
    runsPerCommand: 5,
    seed: 1,
    comparisons,
  };
}

describe('bench table', () => {
  test('shows medians, ratios and file size per case', () => {
    const text = formatTable(
      report([
        {
          label: '10000',
          resources: 10000,
          file: 'bench/out/plan-10000-seed1.json',
          fileBytes: 20_260_174,
          generatedMs: null,
          baseline: series(250, 110),
          check: series(1000, 330),
          wallRatio: 4,
          rssRatio: 3,
        },
      ]),
    );
    const [header, , row] = text.split('\n');
    expect(header.split(/\s{2,}/)).toEqual([
      'case',
      'file MB',
      'base med ms',
      'base min ms',
      'check med ms',
      'check min ms',
      'wall x',
      'base RSS MB',
      'check RSS MB',
      'RSS x',
    ]);
    expect(row.trim().split(/\s+/)).toEqual(['10000', '20.3', '250', '250', '1000', '1000', '4.00', '110', '330', '3.00']);
  });

  test('says why the check column is empty', () => {
    const text = formatTable(
      report([
        {
          label: '1000',
          resources: 1000,
          file: 'f',
          fileBytes: 2_000_000,
          generatedMs: 10,
          baseline: series(200, 45),
          check: series(null, null, 'not run: dist/cli/main.js does not exist'),
          wallRatio: null,
          rssRatio: null,
        },
      ]),
    );
    expect(text).toContain('n/a');
    expect(text).toContain('1000: check: not run: dist/cli/main.js does not exist');
  });
});
