import { compareDates, type IsoDate, laterDate } from '../calendar/dates';
import type { EventDataMap } from '../case/events';
import { rulesOf } from '../case/rules';
import { nextOnGrid, scheduleFrom } from '../case/schedule';
import type { CaseIn, CaseState, Schedule } from '../case/state';
import type { CaseKind } from '../policy/policy';
import { fiscalYearBounds, type FiscalYearBounds, fiscalYearLabel, isWithin } from './fiscal-years';
import {
  FORECAST_ROW_KEYS,
  type ForecastRowKey,
  type KindCounts,
  rowLabel,
  rowsOf,
  zeroCounts,
} from './report-rows';

export interface FiscalYearForecastRow {
  key: ForecastRowKey;
  kind: CaseKind | null;
  label: string;
  forecast: number;
}

export interface FiscalYearForecast extends FiscalYearBounds {
  fiscalYear: number;
  label: string;
  labels: { western: string; japanese: string };
  /** The day the forecast counts from. */
  today: IsoDate;
  rows: FiscalYearForecastRow[];
}

/** Why a forecast is refused. */
export type ReportError = {
  code: 'FISCAL_YEAR_ENDED';
  message: string;
  fiscalYear: number;
  endedOn: IsoDate;
};

export type ForecastOutcome =
  { ok: true; forecast: FiscalYearForecast } | { ok: false; error: ReportError };

/**
 * The follow-up visits the open cases' schedules put in a fiscal year that has not ended: what
 * next year's targets are written from (15 plans followed quarterly are 60 visits, Rumoi 001
 * l.527–531). `cases` are the folded states of the open cases; a case still in analysis or
 * planning has no schedule yet and is not counted, nor is a closed one.
 */
export function fiscalYearForecast(
  year: number,
  cases: Iterable<CaseState>,
  options: { today: IsoDate },
): ForecastOutcome {
  const bounds = fiscalYearBounds(year);
  const { western, japanese, full } = fiscalYearLabel(year);
  if (compareDates(bounds.to, options.today) < 0) {
    return {
      ok: false,
      error: {
        code: 'FISCAL_YEAR_ENDED',
        message: `${full} ended on ${bounds.to}: its figures are reported, not forecast`,
        fiscalYear: year,
        endedOn: bounds.to,
      },
    };
  }
  const counts: Record<ForecastRowKey, KindCounts> = {
    followedUpBusinesses: zeroCounts(),
    followUpVisits: zeroCounts(),
  };
  for (const state of cases) {
    if (state.status !== 'followUp') continue;
    const visits = forecastDueDates(state, bounds, options.today).length;
    counts.followUpVisits[state.kind] += visits;
    if (visits > 0) counts.followedUpBusinesses[state.kind] += 1;
  }
  return {
    ok: true,
    forecast: {
      fiscalYear: year,
      ...bounds,
      label: full,
      labels: { western, japanese },
      today: options.today,
      rows: rowsOf(FORECAST_ROW_KEYS, counts, (key, kind, forecast) => ({
        key,
        kind,
        label: rowLabel(key, kind),
        forecast,
      })),
    },
  };
}

/**
 * The due dates a case's schedule puts in the year from the later of today and the year's first
 * day, stepping its grid (or, under the first rules, a cadence from each due date, as if each
 * visit were made on it) at the cadence it has now, a drifting case at its drifting cadence, up
 * to the plan's end. Its pending due date counts too while it is in the year, though it may be
 * past: a visit within its grace still meets it.
 */
export function forecastDueDates(
  s: CaseIn<'followUp'>,
  year: FiscalYearBounds,
  today: IsoDate,
): IsoDate[] {
  const from = laterDate(today, year.from);
  const dates: IsoDate[] = [];
  let current = s.schedule;
  let pending = true;
  // A monthly grid over ten years is 120 steps; the guard only stops a schedule that never ends.
  for (let guard = 0; current && guard < 1000; guard++) {
    const counted = pending
      ? isWithin(current.dueDate, year)
      : isWithin(current.dueDate, { from, to: year.to });
    if (!current.answered && counted) dates.push(current.dueDate);
    if (current.final || compareDates(current.dueDate, year.to) > 0) break;
    current = scheduleOf(nextDue(s, current));
    pending = false;
  }
  return dates;
}

function nextDue(s: CaseIn<'followUp'>, current: Schedule): EventDataMap['FollowUpScheduled'] {
  const at = { ...s, schedule: current };
  return rulesOf(s) === 1
    ? scheduleFrom(current.nominalDueDate, at, s.plan, current.mode, 'followUpRecorded')
    : nextOnGrid(at, s.plan, current.mode, 'followUpRecorded', current.nominalDueDate);
}

function scheduleOf(d: EventDataMap['FollowUpScheduled']): Schedule {
  const { dueDate, nominalDueDate, cadenceMonths, mode, final, anchor, step } = d;
  return {
    dueDate,
    nominalDueDate,
    cadenceMonths,
    mode,
    final,
    ...(anchor === undefined ? {} : { anchor, step }),
  };
}
