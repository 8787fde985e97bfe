import { addDays, addMonths, compareDates, type IsoDate, nextBusinessDay } from '../calendar/dates';
import { planEndDate, type Plan } from '../plan/plan';
import type { Policy } from '../policy/policy';
import type { CadenceMode, EventDataMap, ScheduleReason } from './events';
import type { OpenedCase } from './state';

/** A deadline or due date, moved off weekends and holidays where the policy says so. */
export function dueOn(date: IsoDate, policy: Policy): IsoDate {
  return policy.businessDaysOnly
    ? nextBusinessDay(date, { yearEndClosure: policy.yearEndClosure })
    : date;
}

export function deadlineAfter(from: IsoDate, days: number, policy: Policy): IsoDate {
  return dueOn(addDays(from, days), policy);
}

export function cadenceFor(s: Pick<OpenedCase, 'kind' | 'policy'>, mode: CadenceMode): number {
  const p = s.policy;
  switch (mode) {
    case 'regular':
      return p.cadenceMonths[s.kind];
    case 'drifting':
      // "Followed more often": never less often than the regular cadence.
      return Math.min(p.driftingCadenceMonths[s.kind], p.cadenceMonths[s.kind]);
    case 'relaxed':
      return Math.max(p.relaxedCadenceMonths[s.kind], p.cadenceMonths[s.kind]);
  }
}

/**
 * The next follow-up due date: whole calendar months after the anchor (the last follow-up, the
 * approval, or a missed due date), never past the plan's end, then onto a business day.
 */
export function scheduleFrom(
  anchor: IsoDate,
  s: Pick<OpenedCase, 'kind' | 'policy'>,
  plan: Plan,
  mode: CadenceMode,
  reason: ScheduleReason,
): EventDataMap['FollowUpScheduled'] {
  const cadenceMonths = cadenceFor(s, mode);
  const end = planEndDate(plan);
  const next = addMonths(anchor, cadenceMonths);
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
