import { addDays, type CaseEvent, type IsoDate, type Policy } from '@banso/domain';
import {
  chainEvents,
  type ChainedEvent,
  type ForecastDueRow,
  forecastDueRows,
  type CaseSummaryRow,
  GENESIS_HASH,
  insertInBulk,
  notificationRows,
  type NotificationRow,
  PostgresIncidentReporter,
  projectCaseSummary,
  type ReportFactRow,
  reportFactRows,
  statementsOf,
  withClosure,
} from '@banso/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { bodyHash } from '../../../api/src/cases/body-hash';
import { caseIdFor } from '../../../api/src/cases/case-id';
import type { Progress } from '../figures';
import {
  CASE_ID,
  caseTemplate,
  FIRM_NAME,
  type LedgerEntry,
  OFFICER_ID,
  type Scenario,
  SCENARIO_WEIGHTS,
  SCENARIOS,
} from './reads-histories';

// Writes the read suite's cases straight into the log and its projections, as the append would
// have: the events with their hash chain, the command ledger, the case summaries and the
// notifications, through the persistence library's own row writers. Each template history is
// decided once (reads-histories.ts) and folded once through the projection functions; its copies
// differ only in opaque ids and names (case id, officer, firm), replaced in the events and in the
// projected rows alike. The first copy of every template is projected again from its own events
// and compared, so a copy's rows are what the projections give for its events.

/** Open dates every DAY_STRIDE days (the weekday turns) over the last YEARS years. */
const DAY_STRIDE = 11;
const YEARS = 4;
/** Cases per transaction. */
const BATCH = 400;
/** Cases flagged as needing attention (an incident retrying cannot fix), as the reporter does. */
const INCIDENTS = 25;

const FIRM_WORDS = [
  '金沢',
  '加賀',
  '能登',
  '白山',
  '兼六',
  '浅野',
  '犀川',
  '香林',
  '近江町',
  '卯辰',
];
const FIRM_FORMS = ['株式会社', '有限会社', '合同会社', ''];

export interface SeedOptions {
  organisationId: string;
  officers: readonly string[];
  managerId: string;
  policy: Policy;
  /** Today in the organisation's time zone: histories run up to it. */
  today: IsoDate;
  cases: number;
  progress: Progress;
}

/** A copy's case id: the API's own id for an open sent with this key. */
export const seededCaseId = (organisationId: string, index: number) =>
  caseIdFor(organisationId, `bench-reads-${index}`);

interface Variant {
  scenario: Scenario;
  openedOn: IsoDate;
  /** The copies are cases [from, to). */
  from: number;
  to: number;
}

/** Which cases copy which history: scenarios by weight, open dates spread evenly. */
export function variants(cases: number, today: IsoDate): Variant[] {
  const days = Array.from({ length: Math.floor((YEARS * 365) / DAY_STRIDE) }, (_, k) =>
    addDays(today, -k * DAY_STRIDE - 1),
  );
  const total = Object.values(SCENARIO_WEIGHTS).reduce((a, b) => a + b, 0);
  const slots = days.flatMap((openedOn) =>
    SCENARIOS.map((scenario) => ({ scenario, openedOn, share: SCENARIO_WEIGHTS[scenario] })),
  );
  const out: Variant[] = [];
  let from = 0;
  let owed = 0;
  for (const slot of slots) {
    owed += (cases * slot.share) / (total * days.length);
    const to = Math.min(cases, Math.round(owed));
    if (to > from) out.push({ scenario: slot.scenario, openedOn: slot.openedOn, from, to });
    from = Math.max(from, to);
  }
  const last = out[out.length - 1];
  if (last) last.to = cases;
  return out;
}

