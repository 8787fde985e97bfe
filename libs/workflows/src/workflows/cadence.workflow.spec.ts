import { type CaseEvent, localDate, toInstant } from '@banso/domain';
import { ANALYSIS, planData } from '../testing/fixtures';
import { type CaseHandle, WorkflowHarness } from '../testing/harness';
import { caseStateQuery } from '../definitions';

let h: WorkflowHarness;
beforeAll(async () => {
  h = await WorkflowHarness.start();
});
afterAll(async () => {
  await h?.stop();
});

async function toFollowUp(handle: CaseHandle): Promise<void> {
  const today = localDate(toInstant(await h.now()), 'Asia/Tokyo');
  await h.command(handle, 'recordAnalysis', ANALYSIS);
  await h.command(handle, 'draftPlan', planData(today, 36));
  await h.command(handle, 'approvePlan', {});
}

const followUpReminders = (events: CaseEvent[]) =>
  events.filter((e) => e.type === 'ReminderSent' && e.data.subject === 'followUp');

describe('follow-up cadence over one simulated year', () => {
  it('reminds a founder twelve times, a standard case four, a semiannual chamber twice', async () => {
    const founder = await h.openCase('founder');
    const standard = await h.openCase('standard');
    const semiannual = await h.openCase('standard', {
      cadenceMonths: { standard: 6, founder: 1, succession: 6 },
      relaxedCadenceMonths: { standard: 12, founder: 3, succession: 12 },
    });
    for (const c of [founder, standard, semiannual]) await toFollowUp(c.handle);

    await h.env.sleep('365 days');

    const counts = await Promise.all(
      [founder, standard, semiannual].map(async ({ caseId, handle }) => {
        const { events } = await handle.query(caseStateQuery);
        const reminders = followUpReminders(events);
        // What the workflow folded is what the activities were handed, exactly once each.
        expect(h.store.eventsOf(caseId)).toEqual(events);
        const delivered = h.notifier.of(caseId).filter((n) => n.kind === 'reminder');
        expect(delivered.map((n) => n.seq)).toEqual(reminders.map((e) => e.seq));
        return reminders.length;
      }),
    );
    expect(counts).toEqual([12, 4, 2]);
  });
});
