import { makePolicy } from '../policy/policy';
import {
  after,
  approved,
  CASE_ID,
  command,
  DISPATCH_DONE,
  jst,
  OFFICER,
  ORG_ID,
  record,
  run,
  scheduled,
  stateOf,
  type StoryOptions,
  underRules,
} from './given.spec-helper';

// On 2026-07-01 the sample plan expects sales 12,300 and a cost ratio of 68.5 %.

underRules(1);
const SLIGHTLY_AHEAD = { sales: 12_400, 'cost-ratio': 68 };
const SALES_BEHIND = { sales: 11_000, 'cost-ratio': 68.5 };
const BOTH_BEHIND = { sales: 11_000, 'cost-ratio': 76 };

describe('an on-track follow-up', () => {
  it('records the results and schedules the next one a cadence after the visit', () => {
    const now = jst('2026-07-01', '16:00');
    expect(record(approved(), '2026-07-01', SLIGHTLY_AHEAD)).toEqual([
      {
        type: 'FollowUpRecorded',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 6,
        at: now,
        actor: OFFICER,
        commandId: 'test:recordFollowUp',
        data: {
          visitedOn: '2026-07-01',
          method: 'visit',
          notes: undefined,
          dueDate: '2026-07-10',
          results: [
            {
              kpiId: 'sales',
              actual: 12_400,
              expected: 12_300,
              shortfall: -0.00813,
              drifting: false,
            },
            {
              kpiId: 'cost-ratio',
              actual: 68,
              expected: 68.5,
              shortfall: -0.007299,
              drifting: false,
            },
          ],
          drifting: false,
        },
      },
      {
        type: 'FollowUpScheduled',
        caseId: CASE_ID,
        organisationId: ORG_ID,
        seq: 7,
        at: now,
        actor: OFFICER,
        commandId: 'test:recordFollowUp',
        data: {
          dueDate: '2026-10-01',
          nominalDueDate: '2026-10-01',
          cadenceMonths: 3,
          mode: 'regular',
          final: false,
          reason: 'followUpRecorded',
        },
      },
    ]);
  });

  it('schedules a founder a month after the visit', () => {
    // 2026-08-01 is a Saturday.
    expect(record(approved({ kind: 'founder' }), '2026-07-01')[1]).toMatchObject(
      scheduled('2026-08-03', '2026-08-01', 1, 'regular'),
    );
  });
});

describe('a drifting follow-up', () => {
  it('requests an expert and follows up monthly', () => {
    const events = record(approved(), '2026-07-01', SALES_BEHIND);
    expect(events.map((e) => e.seq)).toEqual([6, 7, 8]);
    expect(events).toMatchObject([
      {
        type: 'FollowUpRecorded',
        data: {
          results: [
            {
              kpiId: 'sales',
              actual: 11_000,
              expected: 12_300,
              shortfall: 0.105691,
              drifting: true,
            },
            { kpiId: 'cost-ratio', actual: 68.5, expected: 68.5, shortfall: 0, drifting: false },
          ],
          drifting: true,
        },
      },
      {
        type: 'ExpertDispatchRequested',
        data: {
          dispatchId: 'case-001-dispatch-1',
          requestedOn: '2026-07-01',
          driftingKpis: ['sales'],
          driftingFollowUps: 1,
        },
      },
      scheduled('2026-08-03', '2026-08-01', 1, 'drifting'),
    ]);
  });

  it('names every drifting KPI', () => {
    expect(record(approved(), '2026-07-01', BOTH_BEHIND)[1]?.data).toMatchObject({
      driftingKpis: ['sales', 'cost-ratio'],
    });
  });

  it('keeps the drifting cadence and asks no second expert while the dispatch is open', () => {
    const drifting = after(approved(), ['2026-07-01', SALES_BEHIND]);
    expect(record(drifting, '2026-08-03', SALES_BEHIND)).toMatchObject([
      { type: 'FollowUpRecorded', data: { drifting: true } },
      scheduled('2026-09-03', '2026-09-03', 1, 'drifting'),
    ]);
    expect(stateOf(after(drifting, ['2026-08-03', SALES_BEHIND]))).toMatchObject({
      driftingStreak: 2,
      dispatchesRequested: 1,
    });
  });

  it('stays drifting on track while the expert has not finished', () => {
    const drifting = after(approved(), ['2026-07-01', SALES_BEHIND]);
    expect(record(drifting, '2026-08-03')).toMatchObject([
      { type: 'FollowUpRecorded', data: { drifting: false } },
      scheduled('2026-09-03', '2026-09-03', 1, 'drifting'),
    ]);
  });

  it('returns to the regular cadence on track once the expert has finished', () => {
    const history = run(after(approved(), ['2026-07-01', SALES_BEHIND], ['2026-08-03']), [
      command('completeExpertDispatch', DISPATCH_DONE),
      jst('2026-08-10'),
    ]);
    expect(history.slice(-1)).toMatchObject([
      {
        type: 'ExpertDispatchCompleted',
        seq: 11,
        data: { ...DISPATCH_DONE, dispatchId: 'case-001-dispatch-1', completedOn: '2026-08-10' },
      },
    ]);
    expect(record(history, '2026-09-01')).toMatchObject([
      { type: 'FollowUpRecorded' },
      scheduled('2026-12-01', '2026-12-01', 3, 'regular'),
    ]);
  });

  it('requests a second expert when the case drifts again after the first has finished', () => {
    const history = run(after(approved(), ['2026-07-01', SALES_BEHIND]), [
      command('completeExpertDispatch', DISPATCH_DONE),
      jst('2026-07-20'),
    ]);
    expect(record(history, '2026-08-03', { sales: 11_000, 'cost-ratio': 60 })[1]).toMatchObject({
      type: 'ExpertDispatchRequested',
      data: { dispatchId: 'case-001-dispatch-2', requestedOn: '2026-08-03', driftingFollowUps: 2 },
    });
  });

  describe('with a policy that waits for two drifting follow-ups', () => {
    const options: StoryOptions = { policy: makePolicy({ dispatchAfterDriftingFollowUps: 2 }) };

    it('follows up more often without an expert at the first', () => {
      expect(record(approved(options), '2026-07-01', SALES_BEHIND)).toMatchObject([
        { type: 'FollowUpRecorded' },
        scheduled('2026-08-03', '2026-08-01', 1, 'drifting'),
      ]);
    });

    it('brings in an expert at the second in a row', () => {
      const history = after(approved(options), ['2026-07-01', SALES_BEHIND]);
      expect(record(history, '2026-08-03', { sales: 11_000, 'cost-ratio': 60 })).toMatchObject([
        { type: 'FollowUpRecorded' },
        {
          type: 'ExpertDispatchRequested',
          data: { dispatchId: 'case-001-dispatch-1', driftingFollowUps: 2 },
        },
        scheduled('2026-09-03', '2026-09-03', 1, 'drifting'),
      ]);
    });

    it('returns to regular on track when no expert was called', () => {
      // 2026-11-03 is 文化の日.
      const history = after(approved(options), ['2026-07-01', SALES_BEHIND]);
      expect(record(history, '2026-08-03')[1]).toMatchObject(
        scheduled('2026-11-04', '2026-11-03', 3, 'regular'),
      );
    });
  });
});