/** Seeds cases [already, cases) of the organisation; returns how many it wrote. */
export async function seedReadCases(
  ds: DataSource,
  options: SeedOptions,
  already: number,
): Promise<{ cases: number; events: number }> {
  const { organisationId, progress } = options;
  let written = 0;
  let events = 0;
  let batch: Copy[] = [];
  // One batch is written while the next is copied: the database and this process work at once.
  let writing: Promise<void> = Promise.resolve();
  let failure: Error | undefined;
  const flush = async () => {
    await writing;
    if (failure) throw failure;
    if (batch.length === 0) return;
    const copies = batch;
    batch = [];
    writing = ds
      .transaction((m) => writeCopies(m, copies))
      .then(() => {
        const before = already + written;
        written += copies.length;
        events += copies.reduce((n, c) => n + c.events.length, 0);
        if (Math.floor((before + copies.length) / 5_000) > Math.floor(before / 5_000)) {
          progress(
            `reads: ${before + copies.length} of ${options.cases} cases seeded (${events} events)`,
          );
        }
      })
      .catch((err: unknown) => {
        failure = err instanceof Error ? err : new Error(String(err));
      });
  };
  for (const variant of variants(options.cases, options.today)) {
    if (variant.to <= already) continue;
    const history = caseTemplate({
      scenario: variant.scenario,
      openedOn: variant.openedOn,
      today: options.today,
      organisationId,
      policy: options.policy,
      managerId: options.managerId,
    });
    const template = new Template(history.events, history.ledger);
    for (let i = Math.max(variant.from, already); i < variant.to; i++) {
      const copy = template.copy(identityOf(options, i), i === variant.from);
      batch.push(copy);
      if (batch.length >= BATCH) await flush();
    }
  }
  await flush();
  await flush();
  await flagIncidents(ds, options, already);
  return { cases: written, events };
}

interface Identity {
  caseId: string;
  officerId: string;
  firmName: string;
}

function identityOf(o: SeedOptions, i: number): Identity {
  const word = FIRM_WORDS[(i * 7) % FIRM_WORDS.length] ?? '';
  const form = FIRM_FORMS[i % FIRM_FORMS.length] ?? '';
  return {
    caseId: seededCaseId(o.organisationId, i),
    officerId: o.officers[(i * 13) % o.officers.length] ?? '',
    firmName: `${form}${word}${['製作所', '商店', '食堂', '工務店'][i % 4]}${i}`,
  };
}

interface Copy {
  events: ChainedEvent[];
  summary: CaseSummaryRow;
  notifications: NotificationRow[];
  reportFacts: ReportFactRow[];
  forecastDues: ForecastDueRow[];
  ledger: Array<LedgerEntry & { recordedAt: string }>;
  caseId: string;
  organisationId: string;
}

/** A template history folded once, copied with other ids as JSON text. */
class Template {
  private readonly events: string;
  private readonly summary: string;
  private readonly notifications: string;
  private readonly reportFacts: string;
  private readonly forecastDues: string;
  private readonly ledger: LedgerEntry[];
  private readonly opening: Record<string, unknown>;

  constructor(events: CaseEvent[], ledger: LedgerEntry[]) {
    const { summary, notifications, reportFacts, forecastDues } = projected(events);
    this.events = JSON.stringify(events);
    this.summary = JSON.stringify(summary);
    this.notifications = JSON.stringify(notifications);
    this.reportFacts = JSON.stringify(reportFacts);
    this.forecastDues = JSON.stringify(forecastDues);
    this.ledger = ledger;
    const opened = events[0];
    this.opening =
      opened?.type === 'CaseOpened'
        ? { kind: opened.data.kind, openedOn: opened.data.openedOn, firm: opened.data.firm }
        : {};
  }

  copy(id: Identity, check: boolean): Copy {
    const swap = (json: string) =>
      json
        .replaceAll(CASE_ID, id.caseId)
        .replaceAll(OFFICER_ID, id.officerId)
        .replaceAll(FIRM_NAME, id.firmName);
    const events = JSON.parse(swap(this.events)) as CaseEvent[];
    const summary = JSON.parse(swap(this.summary)) as CaseSummaryRow;
    const notifications = JSON.parse(swap(this.notifications)) as NotificationRow[];
    const reportFacts = JSON.parse(swap(this.reportFacts)) as ReportFactRow[];
    const forecastDues = JSON.parse(swap(this.forecastDues)) as ForecastDueRow[];
    if (check) assertProjected(events, { summary, notifications, reportFacts, forecastDues });
    const first = events[0];
    if (!first) throw new Error('a template without events');
    return {
      caseId: id.caseId,
      organisationId: first.organisationId,
      events: chainEvents(events, GENESIS_HASH),
      summary,
      notifications,
      reportFacts,
      forecastDues,
      ledger: this.ledger.map((entry) => ({
        ...entry,
        bodyHash: entry.type === 'openCase' ? this.openingHash(id) : entry.bodyHash,
        recordedAt: events[entry.firstSeq - 1]?.at ?? first.at,
      })),
    };
  }

