import { localBenchmark } from '../analysis/local-benchmark';
import { DEFAULT_POLICY, makePolicy } from '../policy/policy';
import {
  ANALYSIS,
  analysed,
  CASE_ID,
  command,
  DRAFTED_AT,
  drafted,
  eventsOf,
  FIRM,
  given,
  jst,
  MANAGER,
  OFFICER,
  opened,
  openCaseData,
  ORG_ID,
  samplePlan,
  underRules,
} from './given.spec-helper';

underRules(1);
describe('openCase', () => {
  it('opens the case with the analysis deadline 30 days on', () => {
    const now = jst('2026-04-01');
    expect(eventsOf(given([]).when(command('openCase', openCaseData()), now))).toEqual([
      {
        type: 'CaseOpened',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 1,
        at: now,
        actor: OFFICER,
        commandId: 'test:openCase',
        data: {
          firm: FIRM,
          kind: 'standard',
          officerId: OFFICER.id,
          policy: DEFAULT_POLICY,
          openedOn: '2026-04-01',
          analysisDeadline: '2026-05-01',
        },
      },
    ]);
  });

  it('moves an analysis deadline in Golden Week to the next business day', () => {
    // 2026-04-03 + 30 days is Sunday 3 May (憲法記念日); 4–6 May are holidays too.
    const [event] = eventsOf(
      given([]).when(command('openCase', openCaseData()), jst('2026-04-03')),
    );
    expect(event?.data).toMatchObject({ openedOn: '2026-04-03', analysisDeadline: '2026-05-07' });
  });

  it('takes the opening date in the organisation time zone', () => {
    const [event] = eventsOf(
      given([]).when(command('openCase', openCaseData()), '2026-03-31T16:00:00Z'),
    );
    expect(event?.data).toMatchObject({ openedOn: '2026-04-01', analysisDeadline: '2026-05-01' });
  });

  it('keeps a weekend deadline where the policy does not keep to business days', () => {
    const policy = makePolicy({ businessDaysOnly: false });
    const [event] = eventsOf(
      given([]).when(command('openCase', openCaseData('standard', policy)), jst('2026-04-03')),
    );
    expect(event?.data).toMatchObject({ analysisDeadline: '2026-05-03', policy });
  });
});

describe('recordAnalysis', () => {
  it('records the Local Benchmark and sets the plan deadline 60 days on', () => {
    const now = jst('2026-04-06');
    expect(eventsOf(given(opened()).when(command('recordAnalysis', ANALYSIS), now))).toEqual([
      {
        type: 'AnalysisRecorded',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 2,
        at: now,
        actor: OFFICER,
        commandId: 'test:recordAnalysis',
        data: {
          ...ANALYSIS,
          indicators: {
            salesGrowthRate: { value: (120 - 110) / 110 },
            operatingMargin: { value: 0.05 },
            laborProductivity: { value: 750_000 },
            // (debt 40M − cash 10M) / (operating profit 6M + depreciation 2M)
            ebitdaToDebtRatio: { value: 3.75 },
            // (receivables 15M + inventory 8M − payables 9M) / monthly sales 10M
            workingCapitalTurnoverMonths: { value: 1.4 },
            equityRatio: { value: 27 / 90 },
          },
          analysedOn: '2026-04-06',
          planDeadline: '2026-06-05',
        },
      },
    ]);
  });

  it('moves a plan deadline on a Sunday to Monday', () => {
    // 2026-04-15 + 60 days is Sunday 14 June.
    const [event] = eventsOf(
      given(opened()).when(command('recordAnalysis', ANALYSIS), jst('2026-04-15')),
    );
    expect(event?.data).toMatchObject({ planDeadline: '2026-06-15' });
  });

  it('records the gaps of an analysis without the previous year', () => {
    const data = { ...ANALYSIS, financials: { current: ANALYSIS.financials.current } };
    const [event] = eventsOf(
      given(opened()).when(command('recordAnalysis', data), jst('2026-04-06')),
    );
    expect(event?.data).toMatchObject({ indicators: localBenchmark(data.financials) });
    expect(event?.data).toMatchObject({
      indicators: {
        salesGrowthRate: { value: null, gap: 'missingFigure', missing: ['previous.sales'] },
      },
    });
  });
});

