import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The projections of the event log (case summaries, the inbox) and the inbox's read marks. */
export class CreateReadModels1795390000001 implements MigrationInterface {
  name = 'CreateReadModels1795390000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_summaries (
        case_id text NOT NULL,
        organisation_id text NOT NULL,
        firm_name text NOT NULL,
        firm jsonb NOT NULL,
        kind text NOT NULL,
        stage text NOT NULL,
        officer_id text NOT NULL,
        opened_on date NOT NULL,
        opened_at timestamptz NOT NULL,
        fiscal_year integer NOT NULL,
        next_follow_up_due date,
        overdue boolean NOT NULL,
        drifting boolean NOT NULL,
        open_dispatch_id text,
        last_follow_up_on date,
        follow_ups integer NOT NULL,
        plan_version integer NOT NULL,
        closed_on date,
        close_reason text,
        version integer NOT NULL,
        updated_at timestamptz NOT NULL,
        state jsonb NOT NULL,
        CONSTRAINT pk_case_summaries PRIMARY KEY (case_id)
      )`);
    const indexes: Array<[string, string]> = [
      ['ix_case_summaries_organisation_id_stage', '(organisation_id, stage)'],
      ['ix_case_summaries_organisation_id_officer_id', '(organisation_id, officer_id)'],
      ['ix_case_summaries_organisation_id_fiscal_year', '(organisation_id, fiscal_year)'],
      [
        'ix_case_summaries_organisation_id_next_follow_up_due',
        '(organisation_id, next_follow_up_due)',
      ],
      ['ix_case_summaries_organisation_id_opened_at', '(organisation_id, opened_at)'],
      ['ix_case_summaries_organisation_id_updated_at', '(organisation_id, updated_at)'],
      ['ix_case_summaries_overdue', '(organisation_id) WHERE overdue'],
      ['ix_case_summaries_drifting', '(organisation_id) WHERE drifting'],
      ['ix_case_summaries_open_dispatch', '(organisation_id) WHERE open_dispatch_id IS NOT NULL'],
    ];
    for (const [name, definition] of indexes) {
      await q.query(`CREATE INDEX ${name} ON case_summaries ${definition}`);
    }

    await q.query(`
      CREATE TABLE notifications (
        id text NOT NULL,
        case_id text NOT NULL,
        organisation_id text NOT NULL,
        seq integer NOT NULL,
        kind text NOT NULL,
        recipient_role text NOT NULL,
        recipient_id text,
        subject text NOT NULL,
        due_date date,
        message text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT pk_notifications PRIMARY KEY (id)
      )`);
    await q.query(`
      CREATE INDEX ix_notifications_inbox
      ON notifications (organisation_id, recipient_role, recipient_id, created_at)`);
    await q.query(`CREATE INDEX ix_notifications_case_id_seq ON notifications (case_id, seq)`);

    // No foreign key to notifications: a rebuild empties that table and the reads must survive it.
    await q.query(`
      CREATE TABLE notification_reads (
        notification_id text NOT NULL,
        read_at timestamptz NOT NULL,
        read_by text NOT NULL,
        CONSTRAINT pk_notification_reads PRIMARY KEY (notification_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_reads`);
    await q.query(`DROP TABLE notifications`);
    await q.query(`DROP TABLE case_summaries`);
  }
}