  private openingHash(id: Identity): string {
    const firm = { ...(this.opening.firm as object), name: id.firmName };
    return bodyHash('openCase', { ...this.opening, firm, officerId: id.officerId });
  }
}

/** What the append's projections write for a whole history: the rows the copies are made of. */
function projected(events: CaseEvent[]) {
  let summary: CaseSummaryRow | null = null;
  const notifications: NotificationRow[] = [];
  const reportFacts: ReportFactRow[] = [];
  for (const event of events) {
    reportFacts.push(...reportFactRows(summary?.state ?? null, event, statementsOf(reportFacts)));
    summary = projectCaseSummary(summary, event);
    notifications.push(...notificationRows(event));
  }
  return {
    summary,
    notifications,
    reportFacts: withClosure(reportFacts),
    forecastDues: summary ? forecastDueRows(summary) : [],
  };
}

/** The projections of a copy's own events must be the rows copied for it. */
function assertProjected(events: CaseEvent[], copied: ReturnType<typeof projected>): void {
  // As JSON, as the rows are stored: a field left undefined is no field.
  if (JSON.stringify(projected(events)) !== JSON.stringify(copied)) {
    throw new Error(`case ${events[0]?.caseId}: a copied row differs from its projection`);
  }
}

/** One transaction's cases: the log, its ledger and the projections, as the append writes them. */
async function writeCopies(m: EntityManager, copies: Copy[]): Promise<void> {
  await insertInBulk(m, {
    events: copies.flatMap((c) => c.events),
    summaries: copies.map((c) => c.summary),
    notifications: copies.flatMap((c) => c.notifications),
    reportFacts: copies.flatMap((c) => c.reportFacts),
    forecastDues: copies.flatMap((c) => c.forecastDues),
  });
  const ledger = copies.flatMap((c) =>
    c.ledger.map((l) => ({ ...l, caseId: c.caseId, organisationId: c.organisationId })),
  );
  await m.query(
    `INSERT INTO case_commands
       (organisation_id, case_id, command_id, command_type, body_hash, first_seq, last_seq, recorded_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[],
                          $6::integer[], $7::integer[], $8::timestamptz[])
     ON CONFLICT (organisation_id, case_id, command_id) DO NOTHING`,
    [
      ledger.map((l) => l.organisationId),
      ledger.map((l) => l.caseId),
      ledger.map((l) => l.commandId),
      ledger.map((l) => l.type),
      ledger.map((l) => l.bodyHash),
      ledger.map((l) => l.firstSeq),
      ledger.map((l) => l.lastSeq),
      ledger.map((l) => l.recordedAt),
    ],
  );
}

/** A few open cases stopped by a failure retrying cannot fix: the managers' first work list. */
async function flagIncidents(ds: DataSource, o: SeedOptions, already: number): Promise<void> {
  if (already > 0) return;
  const rows = await ds.query<Array<{ case_id: string }>>(
    `SELECT case_id FROM case_summaries WHERE organisation_id = $1 AND stage <> 'closed'
     ORDER BY case_id LIMIT $2`,
    [o.organisationId, INCIDENTS],
  );
  const reporter = new PostgresIncidentReporter(ds);
  for (const { case_id: caseId } of rows) {
    await reporter.report({
      organisationId: o.organisationId,
      caseId,
      incidentId: `bench-reads-${caseId}`,
      code: 'DATABASE_REJECTED',
      message: 'the append was refused (SQLSTATE 23514): a check constraint failed',
      during: 'recordFollowUp',
      at: new Date().toISOString(),
    });
  }
}
