import { type CaseKind, type IsoDate, scheduledDueDates } from '@banso/domain';
import type { CaseSummaryRow } from './case-summary.projection';

/**
 * One row of case_forecast_dues: a due date a case in follow-up is scheduled for, from its
 * pending one to its plan's end, at the cadence it has now. The forecast counts a year's rows.
 */
export interface ForecastDueRow {
  organisationId: string;
  caseId: string;
  /** 0 for the pending due date, then 1, 2 … along the grid. */
  step: number;
  kind: CaseKind;
  dueOn: IsoDate;
  /** The due date the case waits on now: it counts anywhere in its year, even once past. */
  pending: boolean;
}

/**
 * A case's rows, all of them, from its summary row (the folded state): none unless it is in
 * follow-up. Pure: the append replaces a case's rows with these, the rebuild and the migration
 * that fills the table write them.
 */
export function forecastDueRows(row: CaseSummaryRow): ForecastDueRow[] {
  const s = row.state;
  if (s.status !== 'followUp') return [];
  return scheduledDueDates(s).map((due, step) => ({
    organisationId: s.organisationId,
    caseId: s.caseId,
    step,
    kind: s.kind,
    dueOn: due.dueDate,
    pending: due.pending,
  }));
}
