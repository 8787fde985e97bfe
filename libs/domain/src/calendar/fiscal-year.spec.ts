import { eraYearLabel, fiscalYear, fiscalYearOf } from './fiscal-year';

describe('fiscalYearOf', () => {
  it.each([
    ['2026-03-31', 2025, '2025-04-01', '2026-03-31', '令和7年度'],
    ['2026-04-01', 2026, '2026-04-01', '2027-03-31', '令和8年度'],
    ['2026-12-31', 2026, '2026-04-01', '2027-03-31', '令和8年度'],
    ['2027-01-04', 2026, '2026-04-01', '2027-03-31', '令和8年度'],
    ['2019-04-01', 2019, '2019-04-01', '2020-03-31', '令和元年度'],
    ['2019-03-31', 2018, '2018-04-01', '2019-03-31', '平成30年度'],
    ['2018-06-15', 2018, '2018-04-01', '2019-03-31', '平成30年度'],
  ])('%s falls in the year starting %i', (date, startYear, start, end, label) => {
    expect(fiscalYearOf(date)).toEqual({ startYear, start, end, label });
  });

  it('runs through 29 February when the year ends in a leap year', () => {
    expect(fiscalYearOf('2028-02-29')).toEqual({
      startYear: 2027,
      start: '2027-04-01',
      end: '2028-03-31',
      label: '令和9年度',
    });
  });

  it('follows another start month', () => {
    expect(fiscalYearOf('2026-03-31', 1)).toMatchObject({
      startYear: 2026,
      start: '2026-01-01',
      end: '2026-12-31',
    });
    expect(fiscalYearOf('2026-09-30', 10)).toMatchObject({
      startYear: 2025,
      start: '2025-10-01',
      end: '2026-09-30',
    });
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => fiscalYearOf('2026-02-30')).toThrow('not a calendar date: 2026-02-30');
  });
});

describe('fiscalYear and eraYearLabel', () => {
  it('builds a fiscal year from its start year', () => {
    expect(fiscalYear(2025)).toEqual({
      startYear: 2025,
      start: '2025-04-01',
      end: '2026-03-31',
      label: '令和7年度',
    });
  });

  it.each([
    [2019, '令和元年度'],
    [2020, '令和2年度'],
    [2018, '平成30年度'],
    [1989, '平成元年度'],
    [1988, '昭和63年度'],
  ])('names the year starting in %i %s', (startYear, label) => {
    expect(eraYearLabel(startYear)).toBe(label);
  });
});
