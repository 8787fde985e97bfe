import {
  type CaseEvent,
  fiscalYearForecast,
  fiscalYearForecastOf,
  fiscalYearReport,
  fiscalYearReportOf,
  fold,
  type Kpi,
} from '@banso/domain';
import { rebuildReadModels, ReportRepository } from '@banso/persistence';
import {
  analysedOn,
  approvedOn,
  closedOn,
  dispatchRequestedOn,
  draftedOn,
  inFollowUp,
  openedOn,
  planFrom,
  statementsOn,
  visitedOn,
} from '../../../libs/domain/src/reports/report.spec-helper';
import { tableRows, useTestDatabase } from './test-database';

const ORG = 'org-kanazawa-cci';

const annualSales: Kpi = {
  id: 'annual-sales',
  name: '年間売上高',
  unit: '千円',
  baseline: 120_000,
  direction: 'higher',
  tracks: 'sales',
  targets: [{ month: 12, value: 124_000 }],
};

const statement = (fiscalYearEnd: string, sales: number, operatingProfit: number) => ({
  fiscalYearEnd,
  sales,
  operatingProfit,
});

/**
 * The stories of the domain's report spec, side by side in one organisation: approvals in March,
 * redrafts, closures before and during a year, statements before the approval, growth by share,
 * from a loss and by the plan's target, dispatches, every kind.
 */
function stories(): CaseEvent[][] {
  const march = visitedOn(
    inFollowUp('standard', '2026-03-25', {
      opened: '2026-03-02',
      plan: planFrom('2026-01-01', 12),
    }),
    '2026-04-20',
  );
  const redrafted = draftedOn(
    draftedOn(analysedOn(openedOn('2026-04-01', 'founder'), '2026-04-10'), '2026-04-20'),
    '2026-05-20',
  );
  const closedBefore = closedOn(inFollowUp('standard', '2025-06-02'), '2026-03-10');
  const closedDuring = closedOn(
    visitedOn(inFollowUp('succession', '2025-09-01'), '2025-12-01'),
    '2026-06-15',
  );
  const approved = inFollowUp('standard', '2026-04-06');
  const grew = statementsOn(
    statementsOn(approved, '2026-05-20', statement('2027-03-31', 130_000_000, 7_000_000)),
    '2027-05-20',
    statement('2028-03-31', 134_500_000, 7_000_000),
  );
  const baseline = statementsOn(
    approvedOn(
      statementsOn(
        draftedOn(analysedOn(openedOn('2026-04-01'), '2026-04-10'), '2026-04-20'),
        '2026-05-20',
        statement('2027-03-31', 150_000_000, 9_000_000),
      ),
      '2026-06-01',
    ),
    '2027-05-20',
    statement('2028-03-31', 160_000_000, 9_500_000),
  );
  const fromLoss = statementsOn(
    statementsOn(
      inFollowUp('founder', '2026-04-06'),
      '2026-05-20',
      statement('2027-03-31', 100_000_000, -1_000_000),
    ),
    '2026-06-20',
    statement('2028-03-31', 100_000_000, -960_000),
  );
  const target = statementsOn(
    inFollowUp('standard', '2026-04-06', {
      plan: { ...planFrom('2026-04-01', 12), kpis: [annualSales] },
    }),
    '2027-05-20',
    statement('2027-03-31', 124_000_000, 6_000_000),
  );
  const dispatched = dispatchRequestedOn(inFollowUp('succession', '2026-04-06'), '2026-05-11');
  const lateDispatch = dispatchRequestedOn(
    analysedOn(openedOn('2027-03-01'), '2027-03-15'),
    '2027-04-02',
  );
  return [
    march,
    redrafted,
    closedBefore,
    closedDuring,
    grew,
    baseline,
    fromLoss,
    target,
    dispatched,
    lateDispatch,
  ];
}

/** The stories as cases of their own: the helper names every case case-001. */
const asCase = (events: CaseEvent[], i: number, organisationId = ORG) =>
  events.map((e) => ({ ...e, caseId: `report-${i}`, organisationId }));

describe('the fiscal-year report and forecast from their read models', () => {
  const db = useTestDatabase();
  const cases = stories().map((events, i) => asCase(events, i));

  beforeAll(async () => {
    for (const events of cases) {
      // One command's events per append, as the workflow appends them.
      const first = events[0]!;
      for (const e of events) {
        await db.events.append({
          organisationId: first.organisationId,
          caseId: first.caseId,
          events: [e],
        });
      }
    }
    // Another organisation's case counts only in its own report.
    const elsewhere = asCase(stories()[4]!, 99, 'org-elsewhere');
    await db.events.append({
      organisationId: 'org-elsewhere',
      caseId: 'report-99',
      events: elsewhere,
    });
  });

  it.each([
    [2025, 0.03],
    [2026, 0.03],
    [2026, 0.05],
    [2027, 0.03],
    [2027, 0.05],
    [2028, 0.5],
  ])('counts %i with growth share %f as the report over every log does', async (year, share) => {
    const counts = await new ReportRepository(db.ds).yearCounts(ORG, year, share);
    const fromLogs = fiscalYearReport(year, cases, { growthShare: share });
    expect(fiscalYearReportOf(year, counts)).toEqual(fromLogs);
    expect(fromLogs.rows.some((r) => r.actual > 0)).toBe(true);
  });

  it.each([
    ['2026-04-01', 2026],
    ['2026-11-25', 2026],
    ['2027-03-31', 2026],
    ['2026-11-25', 2027],
  ])('forecasts from %s the year %i as the open cases’ states do', async (today, year) => {
    const counts = await new ReportRepository(db.ds).forecastCounts(ORG, year, today);
    const fromStates = fiscalYearForecast(
      year,
      cases.map((events) => fold(events)),
      { today },
    );
    expect(fiscalYearForecastOf(year, counts, { today })).toEqual(fromStates);
    expect(fromStates.ok && fromStates.forecast.rows.some((r) => r.forecast > 0)).toBe(true);
  });

  const readModels = async () => ({
    facts: await tableRows(db.ds, 'case_report_facts', 'organisation_id, case_id, seq'),
    dues: await tableRows(db.ds, 'case_forecast_dues', 'organisation_id, case_id, step'),
  });

  it('holds the same rows after a rebuild of the read models', async () => {
    const before = await readModels();
    expect(before.facts.length).toBeGreaterThan(30);
    expect(before.dues.length).toBeGreaterThan(10);
    await rebuildReadModels(db.ds);
    expect(await readModels()).toEqual(before);
  });

  it('are filled by their migrations, the facts from the log, the due dates from the summaries', async () => {
    const before = await readModels();
    await db.ds.undoLastMigration({ transaction: 'all' });
    await db.ds.undoLastMigration({ transaction: 'all' });
    await db.ds.runMigrations({ transaction: 'all' });
    expect(await readModels()).toEqual(before);
  });
});
