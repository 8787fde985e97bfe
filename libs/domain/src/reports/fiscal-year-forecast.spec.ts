import { stateOf, underRules } from '../case/given.spec-helper';
import { makePolicy } from '../policy/policy';
import { fiscalYearBounds } from './fiscal-years';
import {
  dueDatesInYear,
  type ForecastOutcome,
  fiscalYearForecast,
  forecastDueDates,
  scheduledDueDates,
} from './fiscal-year-forecast';
import {
  analysedOn,
  closedOn,
  followUpState,
  inFollowUp,
  openedOn,
  planFrom,
  visitedOn,
} from './report.spec-helper';

const YEAR_2026 = fiscalYearBounds(2026);

/** The forecast's rows as `key/kind` → forecast: `followUpVisits/*` for all kinds. */
function forecasts(outcome: ForecastOutcome): Record<string, number> {
  if (!outcome.ok) throw new Error(`expected a forecast, got ${outcome.error.code}`);
  return Object.fromEntries(
    outcome.forecast.rows.map((r) => [`${r.key}/${r.kind ?? '*'}`, r.forecast]),
  );
}

// Plans approved on 15 March 2026 for two years: the grid steps from the approval.
const approved = (kind: 'standard' | 'founder' | 'succession', policy = makePolicy()) =>
  inFollowUp(kind, '2026-03-15', { plan: planFrom('2026-03-15', 24, kind), policy });

describe('forecastDueDates', () => {
  it('steps a quarterly grid through a whole year: 4 visits', () => {
    expect(forecastDueDates(followUpState(approved('standard')), YEAR_2026, '2026-04-01')).toEqual([
      '2026-06-15',
      '2026-09-15',
      '2026-12-15',
      '2027-03-15',
    ]);
  });

  it('follows a founder monthly: 12 visits', () => {
    const dates = forecastDueDates(followUpState(approved('founder')), YEAR_2026, '2026-04-01');
    expect(dates).toHaveLength(12);
    expect(dates[0]).toBe('2026-04-15');
    expect(dates[11]).toBe('2027-03-15');
  });

  it('follows half-yearly where the policy says so (Kawaguchi): 2 visits', () => {
    const halfYearly = makePolicy({ cadenceMonths: { standard: 6, founder: 1, succession: 3 } });
    expect(
      forecastDueDates(followUpState(approved('standard', halfYearly)), YEAR_2026, '2026-04-01'),
    ).toEqual(['2026-09-15', '2027-03-15']);
  });

  it('stops at the plan’s end, whose last day is the final due date', () => {
    const sixMonths = inFollowUp('standard', '2026-03-15', { plan: planFrom('2026-03-15', 6) });
    expect(forecastDueDates(followUpState(sixMonths), YEAR_2026, '2026-04-01')).toEqual([
      '2026-06-15',
      '2026-09-14',
    ]);
  });

  it('counts the pending due date before today while it is in the year', () => {
    // Due 15 June, not yet visited on 25 June (its grace runs to 29 June).
    expect(forecastDueDates(followUpState(approved('standard')), YEAR_2026, '2026-06-25')).toEqual([
      '2026-06-15',
      '2026-09-15',
      '2026-12-15',
      '2027-03-15',
    ]);
  });

  it('starts from a later year’s first day, leaving this year’s pending due date out', () => {
    expect(
      forecastDueDates(followUpState(approved('standard')), fiscalYearBounds(2027), '2026-06-25'),
    ).toEqual(['2027-06-15', '2027-09-15', '2027-12-15', '2028-03-14']);
  });

  it('leaves out the due date a visit has answered', () => {
    const visited = visitedOn(approved('standard'), '2026-06-10');
    expect(forecastDueDates(followUpState(visited), YEAR_2026, '2026-06-25')).toEqual([
      '2026-09-15',
      '2026-12-15',
      '2027-03-15',
    ]);
  });

  it('projects a drifting case at its drifting cadence, on the grid from the drifting visit', () => {
    const drifting = visitedOn(approved('standard'), '2026-06-15', '2026-06-15', { sales: 1_000 });
    const state = followUpState(drifting);
    expect(state.schedule).toMatchObject({ mode: 'drifting', cadenceMonths: 1 });
    const dates = forecastDueDates(state, YEAR_2026, '2026-06-20');
    expect(dates).toHaveLength(9);
    expect(dates[0]).toBe('2026-07-15');
  });

  describe('under the first rules', () => {
    beforeAll(() => underRules(1));
    afterAll(() => underRules(2));

    it('slides each due date from the one before, as from a visit made on it', () => {
      const visited = visitedOn(approved('standard'), '2026-06-20');
      expect(followUpState(visited).rules).toBeUndefined();
      // From the visit: 20 September, a Sunday before three holidays, moves to Thursday 24th;
      // the next counts from the 20th.
      expect(forecastDueDates(followUpState(visited), YEAR_2026, '2026-06-25')).toEqual([
        '2026-09-24',
        '2026-12-21',
        '2027-03-23',
      ]);
    });
  });
});

