import type { IsoDate } from '../calendar/dates';
import type { CaseEvent, EventType } from './events';

/**
 * The field of each event that holds the date the thing happened, where it has one: the date
 * exports, reports and work lists count by, beside `at` (when it was recorded). Notices and
 * schedules are the engine's own and happen when they are recorded.
 */
const DATE_FIELD: { [T in EventType]: string | null } = {
  CaseOpened: 'openedOn',
  AnalysisRecorded: 'analysedOn',
  PlanDrafted: 'draftedOn',
  PlanApproved: 'approvedOn',
  PlanRevised: 'revisedOn',
  FollowUpRecorded: 'visitedOn',
  StatementsRecorded: 'receivedOn',
  FollowUpMissed: 'dueDate',
  ContactRecorded: 'contactedOn',
  CadenceSet: 'changedOn',
  FollowUpScheduled: null,
  ReminderSent: null,
  EscalationRaised: null,
  ExpertDispatchRequested: 'requestedOn',
  ExpertDispatchProposed: 'proposedOn',
  ExpertDispatchProposalDeclined: 'declinedOn',
  ExpertVisitRecorded: 'visitedOn',
  ExpertDispatchEnded: 'endedOn',
  ExpertDispatchCompleted: 'completedOn',
  OfficerReassigned: null,
  CaseClosed: 'closedOn',
};

/** The date the event's step happened, or null for the engine's own events (and old drafts without one). */
export function happenedOnOf(event: CaseEvent): IsoDate | null {
  const field = DATE_FIELD[event.type];
  if (field === null) return null;
  const value = (event.data as Record<string, unknown>)[field];
  return typeof value === 'string' ? value : null;
}
