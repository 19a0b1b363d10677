/** The benchmark's results: their JSON form and the table printed for people. */

export interface SeriesSummary {
  /** The command as run (relative paths), without the probe preload. */
  command: string;
  wallMs: number[];
  maxRssMb: Array<number | null>;
  exitCodes: Array<number | null>;
  medianWallMs: number | null;
  minWallMs: number | null;
  medianMaxRssMb: number | null;
  /** Why the series is missing or incomplete (CLI not built, a crash, a timeout), else null. */
  error: string | null;
}

export interface Comparison {
  label: string;
  resources: number;
  file: string;
  fileBytes: number;
  /** Milliseconds spent generating the plan, or null when it came from the cache. */
  generatedMs: number | null;
  baseline: SeriesSummary;
  check: SeriesSummary;
  /** check / baseline, on medians. */
  wallRatio: number | null;
  rssRatio: number | null;
}

export interface BenchReport {
  mode: 'sizes' | 'startup' | 'multi';
  baselineMeaning: string;
  environment: { node: string; platform: string; cpus: number; loadAverage: number[] };
  runsPerCommand: number;
  seed: number;
  comparisons: Comparison[];
}

function fixed(value: number | null, digits: number): string {
  return value === null ? 'n/a' : value.toFixed(digits);
}

const COLUMNS: Array<{ title: string; cell: (c: Comparison) => string }> = [
  { title: 'case', cell: (c) => c.label },
  { title: 'file MB', cell: (c) => (c.fileBytes / 1e6).toFixed(1) },
  { title: 'base med ms', cell: (c) => fixed(c.baseline.medianWallMs, 0) },
  { title: 'base min ms', cell: (c) => fixed(c.baseline.minWallMs, 0) },
  { title: 'check med ms', cell: (c) => fixed(c.check.medianWallMs, 0) },
  { title: 'check min ms', cell: (c) => fixed(c.check.minWallMs, 0) },
  { title: 'wall x', cell: (c) => fixed(c.wallRatio, 2) },
  { title: 'base RSS MB', cell: (c) => fixed(c.baseline.medianMaxRssMb, 0) },
  { title: 'check RSS MB', cell: (c) => fixed(c.check.medianMaxRssMb, 0) },
  { title: 'RSS x', cell: (c) => fixed(c.rssRatio, 2) },
];

export function formatTable(report: BenchReport): string {
  const rows = [COLUMNS.map((c) => c.title), ...report.comparisons.map((comparison) => COLUMNS.map((c) => c.cell(comparison)))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row: string[]): string => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  const out = [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)];
  const notes = report.comparisons.flatMap((c) => [
    ...(c.baseline.error ? [`${c.label}: baseline: ${c.baseline.error}`] : []),
    ...(c.check.error ? [`${c.label}: check: ${c.check.error}`] : []),
  ]);
  return [...out, ...notes].join('\n');
}
