import { addDays, addMonths, nextBusinessDay } from '@banso/domain';
import { useWorkflowHarness } from '@banso/testing/workflows/harness';
import { MANAGER } from '@banso/testing/fixtures';
import {
  lastOf,
  ofType,
  reminderDay,
  sleepUntilNoticeOn,
  todayIn,
  toFollowUp,
  view,
} from '@banso/testing/workflows/case-steps';
import { maybeRecordHistory } from '@banso/testing/workflows/history-recorder';

const h = useWorkflowHarness();

const onTrack = { 'monthly-sales': 10_100 };
const farBehind = { 'monthly-sales': 7_500 };

describe('drift, expert dispatch and recovery', () => {
  it('proposes an expert, a manager confirms, the case is followed closely, then relaxes once back on track', async () => {
    const { caseId, handle } = await h.openCase('standard', { relaxAfterOnTrackFollowUps: 3 });
    await toFollowUp(h, handle);

    // An early visit shows sales 25 % behind plan.
    const firstVisit = await todayIn(h);
    const drifted = await h.command(handle, 'recordFollowUp', {
      visitedOn: firstVisit,
      method: 'visit',
      actuals: farBehind,
    });
    expect(lastOf(drifted.events, 'FollowUpRecorded').data.drifting).toBe(true);
    // The policy leaves the dispatch to judgement: drift proposes it, a manager decides.
    expect(lastOf(drifted.events, 'ExpertDispatchProposed').data).toMatchObject({
      driftingKpis: ['monthly-sales'],
      driftingFollowUps: 1,
    });
    expect(h.notificationsOf(caseId).map((n) => [n.kind, n.recipient.role])).toContainEqual([
      'dispatchProposed',
      'manager',
    ]);
    const confirmed = await h.command(
      handle,
      'confirmDispatchProposal',
      { programme: 'yorozuSupportCentre', note: '価格設定の専門家を依頼' },
      MANAGER,
    );
    expect(lastOf(confirmed.events, 'ExpertDispatchRequested').data).toMatchObject({
      driftingKpis: ['monthly-sales'],
      programme: 'yorozuSupportCentre',
      proposalId: `${caseId}-proposal-1`,
    });
    const close = lastOf(drifted.events, 'FollowUpScheduled').data;
    expect(close).toMatchObject({ mode: 'drifting', cadenceMonths: 1, reason: 'followUpRecorded' });
    expect(close.dueDate).toBe(nextBusinessDay(addMonths(firstVisit, 1)));
    expect(h.notificationsOf(caseId).map((n) => [n.kind, n.recipient.role])).toContainEqual([
      'dispatchRequested',
      'manager',
    ]);

    // The timer was re-armed for the closer due date: the reminder comes a month out, not three.
    await sleepUntilNoticeOn(h, reminderDay(close.dueDate));
    expect(lastOf((await view(h, caseId, handle)).events, 'ReminderSent').data.dueDate).toBe(
      close.dueDate,
    );

    // On track again, but the expert has not reported yet: keep following closely.
    const second = await h.command(handle, 'recordFollowUp', {
      visitedOn: await todayIn(h),
      method: 'visit',
      actuals: onTrack,
    });
    expect(lastOf(second.events, 'FollowUpScheduled').data.mode).toBe('drifting');

    await h.command(handle, 'completeExpertDispatch', {
      expert: { name: '中小企業診断士 田中', programme: 'よろず支援拠点' },
      summary: '価格設定と販促計画を見直し',
    });
    const recovered = await h.command(handle, 'recordFollowUp', {
      visitedOn: await todayIn(h),
      method: 'visit',
      actuals: onTrack,
    });
    expect(lastOf(recovered.events, 'FollowUpScheduled').data).toMatchObject({
      mode: 'regular',
      cadenceMonths: 3,
    });

    // Three on-track follow-ups in a row: the policy's relaxed cadence.
    await sleepUntilNoticeOn(h, lastOf(recovered.events, 'FollowUpScheduled').data.dueDate);
    const relaxed = await h.command(handle, 'recordFollowUp', {
      visitedOn: await todayIn(h),
      method: 'desk',
      actuals: onTrack,
    });
    const relaxedSchedule = lastOf(relaxed.events, 'FollowUpScheduled').data;
    expect(relaxedSchedule).toMatchObject({ mode: 'relaxed', cadenceMonths: 6 });

    const { state, events } = await view(h, caseId, handle);
    expect(state.status === 'followUp' && state.dispatchesCompleted).toBe(1);
    expect(ofType(events, 'FollowUpRecorded').map((e) => e.data.drifting)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(h.store.eventsOf(caseId)).toEqual(events);

    await h.command(
      handle,
      'closeCase',
      { reason: 'selfSustaining', note: '自走化を確認' },
      MANAGER,
    );
    expect(await handle.result()).toMatchObject({
      status: 'closed',
      closed: { reason: 'selfSustaining' },
    });
    await maybeRecordHistory(handle, 'standard-case-drift-dispatch-recovery');
  });

  it('closes by itself once the plan period is over, its last follow-up done', async () => {
    const { caseId, handle } = await h.openCase('founder');
    const start = await toFollowUp(h, handle, 2);
    const first = nextBusinessDay(addMonths(start, 1));
    await sleepUntilNoticeOn(h, first);
    const mid = await h.command(handle, 'recordFollowUp', {
      visitedOn: await todayIn(h),
      method: 'visit',
      actuals: onTrack,
    });
    const finalDue = lastOf(mid.events, 'FollowUpScheduled').data;
    // Two months from the start end on the day before the start's day, inclusive.
    const end = addDays(addMonths(start, 2), -1);
    expect(finalDue).toMatchObject({ final: true, nominalDueDate: end });

    await sleepUntilNoticeOn(h, reminderDay(finalDue.dueDate));
    const last = await h.command(handle, 'recordFollowUp', {
      visitedOn: await todayIn(h),
      method: 'visit',
      actuals: { 'monthly-sales': 10_200 },
    });
    // Recorded before the plan's last day: the case stays open until the period is over.
    expect(last.state.status).toBe('followUp');

    await sleepUntilNoticeOn(h, nextBusinessDay(addDays(end, 1)));
    expect(await handle.result()).toMatchObject({
      status: 'closed',
      closed: { reason: 'planPeriodEnded', closedOn: end },
    });
    const closing = lastOf(h.store.eventsOf(caseId), 'CaseClosed');
    expect(closing.actor.role).toBe('system');
    expect(h.notificationsOf(caseId).filter((n) => n.kind === 'caseClosed')).toHaveLength(1);
    await maybeRecordHistory(handle, 'founder-case-closes-at-plan-end');
  });
});
