import { addMonths, type CaseEvent, fold, nextBusinessDay } from '@banso/domain';
import { lastOf, toFollowUp, view } from '@banso/testing/workflows/case-steps';
import { useWorkflowHarness } from '@banso/testing/workflows/harness';

const h = useWorkflowHarness();

/** Due dates in the plan's first year: up to twelve months after the approval. */
const followUpRemindersInFirstYear = (events: CaseEvent[]) => {
  const approvedOn = lastOf(events, 'PlanApproved').data.approvedOn;
  const yearEnd = nextBusinessDay(addMonths(approvedOn, 12));
  return events.filter(
    (e) => e.type === 'ReminderSent' && e.data.subject === 'followUp' && e.data.dueDate <= yearEnd,
  );
};

describe('follow-up cadence over one simulated year', () => {
  it('reminds a founder twelve times, a standard case four, a semiannual chamber twice', async () => {
    const founder = await h.openCase('founder');
    const standard = await h.openCase('standard');
    const semiannual = await h.openCase('standard', {
      cadenceMonths: { standard: 6, founder: 1, succession: 6 },
      relaxedCadenceMonths: { standard: 12, founder: 3, succession: 12 },
    });
    for (const c of [founder, standard, semiannual]) await toFollowUp(h, c.handle);

    // A little past the year, so a twelfth due date that a holiday pushed into the next year
    // still has its reminder; the count is of due dates within the year.
    await h.env.sleep('380 days');

    const counts = await Promise.all(
      [founder, standard, semiannual].map(async ({ caseId, handle }) => {
        const { state, events } = await view(h, caseId, handle);
        const reminders = followUpRemindersInFirstYear(events);
        // What the workflow folded is what the log holds, exactly once each.
        expect(state).toEqual(fold(events));
        const delivered = h.notificationsOf(caseId).filter((n) => n.kind === 'reminder');
        const sent = events.filter((e) => e.type === 'ReminderSent');
        expect(delivered.map((n) => n.seq)).toEqual(sent.map((e) => e.seq));
        return reminders.length;
      }),
    );
    expect(counts).toEqual([12, 4, 2]);
  });
});
