import holidayJp from '@holiday-jp/holiday_jp';
import {
  addDays,
  addMonths,
  atLocalHour,
  compareDates,
  daysBetween,
  instantMillis,
  isBusinessDay,
  isIsoDate,
  isJapaneseHoliday,
  isWeekend,
  isYearEndClosure,
  localDate,
  monthsBetween,
  nextBusinessDay,
  toInstant,
} from './dates';

describe('addMonths', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-04-15', 3, '2026-07-15'],
    ['2026-11-30', 3, '2027-02-28'],
    ['2026-05-31', -3, '2026-02-28'],
  ])('%s plus %i month(s) is %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('keeps the day of the anchor when counted from it, but not when chained month by month', () => {
    expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
    expect(addMonths(addMonths('2026-01-31', 1), 1)).toBe('2026-03-28');
  });

  it('refuses a date that is not a calendar date', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addMonths('2026-4-1', 1)).toThrow('not a calendar date: 2026-4-1');
  });
});

describe('addDays, daysBetween and compareDates', () => {
  it('crosses the year end', () => {
    expect(addDays('2026-12-30', 5)).toBe('2027-01-04');
    expect(addDays('2027-01-02', -3)).toBe('2026-12-30');
  });

  it('crosses the leap day', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
  });

  it('counts days between dates', () => {
    expect(daysBetween('2026-04-01', '2026-05-01')).toBe(30);
    expect(daysBetween('2026-05-01', '2026-04-01')).toBe(-30);
  });

  it('compares dates', () => {
    expect(compareDates('2026-04-01', '2026-04-02')).toBe(-1);
    expect(compareDates('2026-04-02', '2026-04-01')).toBe(1);
    expect(compareDates('2026-04-01', '2026-04-01')).toBe(0);
  });
});

describe('monthsBetween', () => {
  it.each([
    ['2026-04-01', '2027-04-01', 12],
    ['2026-04-01', '2026-04-16', 0.5],
    ['2026-01-31', '2026-02-28', 1],
    ['2026-04-01', '2026-04-01', 0],
    ['2026-07-01', '2026-04-01', -3],
  ])('from %s to %s is %d month(s)', (from, to, expected) => {
    expect(monthsBetween(from, to)).toBe(expected);
  });

  it('counts the part of a month by the length of that month', () => {
    // 15 of May's 31 days after one whole month.
    expect(monthsBetween('2026-04-01', '2026-05-16')).toBeCloseTo(1 + 15 / 31, 10);
  });
});

describe('isIsoDate', () => {
  it.each(['2026-04-01', '2028-02-29'])('accepts %s', (date) => {
    expect(isIsoDate(date)).toBe(true);
  });

  it.each(['2026-02-30', '2027-02-29', '2026-13-01', '2026-4-1', '2026-04-01T00:00:00Z', ''])(
    'rejects %j',
    (date) => {
      expect(isIsoDate(date)).toBe(false);
    },
  );
});

describe('Japanese holidays', () => {
  it('agrees with the package data on Golden Week 2026', () => {
    expect(holidayJp.holidays['2026-04-29'].name).toBe('昭和の日');
    expect(holidayJp.holidays['2026-05-03'].name).toBe('憲法記念日');
    expect(holidayJp.holidays['2026-05-06'].name).toBe('こどもの日 振替休日');
  });

  it.each([
    ['2026-04-29', '昭和の日'],
    ['2026-05-03', '憲法記念日 (a Sunday)'],
    ['2026-05-04', 'みどりの日'],
    ['2026-05-05', 'こどもの日'],
    ['2026-05-06', '振替休日 for 5/3'],
    ['2025-11-24', '振替休日 for 勤労感謝の日'],
    ['2026-09-22', '国民の休日 between two holidays'],
    ['2027-01-01', '元日'],
  ])('%s is a holiday (%s)', (date) => {
    expect(isJapaneseHoliday(date)).toBe(true);
  });

  it.each(['2026-04-28', '2026-05-07', '2026-05-02', '2026-12-29'])(
    '%s is not a national holiday',
    (date) => {
      expect(isJapaneseHoliday(date)).toBe(false);
    },
  );
});