describe('fiscalYearForecast', () => {
  it('counts the businesses and visits per kind; cases in analysis, planning or closed are not', () => {
    const cases = [
      approved('standard'),
      approved('standard'),
      approved('founder'),
      approved('succession'),
      analysedOn(openedOn('2026-04-01'), '2026-04-10'),
      openedOn('2026-04-01', 'founder'),
      closedOn(approved('standard'), '2026-04-01'),
    ].map(stateOf);
    const outcome = fiscalYearForecast(2026, cases, { today: '2026-04-01' });
    expect(forecasts(outcome)).toEqual({
      'followedUpBusinesses/*': 4,
      'followedUpBusinesses/standard': 2,
      'followedUpBusinesses/founder': 1,
      'followedUpBusinesses/succession': 1,
      'followUpVisits/*': 24,
      'followUpVisits/standard': 8,
      'followUpVisits/founder': 12,
      'followUpVisits/succession': 4,
    });
    expect(outcome.ok && outcome.forecast).toMatchObject({
      fiscalYear: 2026,
      label: '2026年度（令和8年度）',
      today: '2026-04-01',
    });
    expect(outcome.ok && outcome.forecast.rows[4]).toEqual({
      key: 'followUpVisits',
      kind: null,
      label: 'フォローアップ延べ回数',
      forecast: 24,
    });
  });

  it('does not count a business with no due date left in the year', () => {
    const ended = inFollowUp('standard', '2026-03-15', { plan: planFrom('2026-03-15', 2) });
    const outcome = fiscalYearForecast(2027, [stateOf(ended)], { today: '2026-04-01' });
    expect(forecasts(outcome)['followedUpBusinesses/*']).toBe(0);
  });

  it('forecasts a year until its last day, and refuses one that has ended', () => {
    expect(fiscalYearForecast(2025, [], { today: '2026-03-31' }).ok).toBe(true);
    expect(fiscalYearForecast(2025, [], { today: '2026-04-01' })).toEqual({
      ok: false,
      error: {
        code: 'FISCAL_YEAR_ENDED',
        message:
          '2025年度（令和7年度） ended on 2026-03-31: its figures are reported, not forecast',
        fiscalYear: 2025,
        endedOn: '2026-03-31',
      },
    });
  });
});

describe('scheduledDueDates', () => {
  it('steps the grid to the plan’s end, whatever the year, the pending due date first', () => {
    const dues = scheduledDueDates(followUpState(approved('standard')));
    expect(dues.map((d) => d.dueDate)).toEqual([
      '2026-06-15',
      '2026-09-15',
      '2026-12-15',
      '2027-03-15',
      '2027-06-15',
      '2027-09-15',
      '2027-12-15',
      '2028-03-14',
    ]);
    expect(dues.map((d) => d.pending)).toEqual([
      true,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('gives each year what forecastDueDates steps to for it', () => {
    const s = followUpState(visitedOn(approved('founder'), '2026-04-14'));
    for (const [year, today] of [
      [2026, '2026-04-01'],
      [2026, '2026-10-20'],
      [2027, '2026-10-20'],
    ] as const) {
      const bounds = fiscalYearBounds(year);
      expect(dueDatesInYear(scheduledDueDates(s), bounds, today)).toEqual(
        forecastDueDates(s, bounds, today),
      );
    }
  });
});
