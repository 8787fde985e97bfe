import { kpiDrift, kpiResults } from './drift';
import type { Kpi, Plan } from './plan';

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
