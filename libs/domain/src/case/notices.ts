import {
  addDays,
  atLocalHour,
  compareDates,
  instantMillis,
  type IsoDate,
  type IsoDateTime,
  laterDate,
  localDate,
  nextBusinessDay,
  previousBusinessDay,
} from '../calendar/dates';
import { planEndDate } from '../plan/plan';
import type { Policy } from '../policy/policy';
import type { NewEvent, NoticeSubject, Recipient } from './events';
import { endingWithCase } from './dispatch-decisions';
import { rulesOf } from './rules';
import { nextAfterMissed, scheduleFrom } from './schedule';
import type { CaseIn, CaseState, OpenedCase } from './state';

/** What the case's clock does next, and when: a reminder, an escalation, a miss, the plan's end. */
export interface ClockStep {
  at: IsoDateTime;
  /** Recorded together: a missed period and the next due date are one step. */
  events: NewEvent[];
}

function subjectOf(s: OpenedCase): NoticeSubject | undefined {
  switch (s.status) {
    case 'analysis':
      return 'analysis';
    case 'planning':
      return 'plan';
    case 'followUp':
      return 'followUp';
    case 'closed':
      return undefined;
  }
}

/** The next step the case's clock owes, and when; undefined when nothing is pending. */
export function nextClockStep(state: CaseState): ClockStep | undefined {
  if (state.status === 'new' || state.status === 'closed') return undefined;
  return rulesOf(state) === 1 ? nextUnderFirstRules(state) : nextOnTheGrid(state);
}

/** When the case next needs waking, in epoch milliseconds, or undefined when nothing is pending. */
export function nextWakeUpMillis(state: CaseState): number | undefined {
  const step = nextClockStep(state);
  return step ? instantMillis(step.at) : undefined;
}

const officerOf = (s: OpenedCase): Recipient => ({ role: 'officer', id: s.officerId });
const managersOf = (s: OpenedCase): Recipient => ({
  role: 'manager',
  organisationId: s.organisationId,
});

// ---- Rules 2 -------------------------------------------------------------------------------

/**
 * The policy's notification hour on a date that is a business day (where the policy keeps to
 * them): a reminder moves earlier, so its lead never shortens; anything else moves later, so no
 * one is told before the grace is over.
 */
function slotOn(date: IsoDate, policy: Policy, move: 'earlier' | 'later'): IsoDateTime {
  const calendar = { yearEndClosure: policy.yearEndClosure };
  const day = !policy.businessDaysOnly
    ? date
    : move === 'earlier'
      ? previousBusinessDay(date, calendar)
      : nextBusinessDay(date, calendar);
  return atLocalHour(day, policy.notifyHour, policy.timeZone);
}

/** The first notification slot at or after an instant. */
function slotFrom(instant: IsoDateTime, policy: Policy): IsoDateTime {
  const today = localDate(instant, policy.timeZone);
  const slot = slotOn(today, policy, 'later');
  return instantMillis(slot) >= instantMillis(instant)
    ? slot
    : slotOn(addDays(today, 1), policy, 'later');
}

const notBefore = (a: IsoDateTime, b: IsoDateTime) => instantMillis(a) >= instantMillis(b);

/**
 * Notices go out for periods still running when their due date was recorded (`armedAt`). A case
 * entered with its past sends no burst of old notices: a reminder whose time had passed is sent
 * at the next slot only if the due date is still ahead; an escalation whose time had passed is
 * never sent, and a follow-up period over before it was recorded is counted as missed, quietly,
 * at the next slot, which leaves the officer the rest of the day to enter the visits that met it.
 */
