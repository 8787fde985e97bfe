// The requests the benchmark sends: what an officer would send for a small manufacturer.

export function openBody(index: number, officerId: string) {
  return {
    firm: { name: `株式会社ベンチ${index}`, industry: '製造業', employees: 5 + (index % 40) },
    kind: index % 5 === 0 ? 'founder' : 'standard',
    officerId,
  };
}

export const ANALYSIS_BODY = {
  financials: {
    current: {
      fiscalYearEnd: '2026-03-31',
      sales: 120_000_000,
      operatingProfit: 6_000_000,
      depreciation: 2_000_000,
      interestBearingDebt: 40_000_000,
      cashAndDeposits: 10_000_000,
      receivables: 15_000_000,
      inventory: 8_000_000,
      payables: 9_000_000,
      totalAssets: 90_000_000,
      netAssets: 27_000_000,
      employees: 8,
    },
    previous: { fiscalYearEnd: '2025-03-31', sales: 110_000_000, operatingProfit: 4_000_000 },
  },
  findings: {
    strengths: ['地元顧客からの信頼'],
    weaknesses: ['販路が店頭に限られる'],
    opportunities: ['EC市場の拡大'],
    threats: ['大型店の出店'],
  },
  keyIssues: ['EC販路の開拓', '粗利率の改善'],
};
