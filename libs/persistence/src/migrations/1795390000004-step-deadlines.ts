import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An analysis or a plan past its deadline stays flagged in the lists until it is done: the
 * summary keeps the deadline of the step the case is in, and the lists compare it with today.
 */
export class StepDeadlines1795390000004 implements MigrationInterface {
  name = 'StepDeadlines1795390000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_summaries ADD COLUMN deadline_on date`);
    await q.query(`
      UPDATE case_summaries SET deadline_on = CASE stage
        WHEN 'analysis' THEN (state->>'analysisDeadline')::date
        WHEN 'planning' THEN (state->>'planDeadline')::date
      END`);
    await q.query(
      `CREATE INDEX ix_case_summaries_deadline_on ON case_summaries (organisation_id, deadline_on) WHERE deadline_on IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_case_summaries_deadline_on`);
    await q.query(`ALTER TABLE case_summaries DROP COLUMN deadline_on`);
  }
}
