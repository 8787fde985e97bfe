import { type FinancialStatement, financialsSchema, localBenchmark } from './local-benchmark';

/** A small confectioner: figures in yen. */
const current: FinancialStatement = {
  fiscalYearEnd: '2026-03-31',
  sales: 120_000_000,
  operatingProfit: 6_000_000,
  depreciation: 2_000_000,
  interestBearingDebt: 40_000_000,
  cashAndDeposits: 8_000_000,
  receivables: 15_000_000,
  inventory: 10_000_000,
  payables: 5_000_000,
  totalAssets: 100_000_000,
  netAssets: 25_000_000,
  employees: 8,
};
const previous: FinancialStatement = {
  fiscalYearEnd: '2025-03-31',
  sales: 100_000_000,
  operatingProfit: 4_000_000,
};

describe('localBenchmark', () => {
  it('computes the six indicators with the formulas of the METI tool', () => {
    expect(localBenchmark({ current, previous })).toEqual({
      // (120M − 100M) / 100M
      salesGrowthRate: { value: 0.2 },
      // 6M / 120M
      operatingMargin: { value: 0.05 },
      // 6M / 8 employees, yen per head
      laborProductivity: { value: 750_000 },
      // (40M debt − 8M cash) / (6M operating profit + 2M depreciation), years
      ebitdaToDebtRatio: { value: 4 },
      // (15M receivables + 10M inventory − 5M payables) / (120M / 12), months
      workingCapitalTurnoverMonths: { value: 2 },
      // 25M / 100M
      equityRatio: { value: 0.25 },
    });
  });

  it('gives a falling sales growth rate as a negative fraction', () => {
    const result = localBenchmark({ current: { ...current, sales: 90_000_000 }, previous });
    expect(result.salesGrowthRate).toEqual({ value: -0.1 });
  });

  it('gives a negative debt ratio when cash exceeds the debt', () => {
    const result = localBenchmark({ current: { ...current, cashAndDeposits: 48_000_000 } });
    expect(result.ebitdaToDebtRatio).toEqual({ value: -1 });
  });

  it('gives a negative equity ratio for a firm in negative net worth (債務超過)', () => {
    const result = localBenchmark({ current: { ...current, netAssets: -10_000_000 } });
    expect(result.equityRatio).toEqual({ value: -0.1 });
  });

  describe('gaps instead of guesses', () => {
    it('has no growth rate without the previous year', () => {
      expect(localBenchmark({ current }).salesGrowthRate).toEqual({
        value: null,
        gap: 'missingFigure',
        missing: ['previous.sales'],
      });
    });

    it('has no growth rate from zero previous sales', () => {
      const result = localBenchmark({ current, previous: { ...previous, sales: 0 } });
      expect(result.salesGrowthRate).toEqual({ value: null, gap: 'zeroDenominator' });
    });

    it('has no productivity with zero employees', () => {
      const result = localBenchmark({ current: { ...current, employees: 0 } });
      expect(result.laborProductivity).toEqual({ value: null, gap: 'zeroDenominator' });
    });

    it('names the employees when they are missing', () => {
      expect(
        localBenchmark({ current: { ...current, employees: undefined } }).laborProductivity,
      ).toEqual({
        value: null,
        gap: 'missingFigure',
        missing: ['employees'],
      });
    });

    it.each([
      ['an operating loss larger than depreciation', -3_000_000],
      ['an EBITDA of exactly zero', -2_000_000],
    ])('has no debt ratio with %s', (_label, operatingProfit) => {
      const result = localBenchmark({ current: { ...current, operatingProfit } });
      expect(result.ebitdaToDebtRatio).toEqual({ value: null, gap: 'nonPositiveEbitda' });
    });

    it('still has a debt ratio when depreciation lifts a loss above zero', () => {
      const result = localBenchmark({ current: { ...current, operatingProfit: -1_000_000 } });
      // (40M − 8M) / (−1M + 2M)
      expect(result.ebitdaToDebtRatio).toEqual({ value: 32 });
    });

    it('names every figure the debt ratio misses', () => {
      const rest = { ...current, interestBearingDebt: undefined, depreciation: undefined };
      expect(localBenchmark({ current: rest }).ebitdaToDebtRatio).toEqual({
        value: null,
        gap: 'missingFigure',
        missing: ['interestBearingDebt', 'depreciation'],
      });
    });

    it('has no margin and no working-capital period with zero sales', () => {
      const result = localBenchmark({ current: { ...current, sales: 0 }, previous });
      expect(result.operatingMargin).toEqual({ value: null, gap: 'zeroDenominator' });
      expect(result.workingCapitalTurnoverMonths).toEqual({ value: null, gap: 'zeroDenominator' });
      expect(result.salesGrowthRate).toEqual({ value: -1 });
    });

    it('names the working-capital figure that is missing', () => {
      expect(
        localBenchmark({ current: { ...current, payables: undefined } })
          .workingCapitalTurnoverMonths,
      ).toEqual({
        value: null,
        gap: 'missingFigure',
        missing: ['payables'],
      });
    });

    it('has no equity ratio with zero total assets', () => {
      const result = localBenchmark({ current: { ...current, totalAssets: 0 } });
      expect(result.equityRatio).toEqual({ value: null, gap: 'zeroDenominator' });
    });

    it('names both balance-sheet figures when they are missing', () => {
      const rest = { ...current, totalAssets: undefined, netAssets: undefined };
      expect(localBenchmark({ current: rest }).equityRatio).toEqual({
        value: null,
        gap: 'missingFigure',
        missing: ['netAssets', 'totalAssets'],
      });
    });

    it('still computes the margin from the two required figures alone', () => {
      const minimal = {
        fiscalYearEnd: '2026-03-31',
        sales: 50_000_000,
        operatingProfit: -5_000_000,
      };
      const result = localBenchmark({ current: minimal });
      expect(result.operatingMargin).toEqual({ value: -0.1 });
      expect(result.laborProductivity).toMatchObject({ value: null, gap: 'missingFigure' });
    });
  });
});

describe('financialsSchema', () => {
  it('accepts the statements above', () => {
    expect(financialsSchema.safeParse({ current, previous }).success).toBe(true);
  });

  it.each([
    ['negative sales', { ...current, sales: -1 }, ['current', 'sales']],
    ['fractional employees', { ...current, employees: 2.5 }, ['current', 'employees']],
    [
      'an impossible year end',
      { ...current, fiscalYearEnd: '2026-02-30' },
      ['current', 'fiscalYearEnd'],
    ],
  ])('rejects %s', (_label, bad, path) => {
    const result = financialsSchema.safeParse({ current: bad });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([path]);
  });
});
