import { type CaseHandle, useWorkflowHarness } from '@banso/testing/workflows/harness';
import { ofType, toFollowUp, view } from '@banso/testing/workflows/case-steps';
import { caseWorkflowId } from '../definitions';
import { ORG_ID } from '@banso/testing/fixtures';

const h = useWorkflowHarness();

/** Follows the chain of runs of one workflow id, with each run's history length. */
async function runHistoryLengths(workflowId: string, firstRunId: string): Promise<number[]> {
  const lengths: number[] = [];
  let runId: string | undefined = firstRunId;
  while (runId) {
    const history: Awaited<ReturnType<CaseHandle['fetchHistory']>> = await h.env.client.workflow
      .getHandle(workflowId, runId)
      .fetchHistory();
    const events = history.events ?? [];
    lengths.push(events.length);
    runId =
      events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes
        ?.newExecutionRunId ?? undefined;
  }
  return lengths;
}

describe('a five-year founder case', () => {
  it('continues as new before its history grows large and keeps every event', async () => {
    const { caseId, handle } = await h.openCase('founder');
    await toFollowUp(h, handle, 60);

    await h.env.sleep('1850 days');

    const { state, events } = await view(h, caseId, handle);
    const lengths = await runHistoryLengths(
      caseWorkflowId(ORG_ID, caseId),
      handle.firstExecutionRunId,
    );
    expect(lengths.length).toBeGreaterThan(1);
    for (const length of lengths) expect(length).toBeLessThan(2000);

    // Nothing lost across runs: one event per seq, in order, all of them in the log.
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(h.store.eventsOf(caseId)).toEqual(events);
    expect(state.version).toBe(events.length);
    // Sixty monthly periods, each reminded, escalated and missed; then the plan's end closes it.
    expect(
      ofType(events, 'ReminderSent').filter((e) => e.data.subject === 'followUp'),
    ).toHaveLength(60);
    expect(
      ofType(events, 'EscalationRaised').filter((e) => e.data.subject === 'followUp'),
    ).toHaveLength(60);
    expect(ofType(events, 'FollowUpMissed')).toHaveLength(60);
    expect(state).toMatchObject({
      status: 'closed',
      missedFollowUps: 60,
      closed: { reason: 'planPeriodEnded' },
    });
  });
});