describe('weekends, the year-end closure and business days', () => {
  it('knows weekends', () => {
    expect(isWeekend('2026-04-04')).toBe(true); // Saturday
    expect(isWeekend('2026-04-05')).toBe(true); // Sunday
    expect(isWeekend('2026-04-06')).toBe(false); // Monday
  });

  it.each([
    ['2026-12-28', false],
    ['2026-12-29', true],
    ['2026-12-31', true],
    ['2027-01-03', true],
    ['2027-01-04', false],
  ])('year-end closure on %s: %s', (date, closed) => {
    expect(isYearEndClosure(date)).toBe(closed);
  });

  it('counts the year-end closure only when the calendar says so', () => {
    expect(isBusinessDay('2026-12-29')).toBe(false);
    expect(isBusinessDay('2026-12-29', { yearEndClosure: false })).toBe(true);
    expect(isBusinessDay('2026-04-29', { yearEndClosure: false })).toBe(false);
  });
});

describe('nextBusinessDay', () => {
  it.each([
    ['a business day stays', '2026-04-06', '2026-04-06'],
    ['Saturday moves to Monday', '2026-04-04', '2026-04-06'],
    ['Sunday moves to Monday', '2026-04-05', '2026-04-06'],
    ['Golden Week moves to the Thursday after it', '2026-05-02', '2026-05-07'],
    ['昭和の日 moves to the next day', '2026-04-29', '2026-04-30'],
    ['Silver Week 2026 moves past three holidays', '2026-09-19', '2026-09-24'],
    ['the year-end closure moves to 4 January', '2026-12-29', '2027-01-04'],
    ['元日 moves to the first Monday', '2027-01-01', '2027-01-04'],
  ])('%s (%s → %s)', (_label, date, expected) => {
    expect(nextBusinessDay(date)).toBe(expected);
  });

  it('without the year-end closure, 29 December (a Tuesday) stays and 元日 moves to Monday', () => {
    const calendar = { yearEndClosure: false };
    expect(nextBusinessDay('2026-12-29', calendar)).toBe('2026-12-29');
    expect(nextBusinessDay('2027-01-01', calendar)).toBe('2027-01-04');
    expect(nextBusinessDay('2027-01-01', { yearEndClosure: true })).toBe('2027-01-04');
  });
});

describe('instants and local dates', () => {
  it('puts 9:00 in Tokyo at midnight UTC', () => {
    expect(atLocalHour('2026-04-01', 9, 'Asia/Tokyo')).toBe('2026-04-01T00:00:00.000Z');
  });

  it('puts an early hour in Tokyo on the previous UTC day', () => {
    expect(atLocalHour('2026-04-01', 0, 'Asia/Tokyo')).toBe('2026-03-31T15:00:00.000Z');
  });

  it('gives the local date of an instant late in the UTC day as the next day in Tokyo', () => {
    expect(localDate('2026-04-01T15:00:00Z', 'Asia/Tokyo')).toBe('2026-04-02');
    expect(localDate('2026-04-01T14:59:59Z', 'Asia/Tokyo')).toBe('2026-04-01');
    expect(localDate('2026-04-02T08:00:00+09:00', 'UTC')).toBe('2026-04-01');
  });

  it('refuses a string that is not an instant', () => {
    expect(() => localDate('yesterday', 'Asia/Tokyo')).toThrow('not an instant: yesterday');
  });

  it('converts instants to and from epoch milliseconds', () => {
    expect(instantMillis('2026-04-01T09:00:00+09:00')).toBe(Date.UTC(2026, 3, 1, 0, 0, 0));
    expect(toInstant(Date.UTC(2026, 3, 1, 0, 0, 0))).toBe('2026-04-01T00:00:00.000Z');
  });
});
