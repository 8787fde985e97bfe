import { fiscalYearBounds, fiscalYearContaining, fiscalYearLabel, isWithin } from './fiscal-years';

describe('the reports’ fiscal year', () => {
  it('runs from 1 April to 31 March, named by the year it starts in', () => {
    expect(fiscalYearBounds(2026)).toEqual({ from: '2026-04-01', to: '2027-03-31' });
    expect(fiscalYearContaining('2027-03-31')).toBe(2026);
    expect(fiscalYearContaining('2027-04-01')).toBe(2027);
  });

  it.each([
    [2019, '2019年度', '令和元年度'],
    [2026, '2026年度', '令和8年度'],
    [2018, '2018年度', '平成30年度'],
  ])('names %i %s and %s', (year, western, japanese) => {
    expect(fiscalYearLabel(year)).toEqual({
      western,
      japanese,
      full: `${western}（${japanese}）`,
    });
  });

  it('holds its first and last days', () => {
    const year = fiscalYearBounds(2026);
    expect(
      ['2026-03-31', '2026-04-01', '2027-03-31', '2027-04-01'].map((d) => isWithin(d, year)),
    ).toEqual([false, true, true, false]);
  });
});
