import {
  type Actor,
  type CaseKind,
  type CommandData,
  makePolicy,
  type Plan,
  type Policy,
} from '@banso/domain';

export const OFFICER: Actor = { role: 'officer', id: 'officer-sato' };
export const MANAGER: Actor = { role: 'manager', id: 'manager-suzuki' };
export const ORG_ID = 'org-kanazawa-cci';

export function openData(kind: CaseKind, policy: Partial<Policy> = {}): CommandData<'openCase'> {
  return {
    organisationId: ORG_ID,
    firm: {
      name: '株式会社テスト商店',
      representative: '山田 太郎',
      industry: '小売業',
      employees: 8,
    },
    kind,
    officerId: OFFICER.id,
    policy: makePolicy(policy),
  };
}

export const ANALYSIS: CommandData<'recordAnalysis'> = {
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

/** A plan starting on `startDate`: sales to grow 10 % a year, for `months`. */
export function planData(startDate: string, months = 36): CommandData<'draftPlan'> {
  const plan: Plan = {
    title: 'EC販路開拓による売上拡大計画',
    startDate,
    months,
    actions: ['ECサイトの開設', '既存顧客への案内'],
    kpis: [
      {
        id: 'monthly-sales',
        name: '月間売上高',
        unit: '千円',
        baseline: 10_000,
        direction: 'higher',
        targets: [{ month: months, value: 10_000 * (1 + 0.1 * (months / 12)) }],
      },
    ],
  };
  return { plan };
}
