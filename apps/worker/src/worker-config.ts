import { z } from 'zod';
import { TASK_QUEUE } from '@banso/workflows';

const count = (max: number) => z.coerce.number().int().min(1).max(max);
const millis = z.coerce.number().int().min(100).max(3_600_000);

const schema = z.object({
  DATABASE_URL: z.string().url('a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/banso'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
  /** Activities (appends) the worker runs at once; each holds one database connection. */
  WORKER_ACTIVITY_CONCURRENCY: count(500).default(20),
  /** Connections in the worker's pool: by default one per concurrent activity. */
  DATABASE_POOL_SIZE: count(500).optional(),
  /**
   * Cases kept in memory between their tasks. A case not in the cache is replayed from its
   * history when it wakes (a few milliseconds for a run of a few hundred events), so the cache
   * bounds the worker's memory, not the number of cases it can run. By default, as many as the
   * heap holds (cachedCasesFor).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100_000).optional(),
  /** The prebuilt workflow bundle (`npm run build` writes dist/workflow-bundle.js). */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  DATABASE_STATEMENT_TIMEOUT_MS: millis.default(15_000),
  DATABASE_LOCK_TIMEOUT_MS: millis.default(5_000),
});
export type WorkerConfig = z.infer<typeof schema>;

/** Reads the environment once at start-up; a bad value stops the process with what to fix. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid worker configuration:\n${lines.join('\n')}`);
}

/**
 * What a cached case costs the worker: its state, its run's own modules (the workflow's few; the
 * domain, zod, luxon and the holiday tables are shared, see shared-domain.ts) and the SDK's
 * bookkeeping. Measured with `npm run bench` (BENCH_SUITES=worker, every case cached): 646 MB
 * resident at 1,500 open cases against 406 MB at 500, about 240 KB a case.
 */
const KB_PER_CACHED_CASE = 256;
/** The thread's own needs before any case: the bundle, the SDK, the shared libraries. */
const MB_BEFORE_CASES = 160;

/** How many cases a heap of `heapLimitMb` can keep cached, with room to spare for their work. */
export function cachedCasesFor(heapLimitMb: number): number {
  return Math.max(10, Math.floor(((heapLimitMb - MB_BEFORE_CASES) * 1024) / KB_PER_CACHED_CASE));
}
