import { addDays, atLocalHour, instantMillis, type IsoDateTime } from '../calendar/dates';
import type { NewEvent, NoticeSubject, Recipient } from './events';
import type { CaseState, OpenedCase } from './state';

export interface PendingNotice {
  at: IsoDateTime;
  event: NewEvent;
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

/** The next reminder or escalation the case owes, and when. */
export function nextNotice(state: CaseState): PendingNotice | undefined {
  if (state.status === 'new' || !state.notices) return undefined;
  const subject = subjectOf(state);
  if (!subject) return undefined;
  const { dueDate, reminded, escalated } = state.notices;
  const p = state.policy;
  const officer: Recipient = { role: 'officer', id: state.officerId };
  const managers: Recipient = { role: 'manager', organisationId: state.organisationId };
  if (!reminded) {
    return {
      at: atLocalHour(addDays(dueDate, -p.reminderLeadDays), p.notifyHour, p.timeZone),
      event: { type: 'ReminderSent', data: { subject, dueDate, recipient: officer } },
    };
  }
  if (!escalated) {
    // Overdue from the day after the due date; follow-ups get the policy's grace on top.
    const grace = subject === 'followUp' ? p.overdueGraceDays : 0;
    return {
      at: atLocalHour(addDays(dueDate, grace + 1), p.notifyHour, p.timeZone),
      event: { type: 'EscalationRaised', data: { subject, dueDate, recipient: managers } },
    };
  }
  return undefined;
}

/** When the case next needs waking, in epoch milliseconds, or undefined when nothing is pending. */
export function nextWakeUpMillis(state: CaseState): number | undefined {
  const notice = nextNotice(state);
  return notice ? instantMillis(notice.at) : undefined;
}
