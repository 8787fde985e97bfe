import type { CaseEvent } from '@banso/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type CaseSummaryRow, projectCaseSummary } from '../projections/case-summary.projection';
import { insertReportFacts } from '../projections/read-model-writer';
import {
  type ReportFactRow,
  reportFactRows,
  statementsOf,
  withClosure,
} from '../projections/report-facts.projection';

const PAGE = 1_000;

/**
 * The fiscal-year report's read model: the dated facts each row of the report counts, one row per
 * fact, so a report counts a year's rows by index instead of folding every case's log (at 100,000
 * cases that took seconds). Filled here from the log already stored, with the projection the
 * append and the rebuild use.
 */
export class CaseReportFacts1795390000009 implements MigrationInterface {
  name = 'CaseReportFacts1795390000009';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_report_facts (
        organisation_id text NOT NULL,
        case_id text NOT NULL,
        seq integer NOT NULL,
        fact text NOT NULL,
        kind text NOT NULL,
        happened_on date NOT NULL,
        fiscal_year_end date,
        sales double precision,
        operating_profit double precision,
        previous_sales double precision,
        previous_operating_profit double precision,
        after_approval boolean,
        plan_target_reached boolean,
        closed_on date,
        CONSTRAINT pk_case_report_facts PRIMARY KEY (organisation_id, case_id, seq)
      )`);
    await q.query(`
      CREATE INDEX ix_case_report_facts_year ON case_report_facts (organisation_id, fact, happened_on)
      INCLUDE (kind, case_id, closed_on, sales, operating_profit, previous_sales,
               previous_operating_profit, after_approval, plan_target_reached)`);
    await backfill(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_report_facts`);
  }
}

/**
 * Every case's facts, from its log in (organisation, case, seq) order, a page at a time; a case's
 * rows are written once its last event is read, its approval dated with its closure.
 */
async function backfill(q: QueryRunner): Promise<void> {
  let after = { organisationId: '', caseId: '', seq: 0 };
  let summary: CaseSummaryRow | null = null;
  let caseFacts: ReportFactRow[] = [];
  for (;;) {
    const rows = (await q.query(
      `SELECT organisation_id, case_id, seq, event FROM case_events
       WHERE (organisation_id, case_id, seq) > ($1, $2, $3)
       ORDER BY organisation_id, case_id, seq LIMIT $4`,
      [after.organisationId, after.caseId, after.seq, PAGE],
    )) as Array<{ organisation_id: string; case_id: string; seq: number; event: CaseEvent }>;
    const done: ReportFactRow[] = [];
    for (const { event } of rows) {
      if (
        summary &&
        (summary.caseId !== event.caseId || summary.organisationId !== event.organisationId)
      ) {
        done.push(...withClosure(caseFacts));
        summary = null;
        caseFacts = [];
      }
      caseFacts.push(...reportFactRows(summary?.state ?? null, event, statementsOf(caseFacts)));
      summary = projectCaseSummary(summary, event);
    }
    const last = rows[rows.length - 1];
    if (!last) done.push(...withClosure(caseFacts));
    await insertReportFacts(q.manager, done);
    if (!last) return;
    after = { organisationId: last.organisation_id, caseId: last.case_id, seq: last.seq };
  }
}
