import {
  addDays,
  atLocalHour,
  type CaseEvent,
  type CaseKind,
  type CaseState,
  type EventOf,
  type EventType,
  DEFAULT_POLICY,
  instantMillis,
  localDate,
  nextBusinessDay,
  previousBusinessDay,
  toInstant,
} from '@banso/domain';
import { caseStateQuery } from '@banso/workflows';
import { ANALYSIS, MANAGER, planData } from '../fixtures';
import type { CaseHandle, WorkflowHarness } from './harness';

export const TZ = 'Asia/Tokyo';

export async function todayIn(h: WorkflowHarness): Promise<string> {
  return localDate(toInstant(await h.now()), TZ);
}

/** Analysis, plan and approval on the harness's current day; returns the plan start. */
export async function toFollowUp(
  h: WorkflowHarness,
  handle: CaseHandle,
  months = 36,
  kind: CaseKind = 'standard',
): Promise<string> {
  const today = await todayIn(h);
  await h.command(handle, 'recordAnalysis', ANALYSIS);
  await h.command(handle, 'draftPlan', planData(today, months, kind));
  await h.command(handle, 'approvePlan', {}, MANAGER);
  return today;
}

/** The case's state, from the workflow, and its events, from the log. */
export async function view(
  h: WorkflowHarness,
  caseId: string,
  handle: CaseHandle,
): Promise<{ state: CaseState; events: CaseEvent[] }> {
  return { state: await handle.query(caseStateQuery), events: h.store.eventsOf(caseId) };
}

export function ofType<T extends EventType>(events: CaseEvent[], type: T): EventOf<T>[] {
  return events.filter((e): e is EventOf<T> => e.type === type);
}

export function lastOf<T extends EventType>(events: CaseEvent[], type: T): EventOf<T> {
  const found = ofType(events, type).pop();
  if (!found) throw new Error(`no ${type} among ${events.map((e) => e.type).join(', ')}`);
  return found;
}

/** Sleeps the time-skipping server until just past 09:00 JST, `days` after `date`. */
export async function sleepUntilNoticeOn(
  h: WorkflowHarness,
  date: string,
  days = 0,
): Promise<void> {
  const target = instantMillis(atLocalHour(addDays(date, days), 9, TZ)) + 60_000;
  const now = await h.now();
  if (target > now) await h.env.sleep(target - now);
}

/** The day a reminder goes out under the default policy: the business day on or before. */
export function reminderDay(dueDate: string, leadDays = DEFAULT_POLICY.reminderLeadDays): string {
  return previousBusinessDay(addDays(dueDate, -leadDays));
}

/** The day an escalation goes out under the default policy: the business day after the grace. */
export function escalationDay(
  dueDate: string,
  graceDays = DEFAULT_POLICY.overdueGraceDays,
): string {
  return nextBusinessDay(addDays(dueDate, graceDays + 1));
}
