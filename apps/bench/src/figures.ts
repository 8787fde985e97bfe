/**
 * What `npm run bench` measures, as plain JSON: every figure lands in the results file, and the
 * table at the end is drawn from the same objects.
 */

/** Latencies of one measured operation, in milliseconds, and the rate it ran at. */
export interface LatencySummary {
  count: number;
  /** Failed calls (not in the latencies): a benchmark with errors is not a result. */
  errors: number;
  /** Completed operations per second over the measured wall time. */
  ratePerSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  wallMs: number;
}

/** A target from the issue, and whether this figure met it. */
export interface TargetCheck {
  /** e.g. "rate ≥ 0.8 × baseline, p99 ≤ 1.5 × baseline", "p99 < 100 ms". */
  target: string;
  met: boolean;
}

/** One row of the final table. */
export interface FigureRow {
  /** The section it belongs to: "open", "command", "append", "reads", "worker", "history". */
  section: string;
  /** What was measured, in words a reader of the table understands. */
  name: string;
  /** The figure itself, formatted for the table (e.g. "12.3/s, p50 101 ms, p99 380 ms"). */
  value: string;
  /** The baseline's figure, when there is one, formatted the same way. */
  baseline?: string;
  /** The ratio to the baseline, when there is one (rate ratio for throughput). */
  ratio?: number;
  check?: TargetCheck;
}

/** What a suite hands back: its rows for the table and its raw figures for the JSON file. */
export interface SuiteResult {
  rows: FigureRow[];
  raw: Record<string, unknown>;
}

/** Progress while a suite runs (one line each, to stderr). */
export type Progress = (message: string) => void;

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

export function summarise(latencies: number[], errors: number, wallMs: number): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    errors,
    ratePerSecond: round((sorted.length / wallMs) * 1000),
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1] ?? Number.NaN),
    wallMs: Math.round(wallMs),
  };
}

export function formatLatency(s: LatencySummary, withRate = true): string {
  const rate = withRate ? `${s.ratePerSecond}/s, ` : '';
  const errors = s.errors > 0 ? `, ${s.errors} errors` : '';
  return `${rate}p50 ${s.p50} ms, p95 ${s.p95} ms, p99 ${s.p99} ms${errors}`;
}
