import { DateTime } from 'luxon';
import type { IsoDate } from './dates';

export interface FiscalYear {
  /** The calendar year in which the fiscal year starts (April 2025 to March 2026 is 2025). */
  startYear: number;
  start: IsoDate;
  end: IsoDate;
  /** The name the chambers use, by Japanese era: 令和7年度. */
  label: string;
}

const ERAS = [
  { name: '令和', firstYear: 2019 },
  { name: '平成', firstYear: 1989 },
  { name: '昭和', firstYear: 1926 },
] as const;

/**
 * A fiscal year is named by the era of its starting April (the April 2019 year is 令和元年度,
 * though Reiwa began on 1 May 2019).
 */
export function eraYearLabel(startYear: number): string {
  const era = ERAS.find((e) => startYear >= e.firstYear) ?? ERAS[ERAS.length - 1]!;
  const n = startYear - era.firstYear + 1;
  return `${era.name}${n === 1 ? '元' : n}年度`;
}

export function fiscalYearOf(date: IsoDate, startMonth = 4): FiscalYear {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  if (!d.isValid) throw new RangeError(`not a calendar date: ${date}`);
  const startYear = d.month >= startMonth ? d.year : d.year - 1;
  return fiscalYear(startYear, startMonth);
}

export function fiscalYear(startYear: number, startMonth = 4): FiscalYear {
  const start = DateTime.fromObject(
    { year: startYear, month: startMonth, day: 1 },
    { zone: 'UTC' },
  );
  const end = start.plus({ years: 1 }).minus({ days: 1 });
  return {
    startYear,
    start: start.toISODate() as IsoDate,
    end: end.toISODate() as IsoDate,
    label: eraYearLabel(startYear),
  };
}
