import { z } from 'zod';
import { TASK_QUEUE } from '@banso/workflows';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url('a PostgreSQL URL, e.g. postgres://user:pass@localhost:5432/banso'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default(TASK_QUEUE),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /**
   * How long a command's request waits for the case to confirm it; then 503 COMMAND_PENDING with
   * the key to send it again with (the case goes on, e.g. waiting out a database outage).
   */
  COMMAND_TIMEOUT_MS: z.coerce.number().int().min(500).max(300_000).default(15_000),
  /** Connections in the API's pool (reads and the command pre-checks). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  /** A read running longer is cancelled: the list and report queries stay bounded. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(15_000),
});
export type ApiConfig = z.infer<typeof schema>;

export const API_CONFIG = Symbol('API_CONFIG');

/** Reads the environment once, before Nest starts; a bad value names the variable and the fix. */
export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  throw new Error(`invalid API configuration:\n${lines.join('\n')}`);
}
