import type { CaseEvent, CaseKind, CaseState, ReportRowKey, ReportTarget } from '@banso/domain';
import type { DataSource } from 'typeorm';

/** Events the yearly rows never read: the engine's own notices. Left in the log, not fetched. */
const NOT_REPORTED = ['ReminderSent', 'EscalationRaised'];

/**
 * What the fiscal-year report and forecast read: every case's events (a report is a function of
 * the log), the open cases' folded states, and the targets the organisation entered.
 */
export class ReportRepository {
  constructor(
    private readonly ds: DataSource,
    private readonly casesPerPage = 200,
  ) {}

  /** Each case's events in seq order, a page of cases at a time: never the whole log at once. */
  async *caseHistories(organisationId: string): AsyncGenerator<CaseEvent[]> {
    let after = '';
    for (;;) {
      const ids = await this.ds.query<Array<{ case_id: string }>>(
        `SELECT case_id FROM case_summaries WHERE organisation_id = $1 AND case_id > $2
         ORDER BY case_id LIMIT $3`,
        [organisationId, after, this.casesPerPage],
      );
      if (ids.length === 0) return;
      const caseIds = ids.map((r) => r.case_id);
      const rows = await this.ds.query<Array<{ case_id: string; event: CaseEvent }>>(
        `SELECT case_id, event FROM case_events
         WHERE organisation_id = $1 AND case_id = ANY($2::text[]) AND NOT (type = ANY($3::text[]))
         ORDER BY case_id, seq`,
        [organisationId, caseIds, NOT_REPORTED],
      );
      const byCase = new Map<string, CaseEvent[]>(caseIds.map((id) => [id, []]));
      for (const row of rows) byCase.get(row.case_id)?.push(row.event);
      yield* byCase.values();
      after = caseIds.at(-1) as string;
    }
  }

  /** The folded state of every case in follow-up (the summaries keep it, rebuilt from the log). */
  async followUpStates(organisationId: string): Promise<CaseState[]> {
    const rows = await this.ds.query<Array<{ state: CaseState }>>(
      `SELECT state FROM case_summaries WHERE organisation_id = $1 AND stage = 'followUp'
       ORDER BY case_id`,
      [organisationId],
    );
    return rows.map((r) => r.state);
  }

  async targets(organisationId: string, fiscalYear: number): Promise<ReportTarget[]> {
    const rows = await this.ds.query<
      Array<{ row_key: ReportRowKey; kind: string; target: number }>
    >(
      `SELECT row_key, kind, target FROM report_targets
       WHERE organisation_id = $1 AND fiscal_year = $2 ORDER BY row_key, kind`,
      [organisationId, fiscalYear],
    );
    return rows.map((r) => ({
      key: r.row_key,
      kind: r.kind === 'all' ? null : (r.kind as CaseKind),
      target: r.target,
    }));
  }

  /** The year's targets become these, all in one transaction: a PUT sent twice ends the same. */
  async replaceTargets(
    organisationId: string,
    fiscalYear: number,
    targets: readonly ReportTarget[],
    by: string,
  ): Promise<void> {
    await this.ds.transaction(async (m) => {
      await m.query('DELETE FROM report_targets WHERE organisation_id = $1 AND fiscal_year = $2', [
        organisationId,
        fiscalYear,
      ]);
      for (const t of targets) {
        await m.query(
          `INSERT INTO report_targets (organisation_id, fiscal_year, row_key, kind, target, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [organisationId, fiscalYear, t.key, t.kind ?? 'all', t.target, by],
        );
      }
    });
  }
}
