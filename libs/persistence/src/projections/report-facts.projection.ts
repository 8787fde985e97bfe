import {
  type CaseEvent,
  type CaseKind,
  type IsoDate,
  type OpenedCase,
  type ReportFact,
  reportContextOf,
  reportFactsOf,
  type StatementFigures,
} from '@banso/domain';

/**
 * One row of case_report_facts, as plain JSON: a dated fact of a case's log that a row of the
 * fiscal-year report counts (an analysis, a draft, the first approval, a visit, a dispatch, a
 * statement, the closure), with the case's kind; statements carry what their growth is judged on,
 * so the report applies the organisation's growth share when it is read.
 */
export interface ReportFactRow {
  organisationId: string;
  caseId: string;
  /** The event the fact comes from. */
  seq: number;
  fact: ReportFact['fact'];
  kind: CaseKind;
  happenedOn: IsoDate;
  /** Statements (an analysis's or later ones): the year they close and the figures compared. */
  fiscalYearEnd: IsoDate | null;
  sales: number | null;
  operatingProfit: number | null;
  previousSales: number | null;
  previousOperatingProfit: number | null;
  afterApproval: boolean | null;
  planTargetReached: boolean | null;
  /** On the approval's row: the day the case closed, once it has (set by the closure's append). */
  closedOn: IsoDate | null;
}

/**
 * The rows an event adds, from the case's state before it (the summary's folded state; null for
 * the opening, which adds none) and the case's statements so far. Pure: the append, the rebuild
 * and the migration that backfills the table all call it.
 */
export function reportFactRows(
  before: OpenedCase | null,
  event: CaseEvent,
  earlier: readonly StatementFigures[],
): ReportFactRow[] {
  if (!before) return [];
  return reportFactsOf(event, reportContextOf(before, earlier)).map((f) => {
    const figures = f.fact === 'analysis' || f.fact === 'statement' ? f.figures : undefined;
    const statement = f.fact === 'statement' ? f : undefined;
    return {
      organisationId: event.organisationId,
      caseId: event.caseId,
      seq: event.seq,
      fact: f.fact,
      kind: before.kind,
      happenedOn: f.on,
      fiscalYearEnd: figures?.fiscalYearEnd ?? null,
      sales: figures?.sales ?? null,
      operatingProfit: figures?.operatingProfit ?? null,
      previousSales: statement?.previous?.sales ?? null,
      previousOperatingProfit: statement?.previous?.operatingProfit ?? null,
      afterApproval: statement ? statement.afterApproval : null,
      planTargetReached: statement ? statement.planTargetsReached.length > 0 : null,
      closedOn: null,
    };
  });
}

/** The statements a case's fact rows hold, in order: the `earlier` of its next statement. */
export function statementsOf(rows: readonly ReportFactRow[]): StatementFigures[] {
  return rows.flatMap((r) =>
    r.fiscalYearEnd !== null && r.sales !== null && r.operatingProfit !== null
      ? [{ fiscalYearEnd: r.fiscalYearEnd, sales: r.sales, operatingProfit: r.operatingProfit }]
      : [],
  );
}

/**
 * Rows of whole histories at once (a bulk load): each approval row carries its case's closure, as
 * the closure's append sets it (insertReportFacts).
 */
export function withClosure(rows: ReportFactRow[]): ReportFactRow[] {
  const closedOn = new Map(
    rows
      .filter((r) => r.fact === 'closure')
      .map((r) => [`${r.organisationId}/${r.caseId}`, r.happenedOn]),
  );
  if (closedOn.size === 0) return rows;
  return rows.map((r) =>
    r.fact === 'approval'
      ? { ...r, closedOn: closedOn.get(`${r.organisationId}/${r.caseId}`) ?? r.closedOn }
      : r,
  );
}
