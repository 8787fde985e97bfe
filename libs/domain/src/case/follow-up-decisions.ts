import {
  addDays,
  compareDates,
  instantMillis,
  type IsoDate,
  type IsoDateTime,
} from '../calendar/dates';
import { kpiDrift, kpiResults } from '../plan/drift';
import { planEndDate } from '../plan/plan';
import { followUpMethodsOf } from '../policy/policy';
import { SYSTEM_ACTOR } from './actor';
import type { CommandData } from './commands';
import { type DomainError, type FieldIssue, invalid } from './errors';
import type { CaseEvent, NewEvent } from './events';
import { dispatchIfDrifting, endingWithCase } from './dispatch-decisions';
import { evolve } from './evolve';
import { milestoneIssues } from './kind-rules';
import { closeAtPlanEnd, nextClockStep, pastGrace } from './notices';
import { rulesOf } from './rules';
import {
  cadenceFor,
  gridDue,
  modeAfterFollowUp,
  nextAfterMissed,
  nextOnGrid,
  scheduleFrom,
} from './schedule';
import type { CaseIn, OpenedCase } from './state';

// The follow-up stage's decisions: recording a follow-up (which due date it answers, drift,
// dispatch, the next due date) and what the case's clock owes.

/** The checks every follow-up gets: a method the policy counts, and only the plan's KPIs. */
function followUpIssues(s: CaseIn<'followUp'>, data: CommandData<'recordFollowUp'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const methods = followUpMethodsOf(s.policy);
  if (!methods.includes(data.method)) {
    issues.push({
      path: 'data.method',
      message:
        `${data.method} does not count as a follow-up under this organisation's policy ` +
        `(it counts: ${methods.join(', ')}); record it as a contact instead`,
    });
  }
  issues.push(...milestoneIssues(s, data.milestonesDone));
  const known = new Set(s.plan.kpis.map((k) => k.id));
  for (const key of Object.keys(data.actuals ?? {})) {
    if (!known.has(key)) {
      issues.push({
        path: `data.actuals.${key}`,
        message: `not a KPI of this plan; the KPIs are: ${[...known].join(', ')}`,
      });
    }
  }
  return issues;
}

export function recordFollowUp(
  s: CaseIn<'followUp'>,
  data: CommandData<'recordFollowUp'>,
  visitedOn: IsoDate,
  today: IsoDate,
  now: IsoDateTime,
): NewEvent[] | DomainError {
  return rulesOf(s) === 1
    ? recordUnderFirstRules(s, data, visitedOn, today)
    : recordOnTheGrid(s, data, visitedOn, now);
}

/**
 * Rules 2. A visit answers the due date whose period it falls in, whenever it is entered: a
 * missed due date whose grace had not run out by the visit (the escalation is answered, the miss
 * taken back), else the current one. Periods whose grace ran out before the visit, and that the
 * clock had not yet counted, are counted missed first, as they would have been live.
 */
