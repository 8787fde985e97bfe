import { compareDates, type IsoDate } from '../calendar/dates';
import { eraYearLabel, fiscalYear, fiscalYearOf } from '../calendar/fiscal-year';

// The reports' fiscal year (年度): 1 April to 31 March, named by the Western year it starts in
// (2026 = 1 April 2026 to 31 March 2027). calendar/fiscal-year already exports `fiscalYearOf`
// (the FiscalYear a date falls in, for any start month): these helpers build on it.

/** A fiscal year's first and last days, inclusive. */
export interface FiscalYearBounds {
  from: IsoDate;
  to: IsoDate;
}

export interface FiscalYearLabel {
  /** 2026年度 */
  western: string;
  /** 令和8年度 (the April 2019 year is 令和元年度) */
  japanese: string;
  /** Both, as a report's heading reads: 2026年度（令和8年度） */
  full: string;
}

export function fiscalYearBounds(year: number): FiscalYearBounds {
  const { start, end } = fiscalYear(year);
  return { from: start, to: end };
}

export function fiscalYearLabel(year: number): FiscalYearLabel {
  const western = `${year}年度`;
  const japanese = eraYearLabel(year);
  return { western, japanese, full: `${western}（${japanese}）` };
}

/** The fiscal year a date falls in, named by the year it starts in: 2027-03-31 is in 2026. */
export function fiscalYearContaining(date: IsoDate): number {
  return fiscalYearOf(date).startYear;
}

export function isWithin(date: IsoDate, { from, to }: FiscalYearBounds): boolean {
  return compareDates(from, date) <= 0 && compareDates(date, to) <= 0;
}
