import { type CaseEvent, priorCommand, type StatementFigures } from '@banso/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AppendedCommand,
  AppendInput,
  AppendResult,
  EventStore,
} from '@banso/workflows/activities/case-activities';
import { chainEvents, GENESIS_HASH } from '../audit/event-hash';
import { isTransientDatabaseError, sqlState } from '../database-errors';
import { PersistenceError } from '../persistence.error';
import { type CaseSummaryRow, projectCaseSummary } from '../projections/case-summary.projection';
import { forecastDueRows } from '../projections/forecast-dues.projection';
import { type NotificationRow, notificationRows } from '../projections/notification.projection';
import {
  closeApprovals,
  insertEvents,
  insertNotifications,
  insertReportFacts,
  lockCaseSummary,
  replaceForecastDues,
  storedStatements,
  upsertCaseSummaries,
} from '../projections/read-model-writer';
import {
  type ReportFactRow,
  reportFactRows,
  statementsOf,
} from '../projections/report-facts.projection';
import { lockCaseForAppend } from './locks';

/**
 * The event log in PostgreSQL. One append is one transaction: the command's binding, the new
 * events, the case's summary row and the notifications they raise commit together, so the read
 * models never lag the log. Each new event is chained to the case's previous one (hash and
 * prev_hash, audit/event-hash), so the log is tamper-evident. Idempotent on (organisation, case,
 * seq) and on the command id: an activity retried after a lost reply appends nothing twice, and
 * returns what the log holds.
 */
export class PostgresEventStore implements EventStore {
  constructor(private readonly ds: DataSource) {}

  async append(input: AppendInput): Promise<AppendResult> {
    const { organisationId, caseId, command } = input;
    const batch = normalise(organisationId, caseId, input.events);
    if (batch.length === 0) return { events: [] };
    try {
      return await this.ds.transaction(async (m) => {
        await lockCaseForAppend(m, organisationId, caseId);
        if (command) {
          const replayed = await bindCommand(m, organisationId, caseId, command, batch);
          if (replayed) return { events: [], replayed };
        }
        const summary = await lockCaseSummary(m, organisationId, caseId);
        const { seq: last, hash: lastHash } = await lastLink(m, organisationId, caseId);
        await assertSameAsStored(
          m,
          organisationId,
          caseId,
          batch.filter((e) => e.seq <= last),
        );
        const fresh = batch.filter((e) => e.seq > last);
        fresh.forEach((e, i) => {
          if (e.seq !== last + 1 + i) {
            throw new PersistenceError(
              'EVENT_GAP',
              `case ${caseId}: expected seq ${last + 1 + i}, got ${e.seq} (the log ends at ${last})`,
            );
          }
        });
        // The case lock above keeps the last link still until this transaction ends.
        const inserted = await insertEvents(m, chainEvents(fresh, lastHash));
        await project(
          m,
          summary,
          fresh.filter((e) => inserted.has(e.seq)),
        );
        if (summary?.needsAttention) await resolveIncidents(m, organisationId, caseId);
        // Every event of the batch is now in the log exactly as given (stored ones were compared).
        return { events: batch };
      });
    } catch (err) {
      throw refusalOrOutage(err, caseId);
    }
  }
}

/**
 * An outage is rethrown as it is (the activity retries it); anything else is a PersistenceError,
 * which the workflow does not retry but reports, so the case is looked at instead of stuck.
 */
function refusalOrOutage(err: unknown, caseId: string): unknown {
  if (err instanceof PersistenceError || isTransientDatabaseError(err)) return err;
  const state = sqlState(err);
  const reason = err instanceof Error ? err.message : String(err);
  return new PersistenceError(
    'DATABASE_REJECTED',
    `case ${caseId}: the append was refused${state ? ` (SQLSTATE ${state})` : ''}: ${reason}`,
  );
}