function recordOnTheGrid(
  s: CaseIn<'followUp'>,
  data: CommandData<'recordFollowUp'>,
  visitedOn: IsoDate,
  now: IsoDateTime,
): NewEvent[] | DomainError {
  const issues = followUpIssues(s, data);
  if (issues.length > 0) return invalid(issues);

  const events: NewEvent[] = [];
  let state: CaseIn<'followUp'> = s;
  const take = (batch: NewEvent[]) => {
    for (const e of batch) {
      events.push(e);
      state = evolve(state, stamp(state, e, now)) as CaseIn<'followUp'>;
    }
  };
  while (state.schedule && !state.schedule.answered) {
    const { dueDate, final } = state.schedule;
    if (!pastGrace(dueDate, visitedOn, state.policy)) break;
    if (final) {
      const end = planEndDate(state.plan, 2);
      return invalid([
        {
          path: 'data.visitedOn',
          message:
            `the plan period ended on ${end} and its last follow-up was due on ${dueDate}; ` +
            'a visit after its grace answers nothing: close the case instead',
        },
      ]);
    }
    const next = nextAfterMissed(state, state.schedule, state.plan);
    take([
      { type: 'FollowUpMissed', data: { dueDate, escalated: false } },
      { type: 'FollowUpScheduled', data: next },
    ]);
  }
  const schedule = state.schedule;
  if (!schedule)
    return { code: 'PLAN_NOT_DRAFTED', message: 'the case has no follow-up scheduled' };
  if (schedule.answered) {
    return invalid([
      {
        path: 'data.visitedOn',
        message:
          `the last follow-up of the plan period (due ${schedule.dueDate}) is already recorded; ` +
          'record a contact, or revise the plan to extend it',
      },
    ]);
  }
  const missedDue = (state.missedDueDates ?? []).find(
    (m) => !pastGrace(m, visitedOn, state.policy),
  );
  const results = kpiDrift(state.plan, data.actuals ?? {}, visitedOn, state.policy);
  const drifting = results.some((r) => r.drifting);
  take([
    {
      type: 'FollowUpRecorded',
      data: {
        visitedOn,
        method: data.method,
        madeBy: data.madeBy ?? [{ role: 'officer', name: state.officerId }],
        notes: data.notes,
        dueDate: missedDue ?? schedule.dueDate,
        ...(missedDue ? { answersMissed: true } : {}),
        results,
        drifting,
        ...(data.milestonesDone?.length ? { milestonesDone: data.milestonesDone } : {}),
      },
    },
  ]);
  if (results.length > 0) {
    take(dispatchIfDrifting(state, results, visitedOn));
  }
  const mode =
    results.length > 0
      ? modeAfterFollowUp(
          s,
          drifting,
          state.onTrackStreak,
          state.openDispatch !== undefined || state.openProposal !== undefined,
        )
      : schedule.mode;
  if (!missedDue) {
    if (schedule.final) {
      // The last follow-up of the plan: the case closes itself once the plan's last day is past.
      if (compareDates(visitedOn, planEndDate(state.plan, 2)) > 0) {
        take([...endingWithCase(state, visitedOn), closeAtPlanEnd(state)]);
      }
      return events;
    }
    take([
      {
        type: 'FollowUpScheduled',
        data: nextOnGrid(state, state.plan, mode, 'followUpRecorded', visitedOn),
      },
    ]);
  } else if (mode !== schedule.mode) {
    // A late entry that changes the cadence re-anchors the grid at the visit; one that changes
    // only the mode keeps the due date it has.
    const regrid = cadenceFor(state, mode) !== schedule.cadenceMonths;
    const next = regrid
      ? gridDue(visitedOn, 1, state, state.plan, mode, 'followUpRecorded')
      : gridDue(
          schedule.anchor ?? visitedOn,
          schedule.step ?? 1,
          state,
          state.plan,
          mode,
          'followUpRecorded',
        );
    take([{ type: 'FollowUpScheduled', data: next }]);
  }
  return events;
}

/** Rules 1: every KPI reported, the next due date counted from the visit. */
function recordUnderFirstRules(
  s: CaseIn<'followUp'>,
  data: CommandData<'recordFollowUp'>,
  visitedOn: IsoDate,
  today: IsoDate,
): NewEvent[] | DomainError {
  const { plan, schedule } = s;
  if (!schedule)
    return { code: 'PLAN_NOT_DRAFTED', message: 'the case has no follow-up scheduled' };
  const issues = followUpIssues(s, data);
  const actuals = data.actuals ?? {};
  for (const kpi of plan.kpis) {
    if (!Object.hasOwn(actuals, kpi.id)) {
      issues.push({
        path: `data.actuals.${kpi.id}`,
        message: `the actual ${kpi.name} (${kpi.unit}) is required`,
      });
    }
  }
  if (issues.length > 0) return invalid(issues);

  const results = kpiResults(plan, actuals, visitedOn, s.policy.driftThreshold);
  const drifting = results.some((r) => r.drifting);
  const events: NewEvent[] = [
    {
      type: 'FollowUpRecorded',
      data: {
        visitedOn,
        method: data.method,
        notes: data.notes,
        dueDate: schedule.dueDate,
        results,
        drifting,
      },
    },
  ];
  const finalWindow = addDays(schedule.dueDate, -s.policy.reminderLeadDays);
  if (schedule.final && compareDates(visitedOn, finalWindow) >= 0) {
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
    data: scheduleFrom(visitedOn, s, plan, mode, 'followUpRecorded'),
  });
  return events;
}

/** Every step the case's clock owes by `now`, in order (the worker may have slept). */
export function dueNotices(s: OpenedCase, now: IsoDateTime): NewEvent[] {
  const events: NewEvent[] = [];
  let state: OpenedCase = s;
  const nowMs = instantMillis(now);
  for (let guard = 0; guard < 1000; guard++) {
    const step = nextClockStep(state);
    if (!step || instantMillis(step.at) > nowMs) break;
    for (const e of step.events) {
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
