import type { OpenedCase } from '@banso/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { caseSummaryOf } from '../projections/case-summary.projection';
import { forecastDueRows } from '../projections/forecast-dues.projection';
import { replaceForecastDues } from '../projections/read-model-writer';

const PAGE = 1_000;

/**
 * The forecast's read model: each due date the cases in follow-up are scheduled for, to their
 * plans' ends, so a forecast counts a year's rows by index instead of stepping every open case's
 * grid (at 100,000 cases that took seconds). Filled here from the summaries' folded states, with
 * the projection the append and the rebuild use.
 */
export class CaseForecastDues1795390000010 implements MigrationInterface {
  name = 'CaseForecastDues1795390000010';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_forecast_dues (
        organisation_id text NOT NULL,
        case_id text NOT NULL,
        step integer NOT NULL,
        kind text NOT NULL,
        due_on date NOT NULL,
        pending boolean NOT NULL,
        CONSTRAINT pk_case_forecast_dues PRIMARY KEY (organisation_id, case_id, step)
      )`);
    await q.query(`
      CREATE INDEX ix_case_forecast_dues_due_on ON case_forecast_dues (organisation_id, due_on)
      INCLUDE (kind, case_id, pending)`);
    let after = { organisationId: '', caseId: '' };
    for (;;) {
      const rows = (await q.query(
        `SELECT organisation_id, case_id, state, updated_at FROM case_summaries
         WHERE stage = 'followUp' AND (organisation_id, case_id) > ($1, $2)
         ORDER BY organisation_id, case_id LIMIT $3`,
        [after.organisationId, after.caseId, PAGE],
      )) as Array<{
        organisation_id: string;
        case_id: string;
        state: OpenedCase;
        updated_at: Date;
      }>;
      const last = rows[rows.length - 1];
      if (!last) return;
      const dues = rows.flatMap((r) =>
        forecastDueRows(caseSummaryOf(r.state, r.updated_at.toISOString())),
      );
      await replaceForecastDues(q.manager, [], dues);
      after = { organisationId: last.organisation_id, caseId: last.case_id };
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_forecast_dues`);
  }
}
