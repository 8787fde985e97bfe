import type { OpenedCase } from '@banso/domain';
import type { EntityManager } from 'typeorm';
import type { ChainedEvent } from '../audit/event-hash';
import { caseSummaryOf, type CaseSummaryRow } from './case-summary.projection';
import type { NotificationRow } from './notification.projection';

// The SQL side of the projections, shared by the append transaction and the rebuild so both write
// exactly the same rows. Every placeholder carries its cast: multi-row VALUES infer no types.

type Column<R> = [name: string, cast: string, value: (row: R) => unknown];

const json = (value: unknown) => JSON.stringify(value);

const SUMMARY_COLUMNS: Column<CaseSummaryRow>[] = [
  ['case_id', 'text', (r) => r.caseId],
  ['organisation_id', 'text', (r) => r.organisationId],
  ['firm_name', 'text', (r) => r.firmName],
  ['firm', 'jsonb', (r) => json(r.firm)],
  ['kind', 'text', (r) => r.kind],
  ['stage', 'text', (r) => r.stage],
  ['officer_id', 'text', (r) => r.officerId],
  ['opened_on', 'date', (r) => r.openedOn],
  ['opened_at', 'timestamptz', (r) => r.openedAt],
  ['fiscal_year', 'integer', (r) => r.fiscalYear],
  ['next_follow_up_due', 'date', (r) => r.nextFollowUpDue],
  ['overdue', 'boolean', (r) => r.overdue],
  ['deadline_on', 'date', (r) => r.deadlineOn],
  ['drifting', 'boolean', (r) => r.drifting],
  ['open_dispatch_id', 'text', (r) => r.openDispatchId],
  ['last_follow_up_on', 'date', (r) => r.lastFollowUpOn],
  ['follow_ups', 'integer', (r) => r.followUps],
  ['plan_version', 'integer', (r) => r.planVersion],
  ['closed_on', 'date', (r) => r.closedOn],
  ['close_reason', 'text', (r) => r.closeReason],
  ['version', 'integer', (r) => r.version],
  ['updated_at', 'timestamptz', (r) => r.updatedAt],
  ['state', 'jsonb', (r) => json(r.state)],
  ['needs_attention', 'boolean', (r) => r.needsAttention],
];

const NOTIFICATION_COLUMNS: Column<NotificationRow>[] = [
  ['id', 'text', (r) => r.id],
  ['case_id', 'text', (r) => r.caseId],
  ['organisation_id', 'text', (r) => r.organisationId],
  ['seq', 'integer', (r) => r.seq],
  ['kind', 'text', (r) => r.kind],
  ['recipient_role', 'text', (r) => r.recipientRole],
  ['recipient_id', 'text', (r) => r.recipientId],
  ['subject', 'text', (r) => r.subject],
  ['due_date', 'date', (r) => r.dueDate],
  ['message', 'text', (r) => r.message],
  ['created_at', 'timestamptz', (r) => r.createdAt],
];

const EVENT_COLUMNS: Column<ChainedEvent>[] = [
  ['case_id', 'text', ({ event: e }) => e.caseId],
  ['seq', 'integer', ({ event: e }) => e.seq],
  ['type', 'text', ({ event: e }) => e.type],
  ['organisation_id', 'text', ({ event: e }) => e.organisationId],
  ['actor', 'jsonb', ({ event: e }) => json(e.actor)],
  ['at', 'timestamptz', ({ event: e }) => e.at],
  ['event', 'jsonb', ({ event: e }) => json(e)],
  ['hash', 'text', (c) => c.hash],
  ['prev_hash', 'text', (c) => c.prevHash],
];

/** `INSERT INTO table (…) VALUES (…), (…) <tail>` with numbered, cast placeholders. */
function insertSql<R>(
  table: string,
  columns: Column<R>[],
  rows: R[],
  tail: string,
): [string, unknown[]] {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    const slots = columns.map(([, cast, value]) => {
      params.push(value(row));
      return `$${params.length}::${cast}`;
    });
    return `(${slots.join(', ')})`;
  });
  const names = columns.map(([name]) => name).join(', ');
  return [`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')} ${tail}`, params];
}

// Rows per statement: well under PostgreSQL's 65,535 parameters for the widest table.
const BATCH = 500;

/** Inserts in statements of BATCH rows; returns what the statements' RETURNING clauses gave. */
async function insertInBatches<R, Returned = never>(
  m: EntityManager,
  table: string,
  columns: Column<R>[],
  rows: R[],
  tail: string,
): Promise<Returned[]> {
  const returned: Returned[] = [];
  for (let i = 0; i < rows.length; i += BATCH) {
    const [sql, params] = insertSql(table, columns, rows.slice(i, i + BATCH), tail);
    returned.push(...(await m.query<Returned[]>(sql, params)));
  }
  return returned;
}

/** Inserts events not yet in the log, each with its chain link; returns the seqs it inserted. */
export async function insertEvents(m: EntityManager, events: ChainedEvent[]): Promise<Set<number>> {
  if (events.length === 0) return new Set();
  const rows = await insertInBatches<ChainedEvent, { seq: number }>(
    m,
    'case_events',
    EVENT_COLUMNS,
    events,
    'ON CONFLICT (organisation_id, case_id, seq) DO NOTHING RETURNING seq',
  );
  return new Set(rows.map((r) => r.seq));
}

export async function upsertCaseSummaries(m: EntityManager, rows: CaseSummaryRow[]): Promise<void> {
  if (rows.length === 0) return;
  const updates = SUMMARY_COLUMNS.slice(2)
    .map(([name]) => `${name} = EXCLUDED.${name}`)
    .join(', ');
  await insertInBatches(
    m,
    'case_summaries',
    SUMMARY_COLUMNS,
    rows,
    `ON CONFLICT (organisation_id, case_id) DO UPDATE SET ${updates}`,
  );
}

/** Inserts the notifications not there yet; returns the ids it inserted. */
export async function insertNotifications(
  m: EntityManager,
  rows: NotificationRow[],
): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await insertInBatches<NotificationRow, { id: string }>(
    m,
    'notifications',
    NOTIFICATION_COLUMNS,
    rows,
    'ON CONFLICT (id) DO NOTHING RETURNING id',
  );
  return inserted.map((r) => r.id);
}

/** The case's summary row, locked until the transaction ends; null before the case's first event. */
export async function lockCaseSummary(
  m: EntityManager,
  organisationId: string,
  caseId: string,
): Promise<CaseSummaryRow | null> {
  const rows = await m.query<
    Array<{ state: OpenedCase; updated_at: Date; needs_attention: boolean }>
  >(
    `SELECT state, updated_at, needs_attention FROM case_summaries
     WHERE organisation_id = $1 AND case_id = $2 FOR UPDATE`,
    [organisationId, caseId],
  );
  const found = rows[0];
  if (!found) return null;
  // Only `state` feeds the next fold: the flat columns are derived from it again.
  return {
    ...caseSummaryOf(found.state, found.updated_at.toISOString()),
    needsAttention: found.needs_attention,
  };
}
