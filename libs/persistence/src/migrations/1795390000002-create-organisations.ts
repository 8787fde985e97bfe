import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations and every published version of their policy. */
export class CreateOrganisations1795390000002 implements MigrationInterface {
  name = 'CreateOrganisations1795390000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id text NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_organisations PRIMARY KEY (id)
      )`);
    await q.query(`
      CREATE TABLE organisation_policies (
        organisation_id text NOT NULL,
        version integer NOT NULL,
        policy jsonb NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        published_by text NOT NULL,
        CONSTRAINT pk_organisation_policies PRIMARY KEY (organisation_id, version),
        CONSTRAINT fk_organisation_policies_organisation_id FOREIGN KEY (organisation_id)
          REFERENCES organisations (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE organisation_policies`);
    await q.query(`DROP TABLE organisations`);
  }
}
