import { NativeConnection, Runtime } from '@temporalio/worker';
import pino from 'pino';
import { existsSync } from 'node:fs';
import { createCaseWorker } from './case-worker';
import {
  createDataSource,
  PostgresEventStore,
  PostgresIncidentReporter,
  PostgresNotifier,
} from '@banso/persistence';
import { getHeapStatistics } from 'node:v8';
import { cachedCasesFor, loadWorkerConfig } from './worker-config';
import { temporalLogger } from './temporal-logger';
import { prebuiltBundlePath } from './workflow-bundle';

/**
 * The worker process: runs support-case workflows and their activities. Temporal's runtime turns
 * SIGINT/SIGTERM into a graceful shutdown (running activities finish), then the pools close.
 */
async function main(): Promise<void> {
  const logger = pino({ name: 'banso-worker', level: process.env.LOG_LEVEL ?? 'info' });
  let config;
  try {
    config = loadWorkerConfig();
  } catch (err) {
    logger.fatal((err as Error).message);
    process.exit(1);
  }
  Runtime.install({ logger: temporalLogger(logger, 'WARN') });

  const dataSource = createDataSource(config.DATABASE_URL, {
    poolSize: config.DATABASE_POOL_SIZE ?? config.WORKER_ACTIVITY_CONCURRENCY,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
  });
  await dataSource.initialize();
  // The workflow thread's heap has the limit --max-old-space-size gives the process (npm start
  // and npm run start:worker give 256 MB): the cache is sized to it unless set.
  const heapLimitMb = Math.round(getHeapStatistics().heap_size_limit / 2 ** 20);
  const maxCachedWorkflows = config.WORKER_MAX_CACHED_WORKFLOWS ?? cachedCasesFor(heapLimitMb);
  const bundlePath = config.WORKFLOW_BUNDLE_PATH ?? prebuiltBundlePath();
  const prebuilt = existsSync(bundlePath);
  if (!prebuilt) {
    if (config.WORKFLOW_BUNDLE_PATH) {
      logger.fatal(`WORKFLOW_BUNDLE_PATH: ${bundlePath} does not exist (npm run build writes one)`);
      process.exit(1);
    }
    logger.warn(`no prebuilt workflow bundle at ${bundlePath}: bundling the TypeScript now`);
  }
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await createCaseWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    maxConcurrentActivities: config.WORKER_ACTIVITY_CONCURRENCY,
    maxCachedWorkflows,
    ...(prebuilt ? { workflowBundle: { codePath: bundlePath } } : {}),
    eventStore: new PostgresEventStore(dataSource),
    incidents: new PostgresIncidentReporter(dataSource),
    notifier: new PostgresNotifier(dataSource),
  });
  logger.info(
    {
      address: config.TEMPORAL_ADDRESS,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      maxCachedWorkflows,
      heapLimitMb,
      workflowBundle: prebuilt ? bundlePath : 'bundled at start-up',
    },
    'worker ready',
  );
  try {
    await worker.run();
  } finally {
    await connection.close();
    await dataSource.destroy();
    logger.info('worker stopped');
  }
}

main().catch((err: unknown) => {
  // The logger may not exist yet: stderr is the one channel always there.
  process.stderr.write(`banso-worker failed: ${(err as Error)?.stack ?? String(err)}\n`);
  process.exit(1);
});
