import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Cases are scoped by organisation (the same case id in two organisations is two cases); each
 * command id is bound to its command and body for good (case_commands); failures that retrying
 * cannot fix are kept as incidents and flag the case's summary.
 */
export class ScopeByOrganisationAndCommandLedger1795390000003 implements MigrationInterface {
  name = 'ScopeByOrganisationAndCommandLedger1795390000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events DROP CONSTRAINT uq_case_events_case_id_seq`);
    await q.query(`
      ALTER TABLE case_events ADD CONSTRAINT uq_case_events_organisation_id_case_id_seq
      UNIQUE (organisation_id, case_id, seq)`);

    await q.query(`ALTER TABLE case_summaries DROP CONSTRAINT pk_case_summaries`);
    await q.query(`
      ALTER TABLE case_summaries ADD CONSTRAINT pk_case_summaries
      PRIMARY KEY (organisation_id, case_id)`);
    await q.query(
      `ALTER TABLE case_summaries ADD COLUMN needs_attention boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `CREATE INDEX ix_case_summaries_needs_attention ON case_summaries (organisation_id) WHERE needs_attention`,
    );

    // Notification ids name their organisation now; the read marks follow them.
    await q.query(`
      UPDATE notification_reads r SET notification_id = n.organisation_id || '/' || n.id
      FROM notifications n WHERE n.id = r.notification_id`);
    await q.query(`UPDATE notifications SET id = organisation_id || '/' || id`);

    await q.query(`
      CREATE TABLE case_commands (
        organisation_id text NOT NULL,
        case_id text NOT NULL,
        command_id text NOT NULL,
        command_type text NOT NULL,
        body_hash text NOT NULL,
        first_seq integer NOT NULL,
        last_seq integer NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_case_commands PRIMARY KEY (organisation_id, case_id, command_id),
        CONSTRAINT ck_case_commands_seqs CHECK (1 <= first_seq AND first_seq <= last_seq)
      )`);

    await q.query(`
      CREATE TABLE case_incidents (
        incident_id text NOT NULL,
        organisation_id text NOT NULL,
        case_id text NOT NULL,
        code text NOT NULL,
        message text NOT NULL,
        during text NOT NULL,
        raised_at timestamptz NOT NULL,
        resolved_at timestamptz,
        CONSTRAINT pk_case_incidents PRIMARY KEY (incident_id)
      )`);
    await q.query(`
      CREATE INDEX ix_case_incidents_open ON case_incidents (organisation_id, case_id)
      WHERE resolved_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_incidents`);
    await q.query(`DROP TABLE case_commands`);
    await q.query(`
      UPDATE notification_reads r SET notification_id = substr(r.notification_id, length(n.organisation_id) + 2)
      FROM notifications n WHERE n.id = r.notification_id`);
    await q.query(`UPDATE notifications SET id = substr(id, length(organisation_id) + 2)`);
    await q.query(`DROP INDEX ix_case_summaries_needs_attention`);
    await q.query(`ALTER TABLE case_summaries DROP COLUMN needs_attention`);
    await q.query(`ALTER TABLE case_summaries DROP CONSTRAINT pk_case_summaries`);
    await q.query(
      `ALTER TABLE case_summaries ADD CONSTRAINT pk_case_summaries PRIMARY KEY (case_id)`,
    );
    await q.query(
      `ALTER TABLE case_events DROP CONSTRAINT uq_case_events_organisation_id_case_id_seq`,
    );
    await q.query(
      `ALTER TABLE case_events ADD CONSTRAINT uq_case_events_case_id_seq UNIQUE (case_id, seq)`,
    );
  }
}
