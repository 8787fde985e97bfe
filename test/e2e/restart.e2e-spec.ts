import { useE2eStack } from './support/stack';
import { casePath, openCase, today } from './support/case-api';
import { ANALYSIS, planData } from '@banso/testing/fixtures';

const stack = useE2eStack();

describe('the API and the worker restarted in the middle of a case', () => {
  it('carries on with no event lost or duplicated', async () => {
    const caseId = await openCase(stack, 'standard', 'restart-1');
    const path = casePath(caseId);
    expect((await stack.http('POST', `${path}/analysis`, ANALYSIS)).status).toBe(200);

    // The worker goes down; a command sent meanwhile waits and completes once it is back.
    await stack.stopWorker();
    const pending = stack.http('POST', `${path}/plan/draft`, planData(today()));
    await new Promise((r) => setTimeout(r, 1_500));
    await stack.startWorker();
    expect((await pending).status).toBe(200);

    // The API goes down and comes back on another port.
    await stack.stopApi();
    await stack.startApi();
    const manager = stack.as('manager-suzuki');
    expect((await stack.http('POST', `${path}/plan/approve`, {}, manager)).status).toBe(200);

    // Both at once.
    await stack.stopApi();
    await stack.stopWorker();
    await stack.startWorker();
    await stack.startApi();
    const followUp = { visitedOn: today(), method: 'desk', actuals: { 'monthly-sales': 10_000 } };
    expect((await stack.http('POST', `${path}/follow-ups`, followUp)).status).toBe(200);
    expect(
      (await stack.http('POST', `${path}/close`, { reason: 'selfSustaining' }, manager)).status,
    ).toBe(200);

    const log: Array<{ seq: number; type: string }> = await stack.dataSource.query(
      'SELECT seq, type FROM case_events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.map((e) => e.type)).toEqual([
      'CaseOpened',
      'AnalysisRecorded',
      'PlanDrafted',
      'PlanApproved',
      'FollowUpScheduled',
      'FollowUpRecorded',
      'FollowUpScheduled',
      'CaseClosed',
    ]);
    const live = await stack.http('GET', path);
    expect(live.body.state.version).toBe(log.length);
  });
});
