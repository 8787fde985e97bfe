import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists read in index order, a page after a cursor (keyset), at 100,000 cases: every sort has
 * an index ending in the case id, the tie-break, scanned either way; the next follow-up's due
 * date sorts cases without one last both ways, so it is indexed as COALESCE with ±infinity
 * (those two indexes also serve the dueFrom / dueTo ranges); the work lists count from one
 * index-only scan per officer; a dispatch proposal waiting for a decision is a column of its own
 * (a proposal id, like the open dispatch's), not a look into the folded state of every case; the
 * inbox is read newest first from its index.
 */
export class KeysetListIndexes1795390000008 implements MigrationInterface {
  name = 'KeysetListIndexes1795390000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_summaries ADD COLUMN open_proposal_id text`);
    await q.query(`
      UPDATE case_summaries SET open_proposal_id = state -> 'openProposal' ->> 'proposalId'
      WHERE jsonb_typeof(state -> 'openProposal') = 'object'`);
    await q.query(`
      CREATE INDEX ix_case_summaries_open_proposal ON case_summaries (organisation_id)
      WHERE open_proposal_id IS NOT NULL`);

    for (const column of ['opened_at', 'updated_at']) {
      await q.query(`DROP INDEX ix_case_summaries_organisation_id_${column}`);
      await q.query(`
        CREATE INDEX ix_case_summaries_organisation_id_${column}_case_id
        ON case_summaries (organisation_id, ${column}, case_id)`);
    }
    await q.query(`
      CREATE INDEX ix_case_summaries_organisation_id_firm_name_case_id
      ON case_summaries (organisation_id, firm_name, case_id)`);
    await q.query(`DROP INDEX ix_case_summaries_organisation_id_next_follow_up_due`);
    await q.query(`
      CREATE INDEX ix_case_summaries_due_or_never ON case_summaries
      (organisation_id, (COALESCE(next_follow_up_due, 'infinity'::date)), case_id)`);
    await q.query(`
      CREATE INDEX ix_case_summaries_due_or_ever ON case_summaries
      (organisation_id, (COALESCE(next_follow_up_due, '-infinity'::date)), case_id)`);
    await q.query(`DROP INDEX ix_case_summaries_organisation_id_officer_id`);
    await q.query(`
      CREATE INDEX ix_case_summaries_work_lists ON case_summaries (organisation_id, officer_id)
      INCLUDE (stage, overdue, deadline_on, drifting, next_follow_up_due, open_dispatch_id,
               open_proposal_id, needs_attention)`);

    await q.query(`DROP INDEX ix_notifications_inbox`);
    await q.query(`
      CREATE INDEX ix_notifications_inbox
      ON notifications (organisation_id, recipient_role, recipient_id, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ix_notifications_inbox`);
    await q.query(`
      CREATE INDEX ix_notifications_inbox
      ON notifications (organisation_id, recipient_role, recipient_id, created_at)`);
    await q.query(`DROP INDEX ix_case_summaries_work_lists`);
    await q.query(`
      CREATE INDEX ix_case_summaries_organisation_id_officer_id
      ON case_summaries (organisation_id, officer_id)`);
    await q.query(`DROP INDEX ix_case_summaries_due_or_ever`);
    await q.query(`DROP INDEX ix_case_summaries_due_or_never`);
    await q.query(`
      CREATE INDEX ix_case_summaries_organisation_id_next_follow_up_due
      ON case_summaries (organisation_id, next_follow_up_due)`);
    await q.query(`DROP INDEX ix_case_summaries_organisation_id_firm_name_case_id`);
    for (const column of ['opened_at', 'updated_at']) {
      await q.query(`DROP INDEX ix_case_summaries_organisation_id_${column}_case_id`);
      await q.query(`
        CREATE INDEX ix_case_summaries_organisation_id_${column}
        ON case_summaries (organisation_id, ${column})`);
    }
    await q.query(`DROP INDEX ix_case_summaries_open_proposal`);
    await q.query(`ALTER TABLE case_summaries DROP COLUMN open_proposal_id`);
  }
}
