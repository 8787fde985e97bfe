import type { CaseEvent } from '@banso/domain';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { eventHash, GENESIS_HASH } from '../audit/event-hash';

// Rows read per query: the log is walked in keyset pages, never loaded whole.
const PAGE = 1_000;

/**
 * A tamper-evident log: each event carries the hash of its case's previous event and its own
 * (audit/event-hash). Events already stored are chained here, case by case in seq order, with the
 * very function the event store uses, so old and new links verify alike.
 */
export class EventHashChain1795390000006 implements MigrationInterface {
  name = 'EventHashChain1795390000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events ADD COLUMN hash text, ADD COLUMN prev_hash text`);
    // The log refuses UPDATE (tr_case_events_append_only); only this backfill may write to it, in
    // the migration's transaction, so no other writer ever sees the trigger off.
    await q.query(`ALTER TABLE case_events DISABLE TRIGGER tr_case_events_append_only`);
    await backfill(q);
    await q.query(`ALTER TABLE case_events ENABLE TRIGGER tr_case_events_append_only`);
    await q.query(
      `ALTER TABLE case_events ALTER COLUMN hash SET NOT NULL, ALTER COLUMN prev_hash SET NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_events DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}

/** Chains every stored event, page by page in (organisation, case, seq) order. */
async function backfill(q: QueryRunner): Promise<void> {
  let after = { organisationId: '', caseId: '', seq: 0 };
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = (await q.query(
      `SELECT id, organisation_id, case_id, seq, event FROM case_events
       WHERE (organisation_id, case_id, seq) > ($1, $2, $3)
       ORDER BY organisation_id, case_id, seq LIMIT $4`,
      [after.organisationId, after.caseId, after.seq, PAGE],
    )) as Array<{
      id: string;
      organisation_id: string;
      case_id: string;
      seq: number;
      event: CaseEvent;
    }>;
    if (rows.length === 0) return;
    const ids: string[] = [];
    const hashes: string[] = [];
    const prevHashes: string[] = [];
    for (const row of rows) {
      // A new case starts a new chain; a case may run on from the previous page.
      if (row.organisation_id !== after.organisationId || row.case_id !== after.caseId) {
        prevHash = GENESIS_HASH;
      }
      const hash = eventHash(row.event, prevHash);
      ids.push(row.id);
      hashes.push(hash);
      prevHashes.push(prevHash);
      prevHash = hash;
      after = { organisationId: row.organisation_id, caseId: row.case_id, seq: row.seq };
    }
    await q.query(
      `UPDATE case_events c SET hash = u.hash, prev_hash = u.prev_hash
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, hash, prev_hash)
       WHERE c.id = u.id`,
      [ids, hashes, prevHashes],
    );
  }
}
