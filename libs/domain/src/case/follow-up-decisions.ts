import {
  addDays,
  compareDates,
  instantMillis,
  type IsoDate,
  type IsoDateTime,
} from '../calendar/dates';
import { kpiResults } from '../plan/drift';
import { SYSTEM_ACTOR } from './actor';
import type { CommandData } from './commands';
import { type DomainError, type FieldIssue, invalid } from './errors';
import type { CaseEvent, NewEvent } from './events';
import { evolve } from './evolve';
import { nextNotice } from './notices';
import { modeAfterFollowUp, scheduleFrom } from './schedule';
import type { CaseIn, OpenedCase } from './state';

// The follow-up stage's decisions: recording a follow-up (drift, dispatch, the next due date) and
// the reminders and escalations its clock owes.

export function recordFollowUp(
  s: CaseIn<'followUp'>,
  data: CommandData<'recordFollowUp'>,
  today: IsoDate,
): NewEvent[] | DomainError {
  const { plan, schedule } = s;
  if (!schedule)
    return { code: 'PLAN_NOT_DRAFTED', message: 'the case has no follow-up scheduled' };
  const issues: FieldIssue[] = [];
  if (compareDates(data.visitedOn, today) > 0) {
    issues.push({ path: 'data.visitedOn', message: `cannot be in the future (today is ${today})` });
  }
  const since = s.lastFollowUpOn ?? s.planApprovedOn;
  if (since && compareDates(data.visitedOn, since) < 0) {
    issues.push({
      path: 'data.visitedOn',
      message: `cannot be before the last follow-up or the plan's approval (${since})`,
    });
  }
  const known = new Set(plan.kpis.map((k) => k.id));
  for (const kpi of plan.kpis) {
    if (!Object.hasOwn(data.actuals, kpi.id)) {
      issues.push({
        path: `data.actuals.${kpi.id}`,
        message: `the actual ${kpi.name} (${kpi.unit}) is required`,
      });
    }
  }
  for (const key of Object.keys(data.actuals)) {
    if (!known.has(key)) {
      issues.push({
        path: `data.actuals.${key}`,
        message: `not a KPI of this plan; the KPIs are: ${[...known].join(', ')}`,
      });
    }
  }
  if (issues.length > 0) return invalid(issues);

  const results = kpiResults(plan, data.actuals, data.visitedOn, s.policy.driftThreshold);
  const drifting = results.some((r) => r.drifting);
  const events: NewEvent[] = [
    {
      type: 'FollowUpRecorded',
      data: {
        visitedOn: data.visitedOn,
        method: data.method,
        notes: data.notes,
        dueDate: schedule.dueDate,
        results,
        drifting,
      },
    },
  ];
  const finalWindow = addDays(schedule.dueDate, -s.policy.reminderLeadDays);
  if (schedule.final && compareDates(data.visitedOn, finalWindow) >= 0) {
    events.push({ type: 'CaseClosed', data: { reason: 'planPeriodEnded', closedOn: today } });
    return events;
  }
  const driftingStreak = drifting ? s.driftingStreak + 1 : 0;
  const onTrackStreak = drifting ? 0 : s.onTrackStreak + 1;
  let dispatchOpen = s.openDispatch !== undefined;
  if (drifting && !dispatchOpen && driftingStreak >= s.policy.dispatchAfterDriftingFollowUps) {
    events.push({
      type: 'ExpertDispatchRequested',
      data: {
        dispatchId: `${s.caseId}-dispatch-${s.dispatchesRequested + 1}`,
        requestedOn: today,
        driftingKpis: results.filter((r) => r.drifting).map((r) => r.kpiId),
        driftingFollowUps: driftingStreak,
      },
    });
    dispatchOpen = true;
  }
  const mode = modeAfterFollowUp(s, drifting, onTrackStreak, dispatchOpen);
  events.push({
    type: 'FollowUpScheduled',
    data: scheduleFrom(data.visitedOn, s, plan, mode, 'followUpRecorded'),
  });
  return events;
}

/** Every reminder and escalation that has come due by `now`, in order (the worker may have slept). */
export function dueNotices(s: OpenedCase, now: IsoDateTime): NewEvent[] {
  const events: NewEvent[] = [];
  let state: OpenedCase = s;
  const nowMs = instantMillis(now);
  for (let guard = 0; guard < 1000; guard++) {
    const notice = nextNotice(state);
    if (!notice || instantMillis(notice.at) > nowMs) break;
    const batch: NewEvent[] = [notice.event];
    const missed =
      notice.event.type === 'EscalationRaised' && notice.event.data.subject === 'followUp';
    if (missed && state.schedule && state.plan && !state.schedule.final) {
      // A missed period does not stop the clock: the next period starts from the missed due date.
      const mode = state.schedule.mode;
      batch.push({
        type: 'FollowUpScheduled',
        data: scheduleFrom(state.schedule.nominalDueDate, state, state.plan, mode, 'periodMissed'),
      });
    }
    for (const e of batch) {
      events.push(e);
      state = evolve(state, stamp(state, e, now)) as OpenedCase;
    }
  }
  return events;
}

function stamp(s: OpenedCase, e: NewEvent, at: IsoDateTime): CaseEvent {
  return {
    ...e,
    caseId: s.caseId,
    organisationId: s.organisationId,
    seq: s.version + 1,
    at,
    actor: SYSTEM_ACTOR,
    commandId: 'advanceClock',
  };
}
