import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  Client,
  Connection,
  defaultGrpcRetryOptions,
  makeGrpcRetryInterceptor,
  ServiceError,
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { CaseState, DomainError } from '@banso/domain';
import {
  caseOpenedUpdate,
  caseStateQuery,
  caseWorkflowId,
  type CommandInput,
  type CommandResult,
  type CommandUpdate,
  commandUpdates,
  type SupportCaseInput,
  SUPPORT_CASE_WORKFLOW,
  type UpdateCommandType,
} from '@banso/workflows';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ApiError } from '../errors/api-error';

export interface CaseRef {
  organisationId: string;
  caseId: string;
}

/** The API's one door to Temporal: opens cases, sends commands, reads live state. */
@Injectable()
export class CaseWorkflowsService implements OnApplicationShutdown {
  private readonly connection: Connection;
  private readonly client: Client;
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    // Lazy: the API starts (and reports itself unhealthy) even while Temporal is down.
    this.connection = Connection.lazy({
      address: config.TEMPORAL_ADDRESS,
      connectTimeout: '3 seconds',
      // A person is waiting on every call: a few quick retries, then 503 with the key to retry
      // with, rather than the client's default of ten attempts over twenty seconds.
      interceptors: [
        makeGrpcRetryInterceptor(
          defaultGrpcRetryOptions({ maxAttempts: 4, maxIntervalMs: () => 1_000 }),
        ),
      ],
    });
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE });
  }

  async onApplicationShutdown(): Promise<void> {
    // Calls that outlived their answer settle within their few retries: let them, then close.
    await Promise.race([
      Promise.allSettled([...this.inFlight]),
      new Promise((done) => setTimeout(done, 5_000)),
    ]);
    await this.connection.close();
  }

  /**
   * Starts the case's workflow and waits until the opening is in the log, in one call
   * (update-with-start). A case already running with the same id answers its own opening, if it
   * was opened with the same body.
   */
  async open(input: SupportCaseInput & { open: CommandInput<'openCase'> }): Promise<CommandResult> {
    const { commandId, bodyHash } = input.open;
    const ref = { organisationId: input.organisationId, caseId: input.caseId };
    const startWorkflowOperation = new WithStartWorkflowOperation(SUPPORT_CASE_WORKFLOW, {
      taskQueue: this.config.TEMPORAL_TASK_QUEUE,
      workflowId: caseWorkflowId(ref.organisationId, ref.caseId),
      args: [input],
      workflowIdConflictPolicy: 'USE_EXISTING',
      // An open the log refused failed its run and recorded nothing: it may be sent again. A case
      // that opened is found in the log before we get here, and a closed one is never reopened.
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
    });
    return this.bounded(ref, commandId, () =>
      this.client.workflow.executeUpdateWithStart(caseOpenedUpdate, {
        args: [{ bodyHash }],
        updateId: `${commandId}/${bodyHash.slice(0, 16)}`,
        startWorkflowOperation,
      }),
    );
  }

  /**
   * Sends a command as an update. The update id is the command id and its body hash: a retry of
   * the same request joins the first one; the same id with another body reaches the workflow,
   * which refuses it.
   */
  async command<T extends UpdateCommandType>(
    ref: CaseRef,
    type: T,
    input: CommandInput<T>,
  ): Promise<CommandResult> {
    const handle = this.client.workflow.getHandle(caseWorkflowId(ref.organisationId, ref.caseId));
    const update = commandUpdates[type] as CommandUpdate<T>;
    return this.bounded(ref, input.commandId, () =>
      handle.executeUpdate(update, {
        args: [input],
        updateId: `${input.commandId}/${input.bodyHash.slice(0, 16)}`,
      }),
    );
  }

  async state(ref: CaseRef): Promise<CaseState> {
    return this.call(ref, () =>
      this.client.workflow
        .getHandle(caseWorkflowId(ref.organisationId, ref.caseId))
        .query(caseStateQuery),
    );
  }

  /** For /health: answers within three seconds whether Temporal does. */
  async ping(): Promise<void> {
    await this.call({ organisationId: '', caseId: '' }, () =>
      this.within(3_000, () => this.client.workflowService.getSystemInfo({})),
    );
  }

  /**
   * Waits at most COMMAND_TIMEOUT_MS for the answer. The command goes on inside the case (it
   * waits out a database outage there); the client is told to send it again with its key, which
   * answers the first result once it is done, and never does it twice.
   */
  private async bounded<T>(ref: CaseRef, commandId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.within(this.config.COMMAND_TIMEOUT_MS, fn);
    } catch (err) {
      if (err instanceof TimedOut) {
        if (!(await this.reachable())) {
          throw new ApiError(
            'TEMPORAL_UNAVAILABLE',
            `Temporal cannot be reached at ${this.config.TEMPORAL_ADDRESS}; nothing was recorded ` +
              `yet: send the same request again with Idempotency-Key: ${commandId}`,
            { commandId },
          );
        }
        throw new ApiError(
          'COMMAND_PENDING',
          `case ${ref.caseId} did not confirm the command within ${this.config.COMMAND_TIMEOUT_MS} ms; ` +
            `it may still be recorded: send the same request again with Idempotency-Key: ${commandId}`,
          { commandId },
        );
      }
      throw this.translate(err, ref, commandId);
    }
  }

  /** Whether Temporal answers at all, within a second: what an unconfirmed command waited on. */
  private async reachable(): Promise<boolean> {
    try {
      await this.within(1_000, () => this.client.workflowService.getSystemInfo({}));
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Runs a call to Temporal for at most `ms`: the call is cancelled, and the answer never waits
   * longer even where the client's own connection retries do not heed the cancellation.
   */
  private async within<T>(ms: number, fn: () => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new TimedOut());
      }, ms);
    });
    const call = this.connection.withAbortSignal(controller.signal, fn);
    const settled = call.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    try {
      return await Promise.race([call, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async call<T>(ref: CaseRef, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.translate(err, ref);
    }
  }

  private translate(err: unknown, { caseId }: CaseRef, commandId?: string): Error {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const domainError = err.cause.details?.[0] as DomainError | undefined;
      if (domainError?.code) return ApiError.fromDomain(domainError);
      if (err.cause.type === 'CASE_NEEDS_ATTENTION') {
        return new ApiError('CASE_NEEDS_ATTENTION', err.cause.message);
      }
    }
    if (err instanceof WorkflowNotFoundError) {
      // An update to a workflow that has finished is "not found" to Temporal: the case is closed.
      if (/complet/i.test(err.message)) return closedError(caseId);
      return new ApiError('CASE_NOT_FOUND', `no case ${caseId}`);
    }
    if (err instanceof WorkflowExecutionAlreadyStartedError) return closedError(caseId);
    const retry = commandId ? `; send it again with Idempotency-Key: ${commandId}` : '';
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      return new ApiError('COMMAND_PENDING', `case ${caseId} did not answer in time${retry}`, {
        ...(commandId ? { commandId } : {}),
      });
    }
    if (err instanceof ServiceError) {
      if (/already completed|workflow execution.*completed/i.test(err.message))
        return closedError(caseId);
      return new ApiError(
        'TEMPORAL_UNAVAILABLE',
        `Temporal cannot be reached at ${this.config.TEMPORAL_ADDRESS}; try again shortly${retry}`,
        { ...(commandId ? { commandId } : {}) },
      );
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}

class TimedOut extends Error {}

function closedError(caseId: string): ApiError {
  return new ApiError('WRONG_STAGE', `case ${caseId} is closed; no more commands are taken`, {
    stage: 'closed',
    allowed: [],
  });
}
