import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The yearly targets an organisation's plan sets for each row of the fiscal-year report (経営分析
 * 件数, 事業計画策定事業者数 …), for all kinds together (`kind` 'all') or for one kind.
 */
export class ReportTargets1795390000007 implements MigrationInterface {
  name = 'ReportTargets1795390000007';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE report_targets (
        organisation_id text NOT NULL,
        fiscal_year integer NOT NULL,
        row_key text NOT NULL,
        kind text NOT NULL,
        target integer NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        CONSTRAINT pk_report_targets PRIMARY KEY (organisation_id, fiscal_year, row_key, kind),
        CONSTRAINT ck_report_targets_target CHECK (target >= 0),
        CONSTRAINT fk_report_targets_organisation_id FOREIGN KEY (organisation_id)
          REFERENCES organisations (id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE report_targets`);
  }
}
