// The one set of test fixtures: the actors, the organisation, the firm, its analysis and the
// plans every tier uses, from the domain's specs to the end-to-end tests. Pure data: the domain's
// specs import it too.
import type { Actor } from '../../libs/domain/src/case/actor';
import type { CommandData } from '../../libs/domain/src/case/commands';
import type { Plan } from '../../libs/domain/src/plan/plan';
import { type CaseKind, makePolicy, type Policy } from '../../libs/domain/src/policy/policy';

export const OFFICER: Actor = { role: 'officer', id: 'officer-sato' };
export const MANAGER: Actor = { role: 'manager', id: 'manager-suzuki' };
export const SYSTEM: Actor = { role: 'system', id: 'banso' };
export const ORG_ID = 'org-kanazawa-cci';

export const FIRM = {
  name: '株式会社テスト商店',
  representative: '山田 太郎',
  industry: '小売業',
  employees: 8,
};

export function openData(kind: CaseKind, policy: Partial<Policy> = {}): CommandData<'openCase'> {
  return {
    organisationId: ORG_ID,
    firm: FIRM,
    kind,
    officerId: OFFICER.id,
    policy: makePolicy(policy),
  };
}

export const ANALYSIS = {
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
} satisfies CommandData<'recordAnalysis'>;

/** A plan starting on `startDate`: sales to grow 10 % a year, for `months`. */
export function planData(
  startDate: string,
  months = 36,
  kind: CaseKind = 'standard',
): CommandData<'draftPlan'> {
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
  // A business succession plan names its successor, the hand-over and its milestones.
  return { plan: kind === 'succession' ? { ...plan, succession: SUCCESSION } : plan };
}

/**
 * Twelve months from 2026-04-01 (ends 2027-04-01). Sales (千円) rise 100 a month from 12,000;
 * the cost ratio (%) falls 0.5 a month to 67 at month 6, then to 64 at month 12.
 */
export function samplePlan(months = 12): Plan {
  return {
    title: '販路開拓による売上拡大計画',
    startDate: '2026-04-01',
    months,
    actions: ['ECサイトの開設', '観光客向け新商品の開発'],
    kpis: [
      {
        id: 'sales',
        name: '売上高',
        unit: '千円',
        baseline: 12_000,
        direction: 'higher',
        targets: [{ month: months, value: 12_000 + 100 * months }],
      },
      {
        id: 'cost-ratio',
        name: '原価率',
        unit: '%',
        baseline: 70,
        direction: 'lower',
        targets: [
          { month: months / 2, value: 70 - months / 4 },
          { month: months, value: 70 - months / 2 },
        ],
      },
    ],
  };
}

/** Actuals well ahead of the sample plan on any date. */
export const ON_TRACK = { sales: 20_000, 'cost-ratio': 50 };

/** A founder's analysis with no statements yet: the founding plan's own figures (Rumoi 001). */
export const FOUNDER_ANALYSIS = {
  foundingPlan: {
    foundedOn: '2026-04-01',
    expectedSales: 18_000_000,
    expectedOperatingProfit: 1_200_000,
    fundsNeeded: 6_000_000,
    funding: [
      { source: 'ownFunds', amount: 2_000_000 },
      { source: 'jfcLoan', amount: 4_000_000 },
    ],
  },
  findings: {
    strengths: ['前職での調理経験'],
    weaknesses: ['経営の経験がない'],
    opportunities: ['駅前の再開発'],
    threats: ['競合店の多さ'],
  },
  keyIssues: ['開業資金の確保', '認知度の向上'],
} satisfies CommandData<'recordAnalysis'>;

/** A succession plan's own part: the successor, the hand-over and its milestones. */
export const SUCCESSION = {
  successor: { name: '山田 次郎', relation: '長男' },
  handoverOn: '2028-04-01',
  milestones: [
    { id: 'successor-training', name: '後継者の育成（経営・技術）' },
    { id: 'share-transfer', name: '株式・事業用資産の承継', dueOn: '2028-03-31' },
    { id: 'notify-banks', name: '金融機関・取引先への説明' },
  ],
};
