import { Client } from 'pg';
import { createDataSource, rebuildReadModels, verifyCaseChain } from '@banso/persistence';
import type { CaseEvent } from '@banso/domain';
import { casePath } from '../../e2e/support/case-api';
import type { Walk } from './case-walks';
import { request } from './http';
import type { Product } from './product';

/**
 * Every case ended where its walk leads, as the API reads it: the workflow's state for a case still
 * running, the fold of its log for a closed one; the version is the number of events its walk wrote.
 */
export async function expectEveryCaseAtItsStage(product: Product, walks: Walk[]): Promise<void> {
  const seen = await Promise.all(
    walks.map(async (walk) => {
      const answer = await request(`${product.apiUrl}${casePath(walk.caseId)}`, 'GET', {
        key: product.keys.manager,
      });
      const state = (answer.body as { state?: { status?: string; version?: number } }).state;
      return [walk.caseId, { http: answer.status, status: state?.status, version: state?.version }];
    }),
  );
  const wanted = walks.map((walk) => [
    walk.caseId,
    { http: 200, status: walk.stage, version: eventsOf(walk).length },
  ]);
  expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(wanted));
}

/**
 * With the apps stopped (nothing writes any more): each case's log holds exactly the events its
 * commands write, in order, numbered 1..n with no gap and no duplicate, each command's events once
 * and together under its key; the command ledger names each command once with those seqs; the hash
 * chain holds; no incident was raised; and the read models equal a rebuild from the log, made in a
 * copy of the database so that the live rows are compared as the faults left them.
 */
export async function expectLogAndReadModelsConsistent(
  product: Product,
  walks: Walk[],
): Promise<void> {
  await product.api.stop();
  await product.worker.stop();

  const db = new Client({ connectionString: product.databaseUrl });
  await db.connect();
  let live: Tables;
  try {
    const events = await db.query<EventRow>(
      `SELECT organisation_id, case_id, seq, type, hash, prev_hash, event FROM case_events
       ORDER BY organisation_id, case_id, seq`,
    );
    const ledger = await db.query<LedgerRow>(
      `SELECT case_id, command_id, command_type, first_seq, last_seq FROM case_commands
       ORDER BY case_id, first_seq`,
    );
    const byCase = (caseId: string) => events.rows.filter((r) => r.case_id === caseId);

    expect(logs(events.rows)).toEqual(
      Object.fromEntries(walks.map((w) => [w.caseId, expectedLog(w)])),
    );
    expect(ledgers(ledger.rows)).toEqual(
      Object.fromEntries(walks.map((w) => [w.caseId, expectedLedger(w)])),
    );
    const chains = Object.fromEntries(
      walks.map((w) => [w.caseId, verifyCaseChain(byCase(w.caseId).map(chainRow)).verified]),
    );
    expect(chains).toEqual(Object.fromEntries(walks.map((w) => [w.caseId, true])));
    expect((await db.query('SELECT * FROM case_incidents')).rows).toEqual([]);

    const summaries = await db.query<{ case_id: string; stage: string }>(
      'SELECT case_id, stage FROM case_summaries',
    );
    expect(Object.fromEntries(summaries.rows.map((s) => [s.case_id, s.stage]))).toEqual(
      Object.fromEntries(walks.map((w) => [w.caseId, w.stage])),
    );
    live = await everyTable(db);
  } finally {
    await db.end();
  }
  expect(await rebuiltCopy(product.databaseUrl)).toEqual(live);
}

interface EventRow {
  organisation_id: string;
  case_id: string;
  seq: number;
  type: string;
  hash: string;
  prev_hash: string;
  event: CaseEvent;
}

interface LedgerRow {
  case_id: string;
  command_id: string;
  command_type: string;
  first_seq: number;
  last_seq: number;
}

/** Every row of every table, by table. */
type Tables = Record<string, unknown[]>;

function eventsOf(walk: Walk) {
  return walk.steps.flatMap((step) => step.events.map((type) => ({ type, commandId: step.key })));
}

function expectedLog(walk: Walk) {
  return eventsOf(walk).map((e, i) => ({ seq: i + 1, ...e }));
}

function expectedLedger(walk: Walk) {
  let seq = 0;
  return walk.steps.map((step) => {
    const firstSeq = seq + 1;
    seq += step.events.length;
    return { commandId: step.key, type: step.command, firstSeq, lastSeq: seq };
  });
}

/** Each case's log as (seq, type, command id): a lost, repeated or misplaced event shows in the diff. */
function logs(rows: EventRow[]) {
  const byCase: Record<string, Array<{ seq: number; type: string; commandId: string }>> = {};
  for (const row of rows) {
    (byCase[row.case_id] ??= []).push({
      seq: row.seq,
      type: row.type,
      commandId: row.event.commandId,
    });
  }
  return byCase;
}

function ledgers(rows: LedgerRow[]) {
  const byCase: Record<
    string,
    Array<{ commandId: string; type: string; firstSeq: number; lastSeq: number }>
  > = {};
  for (const row of rows) {
    (byCase[row.case_id] ??= []).push({
      commandId: row.command_id,
      type: row.command_type,
      firstSeq: row.first_seq,
      lastSeq: row.last_seq,
    });
  }
  return byCase;
}

function chainRow(row: EventRow) {
  return {
    seq: row.seq,
    type: row.type,
    caseId: row.case_id,
    organisationId: row.organisation_id,
    hash: row.hash,
    prevHash: row.prev_hash,
    event: row.event,
  };
}

/**
 * Every row of every table, each table ordered by its whole rows. Compared between the live
 * database and its rebuilt copy, it covers whatever read models the rebuild writes, those to come
 * too; the tables it leaves alone (the log, the ledger, users) compare equal as copied.
 */
async function everyTable(db: Client): Promise<Tables> {
  const tables = await db.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const rows: Tables = {};
  for (const { name } of tables.rows) {
    rows[name] = (await db.query(`SELECT * FROM "${name}" t ORDER BY t::text`)).rows;
  }
  return rows;
}

/**
 * A copy of the database (CREATE DATABASE … TEMPLATE, which needs the apps stopped) with its read
 * models rebuilt from the log: the live tables stay as the faults left them.
 */
async function rebuiltCopy(databaseUrl: string): Promise<Tables> {
  const copy = `rebuilt_${Date.now()}`;
  const server = new URL(databaseUrl);
  const source = server.pathname.slice(1);
  server.pathname = '/postgres';
  const admin = new Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${copy} TEMPLATE "${source}"`);
  } finally {
    await admin.end();
  }
  server.pathname = `/${copy}`;
  const ds = await createDataSource(server.toString()).initialize();
  try {
    await rebuildReadModels(ds);
  } finally {
    await ds.destroy();
  }
  // Read through pg as the live rows were, with the same type parsers (the DataSource has its own).
  const db = new Client({ connectionString: server.toString() });
  await db.connect();
  try {
    return await everyTable(db);
  } finally {
    await db.end();
  }
}
