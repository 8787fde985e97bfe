import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { type CommandData, fold, type Plan } from '@banso/domain';
import { caseWorkflowId } from '../definitions';
import { ofType, todayIn, toFollowUp, view } from '@banso/testing/workflows/case-steps';
import { ANALYSIS, ORG_ID } from '@banso/testing/fixtures';
import { type CaseHandle, useWorkflowHarness } from '@banso/testing/workflows/harness';

const h = useWorkflowHarness();

async function failureOf(promise: Promise<unknown>): Promise<ApplicationFailure> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
}

/** The runs of a workflow id in order, each with the size of the input it started with. */
async function runs(caseId: string, handle: CaseHandle) {
  const found: Array<{ events: number; inputBytes: number }> = [];
  let runId: string | undefined = (handle as { firstExecutionRunId?: string }).firstExecutionRunId;
  while (runId) {
    const history = await h.env.client.workflow
      .getHandle(caseWorkflowId(ORG_ID, caseId), runId)
      .fetchHistory();
    const events = history.events ?? [];
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    const inputBytes = (started?.input?.payloads ?? []).reduce(
      (sum, p) => sum + (p.data?.length ?? 0),
      0,
    );
    found.push({ events: events.length, inputBytes });
    runId =
      events[events.length - 1]?.workflowExecutionContinuedAsNewEventAttributes
        ?.newExecutionRunId ?? undefined;
  }
  return found;
}

/** The largest plan the schema allows: ten years, fifty long actions, five KPIs of 120 targets. */
function maximalPlan(startDate: string, revision: number): Plan {
  const long = (n: number) =>
    `改訂${revision}・${'販路開拓と生産性向上の取組'.repeat(40)}`.slice(0, n);
  return {
    title: long(200),
    startDate,
    months: 120,
    actions: Array.from({ length: 50 }, () => long(500)),
    kpis: Array.from({ length: 5 }, (_, k) => ({
      id: `kpi-${k}`,
      name: long(200),
      unit: '千円',
      baseline: 10_000,
      direction: 'higher' as const,
      targets: Array.from({ length: 120 }, (_, m) => ({
        month: m + 1,
        value: 10_000 + (m + 1) * (10 + revision),
      })),
    })),
  };
}

describe('exactly once, as the engine promises', () => {
  it('answers a repeated command id with the first result and does nothing again', async () => {
    const { caseId, handle } = await h.openCase('standard');
    await toFollowUp(h, handle);
    const today = await todayIn(h);
    const visit: CommandData<'recordFollowUp'> = {
      visitedOn: today,
      method: 'visit',
      actuals: { 'monthly-sales': 10_050 },
    };
    const first = await h.command(handle, 'recordFollowUp', visit, undefined, 'visit-1');
    const logged = h.store.eventsOf(caseId);
    const again = await h.command(handle, 'recordFollowUp', visit, undefined, 'visit-1');

    expect(h.store.eventsOf(caseId)).toEqual(logged);
    expect(ofType(logged, 'FollowUpRecorded')).toHaveLength(1);
    // Every event names the command that caused it.
    for (const event of first.events) expect(event.commandId).toBe('visit-1');
    // The repeat points at the first result in the log (same events, same seqs).
    const seqs = first.events.map((e) => e.seq);
    expect(again.replayed).toEqual({ firstSeq: seqs[0], lastSeq: seqs[seqs.length - 1] });
    expect(again.events).toEqual([]);
  });

  it('refuses the same command id with another body, and changes nothing', async () => {
    const { caseId, handle } = await h.openCase('standard');
    await h.command(handle, 'recordAnalysis', ANALYSIS, undefined, 'key-a');
    const before = h.store.eventsOf(caseId);
    const today = await todayIn(h);

    const otherBody = await failureOf(
      h.command(handle, 'draftPlan', { plan: maximalPlan(today, 0) }, undefined, 'key-a'),
    );
    expect(otherBody.type).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(h.store.eventsOf(caseId)).toEqual(before);
    expect((await view(h, caseId, handle)).state).toEqual(fold(before));
  });

  it('carries what exactly-once needs across continue-as-new, and fifty maximal revisions with it', async () => {
    const { caseId, handle } = await h.openCase('standard', {}, { maxHistoryEvents: 40 });
    await toFollowUp(h, handle);
    const today = await todayIn(h);

    for (let revision = 1; revision <= 50; revision++) {
      await h.command(
        handle,
        'revisePlan',
        { plan: maximalPlan(today, revision), reason: `第${revision}回の見直し` },
        undefined,
        `revision-${revision}`,
      );
    }
    const chain = await runs(caseId, handle);
    expect(chain.length).toBeGreaterThan(3);
    // Each run starts from the folded state and the command ledger, never the event list: five
    // maximal plans alone would pass Temporal's 2 MB payload limit.
    for (const run of chain) expect(run.inputBytes).toBeLessThan(400_000);
    for (const run of chain) expect(run.events).toBeLessThan(2000);

    const latest = h.env.client.workflow.getHandle(caseWorkflowId(ORG_ID, caseId));
    const { state, events } = await view(h, caseId, latest);
    expect(ofType(events, 'PlanRevised')).toHaveLength(50);
    expect(state).toEqual(fold(events));
    expect(state.status === 'followUp' && state.plan?.title).toBe(maximalPlan(today, 50).title);

    // The first revision was done several runs ago: sent again, it is answered, not done again.
    const repeat = await h.command(
      latest,
      'revisePlan',
      { plan: maximalPlan(today, 1), reason: '第1回の見直し' },
      undefined,
      'revision-1',
    );
    expect(repeat.replayed).toBeDefined();
    expect(ofType(h.store.eventsOf(caseId), 'PlanRevised')).toHaveLength(50);
    // And the same key with another body is still refused.
    const conflict = await failureOf(
      h.command(
        latest,
        'revisePlan',
        { plan: maximalPlan(today, 1), reason: '別の理由' },
        undefined,
        'revision-1',
      ),
    );
    expect(conflict.type).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('reports a refusal of the log as an incident, answers CASE_NEEDS_ATTENTION, and keeps taking commands', async () => {
    const { caseId, handle } = await h.openCase('standard');
    const before = h.store.eventsOf(caseId);
    h.store.refuse.add(caseId);
    const failure = await failureOf(h.command(handle, 'recordAnalysis', ANALYSIS));
    expect(failure.type).toBe('CASE_NEEDS_ATTENTION');
    expect(h.incidents.of(caseId)).toEqual([
      expect.objectContaining({ code: 'DATABASE_REJECTED', during: 'recordAnalysis' }),
    ]);
    expect(h.store.eventsOf(caseId)).toEqual(before);

    // Once the log takes events again, the case goes on where it was.
    h.store.refuse.delete(caseId);
    const result = await h.command(handle, 'recordAnalysis', ANALYSIS);
    expect(result.state.status).toBe('planning');
    expect(result.state).toEqual(fold(h.store.eventsOf(caseId)));
  });

  it('sends notifications only through the append: the old delivery activity is never called', async () => {
    const { caseId, handle } = await h.openCase('founder');
    await toFollowUp(h, handle);
    await h.env.sleep('40 days');
    expect(h.notificationsOf(caseId).map((n) => n.kind)).toContain('reminder');
    expect(h.notifier.deliveries).toBe(0);
  });
});
