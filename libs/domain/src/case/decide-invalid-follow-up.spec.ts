import type { CaseEvent } from './events';
import {
  approved,
  errorOf,
  eventsOf,
  followUp,
  given,
  jst,
  ON_TRACK,
  run,
  invalidPaths,
  raw,
  samplePlan,
  underRules,
} from './given.spec-helper';

underRules(1);
describe('recordFollowUp', () => {
  const now = jst('2026-07-01', '16:00');
  const refuse = (
    history: CaseEvent[],
    visitedOn: string,
    actuals: Record<string, number> = ON_TRACK,
  ) => errorOf(given(history).when(followUp(visitedOn, actuals), now));

  it('refuses a visit in the future', () => {
    expect(refuse(approved(), '2026-07-02')).toMatchObject({
      issues: [
        {
          path: 'data.visitedOn',
          message: '2026-07-02 is in the future: the latest date allowed is today, 2026-07-01',
        },
      ],
    });
  });

  it('takes today in the organisation time zone', () => {
    // 16:00 UTC on 1 July is already 2 July in Tokyo.
    const events = eventsOf(given(approved()).when(followUp('2026-07-02'), '2026-07-01T16:00:00Z'));
    expect(events[0]).toMatchObject({
      type: 'FollowUpRecorded',
      data: { visitedOn: '2026-07-02' },
    });
  });

  it('refuses a visit before the approval, but accepts one on the approval day', () => {
    expect(refuse(approved(), '2026-04-09')).toMatchObject({
      issues: [
        {
          path: 'data.visitedOn',
          message:
            "2026-04-09 is before the case's previous step on 2026-04-10: " +
            'the earliest date allowed is 2026-04-10',
        },
      ],
    });
    expect(given(approved()).when(followUp('2026-04-10'), now).ok).toBe(true);
  });

  it('refuses a visit before the last follow-up', () => {
    const history = run(approved(), [followUp('2026-06-15'), jst('2026-06-15', '16:00')]);
    expect(refuse(history, '2026-06-14')).toMatchObject({
      issues: [
        {
          path: 'data.visitedOn',
          message:
            "2026-06-14 is before the case's previous step on 2026-06-15: " +
            'the earliest date allowed is 2026-06-15',
        },
      ],
    });
  });

  it('refuses a missing KPI actual and an unknown KPI, all at once', () => {
    expect(refuse(approved(), '2026-06-30', { sales: 12_000, profit: 500 })).toEqual({
      code: 'INVALID_COMMAND',
      message:
        'data.actuals.profit: not a KPI of this plan; the KPIs are: sales, cost-ratio; ' +
        'data.actuals.cost-ratio: the actual 原価率 (%) is required',
      issues: [
        {
          path: 'data.actuals.profit',
          message: 'not a KPI of this plan; the KPIs are: sales, cost-ratio',
        },
        { path: 'data.actuals.cost-ratio', message: 'the actual 原価率 (%) is required' },
      ],
    });
  });

  it.each<[string, unknown, string[]]>([
    [
      'an impossible date',
      { visitedOn: '2026-02-30', method: 'visit', actuals: ON_TRACK },
      ['data.visitedOn'],
    ],
    [
      'an unknown method',
      { visitedOn: '2026-06-30', method: 'fax', actuals: ON_TRACK },
      ['data.method'],
    ],
    [
      'a non-numeric actual',
      { visitedOn: '2026-06-30', method: 'desk', actuals: { ...ON_TRACK, sales: '多い' } },
      ['data.actuals.sales'],
    ],
  ])('refuses %s', (_label, bad, paths) => {
    expect(invalidPaths(approved(), raw('recordFollowUp', bad))).toEqual(paths);
  });
});

describe('a KPI whose id is also an Object.prototype member', () => {
  it('still requires its actual value', () => {
    const plan = samplePlan();
    plan.kpis = [{ ...plan.kpis[0]!, id: 'constructor' }];
    const error = errorOf(
      given(approved({ plan })).when(followUp('2026-06-01', {}), jst('2026-06-01')),
    );
    expect(error).toMatchObject({
      code: 'INVALID_COMMAND',
      issues: [{ path: 'data.actuals.constructor' }],
    });
  });
});
