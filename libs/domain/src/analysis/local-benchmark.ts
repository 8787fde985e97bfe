import { z } from 'zod';

/**
 * Figures from one fiscal year's statements, in yen (employees in heads). Optional figures may be
 * left out; the indicators that need them then say so instead of guessing.
 */
export const financialStatementSchema = z.object({
  fiscalYearEnd: z.iso.date(),
  sales: z.number().finite().nonnegative(),
  operatingProfit: z.number().finite(),
  depreciation: z.number().finite().nonnegative().optional(),
  /** Borrowings (借入金), short and long term. */
  interestBearingDebt: z.number().finite().nonnegative().optional(),
  cashAndDeposits: z.number().finite().nonnegative().optional(),
  receivables: z.number().finite().nonnegative().optional(),
  inventory: z.number().finite().nonnegative().optional(),
  payables: z.number().finite().nonnegative().optional(),
  totalAssets: z.number().finite().nonnegative().optional(),
  netAssets: z.number().finite().optional(),
  employees: z.number().int().nonnegative().optional(),
});
export type FinancialStatement = z.infer<typeof financialStatementSchema>;

export const financialsSchema = z.object({
  current: financialStatementSchema,
  previous: financialStatementSchema.optional(),
});
export type Financials = z.infer<typeof financialsSchema>;

export type IndicatorName =
  | 'salesGrowthRate'
  | 'operatingMargin'
  | 'laborProductivity'
  | 'ebitdaToDebtRatio'
  | 'workingCapitalTurnoverMonths'
  | 'equityRatio';

/** Why an indicator has no value: a figure is missing, or the formula would divide by zero. */
export type IndicatorGap = 'missingFigure' | 'zeroDenominator' | 'nonPositiveEbitda';

export type IndicatorValue =
  { value: number; gap?: never } | { value: null; gap: IndicatorGap; missing?: string[] };

export type LocalBenchmark = Record<IndicatorName, IndicatorValue>;

function ratio(
  numerator: number | undefined,
  denominator: number | undefined,
  needs: Record<string, number | undefined>,
): IndicatorValue {
  const missing = Object.entries(needs)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  if (missing.length > 0 || numerator === undefined || denominator === undefined) {
    return { value: null, gap: 'missingFigure', missing };
  }
  if (denominator === 0) return { value: null, gap: 'zeroDenominator' };
  return { value: numerator / denominator };
}

/**
 * The six Local Benchmark (ローカルベンチマーク) indicators, with the formulas of METI's tool:
 * growth and margins as fractions (0.05 = 5 %), productivity in yen per employee, the debt ratio
 * in years, the working-capital period in months.
 */
export function localBenchmark({ current: c, previous: p }: Financials): LocalBenchmark {
  const salesGrowthRate = ratio(p === undefined ? undefined : c.sales - p.sales, p?.sales, {
    'previous.sales': p?.sales,
  });
  const operatingMargin = ratio(c.operatingProfit, c.sales, {});
  const laborProductivity = ratio(c.operatingProfit, c.employees, { employees: c.employees });

  let ebitdaToDebtRatio: IndicatorValue;
  const debtNeeds = {
    interestBearingDebt: c.interestBearingDebt,
    cashAndDeposits: c.cashAndDeposits,
    depreciation: c.depreciation,
  };
  if (Object.values(debtNeeds).some((v) => v === undefined)) {
    ebitdaToDebtRatio = ratio(undefined, undefined, debtNeeds);
  } else {
    const ebitda = c.operatingProfit + (c.depreciation ?? 0);
    const netDebt = (c.interestBearingDebt ?? 0) - (c.cashAndDeposits ?? 0);
    // A loss-making firm has no meaningful "years to repay": say so rather than print a negative.
    ebitdaToDebtRatio =
      ebitda <= 0 ? { value: null, gap: 'nonPositiveEbitda' } : { value: netDebt / ebitda };
  }

  const wcNeeds = { receivables: c.receivables, inventory: c.inventory, payables: c.payables };
  const workingCapital =
    c.receivables === undefined || c.inventory === undefined || c.payables === undefined
      ? undefined
      : c.receivables + c.inventory - c.payables;
  const workingCapitalTurnoverMonths = ratio(workingCapital, c.sales / 12, wcNeeds);

  const equityRatio = ratio(c.netAssets, c.totalAssets, {
    netAssets: c.netAssets,
    totalAssets: c.totalAssets,
  });

  return {
    salesGrowthRate,
    operatingMargin,
    laborProductivity,
    ebitdaToDebtRatio,
    workingCapitalTurnoverMonths,
    equityRatio,
  };
}
