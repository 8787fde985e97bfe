import { addDays, addMonths, compareDates, type IsoDate, nextBusinessDay } from '../calendar/dates';
import { planEndDate, type Plan } from '../plan/plan';
import type { Policy } from '../policy/policy';
import type { CadenceMode, EventDataMap, ScheduleReason } from './events';
import type { OpenedCase, Schedule } from './state';

/** A deadline or due date, moved off weekends and holidays where the policy says so. */
export function dueOn(date: IsoDate, policy: Policy): IsoDate {
  return policy.businessDaysOnly
    ? nextBusinessDay(date, { yearEndClosure: policy.yearEndClosure })
    : date;
}

export function deadlineAfter(from: IsoDate, days: number, policy: Policy): IsoDate {
  return dueOn(addDays(from, days), policy);
}

type Cadenced = Pick<OpenedCase, 'kind' | 'policy' | 'cadenceOverride'>;

/** Months between follow-ups in a mode: the case's own regular cadence, or its policy's. */
export function cadenceFor(s: Cadenced, mode: CadenceMode): number {
  const p = s.policy;
  const regular = s.cadenceOverride?.months ?? p.cadenceMonths[s.kind];
  switch (mode) {
    case 'regular':
      return regular;
    case 'drifting':
      // "Followed more often": never less often than the regular cadence.
      return Math.min(p.driftingCadenceMonths[s.kind], regular);
    case 'relaxed':
      return Math.max(p.relaxedCadenceMonths[s.kind], regular);
  }
}

/**
 * A due date on the follow-up grid (rules 2): `step` whole cadences after the anchor, counted
 * from the anchor each time so a 31st stays the 31st (or the month's end), capped at the plan's
 * last day, which is the final due date; then onto a business day. A visit early or late does
 * not move the grid: only a change of cadence re-anchors it.
 */
export function gridDue(
  anchor: IsoDate,
  step: number,
  s: Cadenced,
  plan: Plan,
  mode: CadenceMode,
  reason: ScheduleReason,
): EventDataMap['FollowUpScheduled'] {
  const cadenceMonths = cadenceFor(s, mode);
  const next = addMonths(anchor, step * cadenceMonths);
  const due = cappedDue(next, planEndDate(plan, 2), s, cadenceMonths, mode, reason);
  return { ...due, anchor, step };
}

/**
 * The due date after the current one (rules 2): the next step on the grid while the cadence
 * holds; a new grid from `changedOn` when it changes.
 */
export function nextOnGrid(
  s: Cadenced & Pick<OpenedCase, 'schedule'>,
  plan: Plan,
  mode: CadenceMode,
  reason: ScheduleReason,
  changedOn: IsoDate,
): EventDataMap['FollowUpScheduled'] {
  const current = s.schedule;
  if (current?.anchor !== undefined && cadenceFor(s, mode) === current.cadenceMonths) {
    return gridDue(current.anchor, (current.step ?? 0) + 1, s, plan, mode, reason);
  }
  return gridDue(changedOn, 1, s, plan, mode, reason);
}

/**
 * The next follow-up due date under the first rules: whole calendar months after the anchor (the
 * last follow-up, the approval, or a missed due date), never past the plan's end, then onto a
 * business day.
 */
export function scheduleFrom(
  anchor: IsoDate,
  s: Cadenced,
  plan: Plan,
  mode: CadenceMode,
  reason: ScheduleReason,
): EventDataMap['FollowUpScheduled'] {
  const cadenceMonths = cadenceFor(s, mode);
  const next = addMonths(anchor, cadenceMonths);
  return cappedDue(next, planEndDate(plan, 1), s, cadenceMonths, mode, reason);
}

/**
 * The due date `next`, or the plan's end when `next` is not before it (that follow-up is the
 * final one); moved onto a business day. Both rules of time end a plan this way.
 */
function cappedDue(
  next: IsoDate,
  end: IsoDate,
  s: Cadenced,
  cadenceMonths: number,
  mode: CadenceMode,
  reason: ScheduleReason,
): EventDataMap['FollowUpScheduled'] {
  const final = compareDates(next, end) >= 0;
  const nominalDueDate = final ? end : next;
  return {
    dueDate: dueOn(nominalDueDate, s.policy),
    nominalDueDate,
    cadenceMonths,
    mode,
    final,
    reason,
  };
}

/** The cadence after a follow-up, from the streaks it leaves behind (Iwaki 003 l.412–414). */
export function modeAfterFollowUp(
  s: Pick<OpenedCase, 'policy' | 'schedule' | 'openDispatch'>,
  drifting: boolean,
  onTrackStreak: number,
  dispatchOpen: boolean,
): CadenceMode {
  if (drifting) return 'drifting';
  const current = s.schedule?.mode ?? 'regular';
  // Back on track only once the expert has finished: until then keep following closely.
  if (current === 'drifting') return dispatchOpen ? 'drifting' : 'regular';
  const relaxAfter = s.policy.relaxAfterOnTrackFollowUps;
  if (relaxAfter > 0 && onTrackStreak >= relaxAfter) return 'relaxed';
  return current;
}

/**
 * The due date after a missed one (rules 2): the next step on the same grid, in the same mode.
 * The clock takes it when a period's grace runs out; a visit entered after a gap takes it for
 * each period its date shows was missed.
 */
export function nextAfterMissed(
  s: Cadenced & Pick<OpenedCase, 'planApprovedOn'>,
  schedule: Schedule,
  plan: Plan,
): EventDataMap['FollowUpScheduled'] {
  const anchor = schedule.anchor ?? s.planApprovedOn ?? schedule.nominalDueDate;
  return gridDue(anchor, (schedule.step ?? 0) + 1, s, plan, schedule.mode, 'periodMissed');
}
