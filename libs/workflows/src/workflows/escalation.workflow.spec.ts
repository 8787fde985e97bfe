import {
  addDays,
  addMonths,
  atLocalHour,
  DEFAULT_POLICY,
  instantMillis,
  nextBusinessDay,
} from '@banso/domain';
import { useWorkflowHarness } from '@banso/testing/workflows/harness';
import {
  lastOf,
  ofType,
  escalationDay,
  reminderDay,
  sleepUntilNoticeOn,
  todayIn,
  toFollowUp,
  TZ,
  view,
} from '@banso/testing/workflows/case-steps';
import { ANALYSIS } from '@banso/testing/fixtures';

const h = useWorkflowHarness();

const { overdueGraceDays, analysisDeadlineDays, planDeadlineDays } = DEFAULT_POLICY;

describe('reminders and escalations', () => {
  it('escalates an overdue follow-up to the managers and starts the next period', async () => {
    const { caseId, handle } = await h.openCase('standard');
    const approvedOn = await toFollowUp(h, handle);
    const due = nextBusinessDay(addMonths(approvedOn, 3));

    await sleepUntilNoticeOn(h, due, overdueGraceDays);
    let { state, events } = await view(h, caseId, handle);
    expect(ofType(events, 'EscalationRaised')).toHaveLength(0);
    expect(state.status === 'followUp' && state.overdue).toBe(false);

    await sleepUntilNoticeOn(h, escalationDay(due));
    ({ state, events } = await view(h, caseId, handle));
    const reminder = lastOf(events, 'ReminderSent');
    expect(reminder.data).toEqual({
      subject: 'followUp',
      dueDate: due,
      recipient: { role: 'officer', id: 'officer-sato' },
    });
    expect(instantMillis(reminder.at)).toBeGreaterThanOrEqual(
      instantMillis(atLocalHour(reminderDay(due), 9, TZ)),
    );
    const escalation = lastOf(events, 'EscalationRaised');
    expect(escalation.data).toEqual({
      subject: 'followUp',
      dueDate: due,
      recipient: { role: 'manager', organisationId: 'org-kanazawa-cci' },
    });
    expect(instantMillis(escalation.at)).toBeGreaterThanOrEqual(
      instantMillis(atLocalHour(escalationDay(due), 9, TZ)),
    );
    expect(lastOf(events, 'FollowUpMissed').data).toEqual({ dueDate: due, escalated: true });
    const next = lastOf(events, 'FollowUpScheduled');
    expect(next.data).toMatchObject({
      reason: 'periodMissed',
      dueDate: nextBusinessDay(addMonths(approvedOn, 6)),
    });
    expect(state.status === 'followUp' && state.overdue).toBe(true);
    expect(h.notificationsOf(caseId).filter((n) => n.kind === 'escalation')).toHaveLength(1);

    // The officer catches up: the visit answers the period it falls in, the overdue flag clears
    // and the grid holds: the next due date is nine months after the approval.
    const result = await h.command(handle, 'recordFollowUp', {
      visitedOn: await todayIn(h),
      method: 'visit',
      actuals: { 'monthly-sales': 10_300 },
    });
    expect(result.state.status === 'followUp' && result.state.overdue).toBe(false);
    expect(lastOf(result.events, 'FollowUpRecorded').data.dueDate).toBe(
      nextBusinessDay(addMonths(approvedOn, 6)),
    );
    expect(lastOf(result.events, 'FollowUpScheduled').data.dueDate).toBe(
      nextBusinessDay(addMonths(approvedOn, 9)),
    );
  });

  it('reminds before the analysis deadline and escalates the day after it passes', async () => {
    const { caseId, handle } = await h.openCase('founder');
    const openedOn = lastOf((await view(h, caseId, handle)).events, 'CaseOpened').data.openedOn;
    const deadline = nextBusinessDay(addDays(openedOn, analysisDeadlineDays));

    await sleepUntilNoticeOn(h, reminderDay(deadline));
    let { events } = await view(h, caseId, handle);
    expect(ofType(events, 'ReminderSent').map((e) => e.data)).toEqual([
      {
        subject: 'analysis',
        dueDate: deadline,
        recipient: { role: 'officer', id: 'officer-sato' },
      },
    ]);
    expect(ofType(events, 'EscalationRaised')).toHaveLength(0);

    await sleepUntilNoticeOn(h, escalationDay(deadline, 0));
    ({ events } = await view(h, caseId, handle));
    expect(ofType(events, 'EscalationRaised').map((e) => e.data)).toEqual([
      {
        subject: 'analysis',
        dueDate: deadline,
        recipient: { role: 'manager', organisationId: 'org-kanazawa-cci' },
      },
    ]);

    // Recording the analysis re-arms the timers for the plan's own deadline.
    const analysed = await h.command(handle, 'recordAnalysis', ANALYSIS);
    const analysedOn = lastOf(analysed.events, 'AnalysisRecorded').data.analysedOn;
    const planDeadline = nextBusinessDay(addDays(analysedOn, planDeadlineDays));
    await sleepUntilNoticeOn(h, escalationDay(planDeadline, 0));
    ({ events } = await view(h, caseId, handle));
    expect(ofType(events, 'ReminderSent').map((e) => e.data.subject)).toEqual(['analysis', 'plan']);
    expect(ofType(events, 'EscalationRaised').map((e) => [e.data.subject, e.data.dueDate])).toEqual(
      [
        ['analysis', deadline],
        ['plan', planDeadline],
      ],
    );
  });
});
