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
  const counts: Record<ForecastRowKey, KindCounts> = {
    followedUpBusinesses: zeroCounts(),
    followUpVisits: zeroCounts(),
  };
  const bounds = fiscalYearBounds(year);
  for (const state of cases) {
    if (state.status !== 'followUp') continue;
    const visits = forecastDueDates(state, bounds, options.today).length;
    counts.followUpVisits[state.kind] += visits;
    if (visits > 0) counts.followedUpBusinesses[state.kind] += 1;
  }
  return fiscalYearForecastOf(year, counts, options);
}

/**
 * The forecast from its counts (what fiscalYearForecast counts from the cases' states, or the
 * forecast's read model counts in the database); an ended year is refused.
 */
export function fiscalYearForecastOf(
  year: number,
  counts: Record<ForecastRowKey, KindCounts>,
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
  return dueDatesInYear(scheduledDueDates(s, year.to), year, today);
}

/** One due date of a case's schedule from now on; `pending` for the one it is waiting on now. */
export interface ScheduledDue {
  dueDate: IsoDate;
  pending: boolean;
}

/**
 * Every due date a case in follow-up is scheduled for from now to its plan's end (or past `until`,
 * if given), at the cadence it has now; its pending one unless a follow-up already answered it.
 * It depends on the case's state alone, not on the year or today: what the forecast's read model
 * keeps per case.
 */
export function scheduledDueDates(s: CaseIn<'followUp'>, until?: IsoDate): ScheduledDue[] {
  const dues: ScheduledDue[] = [];
  let current = s.schedule;
  let pending = true;
  // A monthly grid over ten years is 120 steps; the guard only stops a schedule that never ends.
  for (let guard = 0; current && guard < 1000; guard++) {
    if (!current.answered) dues.push({ dueDate: current.dueDate, pending });
    if (current.final || (until !== undefined && compareDates(current.dueDate, until) > 0)) break;
    current = scheduleOf(nextDue(s, current));
    pending = false;
  }
  return dues;
}

/**
 * The due dates a fiscal year counts of a case's schedule: the pending one anywhere in the year,
 * the later ones from the later of today and the year's first day.
 */
export function dueDatesInYear(
  dues: readonly ScheduledDue[],
  year: FiscalYearBounds,
  today: IsoDate,
): IsoDate[] {
  const from = laterDate(today, year.from);
  return dues
    .filter((d) => isWithin(d.dueDate, d.pending ? year : { from, to: year.to }))
    .map((d) => d.dueDate);
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
