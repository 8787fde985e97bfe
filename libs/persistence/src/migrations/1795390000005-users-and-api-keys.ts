import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people of an organisation, with their role, and the API keys they sign in with. A key is
 * kept only as its password hash: the secret is shown once, when it is issued.
 */
export class UsersAndApiKeys1795390000005 implements MigrationInterface {
  name = 'UsersAndApiKeys1795390000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        organisation_id text NOT NULL,
        id text NOT NULL,
        name text NOT NULL,
        role text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        CONSTRAINT pk_users PRIMARY KEY (organisation_id, id),
        CONSTRAINT ck_users_role CHECK (role IN ('officer', 'manager', 'administrator')),
        CONSTRAINT fk_users_organisation_id FOREIGN KEY (organisation_id)
          REFERENCES organisations (id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE api_keys (
        id text NOT NULL,
        organisation_id text NOT NULL,
        user_id text NOT NULL,
        label text,
        hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        revoked_at timestamptz,
        revoked_by text,
        idempotency_key text,
        CONSTRAINT pk_api_keys PRIMARY KEY (id),
        CONSTRAINT uq_api_keys_idempotency_key UNIQUE (organisation_id, user_id, idempotency_key),
        CONSTRAINT fk_api_keys_user FOREIGN KEY (organisation_id, user_id)
          REFERENCES users (organisation_id, id) ON DELETE CASCADE
      )`);
    await q.query(
      `CREATE INDEX ix_api_keys_organisation_id_user_id ON api_keys (organisation_id, user_id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_keys`);
    await q.query(`DROP TABLE users`);
  }
}