function nextOnTheGrid(s: Exclude<OpenedCase, CaseIn<'closed'>>): ClockStep | undefined {
  const p = s.policy;
  const subject = subjectOf(s);
  if (!subject) return undefined;
  if (s.status === 'followUp' && s.schedule?.answered) return planEnds(s);
  if (!s.notices) return undefined;
  const { dueDate, reminded, escalated } = s.notices;
  const armedAt = s.notices.armedAt ?? s.openedAt;
  if (!reminded) {
    const due = slotOn(addDays(dueDate, -p.reminderLeadDays), p, 'earlier');
    const late = slotFrom(armedAt, p);
    const at = notBefore(due, armedAt)
      ? due
      : notBefore(atLocalHour(dueDate, p.notifyHour, p.timeZone), late)
        ? late
        : undefined;
    if (at) {
      return {
        at,
        events: [{ type: 'ReminderSent', data: { subject, dueDate, recipient: officerOf(s) } }],
      };
    }
  }
  if (escalated) return undefined;
  // Overdue from the day after the due date; follow-ups get the policy's grace on top.
  const grace = subject === 'followUp' ? p.overdueGraceDays : 0;
  const due = slotOn(addDays(dueDate, grace + 1), p, 'later');
  const live = notBefore(due, armedAt);
  const escalation: NewEvent[] = live
    ? [{ type: 'EscalationRaised', data: { subject, dueDate, recipient: managersOf(s) } }]
    : [];
  // An analysis or a plan past its deadline stays flagged in the lists until it is done.
  if (s.status !== 'followUp') return live ? { at: due, events: escalation } : undefined;
  const at = live ? due : slotFrom(armedAt, p);
  const events = [...escalation, ...missed(s, live, at)];
  // A step with nothing to record would wake the case again at once, for ever.
  return events.length > 0 ? { at, events } : undefined;
}

/** A follow-up period's grace ran out: the miss, then the next due date, or the plan's end. */
function missed(s: CaseIn<'followUp'>, escalated: boolean, at: IsoDateTime): NewEvent[] {
  const schedule = s.schedule;
  if (!schedule) return [];
  const miss: NewEvent = { type: 'FollowUpMissed', data: { dueDate: schedule.dueDate, escalated } };
  if (schedule.final)
    return [miss, ...endingWithCase(s, planEndDate(s.plan, 2)), closeAtPlanEnd(s)];
  const next = nextAfterMissed(s, schedule, s.plan);
  return [miss, { type: 'FollowUpScheduled', data: { ...next, knownAt: at } }];
}

/** The final follow-up is done: the case closes itself the day after its plan's last day. */
function planEnds(s: CaseIn<'followUp'>): ClockStep {
  const end = planEndDate(s.plan, 2);
  return {
    at: slotOn(addDays(end, 1), s.policy, 'later'),
    events: [...endingWithCase(s, end), closeAtPlanEnd(s)],
  };
}

export function closeAtPlanEnd(s: CaseIn<'followUp'>): NewEvent {
  const end = planEndDate(s.plan, 2);
  return {
    type: 'CaseClosed',
    data: { reason: 'planPeriodEnded', closedOn: laterDate(end, s.lastStepOn ?? end) },
  };
}

// ---- Rules 1, for cases opened before dated steps --------------------------------------------

function nextUnderFirstRules(s: Exclude<OpenedCase, CaseIn<'closed'>>): ClockStep | undefined {
  if (!s.notices) return undefined;
  const subject = subjectOf(s);
  if (!subject) return undefined;
  const { dueDate, reminded, escalated } = s.notices;
  const p = s.policy;
  if (!reminded) {
    return {
      at: atLocalHour(addDays(dueDate, -p.reminderLeadDays), p.notifyHour, p.timeZone),
      events: [{ type: 'ReminderSent', data: { subject, dueDate, recipient: officerOf(s) } }],
    };
  }
  if (escalated) return undefined;
  const grace = subject === 'followUp' ? p.overdueGraceDays : 0;
  const events: NewEvent[] = [
    { type: 'EscalationRaised', data: { subject, dueDate, recipient: managersOf(s) } },
  ];
  if (s.status === 'followUp' && s.schedule && !s.schedule.final) {
    // A missed period does not stop the clock: the next period starts from the missed due date.
    const { nominalDueDate, mode } = s.schedule;
    events.push({
      type: 'FollowUpScheduled',
      data: scheduleFrom(nominalDueDate, s, s.plan, mode, 'periodMissed'),
    });
  }
  return { at: atLocalHour(addDays(dueDate, grace + 1), p.notifyHour, p.timeZone), events };
}

/** Whether a date is past a due date's grace: a visit then no longer meets it. */
export function pastGrace(dueDate: IsoDate, on: IsoDate, policy: Policy): boolean {
  return compareDates(on, addDays(dueDate, policy.overdueGraceDays)) > 0;
}
