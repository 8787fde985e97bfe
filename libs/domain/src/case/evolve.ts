import type { CaseEvent } from './events';
import { type CaseState, INITIAL_STATE, type OpenedCase } from './state';

/** Folds one event into the state. Pure: the workflow, the projections and the tests share it. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    const d = event.data;
    return {
      status: 'analysis',
      caseId: event.caseId,
      organisationId: event.organisationId,
      firm: d.firm,
      kind: d.kind,
      officerId: d.officerId,
      policy: d.policy,
      openedAt: event.at,
      openedOn: d.openedOn,
      version: event.seq,
      analysisDeadline: d.analysisDeadline,
      notices: { dueDate: d.analysisDeadline, reminded: false, escalated: false },
      planVersion: 0,
      followUps: 0,
      onTrackStreak: 0,
      driftingStreak: 0,
      drifting: false,
      overdue: false,
      missedFollowUps: 0,
      dispatchesRequested: 0,
      dispatchesCompleted: 0,
    };
  }
  if (state.status === 'new') return state;
  const s: OpenedCase = { ...state, version: event.seq };

  switch (event.type) {
    case 'AnalysisRecorded': {
      const d = event.data;
      return {
        ...s,
        status: 'planning',
        analysis: { analysedOn: d.analysedOn, indicators: d.indicators, keyIssues: d.keyIssues },
        planDeadline: d.planDeadline,
        notices: { dueDate: d.planDeadline, reminded: false, escalated: false },
      };
    }
    case 'PlanDrafted':
      return { ...s, plan: event.data.plan, planVersion: event.data.planVersion };
    case 'PlanApproved': {
      if (s.status !== 'planning' || !s.plan) return misfit(s, event);
      return { ...s, status: 'followUp', plan: s.plan, planApprovedOn: event.data.approvedOn };
    }
    case 'PlanRevised':
      return { ...s, plan: event.data.plan, planVersion: event.data.planVersion };
    case 'FollowUpScheduled': {
      const { dueDate, nominalDueDate, cadenceMonths, mode, final } = event.data;
      return {
        ...s,
        schedule: { dueDate, nominalDueDate, cadenceMonths, mode, final },
        notices: { dueDate, reminded: false, escalated: false },
      };
    }
    case 'FollowUpRecorded': {
      const { drifting, visitedOn } = event.data;
      return {
        ...s,
        followUps: s.followUps + 1,
        lastFollowUpOn: visitedOn,
        drifting,
        overdue: false,
        onTrackStreak: drifting ? 0 : s.onTrackStreak + 1,
        driftingStreak: drifting ? s.driftingStreak + 1 : 0,
      };
    }
    case 'ReminderSent':
      return s.notices ? { ...s, notices: { ...s.notices, reminded: true } } : s;
    case 'EscalationRaised': {
      const missed = event.data.subject === 'followUp';
      const counted = {
        ...s,
        overdue: missed ? true : s.overdue,
        missedFollowUps: missed ? s.missedFollowUps + 1 : s.missedFollowUps,
      };
      return s.notices ? { ...counted, notices: { ...s.notices, escalated: true } } : counted;
    }
    case 'ExpertDispatchRequested': {
      const { dispatchId, requestedOn, driftingKpis } = event.data;
      return {
        ...s,
        openDispatch: { dispatchId, requestedOn, driftingKpis },
        dispatchesRequested: s.dispatchesRequested + 1,
      };
    }
    case 'ExpertDispatchCompleted':
      return { ...s, openDispatch: undefined, dispatchesCompleted: s.dispatchesCompleted + 1 };
    case 'OfficerReassigned':
      return { ...s, officerId: event.data.toOfficerId };
    case 'CaseClosed':
      return {
        ...s,
        status: 'closed',
        closed: { reason: event.data.reason, closedOn: event.data.closedOn },
        notices: undefined,
      };
    default:
      return assertNever(event);
  }
}

/**
 * An event that cannot happen in the case's stage: the log was not written by `decide`. Folding
 * it anyway would make a state no stage allows; failing says where the log went wrong.
 */
function misfit(s: OpenedCase, event: CaseEvent): never {
  throw new Error(
    `case ${event.caseId}: ${event.type} (seq ${event.seq}) cannot follow a case in ${s.status}`,
  );
}

export function fold(events: readonly CaseEvent[], from: CaseState = INITIAL_STATE): CaseState {
  return events.reduce(evolve, from);
}

export function assertNever(value: never): never {
  throw new Error(`unhandled variant: ${JSON.stringify(value)}`);
}
