import type { OpenedCase, StatementFigures } from '@banso/domain';
import type { EntityManager } from 'typeorm';
import type { ChainedEvent } from '../audit/event-hash';
import { caseSummaryOf, type CaseSummaryRow } from './case-summary.projection';
import type { NotificationRow } from './notification.projection';
import type { ForecastDueRow } from './forecast-dues.projection';
import type { ReportFactRow } from './report-facts.projection';

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
  ['open_proposal_id', 'text', (r) => r.openProposalId],
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

const REPORT_FACT_COLUMNS: Column<ReportFactRow>[] = [
  ['organisation_id', 'text', (r) => r.organisationId],
  ['case_id', 'text', (r) => r.caseId],
  ['seq', 'integer', (r) => r.seq],
  ['fact', 'text', (r) => r.fact],
  ['kind', 'text', (r) => r.kind],
  ['happened_on', 'date', (r) => r.happenedOn],
  ['fiscal_year_end', 'date', (r) => r.fiscalYearEnd],
  ['sales', 'double precision', (r) => r.sales],
  ['operating_profit', 'double precision', (r) => r.operatingProfit],
  ['previous_sales', 'double precision', (r) => r.previousSales],
  ['previous_operating_profit', 'double precision', (r) => r.previousOperatingProfit],
  ['after_approval', 'boolean', (r) => r.afterApproval],
  ['plan_target_reached', 'boolean', (r) => r.planTargetReached],
  ['closed_on', 'date', (r) => r.closedOn],
];

const FORECAST_DUE_COLUMNS: Column<ForecastDueRow>[] = [
  ['organisation_id', 'text', (r) => r.organisationId],
  ['case_id', 'text', (r) => r.caseId],
  ['step', 'integer', (r) => r.step],
  ['kind', 'text', (r) => r.kind],
  ['due_on', 'date', (r) => r.dueOn],
  ['pending', 'boolean', (r) => r.pending],
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

/**
 * `INSERT INTO table (…) SELECT * FROM unnest($1::cast[], …) <tail>`: one array parameter per
 * column, so a statement takes thousands of rows for a handful of parameters.
 */
function unnestSql<R>(
  table: string,
  columns: Column<R>[],
  rows: R[],
  tail: string,
): [string, unknown[]] {
  const names = columns.map(([name]) => name).join(', ');
  const arrays = columns.map(([, cast], i) => `$${i + 1}::${cast}[]`).join(', ');
  const params = columns.map(([, , value]) => rows.map(value));
  return [`INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${tail}`, params];
}

// Rows per bulk statement: bounded so one statement's arrays stay a few megabytes.
const BULK = 5_000;

/**
 * Loads a whole history at once, in the same rows as the append writes: events with their chain
 * links, summaries and notifications that are not there yet (for loads of many cases, such as
 * the benchmark's seeded organisation; the append and the rebuild use the functions below).
 */
export async function insertInBulk(
  m: EntityManager,
  rows: {
    events: ChainedEvent[];
    summaries: CaseSummaryRow[];
    notifications: NotificationRow[];
    /** With each approval row's closedOn set where its case has closed (withClosure). */
    reportFacts: ReportFactRow[];
    forecastDues: ForecastDueRow[];
  },
): Promise<void> {
  const load = async <R>(table: string, columns: Column<R>[], all: R[], tail: string) => {
    for (let i = 0; i < all.length; i += BULK) {
      await m.query(...unnestSql(table, columns, all.slice(i, i + BULK), tail));
    }
  };
  await load('case_events', EVENT_COLUMNS, rows.events, 'ON CONFLICT DO NOTHING');
  await load('case_summaries', SUMMARY_COLUMNS, rows.summaries, 'ON CONFLICT DO NOTHING');
  await load('notifications', NOTIFICATION_COLUMNS, rows.notifications, 'ON CONFLICT DO NOTHING');
  await load('case_report_facts', REPORT_FACT_COLUMNS, rows.reportFacts, 'ON CONFLICT DO NOTHING');
  await load(
    'case_forecast_dues',
    FORECAST_DUE_COLUMNS,
    rows.forecastDues,
    'ON CONFLICT DO NOTHING',
  );
}

/**
 * The forecast's rows of these cases become `rows` (theirs, all of them): a case's schedule is
 * stepped again whenever it changes, and leaves the table when the case leaves follow-up.
 */
export async function replaceForecastDues(
  m: EntityManager,
  cases: Array<{ organisationId: string; caseId: string }>,
  rows: ForecastDueRow[],
): Promise<void> {
  if (cases.length > 0) {
    await m.query(
      `DELETE FROM case_forecast_dues f
     USING unnest($1::text[], $2::text[]) AS c(organisation_id, case_id)
     WHERE f.organisation_id = c.organisation_id AND f.case_id = c.case_id`,
      [cases.map((c) => c.organisationId), cases.map((c) => c.caseId)],
    );
  }
  await insertInBatches(m, 'case_forecast_dues', FORECAST_DUE_COLUMNS, rows, '');
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

/**
 * Inserts the report's facts not there yet. Whole histories at once (the rebuild, a backfill, a
 * bulk load) come with each approval row already dated with its case's closure (withClosure);
 * the append dates it with closeApprovals when the closure comes.
 */
export async function insertReportFacts(m: EntityManager, rows: ReportFactRow[]): Promise<void> {
  await insertInBatches(
    m,
    'case_report_facts',
    REPORT_FACT_COLUMNS,
    rows,
    'ON CONFLICT (organisation_id, case_id, seq) DO NOTHING',
  );
}

/** A closure appended: its case is no longer followed up after that day (the approval's row). */
export async function closeApprovals(m: EntityManager, rows: ReportFactRow[]): Promise<void> {
  const closures = rows.filter((r) => r.fact === 'closure');
  if (closures.length === 0) return;
  await m.query(
    `UPDATE case_report_facts f SET closed_on = c.closed_on
     FROM unnest($1::text[], $2::text[], $3::date[]) AS c(organisation_id, case_id, closed_on)
     WHERE f.organisation_id = c.organisation_id AND f.case_id = c.case_id AND f.fact = 'approval'`,
    [
      closures.map((r) => r.organisationId),
      closures.map((r) => r.caseId),
      closures.map((r) => r.happenedOn),
    ],
  );
}

/** A case's statements so far, from its facts: what its next statement is compared with. */
export async function storedStatements(
  m: EntityManager,
  organisationId: string,
  caseId: string,
): Promise<StatementFigures[]> {
  const rows = await m.query<
    Array<{ fiscal_year_end: string; sales: number; operating_profit: number }>
  >(
    `SELECT fiscal_year_end, sales, operating_profit FROM case_report_facts
     WHERE organisation_id = $1 AND case_id = $2 AND fiscal_year_end IS NOT NULL ORDER BY seq`,
    [organisationId, caseId],
  );
  return rows.map((r) => ({
    fiscalYearEnd: r.fiscal_year_end,
    sales: r.sales,
    operatingProfit: r.operating_profit,
  }));
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
