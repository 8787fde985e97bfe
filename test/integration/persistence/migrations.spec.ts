import { createDataSource, MIGRATIONS, runMigrations } from '@banso/persistence';
import { createDatabase } from '../../support/postgres';
import { useTestDatabase } from './test-database';

const TABLES = [
  'api_keys',
  'case_commands',
  'case_events',
  'case_forecast_dues',
  'case_incidents',
  'case_report_facts',
  'case_summaries',
  'migrations',
  'notification_reads',
  'notifications',
  'organisation_policies',
  'organisations',
  'report_targets',
  'users',
];

describe('migrations', () => {
  const db = useTestDatabase({ migrate: false });

  async function tables(): Promise<string[]> {
    const rows = await db.ds.query<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name`,
    );
    return rows.map((r) => r.table_name);
  }

  it('create the schema from an empty database', async () => {
    expect(await tables()).toEqual([]);
    const ran = await runMigrations(db.ds);
    expect(ran.map((m) => m.name)).toEqual([
      'CreateCaseEvents1795390000000',
      'CreateReadModels1795390000001',
      'CreateOrganisations1795390000002',
      'ScopeByOrganisationAndCommandLedger1795390000003',
      'StepDeadlines1795390000004',
      'UsersAndApiKeys1795390000005',
      'EventHashChain1795390000006',
      'ReportTargets1795390000007',
      'KeysetListIndexes1795390000008',
      'CaseReportFacts1795390000009',
      'CaseForecastDues1795390000010',
      'ManagersInboxIndex1795390000011',
    ]);
    expect(await tables()).toEqual(TABLES);
  });

  it('are re-runnable: a second run finds nothing to do', async () => {
    expect(await runMigrations(db.ds)).toEqual([]);
    expect(await tables()).toEqual(TABLES);
  });

  it('agree with the entities: TypeORM finds no schema change to make', async () => {
    const pending = await db.ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('create the named constraints and indexes', async () => {
    const rows = await db.ds.query<Array<{ indexname: string }>>(
      `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'case_events' ORDER BY 1`,
    );
    expect(rows.map((r) => r.indexname)).toEqual([
      'ix_case_events_organisation_id_at',
      'pk_case_events',
      'uq_case_events_organisation_id_case_id_seq',
    ]);
  });

  it('revert in reverse order and apply again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) {
      await db.ds.undoLastMigration({ transaction: 'all' });
    }
    expect(await tables()).toEqual(['migrations']);
    expect(await runMigrations(db.ds)).toHaveLength(MIGRATIONS.length);
    expect(await tables()).toEqual(TABLES);
  });

  it('migrate a second, fresh database of the same server on its own', async () => {
    const other = createDataSource(await createDatabase(db.url, 'banso_second'));
    await other.initialize();
    try {
      expect(await runMigrations(other)).toHaveLength(MIGRATIONS.length);
      expect(await runMigrations(other)).toEqual([]);
    } finally {
      await other.destroy();
    }
  });

  it('return DATE as the calendar date string and leave instants as instants', async () => {
    const [row] = await db.ds.query<Array<{ day: unknown; instant: unknown }>>(
      `SELECT '2026-04-01'::date AS day, '2026-04-01T10:00:00+09:00'::timestamptz AS instant`,
    );
    expect(row?.day).toBe('2026-04-01');
    expect(row?.instant).toEqual(new Date('2026-04-01T01:00:00Z'));
  });

  it('make the event log append-only in the database itself', async () => {
    await db.ds.query(
      `INSERT INTO case_events (case_id, seq, type, organisation_id, actor, at, event, hash, prev_hash)
       VALUES ('case-x', 1, 'CaseOpened', 'org', '{}', now(), '{}', 'h', 'p')`,
    );
    await expect(db.ds.query(`UPDATE case_events SET type = 'CaseClosed'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(db.ds.query(`DELETE FROM case_events`)).rejects.toThrow(/append-only/);
    await expect(
      db.ds.query(
        `INSERT INTO case_events (case_id, seq, type, organisation_id, actor, at, event, hash, prev_hash)
         VALUES ('case-x', 0, 'CaseOpened', 'org', '{}', now(), '{}', 'h', 'p')`,
      ),
    ).rejects.toThrow(/ck_case_events_seq_positive/);
  });
});
