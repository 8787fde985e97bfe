import { type Kpi, kpiSchema, type Plan } from '../plan/plan';
import { growthOf, plannedFigure, roseBy } from './growth';

const statement = (sales: number, operatingProfit: number, fiscalYearEnd = '2027-03-31') => ({
  fiscalYearEnd,
  sales,
  operatingProfit,
});

const annualSales: Kpi = {
  id: 'annual-sales',
  name: '年間売上高',
  unit: '千円',
  baseline: 120_000,
  direction: 'higher',
  tracks: 'sales',
  targets: [
    { month: 12, value: 126_000 },
    { month: 24, value: 132_000 },
  ],
};

const plan = (kpis: Kpi[]): Plan => ({
  title: '売上拡大計画',
  startDate: '2026-04-01',
  months: 24,
  actions: ['ECサイトの開設'],
  kpis,
});

describe('roseBy', () => {
  it.each([
    [100_000_000, 103_000_000, 0.03, true],
    [100_000_000, 103_000_000, 0.05, false],
    [100_000_000, 102_999_999, 0.03, false],
    [-1_000_000, -960_000, 0.03, true],
    [-1_000_000, -960_000, 0.05, false],
    [0, 1, 0.05, true],
    [0, 0, 0.03, false],
    [5_000_000, 4_000_000, 0.03, false],
  ])('from %d to %d by %d: %s', (previous, current, share, rose) => {
    expect(roseBy(previous, current, share)).toBe(rose);
  });
});

describe('the plan’s figure for a statements’ year', () => {
  it('reads the KPI’s expected value at the year end, in yen', () => {
    expect(plannedFigure(plan([annualSales]), annualSales, '2027-03-31')).toBe(126_000_000);
    expect(plannedFigure(plan([annualSales]), annualSales, '2027-09-30')).toBe(129_000_000);
    expect(plannedFigure(plan([annualSales]), annualSales, '2028-03-31')).toBe(132_000_000);
  });

  it('says nothing of a year ended before the plan began, nor of a KPI to be lowered', () => {
    expect(plannedFigure(plan([annualSales]), annualSales, '2026-03-31')).toBeUndefined();
    const lower = { ...annualSales, direction: 'lower' as const };
    expect(plannedFigure(plan([lower]), lower, '2027-03-31')).toBeUndefined();
  });

  it('compares a flow by its fiscal-year target, not its quarters', () => {
    const flow: Kpi = {
      ...annualSales,
      measure: 'flow',
      targets: undefined,
      periodTargets: [
        { period: 'quarter', startsOn: '2027-01-01', value: 33_000 },
        { period: 'fiscalYear', startsOn: '2026-04-01', value: 126_000 },
      ],
    };
    expect(plannedFigure(plan([flow]), flow, '2027-03-31')).toBe(126_000_000);
  });
});

describe('growthOf', () => {
  const previous = statement(120_000_000, 6_000_000, '2026-03-31');

  it('finds the figures up by the share', () => {
    expect(growthOf(statement(124_000_000, 6_100_000), previous, undefined, 0.03)).toEqual([
      { figure: 'sales', by: 'share' },
    ]);
    expect(growthOf(statement(124_000_000, 6_100_000), previous, undefined, 0.05)).toEqual([]);
  });

  it('finds a figure that reached the plan’s target, with nothing to compare it with', () => {
    expect(growthOf(statement(126_000_000, 0), undefined, plan([annualSales]), 0.05)).toEqual([
      { figure: 'sales', by: 'planTarget' },
    ]);
    expect(growthOf(statement(125_000_000, 0), undefined, plan([annualSales]), 0.05)).toEqual([]);
  });
});

describe('a KPI that tracks the statements', () => {
  it('is counted in money, as the statements are', () => {
    const parsed = kpiSchema.safeParse({ ...annualSales, unit: '件' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['unit', "a KPI that tracks the statements' sales is counted in 円, 千円, 万円, 百万円"],
    ]);
    expect(kpiSchema.safeParse({ ...annualSales, unit: '百万円' }).success).toBe(true);
  });
});
