import type { DataSource } from 'typeorm';

export type DatabaseHealth = { ok: true; latencyMs: number } | { ok: false; error: string };

/**
 * A cheap round trip for readiness probes: SELECT 1 under a short statement timeout, and a timer
 * besides, so a probe answers promptly even when the pool has no free connection. Never throws.
 */
export async function checkDatabase(ds: DataSource, timeoutMs = 2_000): Promise<DatabaseHealth> {
  if (!ds.isInitialized) return { ok: false, error: 'the data source is not initialised' };
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  const probe = ds.transaction(async (m) => {
    // SET LOCAL: the timeout ends with this transaction and never leaks into the pooled connection.
    await m.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    await m.query('SELECT 1');
  });
  try {
    await Promise.race([probe, timeout]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch (error) {
    // A probe that settles after the timer won is still observed by the race: no unhandled rejection.
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
