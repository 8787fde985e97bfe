// Everything a Temporal client needs to talk to a support case: the API imports only this file.
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { Actor, CaseEvent, CaseState, CommandData, CommandOf } from '@banso/domain';

export const TASK_QUEUE = 'banso-support-cases';

export const SUPPORT_CASE_WORKFLOW = 'supportCase';

export function caseWorkflowId(caseId: string): string {
  return `support-case/${caseId}`;
}

export interface SupportCaseInput {
  caseId: string;
  /** The command that opens the case: present on the first run. */
  open?: Pick<CommandOf<'openCase'>, 'actor' | 'data'>;
  /** The case's events so far: present on a run continued from an earlier one. */
  history?: CaseEvent[];
  /** Continue as new once a run's history has this many events (default 1,000). */
  maxHistoryEvents?: number;
}

export interface CaseView {
  state: CaseState;
  events: CaseEvent[];
}

export interface CommandResult {
  state: CaseState;
  /** The events this command added, already in the event log. */
  events: CaseEvent[];
}

export type CommandInput<T extends UpdateCommandType> = { actor: Actor; data: CommandData<T> };

export type UpdateCommandType =
  | 'recordAnalysis'
  | 'draftPlan'
  | 'approvePlan'
  | 'recordFollowUp'
  | 'completeExpertDispatch'
  | 'revisePlan'
  | 'reassignOfficer'
  | 'closeCase';

export const UPDATE_COMMAND_TYPES: readonly UpdateCommandType[] = [
  'recordAnalysis',
  'draftPlan',
  'approvePlan',
  'recordFollowUp',
  'completeExpertDispatch',
  'revisePlan',
  'reassignOfficer',
  'closeCase',
];

const update = <T extends UpdateCommandType>(name: T) =>
  defineUpdate<CommandResult, [CommandInput<T>]>(name);

export const recordAnalysisUpdate = update('recordAnalysis');
export const draftPlanUpdate = update('draftPlan');
export const approvePlanUpdate = update('approvePlan');
export const recordFollowUpUpdate = update('recordFollowUp');
export const completeExpertDispatchUpdate = update('completeExpertDispatch');
export const revisePlanUpdate = update('revisePlan');
export const reassignOfficerUpdate = update('reassignOfficer');
export const closeCaseUpdate = update('closeCase');

export type CommandUpdate<T extends UpdateCommandType> = ReturnType<
  typeof defineUpdate<CommandResult, [CommandInput<T>]>
>;

export const commandUpdates: { [T in UpdateCommandType]: CommandUpdate<T> } = {
  recordAnalysis: recordAnalysisUpdate,
  draftPlan: draftPlanUpdate,
  approvePlan: approvePlanUpdate,
  recordFollowUp: recordFollowUpUpdate,
  completeExpertDispatch: completeExpertDispatchUpdate,
  revisePlan: revisePlanUpdate,
  reassignOfficer: reassignOfficerUpdate,
  closeCase: closeCaseUpdate,
};

export const caseStateQuery = defineQuery<CaseView>('caseState');

/** Resolves once the opening event is in the log: what a caller waits for after starting a case. */
export const caseOpenedUpdate = defineUpdate<CaseView, []>('caseOpened');
