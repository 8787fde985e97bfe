import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import {
  Client,
  Connection,
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowExecutionAlreadyStartedError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { DomainError } from '@banso/domain';
import {
  caseOpenedUpdate,
  caseStateQuery,
  type CaseView,
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

/** The API's one door to Temporal: starts cases, sends commands, reads live state. */
@Injectable()
export class CaseWorkflowsService implements OnApplicationShutdown {
  private readonly connection: Connection;
  private readonly client: Client;

  constructor(@Inject(API_CONFIG) private readonly config: ApiConfig) {
    // Lazy: the API starts (and reports itself unhealthy) even while Temporal is down.
    this.connection = Connection.lazy({
      address: config.TEMPORAL_ADDRESS,
      connectTimeout: '3 seconds',
    });
    this.client = new Client({ connection: this.connection, namespace: config.TEMPORAL_NAMESPACE });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }

  /** Starts the case's workflow, or finds the one already started under the same id. */
  async open(input: SupportCaseInput): Promise<CaseView> {
    const workflowId = caseWorkflowId(input.caseId);
    try {
      await this.client.workflow.start(SUPPORT_CASE_WORKFLOW, {
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (err) {
      // Started and already finished: the case exists and is closed; report it as it is.
      if (!(err instanceof WorkflowExecutionAlreadyStartedError))
        throw this.translate(err, input.caseId);
      return this.view(input.caseId);
    }
    return this.call(input.caseId, () =>
      this.client.workflow.getHandle(workflowId).executeUpdate(caseOpenedUpdate),
    );
  }

  /** With an updateId, a retried request is the same update: Temporal runs it once. */
  async command<T extends UpdateCommandType>(
    caseId: string,
    type: T,
    input: CommandInput<T>,
    updateId?: string,
  ): Promise<CommandResult> {
    const handle = this.client.workflow.getHandle(caseWorkflowId(caseId));
    const update = commandUpdates[type] as CommandUpdate<T>;
    return this.call(caseId, () =>
      handle.executeUpdate(update, { args: [input], ...(updateId ? { updateId } : {}) }),
    );
  }

  async view(caseId: string): Promise<CaseView> {
    return this.call(caseId, () =>
      this.client.workflow.getHandle(caseWorkflowId(caseId)).query(caseStateQuery),
    );
  }

  async ping(): Promise<void> {
    await this.call('', () => this.client.workflowService.getSystemInfo({}));
  }

  private async call<T>(caseId: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw this.translate(err, caseId);
    }
  }

  private translate(err: unknown, caseId: string): Error {
    if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
      const domainError = err.cause.details?.[0] as DomainError | undefined;
      if (domainError?.code) return ApiError.fromDomain(domainError);
    }
    if (err instanceof WorkflowNotFoundError) {
      // An update to a workflow that has finished is "not found" to Temporal: the case is closed.
      if (/complet/i.test(err.message)) return closedError(caseId);
      return new ApiError('CASE_NOT_FOUND', `no case ${caseId}`);
    }
    if (err instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
      return new ApiError(
        'TEMPORAL_UNAVAILABLE',
        `case ${caseId} did not answer in time; send the same request again with the same Idempotency-Key`,
      );
    }
    if (err instanceof ServiceError) {
      if (/already completed|workflow execution.*completed/i.test(err.message))
        return closedError(caseId);
      return new ApiError(
        'TEMPORAL_UNAVAILABLE',
        `Temporal cannot be reached at ${this.config.TEMPORAL_ADDRESS}; try again shortly`,
      );
    }
    return err instanceof Error ? err : new Error(String(err));
  }
}

function closedError(caseId: string): ApiError {
  return new ApiError('WRONG_STAGE', `case ${caseId} is closed; no more commands are taken`, {
    stage: 'closed',
    allowed: [],
  });
}
