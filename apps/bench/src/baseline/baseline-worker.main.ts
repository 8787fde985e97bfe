import { NativeConnection, Runtime, DefaultLogger, Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { BASELINE_TABLE, createBaselineActivities } from './baseline-activities';

/**
 * The baseline's worker, a process of its own like the product's: the same activity slots and
 * pool size as the product worker's defaults, so the two differ only in what they run.
 */
async function main(): Promise<void> {
  const env = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const slots = Number(process.env.WORKER_ACTIVITY_CONCURRENCY ?? 20);
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: slots });
  await pool.query(BASELINE_TABLE);
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await Worker.create({
    connection,
    taskQueue: env('BASELINE_TASK_QUEUE'),
    workflowBundle: { codePath: env('BASELINE_BUNDLE_PATH') },
    activities: createBaselineActivities(pool),
    maxConcurrentActivityTaskExecutions: slots,
    maxCachedWorkflows: Number(process.env.WORKER_MAX_CACHED_WORKFLOWS ?? 500),
  });
  process.stdout.write('READY baseline-worker\n');
  try {
    await worker.run();
  } finally {
    await connection.close();
    await pool.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`baseline worker failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
