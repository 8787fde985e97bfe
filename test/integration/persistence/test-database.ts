// One PostgreSQL per test file, migrated, with the repositories over it.
import type { CaseEvent } from '@banso/domain';
import {
  CaseReadRepository,
  createDataSource,
  NotificationRepository,
  OrganisationRepository,
  PostgresEventStore,
  PostgresNotifier,
  runMigrations,
} from '@banso/persistence';
import type { DataSource } from 'typeorm';
import { startPostgres, type TestPostgres } from '../../support/postgres';

export interface TestDatabase {
  url: string;
  ds: DataSource;
  events: PostgresEventStore;
  notifier: PostgresNotifier;
  cases: CaseReadRepository;
  inbox: NotificationRepository;
  organisations: OrganisationRepository;
}

/** Registers beforeAll/afterAll hooks; the returned object is filled in before the first test. */
export function useTestDatabase(options: { migrate?: boolean } = {}): TestDatabase {
  const db = {} as TestDatabase;
  let server: TestPostgres | undefined;
  beforeAll(async () => {
    server = await startPostgres();
    const ds = createDataSource(server.url);
    await ds.initialize();
    if (options.migrate ?? true) await runMigrations(ds);
    Object.assign(db, {
      url: server.url,
      ds,
      events: new PostgresEventStore(ds),
      notifier: new PostgresNotifier(ds),
      cases: new CaseReadRepository(ds),
      inbox: new NotificationRepository(ds),
      organisations: new OrganisationRepository(ds),
    });
  });
  afterAll(async () => {
    if (db.ds?.isInitialized) await db.ds.destroy();
    await server?.stop();
  });
  return db;
}

/**
 * Appends events to a case of the sample organisation (or `organisationId`), as the append
 * activity does, and says how many of them the log did not hold before.
 */
export async function appendTo(
  db: TestDatabase,
  caseId: string,
  events: CaseEvent[],
  organisationId = 'org-kanazawa-cci',
): Promise<{ appended: number }> {
  const before = await db.cases.countEvents(caseId);
  await db.events.append({ organisationId, caseId, events });
  return { appended: (await db.cases.countEvents(caseId)) - before };
}

/** Appends a history the way the workflow does: one call per command. */
export async function appendBatches(
  store: PostgresEventStore,
  batches: CaseEvent[][],
): Promise<number> {
  let appended = 0;
  for (const batch of batches) {
    const first = batch[0];
    if (!first) continue;
    const { caseId, organisationId } = first;
    appended += (await store.append({ organisationId, caseId, events: batch })).events.length;
  }
  return appended;
}

/** Every row of a table in a stable order, as PostgreSQL returns them, for before/after comparisons. */
export async function tableRows(
  ds: DataSource,
  table: string,
  orderBy: string,
): Promise<unknown[]> {
  return await ds.query<unknown[]>(`SELECT * FROM ${table} ORDER BY ${orderBy}`);
}