describe('draftPlan', () => {
  it('drafts version 1, then version 2', () => {
    const plan = samplePlan();
    const first = eventsOf(given(analysed()).when(command('draftPlan', { plan }), DRAFTED_AT));
    expect(first).toMatchObject([{ type: 'PlanDrafted', seq: 3, data: { plan, planVersion: 1 } }]);
    const longer = samplePlan(24);
    const second = eventsOf(
      given(drafted()).when(command('draftPlan', { plan: longer }), jst('2026-04-09')),
    );
    expect(second).toEqual([
      expect.objectContaining({
        type: 'PlanDrafted',
        seq: 4,
        data: { plan: longer, planVersion: 2, draftedOn: '2026-04-09' },
      }),
    ]);
  });
});

describe('approvePlan', () => {
  const now = jst('2026-04-10');

  it('approves the plan and schedules the first follow-up one cadence after the approval', () => {
    expect(
      eventsOf(given(drafted()).when(command('approvePlan', { note: '所長決裁' }, MANAGER), now)),
    ).toEqual([
      {
        type: 'PlanApproved',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 4,
        at: now,
        actor: MANAGER,
        commandId: 'test:approvePlan',
        data: { planVersion: 1, approvedOn: '2026-04-10', note: '所長決裁' },
      },
      {
        type: 'FollowUpScheduled',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 5,
        at: now,
        actor: MANAGER,
        commandId: 'test:approvePlan',
        data: {
          dueDate: '2026-07-10',
          nominalDueDate: '2026-07-10',
          cadenceMonths: 3,
          mode: 'regular',
          final: false,
          reason: 'planApproved',
        },
      },
    ]);
  });

  it.each([
    [
      'a standard case is followed up quarterly',
      'standard',
      DEFAULT_POLICY,
      '2026-07-10',
      '2026-07-10',
      3,
    ],
    [
      'a succession case is followed up quarterly',
      'succession',
      DEFAULT_POLICY,
      '2026-07-10',
      '2026-07-10',
      3,
    ],
    // 2026-05-10 is a Sunday.
    ['a founder is followed up monthly', 'founder', DEFAULT_POLICY, '2026-05-11', '2026-05-10', 1],
    // 2026-10-10 is a Saturday and 12 October is スポーツの日.
    [
      'a chamber with a six-month cadence follows up in October',
      'standard',
      makePolicy({ cadenceMonths: { standard: 6, founder: 1, succession: 3 } }),
      '2026-10-13',
      '2026-10-10',
      6,
    ],
  ] as const)('%s', (_label, kind, policy, dueDate, nominalDueDate, cadenceMonths) => {
    const events = eventsOf(
      given(drafted({ kind, policy })).when(command('approvePlan', {}, MANAGER), now),
    );
    expect(events[1]?.data).toEqual({
      dueDate,
      nominalDueDate,
      cadenceMonths,
      mode: 'regular',
      final: false,
      reason: 'planApproved',
    });
  });

  it('counts from the plan start when the plan starts after the approval', () => {
    const plan = { ...samplePlan(), startDate: '2026-06-01' };
    const events = eventsOf(
      given(drafted({ plan })).when(command('approvePlan', {}, MANAGER), now),
    );
    expect(events[1]?.data).toMatchObject({ dueDate: '2026-09-01' });
  });

  it('schedules the plan end as the final follow-up when the plan is shorter than the cadence', () => {
    // Two months from 2026-04-01: the plan ends on Monday 1 June.
    const events = eventsOf(
      given(drafted({ plan: samplePlan(2) })).when(command('approvePlan', {}, MANAGER), now),
    );
    expect(events[1]?.data).toEqual({
      dueDate: '2026-06-01',
      nominalDueDate: '2026-06-01',
      cadenceMonths: 3,
      mode: 'regular',
      final: true,
      reason: 'planApproved',
    });
  });
});
