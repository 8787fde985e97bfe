import { attentionNotification, type CaseEvent } from '@banso/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { type CaseSummaryRow, projectCaseSummary } from '../projections/case-summary.projection';
import {
  notificationRow,
  type NotificationRow,
  notificationRows,
} from '../projections/notification.projection';
import {
  insertNotifications,
  insertReportFacts,
  replaceForecastDues,
  upsertCaseSummaries,
} from '../projections/read-model-writer';
import { forecastDueRows } from '../projections/forecast-dues.projection';
import {
  type ReportFactRow,
  reportFactRows,
  statementsOf,
  withClosure,
} from '../projections/report-facts.projection';
import { lockReadModelsForRebuild } from '../stores/locks';

// Events read per query: the log is walked in keyset pages, never loaded whole.
const PAGE = 1_000;

/**
 * Empties the projections and replays the whole event log through the same projection functions
 * the append uses, in one transaction: readers see the old rows until it commits, then the new.
 * The projections: case summaries, notifications, the report's facts, the forecast's due dates.
 * Kept: the log itself, organisations and notification reads (their ids come back unchanged).
 * Use it after a projection changes or if the read models are ever suspected wrong.
 */
export async function rebuildReadModels(
  ds: DataSource,
): Promise<{ cases: number; events: number }> {
  return ds.transaction(async (m) => {
    await lockReadModelsForRebuild(m);
    // DELETE, not TRUNCATE: TRUNCATE would lock readers out for the whole rebuild.
    await m.query('DELETE FROM notifications');
    await m.query('DELETE FROM case_summaries');
    await m.query('DELETE FROM case_report_facts');
    await m.query('DELETE FROM case_forecast_dues');

    let cases = 0;
    let events = 0;
    let current: CaseSummaryRow | null = null;
    let summaries: CaseSummaryRow[] = [];
    let notifications: NotificationRow[] = [];
    let facts: ReportFactRow[] = [];
    // The current case's facts, written once the case ends: its approval dated with its closure.
    let caseFacts: ReportFactRow[] = [];
    const flush = async () => {
      await upsertCaseSummaries(m, summaries);
      await insertNotifications(m, notifications);
      await insertReportFacts(m, facts);
      await replaceForecastDues(m, [], summaries.flatMap(forecastDueRows));
      summaries = [];
      notifications = [];
      facts = [];
    };

    for await (const page of eventPages(m)) {
      for (const event of page) {
        if (
          current &&
          (current.caseId !== event.caseId || current.organisationId !== event.organisationId)
        ) {
          summaries.push(current);
          facts.push(...withClosure(caseFacts));
          current = null;
        }
        if (!current) {
          cases++;
          caseFacts = [];
        }
        caseFacts.push(...reportFactRows(current?.state ?? null, event, statementsOf(caseFacts)));
        current = projectCaseSummary(current, event);
        notifications.push(...notificationRows(event));
        events++;
      }
      await flush();
    }
    if (current) summaries.push(current);
    facts.push(...withClosure(caseFacts));
    await flush();
    await restoreOpenIncidents(m);
    return { cases, events };
  });
}

/** Incidents are not in the log: the flag and the managers' notice of each open one come back. */
async function restoreOpenIncidents(m: EntityManager): Promise<void> {
  const open = await m.query<
    Array<{
      incident_id: string;
      organisation_id: string;
      case_id: string;
      code: string;
      raised_at: Date;
      version: number | null;
    }>
  >(
    `WITH flagged AS (
       UPDATE case_summaries s SET needs_attention = true FROM case_incidents i
       WHERE i.resolved_at IS NULL AND i.organisation_id = s.organisation_id AND i.case_id = s.case_id
       RETURNING i.incident_id, i.organisation_id, i.case_id, i.code, i.raised_at, s.version
     )
     SELECT * FROM flagged`,
  );
  await insertNotifications(
    m,
    open.map((i) =>
      notificationRow(
        attentionNotification({
          organisationId: i.organisation_id,
          caseId: i.case_id,
          incidentId: i.incident_id,
          code: i.code,
          seq: i.version ?? 0,
          at: i.raised_at.toISOString(),
        }),
      ),
    ),
  );
}

/** The log in (organisation_id, case_id, seq) order, one page at a time, resuming after the last row seen. */
async function* eventPages(m: EntityManager): AsyncGenerator<CaseEvent[]> {
  // ('', '', 0) sorts before every stored key: seqs start at 1.
  let after = { organisationId: '', caseId: '', seq: 0 };
  for (;;) {
    const rows = await m.query<
      Array<{ organisation_id: string; case_id: string; seq: number; event: CaseEvent }>
    >(
      `SELECT organisation_id, case_id, seq, event FROM case_events
       WHERE (organisation_id, case_id, seq) > ($1, $2, $3)
       ORDER BY organisation_id, case_id, seq LIMIT $4`,
      [after.organisationId, after.caseId, after.seq, PAGE],
    );
    const last = rows[rows.length - 1];
    if (!last) return;
    yield rows.map((r) => r.event);
    after = { organisationId: last.organisation_id, caseId: last.case_id, seq: last.seq };
  }
}
