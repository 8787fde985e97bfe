import { z } from 'zod';
import { TASK_QUEUE } from '@banso/workflows';

const schema = z.object({
  DATABASE_URL: z.string().url('a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/banso'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal']).default('info'),
});
export type WorkerConfig = z.infer<typeof schema>;

/** Reads the environment once at start-up; a bad value stops the process with what to fix. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid worker configuration:\n${lines.join('\n')}`);
}
