import { temporal } from '@temporalio/proto';
import { lastOf, ofType, toFollowUp, view } from '@banso/testing/workflows/case-steps';
import { type CaseHandle, useWorkflowHarness } from '@banso/testing/workflows/harness';

const h = useWorkflowHarness();

/** The timers the case's run has started and cancelled so far, from its Temporal history. */
async function timers(handle: CaseHandle): Promise<{ started: number; cancelled: number }> {
  const { events } = await handle.fetchHistory();
  const { EventType } = temporal.api.enums.v1;
  const count = (type: temporal.api.enums.v1.EventType) =>
    (events ?? []).filter((e) => e.eventType === type).length;
  return {
    started: count(EventType.EVENT_TYPE_TIMER_STARTED),
    cancelled: count(EventType.EVENT_TYPE_TIMER_CANCELED),
  };
}

describe('the case clock', () => {
  it('keeps its timer while commands leave the next wake-up where it was, and still rings on time', async () => {
    const { caseId, handle } = await h.openCase('standard');
    await toFollowUp(h, handle);
    const before = await timers(handle);

    // Contacts are counted but answer no follow-up: the next reminder stays where it was.
    for (const method of ['phone', 'desk', 'email'] as const) {
      await h.command(handle, 'recordContact', { method });
    }
    expect(await timers(handle)).toEqual(before);

    // The timer kept is the one that sends the reminder before the first follow-up is due.
    await h.env.sleep('100 days');
    const { events } = await view(h, caseId, handle);
    expect(ofType(events, 'ContactRecorded')).toHaveLength(3);
    const reminder = lastOf(events, 'ReminderSent');
    expect(reminder.data.subject).toBe('followUp');
  });

  it('moves its timer when a command moves the next wake-up', async () => {
    const { caseId, handle } = await h.openCase('standard');
    await toFollowUp(h, handle);
    const before = await timers(handle);

    // Monthly instead of quarterly: the first follow-up, and its reminder, come two months sooner.
    await h.command(handle, 'setCadence', { months: 1, reason: '資金繰りが厳しく、毎月確認する' });
    const after = await timers(handle);
    expect(after).toEqual({ started: before.started + 1, cancelled: before.cancelled + 1 });

    await h.env.sleep('40 days');
    const { events } = await view(h, caseId, handle);
    expect(lastOf(events, 'ReminderSent').data.subject).toBe('followUp');
  });
});
