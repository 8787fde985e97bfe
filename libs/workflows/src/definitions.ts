// Everything a Temporal client needs to talk to a support case: the API imports only this file.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import {
  type Actor,
  type CaseEvent,
  type CaseState,
  type CommandData,
  type CommandLedger,
  type OpenedCase,
  ROUTED_COMMAND_TYPES,
  type RoutedCommandType,
} from '@banso/domain';

export const TASK_QUEUE = 'banso-support-cases';

export const SUPPORT_CASE_WORKFLOW = 'supportCase';

/** Scoped by organisation: the same case id in two organisations is two cases. */
export function caseWorkflowId(organisationId: string, caseId: string): string {
  return `support-case/${organisationId}/${caseId}`;
}

/**
 * How a command travels: its id (the client's Idempotency-Key, or one the API generated) and a
 * hash of the body it was sent with, which bind the id to this command and body for good.
 */
export interface CommandEnvelope {
  commandId: string;
  bodyHash: string;
  actor: Actor;
}

export type CommandInput<T extends RoutedCommandType | 'openCase'> = CommandEnvelope & {
  data: CommandData<T>;
};

/** What a run hands the next one when it continues as new: the fold, not the events. */
export interface CarriedCase {
  state: OpenedCase;
  ledger: CommandLedger;
}

export interface SupportCaseInput {
  organisationId: string;
  caseId: string;
  /** The command that opens the case: present on the first run. */
  open?: CommandInput<'openCase'>;
  /** The folded state and the command ledger: present on a run continued from an earlier one. */
  carried?: CarriedCase;
  /** Runs continued by an earlier version carried the events themselves; they are folded. */
  history?: CaseEvent[];
  /** Continue as new once a run's history has this many events (default 1,000). */
  maxHistoryEvents?: number;
}

export interface CommandResult {
  commandId: string;
  state: CaseState;
  /** The events this command added, as the event log holds them. */
  events: CaseEvent[];
  /**
   * Set when the command id had already been done with this body: nothing was changed, and the
   * first result is the log's events firstSeq..lastSeq (the API answers it from there).
   */
  replayed?: { firstSeq: number; lastSeq: number };
}

export type UpdateCommandType = RoutedCommandType;
export const UPDATE_COMMAND_TYPES: readonly UpdateCommandType[] = ROUTED_COMMAND_TYPES;

export type CommandUpdate<T extends UpdateCommandType> = ReturnType<
  typeof defineUpdate<CommandResult, [CommandInput<T>]>
>;

/** One update per routed command, named after it. */
export const commandUpdates = Object.fromEntries(
  UPDATE_COMMAND_TYPES.map((type) => [
    type,
    defineUpdate<CommandResult, [CommandInput<never>]>(type),
  ]),
) as unknown as { [T in UpdateCommandType]: CommandUpdate<T> };

/** The case's folded state; its events are read from the event log. */
export const caseStateQuery = defineQuery<CaseState>('caseState');

/**
 * Resolves once the opening is in the log, with the open's result: what a caller waits for. Sent
 * with the body hash of the open it expects: a case opened with another body refuses it.
 */
export const caseOpenedUpdate = defineUpdate<CommandResult, [{ bodyHash: string }]>('caseOpened');
