/**
 * Baselines: compare this run's findings with an earlier report, so that a pull request blocks
 * only on what it introduces or makes worse, while findings that were already there are listed
 * as known and stop blocking.
 *
 * A finding is recognised by its fingerprint — rule, resource address, attribute — never by a
 * message text or a source line, which change with wording and edits. When the plan records
 * that an instance moved (`resource_changes[].previous_address`, from a `moved` block or a
 * module rename), the finding is also looked up under the old address. A `for_each` key that
 * changes without a `moved` block is, to Terraform, a destroy and a create: nothing in the plan
 * ties the two, so those findings count as new.
 *
 * Pure functions: the same findings, baseline and moves give the same result.
 */
import { createHash } from 'node:crypto';
import type { Enforcement, Finding, FindingStatus, Report, Severity } from './types';

/** What a baseline keeps of each earlier finding: enough to recognise it and to tell whether it got worse. */
export interface BaselineEntry {
  ruleId: string;
  address: string;
  attribute: string | null;
  status: FindingStatus;
  severity: Severity;
  enforcement: Enforcement;
  input: string;
  stack?: string;
}

/** One instance the plan shows moved: `address` in this run was `previousAddress` before. */
export interface Move {
  input: string;
  address: string;
  previousAddress: string;
}

export interface BaselineCounts {
  /** Findings not in the baseline, worsened ones included. */
  new: number;
  /** Of the new ones: in the baseline, but with a worse status, severity or enforcement now. */
  worsened: number;
  /** In the baseline and no worse: listed, not blocking. */
  known: number;
  /** Open (failed or unknown) baseline findings this run no longer reports. */
  fixed: number;
}

export interface BaselineComparison {
  /** Copies of the findings, same order, each with `baseline` set and `blocking` false when known. */
  findings: Finding[];
  counts: BaselineCounts;
}

/**
 * Stable identity of a finding across runs. The same function as SARIF's `partialFingerprints`
 * (cli/reporters/sarif.ts), so code scanning and baselines agree on what "the same" means.
 */
export function findingFingerprint(finding: Pick<Finding, 'ruleId' | 'address' | 'attribute'>): string {
  return createHash('sha256')
    .update([finding.ruleId, finding.address, finding.attribute ?? ''].join('\u0000'))
    .digest('hex');
}

const STATUS_RANK: Readonly<Record<FindingStatus, number>> = { waived: 0, unknown: 1, fail: 2 };
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };
const ENFORCEMENT_RANK: Readonly<Record<Enforcement, number>> = { advisory: 0, 'soft-mandatory': 1, 'hard-mandatory': 2 };

/**
 * Worse than the baseline on any axis: unknown → fail, waived → open (the waiver expired or was
 * removed), a raised severity, or a stricter enforcement. Any of these is a decision the
 * baseline did not accept, so the finding blocks again as if it were new.
 */
export function isWorse(current: Pick<BaselineEntry, 'status' | 'severity' | 'enforcement'>, before: Pick<BaselineEntry, 'status' | 'severity' | 'enforcement'>): boolean {
  return (
    STATUS_RANK[current.status] > STATUS_RANK[before.status] ||
    SEVERITY_RANK[current.severity] > SEVERITY_RANK[before.severity] ||
    ENFORCEMENT_RANK[current.enforcement] > ENFORCEMENT_RANK[before.enforcement]
  );
}

/** Baseline entries by fingerprint, each usable once (two identical findings need two entries). */
class EntryPool {
  private readonly byFingerprint = new Map<string, { entry: BaselineEntry; used: boolean }[]>();

  constructor(entries: readonly BaselineEntry[]) {
    for (const entry of entries) {
      const key = findingFingerprint(entry);
      const list = this.byFingerprint.get(key);
      if (list) list.push({ entry, used: false });
      else this.byFingerprint.set(key, [{ entry, used: false }]);
    }
  }

