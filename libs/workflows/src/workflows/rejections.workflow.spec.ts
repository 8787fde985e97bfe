import { ApplicationFailure } from '@temporalio/common';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { DomainError } from '@banso/domain';
import type { UpdateCommandType } from '../definitions';
import { ANALYSIS, MANAGER, OFFICER, planData } from '@banso/testing/fixtures';
import { type CaseHandle, useWorkflowHarness } from '@banso/testing/workflows/harness';
import { todayIn, toFollowUp, view } from '@banso/testing/workflows/case-steps';

const h = useWorkflowHarness();

/** Sends a command that must be refused; checks the reason and that no event was written. */
async function expectRejected(
  caseId: string,
  handle: CaseHandle,
  type: UpdateCommandType,
  data: unknown,
  expected: Partial<DomainError> & { issuePaths?: string[] },
  actor = OFFICER,
): Promise<void> {
  const before = await view(h, caseId, handle);
  const stored = h.store.eventsOf(caseId);
  const error: unknown = await h.command(handle, type, data as never, actor).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  const failure = cause as ApplicationFailure;
  const domainError = failure.details?.[0] as DomainError;
  const { issuePaths, ...rest } = expected;
  expect(failure.type).toBe(expected.code);
  expect(domainError).toMatchObject(rest);
  expect(failure.message.length).toBeGreaterThan(10);
  if (issuePaths && 'issues' in domainError) {
    expect(domainError.issues.map((i) => i.path)).toEqual(issuePaths);
  }
  const after = await view(h, caseId, handle);
  expect(after.events).toEqual(before.events);
  expect(after.state).toEqual(before.state);
  expect(h.store.eventsOf(caseId)).toEqual(stored);
}

describe('commands that do not fit the case are refused and change nothing', () => {
  it('refuses, stage by stage, with the reason', async () => {
    const { caseId, handle } = await h.openCase('standard');

    // Analysis stage.
    await expectRejected(
      caseId,
      handle,
      'recordFollowUp',
      { visitedOn: '2026-01-01', method: 'visit', actuals: {} },
      {
        code: 'WRONG_STAGE',
        stage: 'analysis',
        allowed: ['followUp'],
      },
    );
    await expectRejected(caseId, handle, 'draftPlan', planData('2026-04-01'), {
      code: 'WRONG_STAGE',
      stage: 'analysis',
    });
    await expectRejected(
      caseId,
      handle,
      'recordAnalysis',
      {
        ...ANALYSIS,
        keyIssues: [],
        financials: { current: { ...ANALYSIS.financials.current, sales: -1 } },
      },
      {
        code: 'VALIDATION_FAILED',
        issuePaths: ['data.financials.current.sales', 'data.keyIssues'],
      },
    );
    await expectRejected(
      caseId,
      handle,
      'reassignOfficer',
      { officerId: 'officer-sato' },
      {
        code: 'INVALID_COMMAND',
        issuePaths: ['data.officerId'],
      },
      MANAGER,
    );
    // Who may send it is the command's own declaration: reassigning is for managers.
    await expectRejected(
      caseId,
      handle,
      'reassignOfficer',
      { officerId: 'officer-ito' },
      { code: 'ROLE_NOT_ALLOWED', role: 'officer', allowed: ['manager'] },
    );
    await expectRejected(
      caseId,
      handle,
      'closeCase',
      { reason: 'bored' },
      {
        code: 'VALIDATION_FAILED',
        issuePaths: ['data.reason'],
      },
    );

    // Planning stage.
    await h.command(handle, 'recordAnalysis', ANALYSIS);
    await expectRejected(caseId, handle, 'approvePlan', {}, { code: 'PLAN_NOT_DRAFTED' }, MANAGER);
    const today = await todayIn(h);
    const sixKpis = planData(today);
    sixKpis.plan.kpis = Array.from({ length: 6 }, (_, i) => ({
      ...sixKpis.plan.kpis[0]!,
      id: `kpi-${i}`,
    }));
    await expectRejected(caseId, handle, 'draftPlan', sixKpis, {
      code: 'VALIDATION_FAILED',
      issuePaths: ['data.plan.kpis'],
    });
    await expectRejected(
      caseId,
      handle,
      'declineDispatchProposal',
      { reason: 'z' },
      {
        code: 'WRONG_STAGE',
        stage: 'planning',
        allowed: ['followUp'],
      },
      MANAGER,
    );

    // Follow-up stage.
    await h.command(handle, 'draftPlan', planData(today));
    await h.command(handle, 'approvePlan', {}, MANAGER);
    await expectRejected(
      caseId,
      handle,
      'completeExpertDispatch',
      { expert: { name: 'x', programme: 'y' }, summary: 'z' },
      {
        code: 'NO_OPEN_DISPATCH',
      },
    );
    await expectRejected(
      caseId,
      handle,
      'recordFollowUp',
      { visitedOn: today, method: 'visit', actuals: { 'net-profit': 1 } },
      {
        code: 'INVALID_COMMAND',
        // A follow-up may report some KPIs only; one the plan does not have is refused.
        issuePaths: ['data.actuals.net-profit'],
      },
    );
    await expectRejected(caseId, handle, 'recordAnalysis', ANALYSIS, {
      code: 'WRONG_STAGE',
      stage: 'followUp',
    });
  });

  it('refuses commands once the case is closed', async () => {
    const { caseId, handle } = await h.openCase('succession');
    await toFollowUp(h, handle, 36, 'succession');
    await h.command(handle, 'closeCase', { reason: 'businessClosed' }, MANAGER);
    await handle.result();
    const before = h.store.eventsOf(caseId);
    await expect(
      h.command(handle, 'reassignOfficer', { officerId: 'officer-ito' }),
    ).rejects.toThrow();
    expect(h.store.eventsOf(caseId)).toEqual(before);
    expect((await view(h, caseId, handle)).state.status).toBe('closed');
  });
});