/** The batch in seq order, each seq once; refuses events of another case or a seq given twice over. */
function normalise(organisationId: string, caseId: string, events: CaseEvent[]): CaseEvent[] {
  const bySeq = new Map<number, CaseEvent>();
  for (const e of events) {
    if (e.caseId !== caseId || e.organisationId !== organisationId) {
      throw new PersistenceError(
        'EVENT_MISMATCH',
        `an event of case ${e.organisationId}/${e.caseId} appended to case ${organisationId}/${caseId}`,
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

/**
 * Binds the command id to this command and body. Returns the seqs of the first result when the
 * id was already done with the same body at other seqs (nothing is to be appended); undefined to
 * go on (a new id, or this very append retried). The same id with another body is refused.
 */
async function bindCommand(
  m: EntityManager,
  organisationId: string,
  caseId: string,
  command: AppendedCommand,
  batch: CaseEvent[],
): Promise<{ firstSeq: number; lastSeq: number } | undefined> {
  const firstSeq = batch[0]!.seq;
  const lastSeq = batch[batch.length - 1]!.seq;
  const inserted = await m.query<unknown[]>(
    `INSERT INTO case_commands
       (organisation_id, case_id, command_id, command_type, body_hash, first_seq, last_seq)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (organisation_id, case_id, command_id) DO NOTHING RETURNING command_id`,
    [organisationId, caseId, command.commandId, command.type, command.bodyHash, firstSeq, lastSeq],
  );
  if (inserted.length > 0) return undefined;
  const [bound] = await m.query<
    Array<{
      command_type: AppendedCommand['type'];
      body_hash: string;
      first_seq: number;
      last_seq: number;
    }>
  >(
    `SELECT command_type, body_hash, first_seq, last_seq FROM case_commands
     WHERE organisation_id = $1 AND case_id = $2 AND command_id = $3`,
    [organisationId, caseId, command.commandId],
  );
  const prior = priorCommand(
    command.commandId,
    bound && { type: bound.command_type, bodyHash: bound.body_hash },
    command.type,
    command.bodyHash,
  );
  if (prior.kind === 'conflict') {
    throw new PersistenceError('COMMAND_CONFLICT', prior.error.message);
  }
  if (bound && bound.first_seq === firstSeq) return undefined;
  return bound && { firstSeq: bound.first_seq, lastSeq: bound.last_seq };
}

/** The seq and hash of the case's last event; (0, GENESIS_HASH) before its first. */
async function lastLink(
  m: EntityManager,
  organisationId: string,
  caseId: string,
): Promise<{ seq: number; hash: string }> {
  const rows = await m.query<Array<{ seq: number; hash: string }>>(
    `SELECT seq, hash FROM case_events WHERE organisation_id = $1 AND case_id = $2
     ORDER BY seq DESC LIMIT 1`,
    [organisationId, caseId],
  );
  return rows[0] ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * A retry re-sends events already stored: accepted only when identical (jsonb equality, so key
 * order does not matter). A different event at a stored seq means two writers disagree on the
 * case's history; accepting either silently would lose the other, so it is refused.
 */
async function assertSameAsStored(
  m: EntityManager,
  organisationId: string,
  caseId: string,
  events: CaseEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const differing = await m.query<Array<{ seq: number }>>(
    `SELECT c.seq FROM case_events c
     JOIN jsonb_array_elements($3::jsonb) AS n(event) ON c.seq = (n.event ->> 'seq')::integer
     WHERE c.organisation_id = $1 AND c.case_id = $2 AND c.event <> n.event
     ORDER BY c.seq`,
    [organisationId, caseId, JSON.stringify(events)],
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
  const facts: ReportFactRow[] = [];
  // What a statement is compared with: read only when one is appended (statements are rare).
  const first = events[0]!;
  let earlier: StatementFigures[] = events.some((e) => e.type === 'StatementsRecorded')
    ? await storedStatements(m, first.organisationId, first.caseId)
    : [];
  for (const event of events) {
    const added = reportFactRows(row?.state ?? null, event, earlier);
    earlier = [...earlier, ...statementsOf(added)];
    facts.push(...added);
    row = projectCaseSummary(row, event);
    notifications.push(...notificationRows(event));
  }
  if (row) await upsertCaseSummaries(m, [row]);
  await insertNotifications(m, notifications);
  await insertReportFacts(m, facts);
  await closeApprovals(m, facts);
  // The forecast's due dates, stepped again from the new state; written only when they changed
  // (a reminder, a contact or statements leave the schedule as it was).
  if (row && (summary?.stage === 'followUp' || row.stage === 'followUp')) {
    const dues = forecastDueRows(row);
    const stored = summary ? forecastDueRows(summary) : [];
    if (JSON.stringify(dues) !== JSON.stringify(stored)) await replaceForecastDues(m, [row], dues);
  }
}

/** The log took the case's events again: whatever was wrong is no longer in the way. */
async function resolveIncidents(
  m: EntityManager,
  organisationId: string,
  caseId: string,
): Promise<void> {
  await m.query(
    `UPDATE case_incidents SET resolved_at = now()
     WHERE organisation_id = $1 AND case_id = $2 AND resolved_at IS NULL`,
    [organisationId, caseId],
  );
}
