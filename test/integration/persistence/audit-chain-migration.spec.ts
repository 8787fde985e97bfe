import type { CaseEvent } from '@banso/domain';
import {
  AuditRepository,
  type CaseVerification,
  chainEvents,
  GENESIS_HASH,
  rebuildReadModels,
  runMigrations,
} from '@banso/persistence';
import {
  type CaseHistory,
  jst,
  openedCase,
  realisticHistory,
  toFollowUp,
} from '@banso/testing/persistence/case-history';
import type { DataSource } from 'typeorm';
import { useTestDatabase } from './test-database';

const MIGRATION = 'EventHashChain1795390000006';

/** Reverts the migrations after `name`, and `name` itself; answers how many were undone. */
async function undoThrough(ds: DataSource, name: string): Promise<number> {
  for (let undone = 1; ; undone++) {
    const [last] = await ds.query<Array<{ name: string }>>(
      `SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1`,
    );
    await ds.undoLastMigration({ transaction: 'all' });
    if (last?.name === name) return undone;
    if (!last) throw new Error(`${name} was never applied`);
  }
}

/** Writes events as the event store did before the chain (no hash, no prev_hash), ledger and all. */
async function insertUnchained(ds: DataSource, events: CaseEvent[]): Promise<void> {
  await ds.query(
    `INSERT INTO case_events (case_id, seq, type, organisation_id, actor, at, event)
     SELECT e->>'caseId', (e->>'seq')::integer, e->>'type', e->>'organisationId', e->'actor',
            (e->>'at')::timestamptz, e
     FROM jsonb_array_elements($1::jsonb) AS e`,
    [JSON.stringify(events)],
  );
  const [first, last] = [events[0]!, events[events.length - 1]!];
  await ds.query(
    `INSERT INTO case_commands (organisation_id, case_id, command_id, command_type, body_hash, first_seq, last_seq)
     VALUES ($1, $2, $3, 'recordFollowUp', 'body', $4, $5)`,
    [first.organisationId, first.caseId, `${first.caseId}:all`, first.seq, last.seq],
  );
}

/** A case of 700 events: two of them fill the backfill's first page of 1,000 rows mid-case. */
function longCase(caseId: string): CaseHistory {
  const history = openedCase(caseId, { organisationId: 'org-bulk' });
  for (let i = 1; history.events.length < 700; i++) {
    history.run(
      'recordContact',
      { contactedOn: '2026-04-02', method: 'phone', notes: `電話 ${i}` },
      jst('2026-04-02', '10:00'),
    );
  }
  return history;
}

describe(`migration ${MIGRATION}`, () => {
  const db = useTestDatabase({ migrate: false });
  const realistic = realisticHistory('mig-realistic');
  const other = realisticHistory('mig-other', { organisationId: 'org-iwaki' });
  const growing = openedCase('mig-growing');
  const before = growing.events.length;
  toFollowUp(growing, '2026-04-10');

  const collect = async (it: AsyncIterable<CaseVerification>) => {
    const all: CaseVerification[] = [];
    for await (const c of it) all.push(c);
    return all;
  };
  const nullable = async () =>
    db.ds.query<Array<{ column_name: string; is_nullable: string }>>(
      `SELECT column_name, is_nullable FROM information_schema.columns
       WHERE table_name = 'case_events' AND column_name IN ('hash', 'prev_hash') ORDER BY 1`,
    );

  beforeAll(async () => {
    // The schema as it was just before the chain, holding events written then.
    await runMigrations(db.ds);
    await undoThrough(db.ds, MIGRATION);
    expect(await nullable()).toEqual([]);
    await insertUnchained(db.ds, realistic.events);
    await insertUnchained(db.ds, other.events);
    await insertUnchained(db.ds, growing.events.slice(0, before));
    for (const id of ['bulk-1', 'bulk-2']) await insertUnchained(db.ds, longCase(id).events);
    expect((await runMigrations(db.ds)).map((m) => m.name)[0]).toBe(MIGRATION);
    // The summaries the store would have written with those events (read models are not chained).
    await rebuildReadModels(db.ds);
  });

  it('chains the stored events exactly as the event store would have', async () => {
    const rows = await db.ds.query<Array<{ hash: string; prev_hash: string; event: CaseEvent }>>(
      `SELECT hash, prev_hash, event FROM case_events
       WHERE organisation_id = 'org-kanazawa-cci' AND case_id = 'mig-realistic' ORDER BY seq`,
    );
    const expected = chainEvents(JSON.parse(JSON.stringify(realistic.events)), GENESIS_HASH);
    expect(rows.map((r) => ({ event: r.event, hash: r.hash, prevHash: r.prev_hash }))).toEqual(
      expected,
    );
  });

  it('leaves every case verified, cases crossing the pages of the backfill too', async () => {
    const all = await collect(new AuditRepository(db.ds).verifyOrganisation());
    expect(all.map((c) => [c.organisationId, c.caseId, c.events, c.verified])).toEqual(
      expect.arrayContaining([
        ['org-bulk', 'bulk-1', 700, true],
        ['org-bulk', 'bulk-2', 700, true],
        ['org-iwaki', 'mig-other', other.events.length, true],
        ['org-kanazawa-cci', 'mig-realistic', realistic.events.length, true],
        ['org-kanazawa-cci', 'mig-growing', before, true],
      ]),
    );
    expect(all).toHaveLength(5);
  });

  it('makes hash and prev_hash NOT NULL, and the log append-only again', async () => {
    expect(await nullable()).toEqual([
      { column_name: 'hash', is_nullable: 'NO' },
      { column_name: 'prev_hash', is_nullable: 'NO' },
    ]);
    await expect(db.ds.query(`UPDATE case_events SET hash = 'x'`)).rejects.toThrow(/append-only/);
  });

  it('agrees with the entity: TypeORM finds no change to make to case_events', async () => {
    const pending = await db.ds.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query).filter((q) => q.includes('case_events'))).toEqual(
      [],
    );
  });

  it('lets the event store continue a backfilled chain', async () => {
    await db.events.append({
      organisationId: 'org-kanazawa-cci',
      caseId: 'mig-growing',
      events: growing.events.slice(before),
    });
    const audit = await new AuditRepository(db.ds).auditOf('org-kanazawa-cci', 'mig-growing');
    expect(audit).toMatchObject({ verified: true, firstBrokenSeq: null });
    expect(audit!.events).toHaveLength(growing.events.length);
  });

  it('reverts, and chains again the same way', async () => {
    const hashes = async () =>
      db.ds.query<unknown[]>(`SELECT id, hash, prev_hash FROM case_events ORDER BY id`);
    const chained = await hashes();
    const undone = await undoThrough(db.ds, MIGRATION);
    expect(await nullable()).toEqual([]);
    expect(await runMigrations(db.ds)).toHaveLength(undone);
    expect(await hashes()).toEqual(chained);
  });
});
