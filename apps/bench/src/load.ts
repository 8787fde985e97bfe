import { type LatencySummary, type Progress, summarise } from './figures';

/**
 * A closed loop: `clients` callers, each sending its next request as soon as its last one is
 * answered, until `total` have been sent. Latency is per request; the rate is over the wall time.
 */
export async function closedLoop(options: {
  label: string;
  clients: number;
  total: number;
  op: (index: number) => Promise<void>;
  progress: Progress;
}): Promise<LatencySummary> {
  const { label, clients, total, op, progress } = options;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: unknown;
  let next = 0;
  const started = performance.now();
  const ticker = setInterval(
    () => progress(`  ${label}: ${latencies.length + errors}/${total}`),
    5_000,
  );
  const caller = async () => {
    for (let i = next++; i < total; i = next++) {
      const t0 = performance.now();
      try {
        await op(i);
        latencies.push(performance.now() - t0);
      } catch (err) {
        errors += 1;
        firstError ??= err;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, caller));
  } finally {
    clearInterval(ticker);
  }
  const summary = summarise(latencies, errors, performance.now() - started);
  if (firstError) progress(`  ${label}: ${errors} failed, the first: ${describe(firstError)}`);
  return summary;
}

/** `count` requests one after another, after `warmUp` unmeasured ones. */
export async function sequential(options: {
  label: string;
  count: number;
  warmUp?: number;
  op: (index: number) => Promise<void>;
  progress: Progress;
}): Promise<LatencySummary> {
  for (let i = 0; i < (options.warmUp ?? 0); i++) await options.op(i);
  return closedLoop({
    label: options.label,
    clients: 1,
    total: options.count,
    op: (i) => options.op(i + (options.warmUp ?? 0)),
    progress: options.progress,
  });
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : JSON.stringify(err);
}
