import type { CaseEvent } from '@banso/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { type CaseSummaryRow, projectCaseSummary } from '../projections/case-summary.projection';
import { type NotificationRow, notificationRows } from '../projections/notification.projection';
import { insertNotifications, upsertCaseSummaries } from '../projections/read-model-writer';
import { lockReadModelsForRebuild } from '../stores/locks';

// Events read per query: the log is walked in keyset pages, never loaded whole.
const PAGE = 1_000;

/**
 * Empties the projections and replays the whole event log through the same projection functions
 * the append uses, in one transaction: readers see the old rows until it commits, then the new.
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

    let cases = 0;
    let events = 0;
    let current: CaseSummaryRow | null = null;
    let summaries: CaseSummaryRow[] = [];
    let notifications: NotificationRow[] = [];
    const flush = async () => {
      await upsertCaseSummaries(m, summaries);
      await insertNotifications(m, notifications);
      summaries = [];
      notifications = [];
    };

    for await (const page of eventPages(m)) {
      for (const event of page) {
        if (current && current.caseId !== event.caseId) {
          summaries.push(current);
          current = null;
        }
        if (!current) cases++;
        current = projectCaseSummary(current, event);
        notifications.push(...notificationRows(event));
        events++;
      }
      await flush();
    }
    if (current) summaries.push(current);
    await flush();
    return { cases, events };
  });
}

/** The log in (case_id, seq) order, one page at a time, resuming after the last row seen. */
async function* eventPages(m: EntityManager): AsyncGenerator<CaseEvent[]> {
  // ('', 0) sorts before every stored key: seqs start at 1.
  let after = { caseId: '', seq: 0 };
  for (;;) {
    const rows = await m.query<Array<{ case_id: string; seq: number; event: CaseEvent }>>(
      `SELECT case_id, seq, event FROM case_events WHERE (case_id, seq) > ($1, $2)
       ORDER BY case_id, seq LIMIT $3`,
      [after.caseId, after.seq, PAGE],
    );
    const last = rows[rows.length - 1];
    if (!last) return;
    yield rows.map((r) => r.event);
    after = { caseId: last.case_id, seq: last.seq };
  }
}
