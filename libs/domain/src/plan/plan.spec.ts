import { expectedValue, type Kpi, type Plan, planEndDate, planSchema } from './plan';

const sales: Kpi = {
  id: 'sales',
  name: '売上高',
  unit: '千円',
  baseline: 100,
  direction: 'higher',
  targets: [{ month: 12, value: 220 }],
};

function plan(overrides: Partial<Plan> = {}): Plan {
  return {
    title: '経営改善計画',
    startDate: '2026-04-01',
    months: 12,
    actions: ['新商品の開発'],
    kpis: [sales],
    ...overrides,
  };
}

const kpi = (id: string, targets = sales.targets): Kpi => ({ ...sales, id, targets });

function issuesOf(candidate: unknown): { path: PropertyKey[]; message: string }[] {
  const result = planSchema.safeParse(candidate);
  if (result.success) throw new Error('expected the plan to be rejected');
  return result.error.issues.map(({ path, message }) => ({ path, message }));
}

describe('planSchema', () => {
  it('accepts a plan with one to five KPIs', () => {
    expect(planSchema.parse(plan())).toEqual(plan());
    const five = plan({ kpis: ['a', 'b', 'c', 'd', 'e'].map((id) => kpi(id)) });
    expect(planSchema.safeParse(five).success).toBe(true);
  });

  it('rejects a plan without KPIs', () => {
    expect(issuesOf(plan({ kpis: [] })).map((i) => i.path)).toEqual([['kpis']]);
  });

  it('rejects a plan with six KPIs', () => {
    const six = plan({ kpis: ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => kpi(id)) });
    expect(issuesOf(six).map((i) => i.path)).toEqual([['kpis']]);
  });

  it('rejects a duplicate KPI id at the second occurrence', () => {
    expect(issuesOf(plan({ kpis: [kpi('sales'), kpi('profit'), kpi('sales')] }))).toEqual([
      { path: ['kpis', 2, 'id'], message: 'duplicate KPI id "sales"' },
    ]);
  });

  it.each([
    [
      'equal',
      [
        { month: 6, value: 150 },
        { month: 6, value: 160 },
        { month: 12, value: 220 },
      ],
      1,
    ],
    [
      'decreasing',
      [
        { month: 8, value: 150 },
        { month: 4, value: 160 },
        { month: 12, value: 220 },
      ],
      1,
    ],
  ])('rejects %s target months', (_label, targets, index) => {
    expect(issuesOf(plan({ kpis: [kpi('sales', targets)] }))).toEqual([
      { path: ['kpis', 0, 'targets', index, 'month'], message: 'target months must increase' },
    ]);
  });

  it('rejects a last target before the end of the plan', () => {
    const targets = [
      { month: 6, value: 150 },
      { month: 11, value: 220 },
    ];
    expect(issuesOf(plan({ kpis: [kpi('sales', targets)] }))).toEqual([
      {
        path: ['kpis', 0, 'targets', 1, 'month'],
        message: "the last target must be at the plan's end, month 12",
      },
    ]);
  });

  it('rejects a KPI without targets', () => {
    expect(issuesOf(plan({ kpis: [kpi('sales', [])] })).map((i) => i.path)).toEqual([
      ['kpis', 0, 'targets'],
    ]);
  });

  it.each([
    ['an id with capitals', { ...sales, id: 'Sales' }, ['kpis', 0, 'id']],
    ['an unknown direction', { ...sales, direction: 'up' }, ['kpis', 0, 'direction']],
    ['a blank name', { ...sales, name: '   ' }, ['kpis', 0, 'name']],
  ])('rejects a KPI with %s', (_label, bad, path) => {
    expect(issuesOf(plan({ kpis: [bad as Kpi] })).map((i) => i.path)).toEqual([path]);
  });

  it('rejects a plan without actions or with an impossible start date', () => {
    expect(issuesOf(plan({ actions: [], startDate: '2026-02-30' })).map((i) => i.path)).toEqual([
      ['startDate'],
      ['actions'],
    ]);
  });
});

describe('planEndDate', () => {
  it('is the last day of the period, inclusive, as the plans write it (民法143条)', () => {
    expect(planEndDate(plan())).toBe('2027-03-31');
    expect(planEndDate(plan({ months: 36 }))).toBe('2029-03-31');
    expect(planEndDate({ startDate: '2026-04-01', months: 60 })).toBe('2031-03-31');
    expect(planEndDate({ startDate: '2026-01-15', months: 1 })).toBe('2026-02-14');
  });

  it('ends on the last day of a final month that has no day of the start’s number', () => {
    expect(planEndDate(plan({ startDate: '2026-08-31', months: 6 }))).toBe('2027-02-28');
    expect(planEndDate({ startDate: '2027-01-31', months: 1 })).toBe('2027-02-28');
    expect(planEndDate({ startDate: '2028-01-31', months: 1 })).toBe('2028-02-29');
    expect(planEndDate({ startDate: '2028-02-29', months: 12 })).toBe('2029-02-28');
  });

  it('under the first rules, was the day after the period', () => {
    expect(planEndDate(plan(), 1)).toBe('2027-04-01');
    expect(planEndDate(plan({ startDate: '2026-08-31', months: 6 }), 1)).toBe('2027-02-28');
  });
});

describe('expectedValue', () => {
  const p = plan();

  it.each([
    ['the baseline at the start', '2026-04-01', 100],
    ['the baseline before the start', '2026-01-15', 100],
    ['a straight line after three months', '2026-07-01', 130],
    ['halfway', '2026-10-01', 160],
    ['halfway through a month by its days', '2026-04-16', 105],
    ['the exact target at its month', '2027-04-01', 220],
    ['the last target after the end', '2028-06-30', 220],
  ])('gives %s', (_label, on, expected) => {
    expect(expectedValue(p, sales, on)).toBeCloseTo(expected, 10);
  });

  describe('with several target points', () => {
    // Flat for the first half year, then a steep climb; a lower-is-better KPI moves the same way.
    const stepped: Kpi = {
      ...sales,
      targets: [
        { month: 6, value: 100 },
        { month: 9, value: 160 },
        { month: 12, value: 190 },
      ],
    };
    const p2 = plan({ kpis: [stepped] });

    it.each([
      ['2026-07-01', 100],
      ['2026-10-01', 100],
      ['2026-11-01', 120],
      ['2027-01-01', 160],
      ['2027-02-01', 170],
      ['2027-04-01', 190],
    ])('on %s expects %d', (on, expected) => {
      expect(expectedValue(p2, stepped, on)).toBeCloseTo(expected, 10);
    });
  });

  it('runs downwards for a falling target', () => {
    const costs: Kpi = {
      ...sales,
      id: 'costs',
      direction: 'lower',
      baseline: 70,
      targets: [{ month: 12, value: 64 }],
    };
    expect(expectedValue(plan({ kpis: [costs] }), costs, '2026-10-01')).toBeCloseTo(67, 10);
  });

  it('reaches the target at the clamped end of a plan started on a month end', () => {
    const p3 = plan({
      startDate: '2026-08-31',
      months: 6,
      kpis: [kpi('sales', [{ month: 6, value: 220 }])],
    });
    const k = p3.kpis[0]!;
    expect(expectedValue(p3, k, planEndDate(p3))).toBe(220);
  });
});
