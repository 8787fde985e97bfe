import type { CaseEvent } from '@banso/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventStore } from '@banso/workflows/activities/case-activities';
import { PersistenceError } from '../persistence.error';
import { type CaseSummaryRow, projectCaseSummary } from '../projections/case-summary.projection';
import { type NotificationRow, notificationRows } from '../projections/notification.projection';
import {
  insertEvents,
  insertNotifications,
  lockCaseSummary,
  upsertCaseSummaries,
} from '../projections/read-model-writer';
import { lockCaseForAppend } from './locks';

/**
 * The event log in PostgreSQL. One append is one transaction: the new events, the case's summary
 * row and the notifications they raise commit together, so the read models never lag the log.
 * Idempotent on (caseId, seq): an activity retried after a lost reply appends nothing twice.
 */
export class PostgresEventStore implements EventStore {
  constructor(private readonly ds: DataSource) {}

  async append(caseId: string, events: CaseEvent[]): Promise<{ appended: number }> {
    const batch = normalise(caseId, events);
    if (batch.length === 0) return { appended: 0 };
    return this.ds.transaction(async (m) => {
      await lockCaseForAppend(m, caseId);
      const summary = await lockCaseSummary(m, caseId);
      const last = await lastSeq(m, caseId);
      const stored = batch.filter((e) => e.seq <= last);
      await assertSameAsStored(m, caseId, stored);
      const fresh = batch.filter((e) => e.seq > last);
      // A case never changes organisation: the one its first event named.
      const organisationId =
        summary?.organisationId ?? (await organisationOf(m, caseId)) ?? fresh[0]?.organisationId;
      fresh.forEach((e, i) => {
        if (e.seq !== last + 1 + i) {
          throw new PersistenceError(
            'EVENT_GAP',
            `case ${caseId}: expected seq ${last + 1 + i}, got ${e.seq} (the log ends at ${last})`,
          );
        }
        if (e.organisationId !== organisationId) {
          throw new PersistenceError(
            'EVENT_MISMATCH',
            `case ${caseId} belongs to ${organisationId}; seq ${e.seq} names ${e.organisationId}`,
          );
        }
      });
      const inserted = await insertEvents(m, fresh);
      await project(
        m,
        summary,
        fresh.filter((e) => inserted.has(e.seq)),
      );
      return { appended: inserted.size };
    });
  }
}

/** The batch in seq order, each seq once; refuses events of another case or a seq given twice over. */
function normalise(caseId: string, events: CaseEvent[]): CaseEvent[] {
  const bySeq = new Map<number, CaseEvent>();
  for (const e of events) {
    if (e.caseId !== caseId) {
      throw new PersistenceError(
        'EVENT_MISMATCH',
        `an event of case ${e.caseId} appended to case ${caseId}`,
      );
    }
    if (!Number.isInteger(e.seq) || e.seq < 1) {
      throw new PersistenceError(
        'EVENT_GAP',
        `case ${caseId}: seq must be a positive integer, got ${e.seq}`,
      );
    }
    const twin = bySeq.get(e.seq);
    if (twin && JSON.stringify(twin) !== JSON.stringify(e)) {
      throw new PersistenceError(
        'EVENT_CONFLICT',
        `case ${caseId}: two different events with seq ${e.seq}`,
      );
    }
    bySeq.set(e.seq, e);
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

async function lastSeq(m: EntityManager, caseId: string): Promise<number> {
  const rows = await m.query<
    Array<{
      last: number | null;
    }>
  >('SELECT max(seq) AS last FROM case_events WHERE case_id = $1', [caseId]);
  return rows[0]?.last ?? 0;
}

/** The organisation of a case with events but no summary yet (a rebuild not yet run). */
async function organisationOf(m: EntityManager, caseId: string): Promise<string | undefined> {
  const rows = await m.query<Array<{ organisation_id: string }>>(
    'SELECT organisation_id FROM case_events WHERE case_id = $1 AND seq = 1',
    [caseId],
  );
  return rows[0]?.organisation_id;
}

/**
 * A retry re-sends events already stored: accepted only when identical (jsonb equality, so key
 * order does not matter). A different event at a stored seq means two writers disagree on the
 * case's history; accepting either silently would lose the other, so it is refused.
 */
async function assertSameAsStored(
  m: EntityManager,
  caseId: string,
  events: CaseEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const differing = await m.query<Array<{ seq: number }>>(
    `SELECT c.seq FROM case_events c
     JOIN jsonb_array_elements($2::jsonb) AS n(event) ON c.seq = (n.event ->> 'seq')::integer
     WHERE c.case_id = $1 AND c.event <> n.event
     ORDER BY c.seq`,
    [caseId, JSON.stringify(events)],
  );
  if (differing.length > 0) {
    const seqs = differing.map((r) => r.seq).join(', ');
    throw new PersistenceError(
      'EVENT_CONFLICT',
      `case ${caseId}: seq ${seqs} already holds a different event; the log is never rewritten`,
    );
  }
}

async function project(
  m: EntityManager,
  summary: CaseSummaryRow | null,
  events: CaseEvent[],
): Promise<void> {
  if (events.length === 0) return;
  let row = summary;
  const notifications: NotificationRow[] = [];
  for (const event of events) {
    row = projectCaseSummary(row, event);
    notifications.push(...notificationRows(event));
  }
  if (row) await upsertCaseSummaries(m, [row]);
  await insertNotifications(m, notifications);
}
