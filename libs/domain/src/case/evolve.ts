import { addDays, compareDates, type IsoDate, laterDate } from '../calendar/dates';
import type { CaseEvent } from './events';
import { rulesOf } from './rules';
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
      ...(d.rules === undefined ? {} : { rules: d.rules }),
      lastStepOn: d.openedOn,
      analysisDeadline: d.analysisDeadline,
      notices: {
        dueDate: d.analysisDeadline,
        reminded: false,
        escalated: false,
        armedAt: event.at,
      },
      planVersion: 0,
      followUps: 0,
      onTrackStreak: 0,
      driftingStreak: 0,
      drifting: false,
      overdue: false,
      missedFollowUps: 0,
      missedDueDates: [],
      contacts: 0,
      dispatchesRequested: 0,
      dispatchesCompleted: 0,
    };
  }
  if (state.status === 'new') return state;
  const s: OpenedCase = { ...state, version: event.seq };
  const v2 = rulesOf(s) === 2;
  /** The step's date becomes the case's latest: no later step may be dated before it. */
  const stepOn = (on: IsoDate | undefined) =>
    on === undefined ? s.lastStepOn : laterDate(on, s.lastStepOn ?? on);

  switch (event.type) {
    case 'AnalysisRecorded': {
      const d = event.data;
      return {
        ...s,
        status: 'planning',
        analysis: {
          analysedOn: d.analysedOn,
          ...(d.indicators ? { indicators: d.indicators } : {}),
          keyIssues: d.keyIssues,
        },
        planDeadline: d.planDeadline,
        lastStepOn: stepOn(d.analysedOn),
        notices: { dueDate: d.planDeadline, reminded: false, escalated: false, armedAt: event.at },
      };
    }
    case 'PlanDrafted':
      return {
        ...s,
        plan: event.data.plan,
        planVersion: event.data.planVersion,
        lastStepOn: stepOn(event.data.draftedOn),
      };
    case 'PlanApproved': {
      if (s.status !== 'planning' || !s.plan) return misfit(s, event);
      return {
        ...s,
        status: 'followUp',
        plan: s.plan,
        planApprovedOn: event.data.approvedOn,
        lastStepOn: stepOn(event.data.approvedOn),
      };
    }
    case 'PlanRevised':
      return {
        ...s,
        plan: event.data.plan,
        planVersion: event.data.planVersion,
        lastStepOn: stepOn(event.data.revisedOn),
      };
    case 'FollowUpScheduled': {
      const { dueDate, nominalDueDate, cadenceMonths, mode, final, anchor, step, knownAt } =
        event.data;
      // Rules 2: the same due date again (a revision that left it) keeps the notices it has had.
      const kept = v2 && s.notices?.dueDate === dueDate ? s.notices : undefined;
      return {
        ...s,
        schedule: {
          dueDate,
          nominalDueDate,
          cadenceMonths,
          mode,
          final,
          ...(anchor === undefined ? {} : { anchor, step }),
          ...(kept && s.schedule?.answered ? { answered: true } : {}),
        },
        notices: kept ?? {
          dueDate,
          reminded: false,
          escalated: false,
          armedAt: knownAt ?? event.at,
        },
      };
    }
    case 'FollowUpRecorded': {
      const { drifting, visitedOn, results, dueDate, answersMissed } = event.data;
      if (!v2) {
        return {
          ...s,
          followUps: s.followUps + 1,
          lastFollowUpOn: visitedOn,
          lastStepOn: stepOn(visitedOn),
          drifting,
          overdue: false,
          onTrackStreak: drifting ? 0 : s.onTrackStreak + 1,
          driftingStreak: drifting ? s.driftingStreak + 1 : 0,
        };
      }
      // A follow-up that reported no KPI says nothing of drift: the streaks stay as they were.
      const assessed = results.length > 0;
      const grace = s.policy.overdueGraceDays;
      return {
        ...s,
        followUps: s.followUps + 1,
        lastFollowUpOn: visitedOn,
        lastStepOn: stepOn(visitedOn),
        drifting: assessed ? drifting : s.drifting,
        overdue: false,
        onTrackStreak: !assessed ? s.onTrackStreak : drifting ? 0 : s.onTrackStreak + 1,
        driftingStreak: !assessed ? s.driftingStreak : drifting ? s.driftingStreak + 1 : 0,
        missedFollowUps: answersMissed ? s.missedFollowUps - 1 : s.missedFollowUps,
        // Misses whose grace ended before this visit can no longer be answered by a later one.
        missedDueDates: (s.missedDueDates ?? []).filter(
          (m) => m !== dueDate && compareDates(addDays(m, grace), visitedOn) >= 0,
        ),
        schedule:
          s.schedule && s.schedule.dueDate === dueDate
            ? { ...s.schedule, answered: true }
            : s.schedule,
        ...(event.data.milestonesDone?.length
          ? {
              milestonesDone: {
                ...s.milestonesDone,
                ...Object.fromEntries(event.data.milestonesDone.map((id) => [id, visitedOn])),
              },
            }
          : {}),
      };
    }
    case 'StatementsRecorded': {
      const { financials, indicators, receivedOn } = event.data;
      return {
        ...s,
        latestStatements: {
          fiscalYearEnd: financials.current.fiscalYearEnd,
          receivedOn,
          indicators,
        },
        lastStepOn: stepOn(receivedOn),
      };
    }
    case 'FollowUpMissed':
      return {
        ...s,
        overdue: true,
        missedFollowUps: s.missedFollowUps + 1,
        missedDueDates: [...(s.missedDueDates ?? []), event.data.dueDate],
      };
    case 'ContactRecorded':
      return {
        ...s,
        contacts: (s.contacts ?? 0) + 1,
        lastStepOn: stepOn(event.data.contactedOn),
      };
    case 'CadenceSet': {
      const { cadenceMonths, reason, changedOn } = event.data;
      return {
        ...s,
        cadenceOverride:
          cadenceMonths === null ? undefined : { months: cadenceMonths, reason, since: changedOn },
        lastStepOn: stepOn(changedOn),
      };
    }
    case 'ReminderSent':
      return s.notices ? { ...s, notices: { ...s.notices, reminded: true } } : s;
    case 'EscalationRaised': {
      // Under the first rules an escalated follow-up was the miss; rules 2 record FollowUpMissed.
      const missed = !v2 && event.data.subject === 'followUp';
      const counted = {
        ...s,
        overdue: missed ? true : s.overdue,
        missedFollowUps: missed ? s.missedFollowUps + 1 : s.missedFollowUps,
      };
      return s.notices ? { ...counted, notices: { ...s.notices, escalated: true } } : counted;
    }
    case 'ExpertDispatchRequested': {
      const { dispatchId, requestedOn, driftingKpis, programme } = event.data;
      return {
        ...s,
        openDispatch: {
          dispatchId,
          requestedOn,
          driftingKpis,
          ...(programme === undefined ? {} : { programme, visits: 0 }),
        },
        openProposal: undefined,
        dispatchesRequested: s.dispatchesRequested + 1,
        lastStepOn: stepOn(requestedOn),
      };
    }
    case 'ExpertDispatchProposed': {
      const { proposalId, proposedOn, driftingKpis } = event.data;
      return {
        ...s,
        openProposal: { proposalId, proposedOn, driftingKpis },
        dispatchProposals: (s.dispatchProposals ?? 0) + 1,
      };
    }
    case 'ExpertDispatchProposalDeclined':
      return { ...s, openProposal: undefined, lastStepOn: stepOn(event.data.declinedOn) };
    case 'ExpertVisitRecorded':
      return {
        ...s,
        openDispatch: s.openDispatch && {
          ...s.openDispatch,
          visits: (s.openDispatch.visits ?? 0) + 1,
        },
        expertVisits: (s.expertVisits ?? 0) + 1,
        lastStepOn: stepOn(event.data.visitedOn),
      };
    case 'ExpertDispatchEnded':
      return { ...s, openDispatch: undefined, lastStepOn: stepOn(event.data.endedOn) };
    case 'ExpertDispatchCompleted':
      return {
        ...s,
        openDispatch: undefined,
        dispatchesCompleted: s.dispatchesCompleted + 1,
        lastStepOn: stepOn(event.data.completedOn),
      };
    case 'OfficerReassigned':
      return { ...s, officerId: event.data.toOfficerId };
    case 'CaseClosed':
      return {
        ...s,
        status: 'closed',
        closed: { reason: event.data.reason, closedOn: event.data.closedOn },
        lastStepOn: stepOn(event.data.closedOn),
        notices: undefined,
        openProposal: undefined,
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
