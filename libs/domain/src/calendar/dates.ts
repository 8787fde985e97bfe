import holidayJp from '@holiday-jp/holiday_jp';
import { DateTime } from 'luxon';

/** A calendar date in the organisation's time zone, `YYYY-MM-DD`. */
export type IsoDate = string;
/** An instant, ISO 8601 with offset, e.g. `2026-04-01T09:00:00.000+09:00`. */
export type IsoDateTime = string;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(value: string): boolean {
  return ISO_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}

function day(date: IsoDate): DateTime {
  const parsed = DateTime.fromISO(date, { zone: 'UTC' });
  if (!ISO_DATE.test(date) || !parsed.isValid) throw new RangeError(`not a calendar date: ${date}`);
  return parsed;
}

function toIso(dt: DateTime): IsoDate {
  return dt.toISODate() as IsoDate;
}

/** Calendar-month arithmetic: 31 January plus one month is the last day of February. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return toIso(day(date).plus({ months }));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return toIso(day(date).plus({ days }));
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round(day(to).diff(day(from), 'days').days);
}

/** Fractional months from `from` to `to`, by calendar month (used to place a date inside a period). */
export function monthsBetween(from: IsoDate, to: IsoDate): number {
  return day(to).diff(day(from), 'months').months;
}

export function isWeekend(date: IsoDate): boolean {
  return day(date).weekday >= 6;
}

export function isJapaneseHoliday(date: IsoDate): boolean {
  return Object.prototype.hasOwnProperty.call(holidayJp.holidays, date);
}

/** 年末年始: public offices, chambers among them, close from 29 December to 3 January. */
export function isYearEndClosure(date: IsoDate): boolean {
  const monthDay = date.slice(5);
  return monthDay >= '12-29' || monthDay <= '01-03';
}

export interface BusinessCalendar {
  /** Also skip the year-end closure (29 December to 3 January). */
  yearEndClosure: boolean;
}

export function isBusinessDay(
  date: IsoDate,
  calendar: BusinessCalendar = { yearEndClosure: true },
): boolean {
  if (isWeekend(date) || isJapaneseHoliday(date)) return false;
  return !(calendar.yearEndClosure && isYearEndClosure(date));
}

/** The business day on or before a date: a reminder moves earlier, never shortening its lead. */
export function previousBusinessDay(
  date: IsoDate,
  calendar: BusinessCalendar = { yearEndClosure: true },
): IsoDate {
  let current = date;
  while (!isBusinessDay(current, calendar)) current = addDays(current, -1);
  return current;
}

/** A due date that falls on a weekend or holiday moves to the next business day. */
export function nextBusinessDay(
  date: IsoDate,
  calendar: BusinessCalendar = { yearEndClosure: true },
): IsoDate {
  let current = date;
  while (!isBusinessDay(current, calendar)) current = addDays(current, 1);
  return current;
}

/** The calendar date of an instant in a time zone. */
export function localDate(instant: IsoDateTime, timeZone: string): IsoDate {
  const dt = DateTime.fromISO(instant, { setZone: true }).setZone(timeZone);
  if (!dt.isValid) throw new RangeError(`not an instant: ${instant}`);
  return toIso(dt);
}

/** The instant at `hour`:00 local time on a calendar date in a time zone. */
export function atLocalHour(date: IsoDate, hour: number, timeZone: string): IsoDateTime {
  const dt = DateTime.fromISO(`${date}T00:00:00`, { zone: timeZone }).set({ hour });
  return dt.toUTC().toISO() as IsoDateTime;
}

/**
 * The last day of a period of whole months from `start`, inclusive, as the Civil Code counts it
 * (民法143条): the day before the day with the start's number in the final month, or that month's
 * last day when it has no such day. 1 April 2026 for 60 months ends on 31 March 2031; 31 January
 * for one month ends on the last day of February.
 */
export function lastDayOfMonths(start: IsoDate, months: number): IsoDate {
  const from = day(start);
  const sameDay = from.plus({ months });
  // Luxon clamps a missing day (31 February) to the month's last day: that day ends the period.
  return toIso(sameDay.day === from.day ? sameDay.minus({ days: 1 }) : sameDay);
}

export function laterDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareDates(a, b) >= 0 ? a : b;
}

export function instantMillis(instant: IsoDateTime): number {
  return DateTime.fromISO(instant, { setZone: true }).toMillis();
}

export function toInstant(millis: number): IsoDateTime {
  return DateTime.fromMillis(millis, { zone: 'UTC' }).toISO() as IsoDateTime;
}
