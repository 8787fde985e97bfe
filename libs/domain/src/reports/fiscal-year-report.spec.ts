import type { CaseEvent, EventOf } from '../case/events';
import type { Kpi } from '../plan/plan';
import { type FiscalYearReport, fiscalYearReport } from './fiscal-year-report';
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
} from './report.spec-helper';

const RUMOI = { growthShare: 0.03 };
const KAWAGUCHI = { growthShare: 0.05 };

/** The report's rows as `key/kind` → actual: `plansDrafted/*` for all kinds. */
function actuals(report: FiscalYearReport): Record<string, number> {
  return Object.fromEntries(report.rows.map((r) => [`${r.key}/${r.kind ?? '*'}`, r.actual]));
}

describe('fiscalYearReport', () => {
  it('names the year and gives every row, all kinds first, then each kind, in the plans’ order', () => {
    const report = fiscalYearReport(2026, [], RUMOI);
    expect(report).toMatchObject({
      fiscalYear: 2026,
      from: '2026-04-01',
      to: '2027-03-31',
      label: '2026年度（令和8年度）',
      labels: { western: '2026年度', japanese: '令和8年度' },
    });
    expect(report.rows.map((r) => `${r.key}/${r.kind ?? '*'}`).slice(0, 8)).toEqual([
      'analyses/*',
      'analyses/standard',
      'analyses/founder',
      'analyses/succession',
      'plansDrafted/*',
      'plansDrafted/standard',
      'plansDrafted/founder',
      'plansDrafted/succession',
    ]);
    expect(report.rows).toHaveLength(24);
    expect(report.rows.find((r) => r.key === 'plansDrafted' && r.kind === 'founder')).toEqual({
      key: 'plansDrafted',
      kind: 'founder',
      label: '事業計画策定事業者数（創業）',
      actual: 0,
      target: null,
      ratio: null,
    });
    expect(report.rows.map((r) => r.label).filter((_, i) => i % 4 === 0)).toEqual([
      '経営分析件数',
      '事業計画策定事業者数',
      'フォローアップ対象事業者数',
      'フォローアップ延べ回数',
      '売上高または営業利益が増加した事業者数',
      '専門家派遣件数',
    ]);
  });

  it('counts a plan approved in March as followed up in that year and the next, its April visit in the next', () => {
    // The plan began in January; approved 25 March, the first due date is 25 June on the grid.
    const march = inFollowUp('standard', '2026-03-25', {
      opened: '2026-03-02',
      plan: planFrom('2026-01-01', 12),
    });
    const visited = visitedOn(march, '2026-04-20');
    const before = actuals(fiscalYearReport(2025, [visited], RUMOI));
    const after = actuals(fiscalYearReport(2026, [visited], RUMOI));
    expect(before).toMatchObject({
      'analyses/*': 1,
      'plansDrafted/*': 1,
      'followedUpBusinesses/*': 1,
      'followUpVisits/*': 0,
    });
    expect(after).toMatchObject({
      'analyses/*': 0,
      'plansDrafted/*': 0,
      'followedUpBusinesses/*': 1,
      'followUpVisits/*': 1,
    });
  });

  it('does not count a case closed before the year began, nor one approved after it ended', () => {
    const closed = closedOn(inFollowUp('standard', '2025-06-02'), '2026-02-27');
    const later = inFollowUp('standard', '2027-04-05');
    const closedDuring = closedOn(inFollowUp('founder', '2025-06-02'), '2026-04-01');
    const report = actuals(fiscalYearReport(2026, [closed, later, closedDuring], RUMOI));
    expect(report['followedUpBusinesses/*']).toBe(1);
    expect(report['followedUpBusinesses/founder']).toBe(1);
  });

  it('counts analyses and plans by their dates, per kind, a business once however many drafts', () => {
    const standard = draftedOn(
      draftedOn(analysedOn(openedOn('2026-04-06'), '2026-04-20'), '2026-05-11'),
      '2026-05-25',
    );
    const analysedOnly = analysedOn(openedOn('2026-04-06'), '2026-06-01');
    const founder = draftedOn(
      analysedOn(openedOn('2026-04-06', 'founder'), '2026-04-22'),
      '2026-06-01',
    );
    const succession = inFollowUp('succession', '2026-09-01', { opened: '2026-08-03' });
    const lastYear = draftedOn(analysedOn(openedOn('2026-03-02'), '2026-03-16'), '2026-03-30');
    const report = actuals(
      fiscalYearReport(2026, [standard, analysedOnly, founder, succession, lastYear], RUMOI),
    );
    expect(report).toMatchObject({
      'analyses/*': 4,
      'analyses/standard': 2,
      'analyses/founder': 1,
      'analyses/succession': 1,
      'plansDrafted/*': 3,
      'plansDrafted/standard': 1,
      'plansDrafted/founder': 1,
      'plansDrafted/succession': 1,
    });
  });

  it('counts a step by the date it happened, not the day it was recorded', () => {
    const approved = inFollowUp('standard', '2026-12-01');
    // The visit of 25 March, written up on 10 April.
    const visited = visitedOn(approved, '2027-03-25', '2027-04-10');
    expect(visited[visited.length - 2]).toMatchObject({
      type: 'FollowUpRecorded',
      at: '2027-04-10T16:00:00+09:00',
    });
    expect(actuals(fiscalYearReport(2026, [visited], RUMOI))['followUpVisits/*']).toBe(1);
    expect(actuals(fiscalYearReport(2027, [visited], RUMOI))['followUpVisits/*']).toBe(0);
  });

  it('dates a draft recorded before drafts carried a date by its recording, in the organisation’s zone', () => {
    const history = draftedOn(analysedOn(openedOn('2026-03-02'), '2026-03-16'), '2026-03-30');
    // Recorded at 01:00 on 1 April in Tokyo: still 31 March in UTC.
    const undated = history.map((e): CaseEvent => {
      if (e.type !== 'PlanDrafted') return e;
      const { draftedOn: _, ...data } = e.data;
      const event: EventOf<'PlanDrafted'> = { ...e, at: '2026-03-31T16:00:00.000Z', data };
      return event;
    });
    expect(actuals(fiscalYearReport(2026, [undated], RUMOI))['plansDrafted/*']).toBe(1);
    expect(actuals(fiscalYearReport(2025, [undated], RUMOI))['plansDrafted/*']).toBe(0);
  });

  it('counts the follow-up visits of the year, not the contacts', () => {
    const approved = inFollowUp('founder', '2026-04-01');
    const visits = visitedOn(
      visitedOn(visitedOn(approved, '2026-05-01'), '2026-06-01'),
      '2026-07-01',
    );
    expect(actuals(fiscalYearReport(2026, [visits], RUMOI))).toMatchObject({
      'followUpVisits/*': 3,
      'followUpVisits/founder': 3,
      'followedUpBusinesses/founder': 1,
    });
  });

  describe('the growth row', () => {
    // The analysis's statements (year to 2026-03-31): sales 120,000,000, operating profit 6,000,000.
    const approved = inFollowUp('standard', '2026-04-06');

    it('counts sales up by the organisation’s share on the analysis’s statements', () => {
      const up4 = statementsOn(approved, '2026-05-20', {
        fiscalYearEnd: '2027-03-31',
        sales: 124_800_000,
        operatingProfit: 6_000_000,
      });
      expect(actuals(fiscalYearReport(2026, [up4], RUMOI))['grownBusinesses/*']).toBe(1);
      expect(actuals(fiscalYearReport(2026, [up4], KAWAGUCHI))['grownBusinesses/*']).toBe(0);
    });

    it('compares the next statements with the previous ones, and counts a business once a year', () => {
      const first = statementsOn(approved, '2026-05-20', {
        fiscalYearEnd: '2027-03-31',
        sales: 130_000_000,
        operatingProfit: 7_000_000,
      });
      // Flat on the year before: not grown, though up on the analysis.
      const flat = statementsOn(first, '2027-05-20', {
        fiscalYearEnd: '2028-03-31',
        sales: 130_000_000,
        operatingProfit: 7_000_000,
      });
      expect(actuals(fiscalYearReport(2026, [flat], RUMOI))['grownBusinesses/*']).toBe(1);
      expect(actuals(fiscalYearReport(2027, [flat], RUMOI))['grownBusinesses/*']).toBe(0);
      const again = statementsOn(first, '2026-06-20', {
        fiscalYearEnd: '2028-03-31',
        sales: 140_000_000,
        operatingProfit: 8_000_000,
      });
      expect(actuals(fiscalYearReport(2026, [again], RUMOI))['grownBusinesses/*']).toBe(1);
    });

    it('counts only businesses supported with a plan: statements received before its approval are a baseline', () => {
      const planning = draftedOn(analysedOn(openedOn('2026-04-01'), '2026-04-10'), '2026-04-20');
      const early = statementsOn(planning, '2026-05-20', {
        fiscalYearEnd: '2027-03-31',
        sales: 150_000_000,
        operatingProfit: 9_000_000,
      });
      expect(actuals(fiscalYearReport(2026, [early], RUMOI))['grownBusinesses/*']).toBe(0);
      const afterwards = statementsOn(approvedOn(early, '2026-06-01'), '2027-05-20', {
        fiscalYearEnd: '2028-03-31',
        sales: 160_000_000,
        operatingProfit: 9_500_000,
      });
      expect(actuals(fiscalYearReport(2027, [afterwards], RUMOI))['grownBusinesses/*']).toBe(1);
    });

    it('counts operating profit up from a loss by the share of the loss', () => {
      const loss = statementsOn(approved, '2026-05-20', {
        fiscalYearEnd: '2027-03-31',
        sales: 100_000_000,
        operatingProfit: -1_000_000,
      });
      const smallerLoss = statementsOn(loss, '2026-06-20', {
        fiscalYearEnd: '2028-03-31',
        sales: 100_000_000,
        operatingProfit: -960_000,
      });
      expect(actuals(fiscalYearReport(2026, [smallerLoss], RUMOI))['grownBusinesses/*']).toBe(1);
      expect(actuals(fiscalYearReport(2026, [smallerLoss], KAWAGUCHI))['grownBusinesses/*']).toBe(
        0,
      );
    });

    it('counts a business whose statements reach the plan’s target for their year', () => {
      const annualSales: Kpi = {
        id: 'annual-sales',
        name: '年間売上高',
        unit: '千円',
        baseline: 120_000,
        direction: 'higher',
        tracks: 'sales',
        targets: [{ month: 12, value: 124_000 }],
      };
      const plan = { ...planFrom('2026-04-01', 12), kpis: [annualSales] };
      const tracked = inFollowUp('standard', '2026-04-06', { plan });
      const reached = {
        fiscalYearEnd: '2027-03-31',
        sales: 124_000_000,
        operatingProfit: 6_000_000,
      };
      // Up 3.3 %: short of Kawaguchi's 5 %, but the plan's target is reached.
      const withTarget = statementsOn(tracked, '2027-05-20', reached);
      const withoutTarget = statementsOn(approved, '2027-05-20', reached);
      expect(actuals(fiscalYearReport(2027, [withTarget], KAWAGUCHI))['grownBusinesses/*']).toBe(1);
      expect(actuals(fiscalYearReport(2027, [withoutTarget], KAWAGUCHI))['grownBusinesses/*']).toBe(
        0,
      );
    });
  });

  it('counts the dispatches requested in the year, by their date', () => {
    const approved = inFollowUp('succession', '2026-04-06');
    const requested = dispatchRequestedOn(approved, '2026-05-11');
    const other = dispatchRequestedOn(
      analysedOn(openedOn('2027-03-01'), '2027-03-15'),
      '2027-04-02',
    );
    expect(actuals(fiscalYearReport(2026, [requested, other], RUMOI))).toMatchObject({
      'expertDispatches/*': 1,
      'expertDispatches/succession': 1,
      'expertDispatches/standard': 0,
    });
  });

  it('sets the actuals against the targets given', () => {
    const approved = inFollowUp('standard', '2026-04-06');
    const second = inFollowUp('founder', '2026-05-11');
    const report = fiscalYearReport(2026, [approved, second], {
      ...RUMOI,
      targets: [
        { key: 'plansDrafted', kind: null, target: 3 },
        { key: 'plansDrafted', kind: 'founder', target: 1 },
        { key: 'analyses', kind: null, target: 0 },
      ],
    });
    const row = (key: string, kind: string | null) =>
      report.rows.find((r) => r.key === key && r.kind === kind);
    expect(row('plansDrafted', null)).toMatchObject({ actual: 2, target: 3, ratio: 0.667 });
    expect(row('plansDrafted', 'founder')).toMatchObject({ actual: 1, target: 1, ratio: 1 });
    expect(row('analyses', null)).toMatchObject({ actual: 2, target: 0, ratio: null });
    expect(row('plansDrafted', 'standard')).toMatchObject({ target: null, ratio: null });
  });
});
