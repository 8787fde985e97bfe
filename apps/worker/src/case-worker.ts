import { type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createCaseActivities, type CaseActivityDeps, TASK_QUEUE } from '@banso/workflows';
import { workflowBundleOptions } from './workflow-bundle';

export interface CaseWorkerOptions extends CaseActivityDeps {
  connection: NativeConnection;
  namespace?: string;
  taskQueue?: string;
  /**
   * A prebuilt bundle (`npm run build` writes one; tests bundle once); without it the worker
   * bundles the TypeScript at start-up: seconds of webpack, and its memory, in every process.
   */
  workflowBundle?: WorkerOptions['workflowBundle'];
  identity?: string;
  /** Activities run at once; the database pool should have as many connections. */
  maxConcurrentActivities?: number;
  /** Cases kept in memory between their tasks; 0 replays each task from its history. */
  maxCachedWorkflows?: number;
}

export async function createCaseWorker(options: CaseWorkerOptions): Promise<Worker> {
  const { connection, namespace, taskQueue = TASK_QUEUE, workflowBundle, identity } = options;
  const { maxConcurrentActivities } = options;
  const bundle = workflowBundle
    ? { workflowBundle }
    : (() => {
        // The same preloads as the prebuilt bundle: the cache is sized for a shared domain.
        const { workflowsPath, webpackConfigHook, preloadModules } = workflowBundleOptions();
        return { workflowsPath, bundlerOptions: { webpackConfigHook, preloadModules } };
      })();
  return Worker.create({
    connection,
    taskQueue,
    // The native bridge rejects keys that are present but undefined.
    ...(namespace ? { namespace } : {}),
    ...(identity ? { identity } : {}),
    ...(maxConcurrentActivities
      ? { maxConcurrentActivityTaskExecutions: maxConcurrentActivities }
      : {}),
    ...(options.maxCachedWorkflows !== undefined
      ? { maxCachedWorkflows: options.maxCachedWorkflows }
      : {}),
    activities: createCaseActivities(options),
    ...bundle,
  });
}
