import { kpiDrift, kpiResults } from './drift';
import { type Kpi, kpiSchema, type Plan } from './plan';

// Sales rise from 100 to 220 over twelve months (expected 160 on 2026-10-01); the cost ratio
// falls from 70 to 64 (expected 67 on 2026-10-01).
const sales: Kpi = {
  id: 'sales',
  name: '売上高',
  unit: '百万円',
  baseline: 100,
  direction: 'higher',
  targets: [{ month: 12, value: 220 }],
};
const costRatio: Kpi = {
  id: 'cost-ratio',
  name: '原価率',
  unit: '%',
  baseline: 70,
  direction: 'lower',
  targets: [{ month: 12, value: 64 }],
};
const plan: Plan = {
  title: '経営改善計画',
  startDate: '2026-04-01',
  months: 12,
  actions: ['原価の見直し'],
  kpis: [sales, costRatio],
};
const ON = '2026-10-01';
const THRESHOLD = 0.1;

describe('kpiResults', () => {
  it('measures every KPI of the plan against its expected value', () => {
    expect(kpiResults(plan, { sales: 120, 'cost-ratio': 67 }, ON, THRESHOLD)).toEqual([
      { kpiId: 'sales', actual: 120, expected: 160, shortfall: 0.25, drifting: true },
      { kpiId: 'cost-ratio', actual: 67, expected: 67, shortfall: 0, drifting: false },
    ]);
  });

  describe('higher is better', () => {
    it.each([
      ['below expected is a positive shortfall', 136, 0.15, true],
      ['above expected is a negative shortfall', 176, -0.1, false],
      ['exactly the threshold behind is not drifting', 144, 0.1, false],
      ['just past the threshold is drifting', 143.84, 0.101, true],
    ])('%s', (_label, actual, shortfall, drifting) => {
      const [result] = kpiResults(plan, { sales: actual, 'cost-ratio': 67 }, ON, THRESHOLD);
      expect(result).toEqual({ kpiId: 'sales', actual, expected: 160, shortfall, drifting });
    });
  });

  describe('lower is better', () => {
    it.each([
      ['above expected is a positive shortfall', 77.05, 0.15, true],
      ['below expected is a negative shortfall', 60.3, -0.1, false],
      ['exactly the threshold behind is not drifting', 73.7, 0.1, false],
      ['just past the threshold is drifting', 73.8, 0.101493, true],
    ])('%s', (_label, actual, shortfall, drifting) => {
      const [, result] = kpiResults(plan, { sales: 160, 'cost-ratio': actual }, ON, THRESHOLD);
      expect(result).toEqual({ kpiId: 'cost-ratio', actual, expected: 67, shortfall, drifting });
    });
  });

  it('follows the threshold it is given', () => {
    const actuals = { sales: 136, 'cost-ratio': 67 };
    expect(kpiResults(plan, actuals, ON, 0.2)[0]?.drifting).toBe(false);
    expect(kpiResults(plan, actuals, ON, 0.14)[0]?.drifting).toBe(true);
  });

  it('measures against the interpolated value of the visit date', () => {
    // 2026-07-01: three months in, sales expected 130.
    expect(kpiResults(plan, { sales: 117, 'cost-ratio': 68.5 }, '2026-07-01', THRESHOLD)).toEqual([
      { kpiId: 'sales', actual: 117, expected: 130, shortfall: 0.1, drifting: false },
      { kpiId: 'cost-ratio', actual: 68.5, expected: 68.5, shortfall: 0, drifting: false },
    ]);
  });

  describe('a zero expected value', () => {
    const complaints: Kpi = {
      id: 'complaints',
      name: 'クレーム件数',
      unit: '件',
      baseline: 10,
      direction: 'lower',
      targets: [{ month: 12, value: 0 }],
    };

    it('falls back to the baseline as the scale', () => {
      const p: Plan = { ...plan, kpis: [complaints] };
      expect(kpiResults(p, { complaints: 2 }, '2027-04-01', THRESHOLD)).toEqual([
        { kpiId: 'complaints', actual: 2, expected: 0, shortfall: 0.2, drifting: true },
      ]);
    });

    it('falls back to one unit when the baseline is zero too', () => {
      const flat: Kpi = { ...complaints, baseline: 0 };
      const p: Plan = { ...plan, kpis: [flat] };
      expect(kpiResults(p, { complaints: 0.5 }, '2027-04-01', THRESHOLD)).toEqual([
        { kpiId: 'complaints', actual: 0.5, expected: 0, shortfall: 0.5, drifting: true },
      ]);
    });
  });

  it('scales by the size of a negative expected value', () => {
    const profit: Kpi = {
      id: 'profit',
      name: '営業利益',
      unit: '万円',
      baseline: -200,
      direction: 'higher',
      targets: [{ month: 12, value: -100 }],
    };
    const p: Plan = { ...plan, kpis: [profit] };
    // Expected −150 on 2026-10-01; −180 is 30 behind, a fifth of 150.
    expect(kpiResults(p, { profit: -180 }, ON, THRESHOLD)).toEqual([
      { kpiId: 'profit', actual: -180, expected: -150, shortfall: 0.2, drifting: true },
    ]);
  });
});

