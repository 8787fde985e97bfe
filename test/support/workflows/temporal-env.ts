import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Runtime, DefaultLogger } from '@temporalio/worker';

let runtimeInstalled = false;

/** Temporal's own logs at WARN, so test output stays readable. */
export function quietRuntime(): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger('WARN') });
  runtimeInstalled = true;
}

/** The Java time-skipping test server built by scripts/toolchain.mjs, else the SDK's download. */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  const path = process.env.TEMPORAL_TEST_SERVER_PATH;
  return TestWorkflowEnvironment.createTimeSkipping(
    path ? { server: { executable: { type: 'existing-path', path } } } : undefined,
  );
}

export function workflowBundlePath(): string {
  const path = process.env.BANSO_WORKFLOW_BUNDLE;
  if (!path)
    throw new Error('BANSO_WORKFLOW_BUNDLE is not set: run the tests through jest.config.js');
  return path;
}
