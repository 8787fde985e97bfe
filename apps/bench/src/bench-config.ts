import { z } from 'zod';

const count = (fallback: number, max = 1_000_000) =>
  z.coerce.number().int().min(1).max(max).default(fallback);
/** A comma-separated list, each part checked by `item`. */
const csv = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((s) =>
      s
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    );

export const SERVERS = ['temporal-server', 'dev-server'] as const;
export const SUITES = ['api', 'append', 'reads', 'worker', 'history'] as const;

const schema = z.object({
  /** The Temporal servers to run on, the headline first. */
  BENCH_SERVERS: csv(SERVERS.join(',')).pipe(z.array(z.enum(SERVERS)).min(1)),
  BENCH_SUITES: csv(SUITES.join(',')).pipe(z.array(z.enum(SUITES)).min(1)),
  /** Concurrent callers for the throughput comparisons (16 in the issue). */
  BENCH_CLIENTS: count(16, 256),
  /** Cases opened and then commanded per side in each throughput comparison. */
  BENCH_OPERATIONS: count(400),
  /** Commands sent one at a time per side, for latency alone. */
  BENCH_SINGLE_CLIENT_OPERATIONS: count(100),
  /** Cases whose two appends the append comparison writes. */
  BENCH_APPEND_CASES: count(2_000),
  /** Cases in the read models for the read figures. */
  BENCH_READ_CASES: count(100_000, 10_000_000),
  BENCH_READ_SAMPLES: count(200),
  /** Open cases at which the worker's memory is read, in order. */
  BENCH_WORKER_LEVELS: csv('1000,10000').pipe(
    z
      .array(
        z
          .string()
          .regex(/^\d{1,7}$/, 'a count of cases')
          .transform(Number),
      )
      .min(1),
  ),
  BENCH_WAKE_SAMPLES: count(50),
  /** The suites that need no second Temporal server (append, reads, worker, history) run on the first one only. */
  BENCH_EVERY_SERVER: z.enum(['true', 'false']).default('false'),
  /** Profile the worker and the API (V8 CPU profiles, summarised after the table). */
  BENCH_PROFILE: z.enum(['true', 'false']).default('false'),
  /** Where the figures are written; by default bench-results/<time>.json. */
  BENCH_OUT: z.string().min(1).optional(),
  /** A stack of your own: both, or neither (then the benchmark starts its own). */
  DATABASE_URL: z.url().optional(),
  TEMPORAL_ADDRESS: z.string().min(1).optional(),
  TEMPORAL_TEST_SERVER_PATH: z.string().min(1).optional(),
});
export type BenchConfig = z.infer<typeof schema>;

export function loadBenchConfig(env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const parsed = schema
    .refine((c) => !c.DATABASE_URL === !c.TEMPORAL_ADDRESS, {
      message: 'set both DATABASE_URL and TEMPORAL_ADDRESS, or neither',
      path: ['DATABASE_URL'],
    })
    .safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid benchmark configuration:\n${lines.join('\n')}`);
}
