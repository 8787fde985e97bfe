import {
  type CaseKind,
  fiscalYearBounds,
  type ForecastRowKey,
  GROWTH_TOLERANCE,
  type IsoDate,
  type KindCounts,
  laterDate,
  REPORT_ROW_KEYS,
  type ReportRowKey,
  type ReportTarget,
  zeroCounts,
} from '@banso/domain';
import type { DataSource } from 'typeorm';

/**
 * What the fiscal-year report and forecast read: the report's facts (case_report_facts, a
 * projection of the log), the open cases' folded states, and the targets the organisation entered.
 */
export class ReportRepository {
  constructor(private readonly ds: DataSource) {}

  /**
   * Each row of the fiscal year's report, per kind, counted by the dates things happened, from the
   * report's facts: the same counts as fiscalYearReport over every case's log (the integration
   * spec holds them to it), each an index-only scan of one fact's days in the year.
   */
  async yearCounts(
    organisationId: string,
    year: number,
    growthShare: number,
  ): Promise<Record<ReportRowKey, KindCounts>> {
    const { from, to } = fiscalYearBounds(year);
    const inYear = (fact: string) =>
      `FROM case_report_facts WHERE organisation_id = $1 AND fact = '${fact}'
       AND happened_on BETWEEN $2 AND $3 GROUP BY kind`;
    // Businesses are counted as groups of (kind, case) counted again per kind: a hash of the
    // cases, where count(DISTINCT) sorted tens of thousands of ids by their collation first.
    const businesses = (fact: string, condition = 'true') =>
      `FROM (SELECT kind FROM case_report_facts WHERE organisation_id = $1 AND fact = '${fact}'
       AND happened_on BETWEEN $2 AND $3 AND ${condition} GROUP BY kind, case_id) AS b GROUP BY kind`;
    // roseBy(previous, current, share) in the same float8 arithmetic: the rise, then
    // share × |previous| × GROWTH_TOLERANCE, left to right.
    const rose = (previous: string, current: string) =>
      `(${current} - ${previous} > 0 AND ${current} - ${previous} >= $4::float8 * abs(${previous}) * $5::float8)`;
    const rows = await this.ds.query<Array<{ key: ReportRowKey; kind: CaseKind; n: number }>>(
      `SELECT 'analyses' AS key, kind, count(*)::integer AS n ${inYear('analysis')}
       UNION ALL
       SELECT 'plansDrafted', kind, count(*)::integer ${businesses('draft')}
       UNION ALL
       SELECT 'followedUpBusinesses', kind, count(*)::integer FROM case_report_facts
       WHERE organisation_id = $1 AND fact = 'approval' AND happened_on <= $3
         AND (closed_on IS NULL OR closed_on >= $2)
       GROUP BY kind
       UNION ALL
       SELECT 'followUpVisits', kind, count(*)::integer ${inYear('visit')}
       UNION ALL
       SELECT 'grownBusinesses', kind, count(*)::integer
       ${businesses(
         'statement',
         `after_approval AND (plan_target_reached OR ${rose('previous_sales', 'sales')}
          OR ${rose('previous_operating_profit', 'operating_profit')})`,
       )}
       UNION ALL
       SELECT 'expertDispatches', kind, count(*)::integer ${inYear('dispatch')}`,
      [organisationId, from, to, growthShare, GROWTH_TOLERANCE],
    );
    const counts = Object.fromEntries(REPORT_ROW_KEYS.map((k) => [k, zeroCounts()])) as Record<
      ReportRowKey,
      KindCounts
    >;
    for (const { key, kind, n } of rows) counts[key][kind] += n;
    return counts;
  }

  /**
   * The forecast's rows, per kind, from its read model (case_forecast_dues): each case's pending
   * due date anywhere in the year, its later ones from the later of today and the year's first
   * day; a business counts once it has one. What fiscalYearForecast counts from the states.
   */
  async forecastCounts(
    organisationId: string,
    year: number,
    today: IsoDate,
  ): Promise<Record<ForecastRowKey, KindCounts>> {
    const { from, to } = fiscalYearBounds(year);
    const rows = await this.ds.query<Array<{ kind: CaseKind; visits: number; businesses: number }>>(
      // Visits per case first, then per kind: a hash of the cases rather than a count(DISTINCT)
      // that sorted every due date's case id by its collation (263 → 112 ms at 100,000 cases).
      `SELECT kind, sum(visits)::integer AS visits, count(*)::integer AS businesses
       FROM (SELECT kind, count(*) AS visits FROM case_forecast_dues
             WHERE organisation_id = $1 AND due_on BETWEEN $2 AND $3
               AND (pending OR due_on >= $4)
             GROUP BY kind, case_id) AS per_case
       GROUP BY kind`,
      [organisationId, from, to, laterDate(today, from)],
    );
    const counts = { followedUpBusinesses: zeroCounts(), followUpVisits: zeroCounts() };
    for (const { kind, visits, businesses } of rows) {
      counts.followUpVisits[kind] += visits;
      counts.followedUpBusinesses[kind] += businesses;
    }
    return counts;
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