describe('kpiDrift (rules 2): drift an officer would agree with', () => {
  const policy = { driftThreshold: 0.1, driftChangeShare: 0.5 };
  const hiring = (over: Partial<Kpi> = {}): Plan => ({
    title: '採用計画',
    startDate: '2026-04-01',
    months: 12,
    actions: ['求人情報の発信'],
    kpis: [
      {
        id: 'hires',
        name: '新規採用',
        unit: '人',
        baseline: 0,
        direction: 'higher',
        targets: [{ month: 12, value: 2 }],
        ...over,
      },
    ],
  });
  const hires = (n: number, on: string, plan = hiring()) =>
    kpiDrift(plan, { hires: n }, on, policy)[0]!;

  it('does not call a count that starts at 0 drifting at month 3 with nothing yet', () => {
    expect(hires(0, '2026-07-01')).toEqual({
      kpiId: 'hires',
      actual: 0,
      expected: 0.5,
      shortfall: 0.5,
      drifting: false,
    });
    expect(hires(0, '2026-10-01').drifting).toBe(false);
    expect(hires(0, '2027-01-01')).toMatchObject({ expected: 1.5, shortfall: 1.5, drifting: true });
  });

  it('measures against a tolerance set on the KPI, in its own unit', () => {
    const strict = hiring({ tolerance: 0.25 });
    expect(hires(0, '2026-07-01', strict)).toMatchObject({ shortfall: 2, drifting: true });
    expect(hires(1, '2026-10-01', strict).drifting).toBe(false);
  });

  it('behaves where the value crosses zero', () => {
    const turnaround: Plan = {
      ...hiring(),
      kpis: [
        {
          id: 'profit',
          name: '営業利益',
          unit: '千円',
          baseline: -100,
          direction: 'higher',
          targets: [{ month: 12, value: 100 }],
        },
      ],
    };
    const at = (n: number) => kpiDrift(turnaround, { profit: n }, '2026-10-01', policy)[0]!;
    expect(at(0)).toMatchObject({ expected: 0, drifting: false });
    expect(at(-50)).toMatchObject({ shortfall: 0.5, drifting: false });
    expect(at(-150)).toMatchObject({ shortfall: 1.5, drifting: true });
  });

  it('allows half the change expected over the stretch: sales 160 expected, 60 allowed', () => {
    expect(kpiDrift(plan, { sales: 100 }, ON, policy)[0]).toMatchObject({
      shortfall: 1,
      drifting: false,
    });
    expect(kpiDrift(plan, { sales: 90 }, ON, policy)[0]!.drifting).toBe(true);
  });

  it('holds a level the plan keeps flat to the share of its value', () => {
    const flat: Plan = { ...plan, kpis: [{ ...sales, targets: [{ month: 12, value: 100 }] }] };
    expect(kpiDrift(flat, { sales: 95 }, ON, policy)[0]!.drifting).toBe(false);
    expect(kpiDrift(flat, { sales: 85 }, ON, policy)[0]).toMatchObject({
      shortfall: 1.5,
      drifting: true,
    });
  });

  it('reports only the KPIs the follow-up gave', () => {
    expect(kpiDrift(plan, { 'cost-ratio': 67 }, ON, policy).map((r) => r.kpiId)).toEqual([
      'cost-ratio',
    ]);
  });
});

describe('levels and flows (rules 2)', () => {
  const policy = { driftThreshold: 0.1, driftChangeShare: 0.5 };
  const planWith = (kpi: Kpi): Plan => ({ ...plan, kpis: [kpi] });
  const hiresThisYear: Kpi = {
    id: 'hires',
    name: '年間採用数',
    unit: '人',
    baseline: 0,
    direction: 'higher',
    measure: 'flow',
    periodTargets: [{ period: 'fiscalYear', startsOn: '2026-04-01', value: 2 }],
  };

  it('measures a flow by its period so far: 0 hires a quarter into a year of 2 is on track', () => {
    const at = (n: number, on: string) =>
      kpiDrift(planWith(hiresThisYear), { hires: n }, on, policy)[0]!;
    // 30 June is day 91 of 365: 2 × 91 / 365 hires expected so far.
    expect(at(0, '2026-06-30')).toMatchObject({ expected: 0.49863, drifting: false });
    expect(at(0, '2027-01-01')).toMatchObject({ drifting: true });
    expect(at(1, '2027-01-01').drifting).toBe(false);
  });

  it('takes the quarter where a quarter and a fiscal year both have targets', () => {
    const sales: Kpi = {
      ...hiresThisYear,
      id: 'sales',
      unit: '千円',
      periodTargets: [
        { period: 'fiscalYear', startsOn: '2026-04-01', value: 12_000 },
        { period: 'quarter', startsOn: '2026-07-01', value: 3_600 },
      ],
    };
    // 1 August is day 32 of the 92-day quarter: 3,600 × 32 / 92.
    expect(kpiDrift(planWith(sales), { sales: 1_300 }, '2026-08-01', policy)[0]).toMatchObject({
      expected: 1252.173913,
      drifting: false,
    });
  });

  it('has nothing to measure a flow against outside its periods', () => {
    expect(kpiDrift(planWith(hiresThisYear), { hires: 0 }, '2027-06-01', policy)).toEqual([]);
  });

  it('reads a level’s period targets as its value at each period’s end', () => {
    const margin: Kpi = {
      id: 'margin',
      name: '粗利率',
      unit: '%',
      baseline: 25,
      direction: 'higher',
      periodTargets: [{ period: 'fiscalYear', startsOn: '2026-04-01', value: 30 }],
    };
    expect(kpiDrift(planWith(margin), { margin: 27.5 }, '2026-10-01', policy)[0]).toMatchObject({
      expected: 27.5,
      drifting: false,
    });
  });

  it('is declared: a flow needs its period targets, and has no points', () => {
    const issues = (kpi: Kpi) =>
      kpiSchema.safeParse(kpi).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ ...hiresThisYear, periodTargets: undefined })).toEqual([
      ['periodTargets', 'a flow is given its targets per period (quarter or fiscal year)'],
    ]);
    expect(issues({ ...hiresThisYear, targets: [{ month: 12, value: 2 }] })).toEqual([
      ['targets', 'a flow has targets per period, not points: use periodTargets'],
    ]);
  });
});
