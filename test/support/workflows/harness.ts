import { createHash, randomUUID } from 'node:crypto';
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
import { RecordingEventStore, RecordingIncidents, RecordingNotifier } from './recording-stores';
import { openData, OFFICER, ORG_ID } from '../fixtures';
import { type CaseKind, type Notification, notificationsOf, type Policy } from '@banso/domain';

export type CaseHandle = WorkflowHandle<typeof supportCase>;

/** A time-skipping Temporal server and a real worker with recording activity implementations. */
export class WorkflowHarness {
  readonly store = new RecordingEventStore();
  readonly incidents = new RecordingIncidents();
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
      incidents: harness.incidents,
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
    options: { maxHistoryEvents?: number; openedOn?: string } = {},
  ): Promise<{
    caseId: string;
    handle: WorkflowHandleWithFirstExecutionRunId<typeof supportCase>;
  }> {
    const caseId = `case-${randomUUID()}`;
    const { openedOn, maxHistoryEvents } = options;
    const data = { ...openData(kind, policy), ...(openedOn ? { openedOn } : {}) };
    const open = { commandId: randomUUID(), bodyHash: hashOf(data), actor: OFFICER, data };
    const handle = await this.env.client.workflow.start<typeof supportCase>('supportCase', {
      taskQueue: this.taskQueue,
      workflowId: caseWorkflowId(ORG_ID, caseId),
      args: [{ organisationId: ORG_ID, caseId, open, maxHistoryEvents }],
    });
    await handle.executeUpdate(caseOpenedUpdate, { args: [{ bodyHash: open.bodyHash }] });
    return { caseId, handle };
  }

  /** Sends a command as the API does: with a command id (random unless given) and its body hash. */
  command<T extends UpdateCommandType>(
    handle: CaseHandle,
    type: T,
    data: CommandInput<T>['data'],
    actor = OFFICER,
    commandId: string = randomUUID(),
  ): Promise<CommandResult> {
    const input: CommandInput<T> = { commandId, bodyHash: hashOf(data), actor, data };
    return handle.executeUpdate(commandUpdates[type] as never, { args: [input] as never });
  }

  /** The notifications the case's logged events raise: the inbox the append projects. */
  notificationsOf(caseId: string): Notification[] {
    return this.store.eventsOf(caseId).flatMap(notificationsOf);
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

/** A stand-in for the API's canonical body hash: stable for the same data within a test. */
export function hashOf(data: unknown): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}