  /** Takes the first unused entry with this fingerprint that `accept` allows. */
  take(fingerprint: string, accept: (entry: BaselineEntry) => boolean): BaselineEntry | undefined {
    const slot = this.byFingerprint.get(fingerprint)?.find((s) => !s.used && accept(s.entry));
    if (slot === undefined) return undefined;
    slot.used = true;
    return slot.entry;
  }

  unused(): BaselineEntry[] {
    return [...this.byFingerprint.values()].flat().filter((s) => !s.used).map((s) => s.entry);
  }
}

export function compareWithBaseline(
  findings: readonly Finding[],
  baseline: readonly BaselineEntry[],
  moves: readonly Move[] = [],
): BaselineComparison {
  const previous = new Map(moves.map((m) => [`${m.input}\u0000${m.address}`, m.previousAddress]));
  // The addresses a finding may have had in the baseline: its own, then the one it moved from.
  const fingerprintsOf = (f: Finding): string[] => {
    const moved = previous.get(`${f.input}\u0000${f.address}`);
    const own = findingFingerprint(f);
    return moved === undefined ? [own] : [own, findingFingerprint({ ...f, address: moved })];
  };
  const pool = new EntryPool(baseline);
  const matched = new Array<BaselineEntry | undefined>(findings.length);
  // Two passes so that, with several inputs sharing addresses (one plan per environment), a
  // finding first claims the entry from the same input and stack; only a path that changed
  // between runs (a temporary folder, stdin) falls back to the fingerprint alone.
  const passes: Array<(f: Finding) => (e: BaselineEntry) => boolean> = [
    (f) => (e) => e.input === f.input && e.stack === f.stack,
    () => () => true,
  ];
  for (const pass of passes) {
    findings.forEach((finding, i) => {
      if (matched[i] !== undefined) return;
      const accept = pass(finding);
      for (const fingerprint of fingerprintsOf(finding)) {
        matched[i] = pool.take(fingerprint, accept);
        if (matched[i] !== undefined) return;
      }
    });
  }

  const counts: BaselineCounts = { new: 0, worsened: 0, known: 0, fixed: 0 };
  const out = findings.map((finding, i): Finding => {
    const before = matched[i];
    if (before === undefined) {
      counts.new++;
      return { ...finding, baseline: 'new' };
    }
    if (isWorse(finding, before)) {
      counts.new++;
      counts.worsened++;
      return { ...finding, baseline: 'new' };
    }
    counts.known++;
    return { ...finding, blocking: false, baseline: 'known' };
  });
  counts.fixed = pool.unused().filter((e) => e.status !== 'waived').length;
  return { findings: out, counts };
}

/** The report with the comparison applied: findings marked, blocking recounted, and a notice saying what happened. */
export function applyBaseline(report: Report, baseline: readonly BaselineEntry[], moves: readonly Move[], label: string): Report {
  const { findings, counts } = compareWithBaseline(report.findings, baseline, moves);
  const worsened = counts.worsened > 0 ? ` (${counts.worsened} worsened)` : '';
  const notice =
    `baseline ${label}: ${counts.new} new${worsened}, ${counts.known} known and not blocking, ` +
    `${counts.fixed} no longer found`;
  return {
    ...report,
    findings,
    summary: { ...report.summary, blocking: findings.filter((f) => f.blocking).length },
    notices: [...report.notices, notice],
  };
}

/** The moves a graph's plan records, for `compareWithBaseline`. */
export function movesOf(graph: {
  readonly inputs: readonly { readonly path: string }[];
  readonly instances: readonly { readonly address: string; readonly raw: { readonly previousAddress?: string } }[];
}): Move[] {
  const input = graph.inputs[0]?.path ?? '';
  const moves: Move[] = [];
  for (const instance of graph.instances) {
    const previousAddress = instance.raw.previousAddress;
    if (previousAddress !== undefined) moves.push({ input, address: instance.address, previousAddress });
  }
  return moves;
}
