import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The event log: append-only, unique on (case_id, seq). */
export class CreateCaseEvents1795390000000 implements MigrationInterface {
  name = 'CreateCaseEvents1795390000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_events (
        id bigserial NOT NULL,
        case_id text NOT NULL,
        seq integer NOT NULL,
        type text NOT NULL,
        organisation_id text NOT NULL,
        actor jsonb NOT NULL,
        at timestamptz NOT NULL,
        event jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_case_events PRIMARY KEY (id),
        CONSTRAINT uq_case_events_case_id_seq UNIQUE (case_id, seq),
        CONSTRAINT ck_case_events_seq_positive CHECK (seq >= 1)
      )`);
    await q.query(
      `CREATE INDEX ix_case_events_organisation_id_at ON case_events (organisation_id, at)`,
    );
    // The log is history: the database itself refuses to rewrite or delete it, whatever the caller.
    await q.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER tr_case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE case_events`);
    await q.query(`DROP FUNCTION case_events_append_only()`);
  }
}
