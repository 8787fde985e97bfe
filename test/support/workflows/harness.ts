import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { WorkflowHandle, WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import { perTestFile } from '../per-file';
import { createTimeSkippingEnv, workflowBundlePath } from './temporal-env';
import {
  caseOpenedUpdate,
  caseWorkflowId,
  commandUpdates,
  type CommandInput,
  type CommandResult,
  type UpdateCommandType,
} from '@banso/workflows';
import type { supportCase } from '../../../libs/workflows/src/workflows';
import { createCaseWorker } from '../../../apps/worker/src/case-worker';
import { RecordingEventStore, RecordingNotifier } from './recording-stores';
import { openData, OFFICER } from './fixtures';
import type { CaseKind, Policy } from '@banso/domain';

export type CaseHandle = WorkflowHandle<typeof supportCase>;

/** A time-skipping Temporal server and a real worker with recording activity implementations. */
export class WorkflowHarness {
  readonly store = new RecordingEventStore();
  readonly notifier = new RecordingNotifier();
  private running?: Promise<void>;
  private worker?: Worker;

  private constructor(
    readonly env: TestWorkflowEnvironment,
    readonly taskQueue: string,
  ) {}

  static async start(): Promise<WorkflowHarness> {
    const env = await createTimeSkippingEnv();
    const harness = new WorkflowHarness(env, `test-${randomUUID()}`);
    harness.worker = await createCaseWorker({
      connection: env.nativeConnection,
      taskQueue: harness.taskQueue,
      workflowBundle: { codePath: workflowBundlePath() },
      eventStore: harness.store,
      notifier: harness.notifier,
    });
    harness.running = harness.worker.run();
    return harness;
  }

  async stop(): Promise<void> {
    this.worker?.shutdown();
    await this.running;
    await this.env.teardown();
  }

  async openCase(
    kind: CaseKind,
    policy?: Partial<Policy>,
    options: { maxHistoryEvents?: number } = {},
  ): Promise<{
    caseId: string;
    handle: WorkflowHandleWithFirstExecutionRunId<typeof supportCase>;
  }> {
    const caseId = `case-${randomUUID()}`;
    const handle = await this.env.client.workflow.start<typeof supportCase>('supportCase', {
      taskQueue: this.taskQueue,
      workflowId: caseWorkflowId(caseId),
      args: [{ caseId, open: { actor: OFFICER, data: openData(kind, policy) }, ...options }],
    });
    await handle.executeUpdate(caseOpenedUpdate);
    return { caseId, handle };
  }

  command<T extends UpdateCommandType>(
    handle: CaseHandle,
    type: T,
    data: CommandInput<T>['data'],
    actor = OFFICER,
  ): Promise<CommandResult> {
    return handle.executeUpdate(commandUpdates[type] as never, {
      args: [{ actor, data }] as never,
    });
  }

  async now(): Promise<number> {
    return this.env.currentTimeMs();
  }
}

/** One harness for a test file: started before its tests, stopped after them. */
export function useWorkflowHarness(): WorkflowHarness {
  return perTestFile(
    () => WorkflowHarness.start(),
    (h) => h.stop(),
  );
}
